import type { FastifyInstance, FastifyRequest } from 'fastify';
import { computeResults } from '../results.js';
import type { ServerContext } from '../server.js';
import { singleQuery } from './query.js';

export async function knownSites(ctx: ServerContext): Promise<string[]> {
  const sites = new Set([...(await ctx.store.sites()), ...ctx.configStore.configuredSites(), ...(ctx.sites ?? [])]);
  return [...sites].sort();
}

export function registerResultsRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get('/v1/sites', async (_request, reply) =>
    reply.header('Cache-Control', 'no-store').send({ sites: await knownSites(ctx) }),
  );

  app.get('/v1/experiments/:key/results', async (request: FastifyRequest<{ Params: { key: string } }>, reply) => {
    let site = singleQuery(request, reply, 'site');
    if (site === null) return reply;
    if (!site) {
      const sites = await knownSites(ctx);
      if (sites.length !== 1)
        return reply.code(400).send({ error: `"site" is required (known sites: ${sites.join(', ') || 'none'})` });
      site = sites[0]!;
    }
    const key = request.params.key;
    const definition = ctx.configStore.getConfig(site)?.experiments.find((e) => e.key === key);
    const counts = await ctx.store.counts(site, key);
    if (!counts && !definition) return reply.code(404).send({ error: `unknown experiment "${key}" on site "${site}"` });
    const results = computeResults(
      site,
      key,
      counts ?? { variations: [], multi_exposed_units: 0, bot_units: 0 },
      definition,
    );
    return reply.header('Cache-Control', 'no-store').send(results);
  });
}
