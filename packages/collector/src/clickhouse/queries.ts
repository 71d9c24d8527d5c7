/**
 * The SQL of the ClickHouse store (ClickHouse 18.16 dialect: no CTEs over tables, joins by USING,
 * no query parameters — values go through `quote`).
 *
 * Exact although ClickHouse deduplicates only when it merges parts (at a time of its choosing, and
 * never across partitions): the table may hold several copies of one `event_id` — two collectors
 * racing on a replayed batch, before a merge, or copies received on different days. The copies
 * are the same event (a client never regenerates an `event_id`; a retry re-sends the same
 * event), so every aggregate here is chosen to give the same answer whether a row is seen once or
 * several times ("uniqExact-style"):
 *
 * - per unit: `count…If(…) > 0`, `max`, `min`, `min != max` — never a plain count or sum of rows;
 * - revenue: purchases grouped by order key (`order_id`, or `event_id` when it has none), one row
 *   per order taken with `argMax(…, ver)` — the first stored purchase, as the SQLite store keeps
 *   it — then summed per unit;
 * - event counts (erasure) are `uniqExact(event_id)`.
 *
 * This reads the table once per aggregation, with no intermediate one-row-per-event_id step. That
 * step (`argMax(col, ver) … GROUP BY event_id`, or `FINAL`, which only collapses copies inside a
 * partition) made the results query 6–10× more CPU-hungry in measurements on 100 000 events, and it
 * only matters if two copies of one `event_id` disagree — which retries never do.
 */
import { periodStartMinute, VIEW_LOOKBACK_MS } from '../types.js';
import { identifier, quote } from './http.js';

/** One row of `countsQuery`: a group of exposed units sharing (variation or -1 when multi-exposed, bot). */
export interface CountsRow {
  v: number;
  bot: number;
  /** The period of the units' first exposure (0 unless period starts were given). */
  period: number;
  units: number;
  product_view: number;
  add_to_cart: number;
  begin_checkout: number;
  purchase: number;
  revenue: number;
  /** Counted orders by currency (`currencyCode`), as `sumMap` gives them: [codes, counts]. */
  cur_orders: [number[], number[]];
  /** Their revenue by currency: [codes, sums] (codes whose sum is 0 are left out by `sumMap`). */
  cur_revenue: [number[], number[]];
}

/**
 * A currency as `reinterpretAsUInt32` of its code gives it (the three ASCII letters little-endian;
 * 0 for no currency): ClickHouse 18.16's `sumMap` takes numeric keys only.
 */
export function currencyFromCode(code: number): string | null {
  return code === 0 ? null : String.fromCharCode(code & 0xff, (code >>> 8) & 0xff, (code >>> 16) & 0xff);
}

/**
 * Raw per-variation counts of one experiment, following the unit rules of the SQLite store:
 *
 * - a unit is an `anonymous_id` of the site with at least one exposure to the experiment; its
 *   first exposure is the smallest exposure `ts`; it is multi-exposed when its exposures name more
 *   than one variation; it is a bot when any of its events in the site is flagged;
 * - a funnel step counts the unit when its LATEST event of that type is at or after the first
 *   exposure (i.e. at least one such event is); a product view from `VIEW_LOOKBACK_MS` before it;
 * - revenue: purchases deduplicated by order key keeping the first stored one (its unit, time,
 *   value and currency), summed per unit when at or after the unit's first exposure; also by
 *   currency (`cur_orders`, `cur_revenue`), leaving out orders with neither currency nor value;
 * - with `periodStarts`, the groups are split by the period of the minute of the first exposure.
 *
 * Only the events of units exposed to this experiment are read (an `IN` on the exposures), so a
 * site's other traffic costs little.
 */
