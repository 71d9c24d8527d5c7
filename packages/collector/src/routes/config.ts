import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { describeChange, validateConfig } from '../config.js';
import type { ServerContext } from '../server.js';
import type { SiteConfig } from '../types.js';
import { SITE } from '../validate.js';
import { singleQuery } from './query.js';

export function configBody(ctx: ServerContext, site: string): { body: string; etag: string } {
  const config: SiteConfig = ctx.configStore.getConfig(site) ?? { v: 1, site, experiments: [] };
  const body = JSON.stringify(config);
  return { body, etag: etagOf(body) };
}

function etagOf(body: string): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
}

/** RFC 9110 If-None-Match / If-Match: a list of (possibly weak) tags or `*`. */
function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

export function registerConfigRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const siteError = (site: string) =>
    !SITE.test(site) ? 'invalid site name' : ctx.sites && !ctx.sites.has(site) ? `site "${site}" is not allowed` : null;

  app.get('/v1/config/:site', async (request: FastifyRequest<{ Params: { site: string } }>, reply) => {
    const error = siteError(request.params.site);
    if (error) return reply.code(error.startsWith('invalid') ? 400 : 403).send({ error });
    const { body, etag } = configBody(ctx, request.params.site);
    reply.header('ETag', etag).header('Cache-Control', 'no-cache');
    if (matches(request.headers['if-none-match'], etag)) return reply.code(304).send();
    return reply.type('application/json; charset=utf-8').send(body);
  });

  app.put(
    '/v1/config/:site',
    async (request: FastifyRequest<{ Params: { site: string }; Body: string | undefined }>, reply) => {
      if (!ctx.isAdmin(request))
        return reply.code(401).send({ error: 'admin token required (Authorization: Bearer …)' });
      const site = request.params.site;
      const error = siteError(site);
      if (error) return reply.code(error.startsWith('invalid') ? 400 : 403).send({ error });
      let input: unknown;
      try {
        input = JSON.parse(request.body ?? '');
      } catch {
        return reply
          .code(400)
          .send({ error: 'body is not JSON', problems: [{ path: '', reason: 'body is not JSON' }] });
      }
      const current = configBody(ctx, site);
      const ifMatch = request.headers['if-match'];
      if (ifMatch && !matches(ifMatch, current.etag))
        return reply.code(412).send({ error: 'the config changed since it was read; reload and try again' });
      const result = validateConfig(input, site);
      if ('problems' in result) {
        const status = typeof input === 'object' && input !== null && !Array.isArray(input) ? 422 : 400;
        return reply.code(status).send({ error: 'invalid config', problems: result.problems });
      }
      const before = ctx.configStore.getConfig(site);
      const entry = ctx.configStore.putConfig(site, result.config, describeChange(before, result.config), ctx.now());
      const saved = configBody(ctx, site);
      return reply
        .header('ETag', saved.etag)
        .type('application/json; charset=utf-8')
        .send(JSON.stringify({ config: result.config, audit: { id: entry.id, at: entry.at, summary: entry.summary } }));
    },
  );

  // Lets the dashboard check a token before the first change (204 or 401), without writing anything.
  app.get('/v1/admin/check', async (request, reply) =>
    ctx.isAdmin(request) ? reply.code(204).send() : reply.code(401).send({ error: 'wrong admin token' }),
  );

  app.get('/v1/audit/:site', async (request: FastifyRequest<{ Params: { site: string } }>, reply) => {
    const given = singleQuery(request, reply, 'limit');
    if (given === null) return reply;
    const limit = Math.min(500, Math.max(1, Number(given ?? 50) || 50));
    return reply
      .header('Cache-Control', 'no-store')
      .send({ entries: ctx.configStore.audit(request.params.site, limit) });
  });
}
