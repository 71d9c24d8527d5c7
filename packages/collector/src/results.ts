import { weightsOf } from './config.js';
import { chiSquareStratified, probabilityBBeatsA, relativeUplift, type Uplift } from './stats.js';
import type { AuditEntry, ExperimentCounts, ExperimentDefinition } from './types.js';

export interface VariationResult {
  variation: number;
  key: string;
  units: number;
  funnel: { product_view: number; add_to_cart: number; begin_checkout: number; purchase: number };
  conversion_rate: number;
  revenue_per_unit_minor: number;
  uplift: Uplift | null;
  p_value: number | null;
  chance_to_win: number | null;
}

export interface ExperimentResults {
  experiment: string;
  site: string;
  metric: 'purchase';
  variations: VariationResult[];
  multi_exposed_units: number;
  bot_units: number;
  /**
   * Units exposed to a variation index the experiment's config does not have (a forged beacon, a
   * client with an outdated config): left out of every row and of the sample-ratio test. Always 0
   * for an experiment without config (its rows are the indices observed).
   */
  out_of_range_units: number;
  srm_p_value: number | null;
  /**
   * The currency of `revenue_per_unit_minor` (ISO 4217): the one currency of the counted purchases,
   * or when there were several, the one with the most counted orders. Null when no counted
   * purchase had a value (or the most common had none, or the store keeps no currencies).
   */
  currency: string | null;
  /**
   * True when counted purchases came in more than one currency (a purchase with a value and no
   * currency counts as one more): `revenue_per_unit_minor` then holds the purchases in `currency`
   * only, never a sum across currencies.
   */
  mixed_currencies: boolean;
  /**
   * How many periods with different weights the sample-ratio test split the units into (by the
   * time of their first exposure): 1 when the weights never changed while units were being exposed.
   */
  weight_periods: number;
}

/** Weights in force from `start` (ms; the first period from −Infinity) until the next period's start. */
export interface WeightPeriod {
  start: number;
  weights: number[];
}

/**
 * An experiment's weights over time from its site's config history (the audit log, any order):
 * a new period wherever its effective weights (`weightsOf`: set, or equal over its variations)
 * changed. Entries without the experiment change nothing. The first period reaches back to the
 * beginning of time (units exposed before any config are tested against the first weights), and
 * the last holds `current`, the weights in force now.
 */
export function weightPeriods(history: AuditEntry[], key: string, current: ExperimentDefinition): WeightPeriod[] {
  const periods: WeightPeriod[] = [];
  for (const entry of [...history].sort((a, b) => a.id - b.id)) {
    const definition = entry.after.experiments.find((e) => e.key === key);
    if (!definition) continue;
    const weights = weightsOf(definition);
    if (periods.length === 0 || !sameSplit(periods.at(-1)!.weights, weights))
      periods.push({ start: periods.length === 0 ? -Infinity : entry.at, weights });
  }
  const now = weightsOf(current);
  if (periods.length === 0) periods.push({ start: -Infinity, weights: now });
  // a history that ends elsewhere (cut short, kept by another store): the current weights from its end
  else if (!sameSplit(periods.at(-1)!.weights, now))
    periods.push({ start: Math.max(...history.map((e) => e.at)), weights: now });
  return periods;
}

/** Whether two weight lists split units the same way (the same proportions, to 1e-9). */
function sameSplit(a: number[], b: number[]): boolean {
  const sa = a.reduce((s, w) => s + w, 0);
  const sb = b.reduce((s, w) => s + w, 0);
  return a.length === b.length && a.every((w, i) => Math.abs(w / sa - b[i]! / sb) < 1e-9);
}

/**
 * Which currency the revenue is reported in, and each variation's revenue in it (null: the store
 * keeps no currencies, use its totals). Only the listed variations' orders count.
 */
function revenueCurrency(
  counts: ExperimentCounts,
  variations: number,
): { currency: string | null; mixed: boolean; revenue: Map<number, number> | null } {
  if (!counts.revenue_by_currency) return { currency: null, mixed: false, revenue: null };
  const counted = counts.revenue_by_currency.filter((c) => c.variation < variations);
  const orders = new Map<string | null, number>();
  for (const c of counted) orders.set(c.currency, (orders.get(c.currency) ?? 0) + c.orders);
  // most orders first; on a tie a known currency before none, then by code
  let currency: string | null = null;
  let most = -1;
  for (const [code, n] of orders)
    if (n > most || (n === most && (currency === null || (code !== null && code < currency)))) {
      currency = code;
      most = n;
    }
  const revenue = new Map<number, number>();
  for (const c of counted)
    if (c.currency === currency) revenue.set(c.variation, (revenue.get(c.variation) ?? 0) + c.revenue_minor);
  return { currency, mixed: orders.size > 1, revenue };
}

