import type { FastifyInstance, FastifyRequest } from 'fastify';
import { computeResults, weightPeriods, type WeightPeriod } from '../results.js';
import type { AuditEntry, ExperimentDefinition } from '../types.js';
import type { ServerContext } from '../server.js';
import { singleQuery } from './query.js';

export async function knownSites(ctx: ServerContext): Promise<string[]> {
  const sites = new Set([...(await ctx.store.sites()), ...ctx.configStore.configuredSites(), ...(ctx.sites ?? [])]);
  return [...sites].sort();
}

/** Config changes read for the weight history of a site (the audit log keeps every one). */
const HISTORY_LIMIT = 100_000;

export function registerResultsRoutes(app: FastifyInstance, ctx: ServerContext): void {
  // A site's config history, read again only when it has a new entry (each entry holds two whole
  // configs: the dashboard asks for results every few seconds).
  const histories = new Map<string, { newest: number; entries: AuditEntry[] }>();
  const history = (site: string): AuditEntry[] => {
    const newest = ctx.configStore.audit(site, 1)[0]?.id ?? 0;
    const cached = histories.get(site);
    if (cached?.newest === newest) return cached.entries;
    const entries = ctx.configStore.audit(site, HISTORY_LIMIT);
    histories.set(site, { newest, entries });
    return entries;
  };
  const periodsOf = (site: string, key: string, definition: ExperimentDefinition | undefined): WeightPeriod[] =>
    definition ? weightPeriods(history(site), key, definition) : [];

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
    // when the weights changed, the units are split by the time of their first exposure
    const periods = periodsOf(site, key, definition);
    const periodStarts = periods.slice(1).map((p) => p.start);
    const counts = await ctx.store.counts(site, key, periodStarts.length > 0 ? { periodStarts } : undefined);
    if (!counts && !definition) return reply.code(404).send({ error: `unknown experiment "${key}" on site "${site}"` });
    const results = computeResults(
      site,
      key,
      counts ?? { variations: [], multi_exposed_units: 0, bot_units: 0 },
      definition,
      periods,
    );
    return reply.header('Cache-Control', 'no-store').send(results);
  });
}