export function countsQuery(table: string, site: string, experiment: string, periodStarts: number[] = []): string {
  const t = identifier(table);
  // the period of the minute of the first exposure, as the SQLite store's experiment_starts gives it
  const minutes = periodStarts.map((start) => Math.trunc(periodStartMinute(start)));
  const conditions = minutes.map((m, i) => `intDiv(first_ts, 60000) >= ${m}, ${i + 1}`).reverse();
  const period = minutes.length === 0 ? '0' : `multiIf(${conditions.join(', ')}, 0)`;
  const s = quote(site);
  const x = quote(experiment);
  // an order counts for its currency at or after the first exposure, unless it has neither a
  // currency nor a value (the SQLite store's experiment_revenue rule)
  const counted = 'ot >= first_ts AND (oc != 0 OR ov != 0)';
  const steps = [1, 2, 3, 4].map(
    (code) => `countIf(step = ${code}) AS n${code}, maxIf(ts, step = ${code}) AS ts${code}`,
  );
  return `SELECT
  if(multi, -1, var0) AS v,
  bot,
  ${period} AS period,
  count() AS units,
  sum(n1 > 0 AND ts1 >= first_ts - ${VIEW_LOOKBACK_MS}) AS product_view,
  sum(n2 > 0 AND ts2 >= first_ts) AS add_to_cart,
  sum(n3 > 0 AND ts3 >= first_ts) AS begin_checkout,
  sum(n4 > 0 AND ts4 >= first_ts) AS purchase,
  sum(arraySum(arrayMap((ot, ov) -> if(ot >= first_ts, ov, 0), o_ts, o_value))) AS revenue,
  sumMap(arrayFilter((oc, ot, ov) -> ${counted}, o_cur, o_ts, o_value),
    arrayMap(oc -> toInt64(1), arrayFilter((oc, ot, ov) -> ${counted}, o_cur, o_ts, o_value))) AS cur_orders,
  sumMap(arrayFilter((oc, ot, ov) -> ${counted}, o_cur, o_ts, o_value),
    arrayFilter((ov, ot, oc) -> ${counted}, o_value, o_ts, o_cur)) AS cur_revenue
FROM
(
  SELECT
      anonymous_id AS unit,
      max(is_bot) AS bot,
      countIf(exposed) AS exposures,
      minIf(ts, exposed) AS first_ts,
      minIf(variation, exposed) != maxIf(variation, exposed) AS multi,
      minIf(variation, exposed) AS var0,
      ${steps.join(',\n      ')}
  FROM
  (
    SELECT
        anonymous_id, is_bot, ts, variation,
        type = 'exposure' AND experiment = ${x} AS exposed,
        transform(type, ['product_view', 'add_to_cart', 'begin_checkout', 'purchase'], [1, 2, 3, 4], 0) AS step
    FROM ${t}
    WHERE site = ${s}
      AND anonymous_id IN (SELECT anonymous_id FROM ${t} WHERE site = ${s} AND type = 'exposure' AND experiment = ${x})
  )
  GROUP BY anonymous_id
  HAVING exposures > 0
)
ANY LEFT JOIN
(
  SELECT o_unit AS unit, groupArray(o_ts1) AS o_ts, groupArray(o_value1) AS o_value, groupArray(o_cur1) AS o_cur
  FROM
  (
    SELECT
        if(order_id = '', event_id, order_id) AS o_key,
        argMax(anonymous_id, ver) AS o_unit,
        argMax(ts, ver) AS o_ts1,
        argMax(ifNull(value_minor, 0), ver) AS o_value1,
        argMax(reinterpretAsUInt32(visitParamExtractString(extra, 'currency')), ver) AS o_cur1
    FROM ${t}
    WHERE site = ${s} AND type = 'purchase'
    GROUP BY o_key
  )
  GROUP BY o_unit
) USING unit
GROUP BY v, bot, period
ORDER BY v, bot, period`;
}

/** Which of these event ids are stored already (in any copy). */
export function existingIdsQuery(table: string, ids: string[]): string {
  return `SELECT DISTINCT event_id AS id FROM ${identifier(table)} WHERE event_id IN (${ids.map(quote).join(',')})`;
}

/** Sites that have events. */
export function sitesQuery(table: string): string {
  return `SELECT DISTINCT site FROM ${identifier(table)} ORDER BY site`;
}

/** How many events (distinct ids) belong to one anonymous id, across sites. */
export function unitEventsQuery(table: string, anonymousId: string): string {
  return `SELECT uniqExact(event_id) AS n FROM ${identifier(table)} WHERE anonymous_id = ${quote(anonymousId)}`;
}

/** The day partitions (UTC, `YYYYMMDD`) holding only events received before `cutoff`, with their event counts. */
export function expiredPartitionsQuery(table: string, cutoff: number): string {
  const day = `toYYYYMMDD(toDateTime(intDiv(received_at, 1000), 'UTC'))`;
  const cutoffDay = `toYYYYMMDD(toDateTime(intDiv(toInt64(${Math.trunc(cutoff)}), 1000), 'UTC'))`;
  return `SELECT ${day} AS day, uniqExact(event_id) AS n FROM ${identifier(table)}
WHERE ${day} < ${cutoffDay}
GROUP BY day ORDER BY day`;
}
