/**
 * The simulated shoppers' behaviour, shared by the browser simulator (`pnpm simulate`) and the
 * fast coverage check. Everything is driven by a seeded PRNG, so a seed gives the same shoppers,
 * the same ids (hence the same assignments) and the same decisions.
 *
 * The funnel: every shopper views the product; adds to cart with P = 0.30; begins checkout with
 * P = 0.60 of those; purchases with P = 0.45 in the control (`table`) and 0.45 × (1 + TRUE_UPLIFT)
 * in the treatment (`guide`). The true relative uplift in conversion (purchasers / units) is
 * therefore exactly TRUE_UPLIFT.
 */
export const TRUE_UPLIFT = 0.15;
export const EXPERIMENT = 'spec-vs-guide';
export const P_CART = 0.3;
export const P_CHECKOUT = 0.6;
export const P_PURCHASE_CONTROL = 0.45;
export const PRODUCT = { id: 'aoki-qcm-12', priceMinor: 69900, currency: 'CNY' } as const;

/** mulberry32: a small, well-known 32-bit PRNG; plenty for simulated behaviour. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Shopper {
  index: number;
  anonymousId: string;
  /** Uniform draws that decide the funnel steps (compared with the probabilities above). */
  draws: [number, number, number];
}

/** The shoppers of one seed: ids and decisions fixed before anyone is assigned. */
export function shoppers(seed: number, count: number): Shopper[] {
  const random = prng(seed);
  return Array.from({ length: count }, (_, index) => ({
    index,
    anonymousId: `sim-${seed}-${index}-${Math.floor(random() * 2 ** 32).toString(36)}`,
    draws: [random(), random(), random()],
  }));
}

export type Step = 'product_view' | 'add_to_cart' | 'begin_checkout' | 'purchase';

/** How far a shopper in `variation` (0 control, 1 treatment) goes down the funnel. */
export function journey(shopper: Shopper, variation: number): Step[] {
  const steps: Step[] = ['product_view'];
  if (shopper.draws[0] >= P_CART) return steps;
  steps.push('add_to_cart');
  if (shopper.draws[1] >= P_CHECKOUT) return steps;
  steps.push('begin_checkout');
  const pPurchase = variation === 1 ? P_PURCHASE_CONTROL * (1 + TRUE_UPLIFT) : P_PURCHASE_CONTROL;
  if (shopper.draws[2] < pPurchase) steps.push('purchase');
  return steps;
}