/**
 * The results shape of CONTRACTS.md from a store's raw counts and the experiment's config (for the
 * variation keys and the weights the sample-ratio test expects; equal weights when unconfigured).
 */
export function computeResults(
  site: string,
  key: string,
  counts: ExperimentCounts,
  definition: ExperimentDefinition | undefined,
  periods?: WeightPeriod[],
): ExperimentResults {
  // configured: the config's variations, whatever was exposed; else the indices observed (at least 2)
  const n = definition ? definition.variations.length : Math.max(2, ...counts.variations.map((v) => v.variation + 1));
  let outOfRange = 0;
  for (const v of counts.variations) if (v.variation >= n) outOfRange += v.units;
  const byIndex = new Map(counts.variations.map((v) => [v.variation, v]));
  const money = revenueCurrency(counts, n);
  const rows = Array.from({ length: n }, (_, i) => {
    const c = byIndex.get(i);
    return {
      variation: i,
      key: definition?.variations[i] ?? String(i),
      units: c?.units ?? 0,
      funnel: {
        product_view: c?.product_view ?? 0,
        add_to_cart: c?.add_to_cart ?? 0,
        begin_checkout: c?.begin_checkout ?? 0,
        purchase: c?.purchase ?? 0,
      },
      revenue: (money.revenue ? money.revenue.get(i) : c?.revenue_minor) ?? 0,
    };
  });
  const control = rows[0]!;
  const variations = rows.map((row): VariationResult => {
    const base = {
      variation: row.variation,
      key: row.key,
      units: row.units,
      funnel: row.funnel,
      conversion_rate: row.units > 0 ? row.funnel.purchase / row.units : 0,
      revenue_per_unit_minor: row.units > 0 ? row.revenue / row.units : 0,
    };
    if (row.variation === 0 || row.units === 0 || control.units === 0)
      return { ...base, uplift: null, p_value: null, chance_to_win: null };
    const stats = relativeUplift(
      { conversions: control.funnel.purchase, units: control.units },
      { conversions: row.funnel.purchase, units: row.units },
    );
    const chance = probabilityBBeatsA(
      1 + control.funnel.purchase,
      1 + control.units - control.funnel.purchase,
      1 + row.funnel.purchase,
      1 + row.units - row.funnel.purchase,
    );
    return { ...base, uplift: stats?.uplift ?? null, p_value: stats?.p_value ?? null, chance_to_win: chance };
  });
  const srm = sampleRatio(
    rows.map((r) => r.units),
    counts,
    definition && periods && periods.length > 1
      ? periods
      : [{ start: -Infinity, weights: definition ? weightsOf(definition) : rows.map(() => 1 / n) }],
  );
  return {
    experiment: key,
    site,
    metric: 'purchase',
    variations,
    multi_exposed_units: counts.multi_exposed_units,
    bot_units: counts.bot_units,
    out_of_range_units: outOfRange,
    currency: money.currency,
    mixed_currencies: money.mixed,
    srm_p_value: srm.p,
    weight_periods: srm.periods,
  };
}

/**
 * The sample-ratio test: the units of the rows against the weights, or with several weight
 * periods, each period's units against that period's weights (`chiSquareStratified`: cells
 * period × variation, degrees of freedom summed over the periods that have units). Variations a
 * period's weights do not name get weight 0 there; rows beyond them are not in the test. Without
 * the store's split (`counts.periods`) a test over several periods cannot be made: null.
 */
function sampleRatio(
  units: number[],
  counts: ExperimentCounts,
  periods: WeightPeriod[],
): { p: number | null; periods: number } {
  const n = units.length;
  if (units.every((u) => u === 0)) return { p: null, periods: 1 }; // nothing to test yet
  const fit = (weights: number[]) => Array.from({ length: n }, (_, i) => weights[i] ?? 0);
  if (periods.length === 1)
    return { p: chiSquareStratified([{ observed: units, weights: fit(periods[0]!.weights) }]), periods: 1 };
  if (!counts.periods) return { p: null, periods: periods.length };
  const observed = periods.map(() => new Array<number>(n).fill(0));
  for (const c of counts.periods)
    if (c.variation < n && c.period < periods.length) observed[c.period]![c.variation]! += c.units;
  const strata = periods
    .map((period, i) => ({ observed: observed[i]!, weights: fit(period.weights) }))
    .filter((stratum) => stratum.observed.some((u) => u > 0));
  return { p: chiSquareStratified(strata), periods: Math.max(1, strata.length) };
}
