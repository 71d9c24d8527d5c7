/** fast-check generators of carts, wallets and contexts that hit the edges: thresholds at, one under and one over the cart's amounts, caps, repeats, groups, zero-price lines. */
import fc from 'fast-check';
import type { Cart, Coupon, SolveContext } from '../types.js';

export const NOW = Date.parse('2026-11-25T23:30:00+08:00');
const PRODUCTS = ['p1', 'p2', 'p3', 'p4'];
const CATEGORIES = ['c1', 'c2', 'c3'];

export const cartArb: fc.Arbitrary<Cart> = fc
  .record({
    currency: fc.constantFrom('CNY', 'JPY', 'KWD', 'USD'),
    shipping: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 1500 })),
    lines: fc.array(
      fc.record({
        productId: fc.constantFrom(...PRODUCTS),
        categories: fc.subarray(CATEGORIES),
        unitPrice: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 20_000 }), fc.integer({ min: 1, max: 99 })),
        quantity: fc.integer({ min: 1, max: 4 }),
      }),
      { minLength: 0, maxLength: 6 },
    ),
  })
  .map((c) => ({ ...c, lines: c.lines.map((l, i) => ({ ...l, id: `l${i}` })) }));

/** Amounts near what the cart is worth, so thresholds sit on their boundaries. */
function amountArb(cart: Cart): fc.Arbitrary<number> {
  const totals = [cart.lines.reduce((a, l) => a + l.unitPrice * l.quantity, 0)];
  for (const l of cart.lines) totals.push(l.unitPrice * l.quantity);
  const near = totals
    .flatMap((t) => [t, t + 1, Math.max(1, t - 1), Math.max(1, Math.floor(t / 2))])
    .filter((x) => x > 0);
  return fc.oneof(fc.constantFrom(...(near.length ? near : [1])), fc.integer({ min: 1, max: 40_000 }));
}

/** `arb` in `tenths`/10 of the cases, else undefined. */
function sometimes<T>(arb: fc.Arbitrary<T>, tenths: number): fc.Arbitrary<T | undefined> {
  return fc.oneof({ arbitrary: fc.constant(undefined), weight: 10 - tenths }, { arbitrary: arb, weight: tenths });
}

function couponArb(cart: Cart, id: string): fc.Arbitrary<Coupon> {
  const amt = amountArb(cart);
  const kind: fc.Arbitrary<Partial<Coupon>> = fc.oneof(
    fc.record({ kind: fc.constant('fixed' as const), amount: amt }),
    fc.record(
      { kind: fc.constant('percent' as const), bp: fc.integer({ min: 1, max: 10_000 }), cap: amt },
      { requiredKeys: ['kind', 'bp'] },
    ),
    fc.record({ kind: fc.constant('threshold' as const), spend: amt, amount: amt }),
    fc.record(
      { kind: fc.constant('repeating' as const), every: amt, amount: amt, cap: amt },
      { requiredKeys: ['kind', 'every', 'amount'] },
    ),
    fc.uniqueArray(amt, { minLength: 1, maxLength: 3 }).chain((spends) =>
      fc.array(amt, { minLength: spends.length, maxLength: spends.length }).map((amounts) => ({
        kind: 'tiered' as const,
        tiers: [...spends].sort((a, b) => a - b).map((spend, i) => ({ spend, amount: amounts[i]! })),
      })),
    ),
    fc.record({ kind: fc.constant('free-shipping' as const), cap: amt }, { requiredKeys: ['kind'] }),
    fc.record({
      kind: fc.constant('buy-x-get-y' as const),
      buy: fc.integer({ min: 1, max: 3 }),
      get: fc.integer({ min: 1, max: 2 }),
    }),
  );
  const common = fc.record({
    class: sometimes(fc.constantFrom('product' as const, 'order' as const), 4),
    scope: sometimes(
      fc.record(
        { products: fc.subarray(PRODUCTS, { minLength: 1 }), categories: fc.subarray(CATEGORIES) },
        { requiredKeys: [] },
      ),
      4,
    ),
    minSpend: sometimes(amt, 2),
    minQuantity: sometimes(fc.integer({ min: 1, max: 6 }), 1),
    group: sometimes(fc.constantFrom('g1', 'g2'), 4),
    tags: sometimes(fc.subarray(['store', 'platform']), 4),
    combinesWith: sometimes(fc.subarray(['store', 'platform', 'k0', 'k1', 'k2', 'k3']), 2),
    validUntil: fc.oneof(
      { arbitrary: fc.constant(undefined), weight: 5 },
      { arbitrary: fc.constantFrom(NOW + 1, NOW + 3_600_000, NOW + 86_400_000), weight: 4 },
      { arbitrary: fc.constantFrom(NOW - 1, NOW), weight: 1 },
    ),
    validFrom: sometimes(fc.constantFrom(NOW - 86_400_000, NOW, NOW + 1), 1),
    windows: sometimes(
      fc.constantFrom(
        [{ start: '23:00', end: '01:00' }],
        [{ start: '14:00', end: '15:00' }],
        [{ start: '23:30', end: '23:31', days: [3] }],
        [{ start: '15:30', end: '15:30' }],
      ),
      1,
    ),
    newCustomersOnly: sometimes(fc.boolean(), 1),
    memberTiers: sometimes(fc.constantFrom(['gold'], ['silver', 'gold']), 1),
  });
  return fc.tuple(kind, common).map(([k, c]) => {
    const defined = Object.fromEntries(Object.entries(c).filter(([, v]) => v !== undefined));
    const coupon = { id, ...defined, ...k } as Coupon;
    // Only product-class coupons may carry a scope.
    if (coupon.kind === 'free-shipping' || (coupon.kind !== 'buy-x-get-y' && coupon.class === 'order'))
      delete coupon.scope;
    return coupon;
  });
}

export function walletArb(cart: Cart, max: number): fc.Arbitrary<Coupon[]> {
  return fc
    .integer({ min: 0, max })
    .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => couponArb(cart, `k${i}`))));
}

export const contextArb: fc.Arbitrary<SolveContext> = fc.record(
  {
    now: fc.constant(NOW),
    timeZone: fc.constantFrom('Asia/Shanghai', 'UTC', 'America/New_York'),
    customer: fc.record({ isNew: fc.boolean(), tier: fc.constantFrom('gold', 'silver') }, { requiredKeys: [] }),
    limits: fc
      .record({
        perOrder: sometimes(fc.integer({ min: 0, max: 4 }), 3),
        product: sometimes(fc.integer({ min: 0, max: 2 }), 2),
        order: sometimes(fc.integer({ min: 1, max: 2 }), 2),
        shipping: sometimes(fc.integer({ min: 0, max: 1 }), 1),
      })
      .map((l) => Object.fromEntries(Object.entries(l).filter(([, v]) => v !== undefined))),
    thresholdBasis: fc.record(
      {
        order: fc.constantFrom('list' as const, 'discounted' as const),
        shipping: fc.constantFrom('list' as const, 'discounted' as const),
      },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: ['now'] },
);
