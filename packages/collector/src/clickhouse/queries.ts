/**
 * The SQL of the ClickHouse store (ClickHouse 18.16 dialect: no CTEs over tables, joins by USING,
 * no query parameters — values go through `quote`).
 *
 * Exactness without FINAL: ClickHouse replaces rows with the same sorting key only when it merges
 * parts, at a time of its choosing, so any table may hold several copies of one `event_id` (two
 * collectors racing on a replayed batch, or copies that landed in different day partitions). Every
 * query that counts therefore reads events through `deduped(…)`: one row per `event_id`, every
 * column taken from the same copy — the one with the highest `ver` (`argMax(col, ver)`), which is
 * also the copy a merge keeps. `FINAL` would do the same, but 18.16 runs it as a single-threaded
 * merge at read time; `GROUP BY event_id` uses every core and lets the filters below prune first.
 *
 * The one Nullable column, `value_minor`, is turned into a plain value (`ifNull`) BEFORE `argMax`:
 * ClickHouse aggregate functions skip NULL arguments, so `argMax(value_minor, ver)` would take the
 * value of another copy when the winning copy has none.
 */
import { identifier, quote } from './http.js';

/** Raw rows (a superset of what is wanted) → one row per event_id from its winning copy, then `having`. */
function deduped(table: string, rawFilter: string, having: string): string {
  const t = identifier(table);
  return `SELECT
      event_id AS e_id,
      argMax(site, ver) AS e_site,
      argMax(type, ver) AS e_type,
      argMax(ts, ver) AS e_ts,
      argMax(anonymous_id, ver) AS e_unit,
      argMax(experiment, ver) AS e_exp,
      argMax(variation, ver) AS e_var,
      argMax(order_id, ver) AS e_order,
      argMax(ifNull(value_minor, 0), ver) AS e_value,
      argMax(is_bot, ver) AS e_bot,
      max(ver) AS e_ver
    FROM ${t}
    WHERE event_id IN (SELECT event_id FROM ${t} WHERE ${rawFilter})
    GROUP BY event_id
    HAVING ${having}`;
}

const FUNNEL = [
  ['product_view', 'pv'],
  ['add_to_cart', 'ac'],
  ['begin_checkout', 'bc'],
  ['purchase', 'pu'],
] as const;

/** One row of `countsQuery`: a group of exposed units sharing (variation or -1 when multi-exposed, bot). */
export interface CountsRow {
  v: number;
  bot: number;
  units: number;
  product_view: number;
  add_to_cart: number;
  begin_checkout: number;
  purchase: number;
  revenue: number;
}

/**
 * Raw per-variation counts of one experiment, following the unit rules of the SQLite store:
 *
 * - a unit is an `anonymous_id` of the site with at least one exposure to the experiment; its
 *   first exposure is the smallest exposure `ts`; it is multi-exposed when its exposures name more
 *   than one variation; it is a bot when any of its events in the site is flagged;
 * - a funnel step counts the unit when its LATEST event of that type is at or after the first
 *   exposure (i.e. at least one such event is);
 * - revenue: purchases are deduplicated by `order_id` (by `event_id` when it has none) keeping the
 *   first stored purchase (its unit, time and value), then summed per unit when at or after the
 *   unit's first exposure.
 *
 * The raw filter reads only the events of units that have an exposure row for this experiment (a
 * superset of the deduplicated exposed units), so other experiments' traffic costs little.
 */
export function countsQuery(table: string, site: string, experiment: string): string {
  const t = identifier(table);
  const s = quote(site);
  const x = quote(experiment);
  const exposed = `site = ${s} AND anonymous_id IN (SELECT anonymous_id FROM ${t} WHERE site = ${s} AND type = 'exposure' AND experiment = ${x})`;
  const isExposure = `e_type = 'exposure' AND e_exp = ${x}`;
  const funnelColumns = FUNNEL.map(
    ([type, k]) => `countIf(e_type = '${type}') AS ${k}_n, maxIf(e_ts, e_type = '${type}') AS ${k}_ts`,
  ).join(',\n      ');
  const funnelSums = FUNNEL.map(([type, k]) => `sum(${k}_n > 0 AND ${k}_ts >= first_ts) AS ${type}`).join(',\n  ');
  return `SELECT
  if(multi, -1, variation) AS v,
  bot,
  count() AS units,
  ${funnelSums},
  sum(arraySum(arrayMap((ot, ov) -> if(ot >= first_ts, ov, 0), o_ts, o_value))) AS revenue
FROM
(
  SELECT
      e_unit AS unit,
      max(e_bot) AS bot,
      countIf(${isExposure}) AS exposures,
      minIf(e_ts, ${isExposure}) AS first_ts,
      uniqExactIf(e_var, ${isExposure}) > 1 AS multi,
      anyIf(e_var, ${isExposure}) AS variation,
      ${funnelColumns}
  FROM (${deduped(table, exposed, `e_site = ${s}`)})
  GROUP BY e_unit
  HAVING exposures > 0
)
ANY LEFT JOIN
(
  SELECT o_unit AS unit, groupArray(o_ts1) AS o_ts, groupArray(o_value1) AS o_value
  FROM
  (
    SELECT
        if(e_order = '', e_id, e_order) AS o_key,
        argMax(e_unit, e_ver) AS o_unit,
        argMax(e_ts, e_ver) AS o_ts1,
        argMax(e_value, e_ver) AS o_value1
    FROM (${deduped(table, `site = ${s} AND type = 'purchase'`, `e_site = ${s} AND e_type = 'purchase'`)})
    GROUP BY o_key
  )
  GROUP BY o_unit
) USING unit
GROUP BY v, bot
ORDER BY v, bot`;
}

/** Which of these event ids are stored already (in any copy). */
export function existingIdsQuery(table: string, ids: string[]): string {
  return `SELECT DISTINCT event_id AS id FROM ${identifier(table)} WHERE event_id IN (${ids.map(quote).join(',')})`;
}

/** Sites that have events (by each event's winning copy). */
export function sitesQuery(table: string): string {
  return `SELECT s AS site FROM (SELECT argMax(site, ver) AS s FROM ${identifier(table)} GROUP BY event_id) GROUP BY s ORDER BY s`;
}

/** How many events (deduplicated) belong to one anonymous id, across sites. */
export function unitEventsQuery(table: string, anonymousId: string): string {
  const t = identifier(table);
  const u = quote(anonymousId);
  return `SELECT count() AS n FROM (
  SELECT argMax(anonymous_id, ver) AS u FROM ${t}
  WHERE event_id IN (SELECT event_id FROM ${t} WHERE anonymous_id = ${u})
  GROUP BY event_id
) WHERE u = ${u}`;
}

/** The day partitions (UTC, `YYYYMMDD`) holding only events received before `cutoff`, with their row counts. */
export function expiredPartitionsQuery(table: string, cutoff: number): string {
  const day = `toYYYYMMDD(toDateTime(intDiv(received_at, 1000), 'UTC'))`;
  const cutoffDay = `toYYYYMMDD(toDateTime(intDiv(toInt64(${Math.trunc(cutoff)}), 1000), 'UTC'))`;
  return `SELECT ${day} AS day, count() AS n FROM ${identifier(table)}
WHERE ${day} < ${cutoffDay}
GROUP BY day ORDER BY day`;
}
