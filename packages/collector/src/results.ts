import { weightsOf } from './config.js';
import { chiSquareGoodnessOfFit, probabilityBBeatsA, relativeUplift, type Uplift } from './stats.js';
import type { ExperimentCounts, ExperimentDefinition } from './types.js';

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
  const weights = definition ? weightsOf(definition) : rows.map(() => 1 / n);
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
    srm_p_value: chiSquareGoodnessOfFit(
      rows.map((r) => r.units),
      weights,
    ),
  };
}
