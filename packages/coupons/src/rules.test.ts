/** The rule model, one behaviour at a time, on small carts whose figures can be checked by hand. */
import { describe, expect, it } from 'vitest';
import { allocate, solve, type Cart, type Coupon, type SolveContext } from '@vitrine/coupons';

const NOW = Date.parse('2026-11-25T12:00:00Z');
const ctx: SolveContext = { now: NOW, timeZone: 'UTC' };
const cart: Cart = {
  currency: 'USD',
  shipping: 800,
  lines: [
    { id: 'shirt', productId: 'shirt', categories: ['apparel'], unitPrice: 2500, quantity: 2 }, // 50.00
    { id: 'socks', productId: 'socks', categories: ['apparel'], unitPrice: 500, quantity: 3 }, // 15.00
    { id: 'book', productId: 'book', categories: ['books'], unitPrice: 3500, quantity: 1 }, // 35.00
  ],
};
const one = (c: Coupon, x: SolveContext = ctx, k: Cart = cart) => solve(k, [c], x);
const saved = (c: Coupon, x?: SolveContext, k?: Cart) => one(c, x, k).savings;

describe('coupon kinds', () => {
  it('fixed: the amount, never more than its scope is worth', () => {
    expect(saved({ id: 'f', kind: 'fixed', amount: 700 })).toBe(700);
    expect(saved({ id: 'f', kind: 'fixed', amount: 9000, scope: { products: ['socks'] } })).toBe(1500);
  });
  it('percent: rounded down, capped', () => {
    expect(saved({ id: 'p', kind: 'percent', bp: 1250 })).toBe(1250); // 12.5 % of 100.00
    expect(saved({ id: 'p', kind: 'percent', bp: 333, scope: { categories: ['books'] } })).toBe(116); // 116.55 → 116
    expect(saved({ id: 'p', kind: 'percent', bp: 5000, cap: 2000 })).toBe(2000);
  });
  it('threshold: at the boundary it applies, one cent under it does not', () => {
    expect(saved({ id: 't', kind: 'threshold', spend: 10000, amount: 1000 })).toBe(1000);
    expect(saved({ id: 't', kind: 'threshold', spend: 10001, amount: 1000 })).toBe(0);
  });
  it('repeating: every step counts, up to the cap', () => {
    expect(saved({ id: 'r', kind: 'repeating', every: 3000, amount: 500 })).toBe(1500); // 3 × 30.00 in 100.00
    expect(saved({ id: 'r', kind: 'repeating', every: 3000, amount: 500, cap: 1200 })).toBe(1200);
    expect(saved({ id: 'r', kind: 'repeating', every: 2500, amount: 500 })).toBe(2000); // exactly 4 steps
  });
  it('tiered: the highest tier reached', () => {
    const tiers = [
      { spend: 5000, amount: 500 },
      { spend: 10000, amount: 1500 },
      { spend: 20000, amount: 4000 },
    ];
    expect(saved({ id: 't', kind: 'tiered', tiers })).toBe(1500);
  });
  it('free shipping: the fee, up to its cap', () => {
    expect(saved({ id: 's', kind: 'free-shipping' })).toBe(800);
    expect(saved({ id: 's', kind: 'free-shipping', cap: 500 })).toBe(500);
    expect(one({ id: 's', kind: 'free-shipping' }, ctx, { ...cart, shipping: 0 }).unused[0]!.reason.code).toBe(
      'no-saving',
    );
  });
  it('buy-x-get-y: the cheapest units in scope are free', () => {
    // apparel units: 25, 25, 5, 5, 5 → buy 2 get 1: one free unit → 5.00
    expect(saved({ id: 'b', kind: 'buy-x-get-y', buy: 2, get: 1, scope: { categories: ['apparel'] } })).toBe(500);
    // buy 1 get 1 over everything (6 units): three cheapest free → 5+5+5
    expect(saved({ id: 'b', kind: 'buy-x-get-y', buy: 1, get: 1 })).toBe(1500);
  });
  it('minimum quantity and minimum spend', () => {
    const r = one({ id: 'q', kind: 'fixed', amount: 100, scope: { products: ['socks'] }, minQuantity: 4 });
    expect(r.unused[0]!.reason).toEqual({ code: 'below-min-quantity', required: 4, actual: 3, short: 1 });
    expect(saved({ id: 'm', kind: 'fixed', amount: 100, scope: { categories: ['apparel'] }, minSpend: 6500 })).toBe(
      100,
    );
    expect(saved({ id: 'm', kind: 'fixed', amount: 100, scope: { categories: ['apparel'] }, minSpend: 6501 })).toBe(0);
  });
});

describe('eligibility and time', () => {
  it('validity: start inclusive, expiry exclusive', () => {
    expect(saved({ id: 'v', kind: 'fixed', amount: 100, validFrom: NOW })).toBe(100);
    expect(one({ id: 'v', kind: 'fixed', amount: 100, validFrom: NOW + 1 }).unused[0]!.reason).toEqual({
      code: 'not-yet-valid',
      startsAt: NOW + 1,
    });
    expect(one({ id: 'v', kind: 'fixed', amount: 100, validUntil: '2026-11-25T12:00:00Z' }).unused[0]!.reason).toEqual({
      code: 'expired',
      expiredAt: NOW,
    });
  });
  it('new customers and member tiers', () => {
    const c: Coupon = { id: 'n', kind: 'fixed', amount: 100, newCustomersOnly: true };
    expect(saved(c, { ...ctx, customer: { isNew: true } })).toBe(100);
    expect(saved(c)).toBe(0);
    const g: Coupon = { id: 'g', kind: 'fixed', amount: 100, memberTiers: ['gold'] };
    expect(saved(g, { ...ctx, customer: { tier: 'gold' } })).toBe(100);
    expect(one(g, { ...ctx, customer: { tier: 'silver' } }).unused[0]!.reason).toEqual({
      code: 'not-eligible',
      requirement: 'member-tier',
      tiers: ['gold'],
    });
  });
  it('scope that matches nothing', () => {
    expect(one({ id: 'x', kind: 'fixed', amount: 100, scope: { products: ['hat'] } }).unused[0]!.reason).toEqual({
      code: 'no-matching-items',
      scope: { products: ['hat'] },
    });
  });
});

describe('stacking', () => {
  it('order coupons read what product coupons left; shipping reads what order coupons left', () => {
    const s = solve(
      cart,
      [
        { id: 'book-10', kind: 'fixed', amount: 1000, scope: { products: ['book'] } },
        { id: 'order-10pct', kind: 'percent', bp: 1000 },
        { id: 'ship-over-80', kind: 'free-shipping', minSpend: 8000 },
      ],
      ctx,
    );
    // product: 100.00 − 10.00 = 90.00; order: 10 % of 90.00 = 9.00 → 81.00 ≥ 80.00: free shipping.
    expect(s.applied.map((a) => [a.id, a.amount])).toEqual([
      ['book-10', 1000],
      ['order-10pct', 900],
      ['ship-over-80', 800],
    ]);
  });

  it('the threshold basis decides whether an order threshold reads list prices or the discounted amount', () => {
    const wallet: Coupon[] = [
      { id: 'apparel-10', kind: 'fixed', amount: 1000, scope: { categories: ['apparel'] } },
      { id: 'spend-100', kind: 'threshold', spend: 10000, amount: 1500 },
    ];
    // Discounted (default): the two clash (100.00 − 10.00 < 100.00); 15.00 alone beats 10.00 alone.
    const d = solve(cart, wallet, ctx);
    expect(d.applied.map((a) => a.id)).toEqual(['spend-100']);
    expect(d.unused[0]).toMatchObject({ id: 'apparel-10', reason: { code: 'not-better' } });
    // List: both apply.
    const l = solve(cart, wallet, { ...ctx, thresholdBasis: { order: 'list' } });
    expect(l.savings).toBe(2500);
  });

  it('exclusive groups: one per group, the better one', () => {
    const s = solve(
      cart,
      [
        { id: 'a', kind: 'fixed', amount: 1000, group: 'store' },
        { id: 'b', kind: 'fixed', amount: 1200, group: 'store' },
      ],
      ctx,
    );
    expect(s.applied.map((a) => a.id)).toEqual(['b']);
    expect(s.unused[0]!.reason).toEqual({ code: 'excluded', rule: 'exclusive-group', by: ['b'], group: 'store' });
  });

  it('"combines with" needs both sides to allow', () => {
    const platform: Coupon = { id: 'plat', kind: 'fixed', amount: 1000, tags: ['platform'], combinesWith: ['store'] };
    const store: Coupon = { id: 'store', kind: 'fixed', amount: 500, tags: ['store'] };
    const other: Coupon = { id: 'bank', kind: 'fixed', amount: 400, tags: ['bank'] };
    const s = solve(cart, [platform, store, other], ctx);
    // plat + store = 15.00 beats store + bank = 9.00; bank cannot join plat.
    expect(s.applied.map((a) => a.id)).toEqual(['plat', 'store']);
    expect(s.unused[0]!.reason).toEqual({ code: 'excluded', rule: 'combines-with', by: ['plat'] });
    // A coupon that combines with nothing stands alone.
    const alone = solve(cart, [{ ...store, combinesWith: [] }, other], ctx);
    expect(alone.applied.map((a) => a.id)).toEqual(['store']);
  });

  it('per-class and per-order limits', () => {
    const wallet: Coupon[] = [
      { id: 'o1', kind: 'fixed', amount: 300 },
      { id: 'o2', kind: 'fixed', amount: 200 },
      { id: 'o3', kind: 'fixed', amount: 100 },
      { id: 'ship', kind: 'free-shipping' },
    ];
    const s = solve(cart, wallet, { ...ctx, limits: { order: 1 } });
    expect(s.applied.map((a) => a.id)).toEqual(['o1', 'ship']);
    expect(s.unused[0]!.reason).toEqual({ code: 'excluded', rule: 'class-limit', by: ['o1'] });
    const t = solve(cart, wallet, { ...ctx, limits: { perOrder: 2 } });
    expect(t.applied.map((a) => a.id)).toEqual(['o1', 'ship']);
    expect(t.unused.map((u) => u.reason.code)).toEqual(['excluded', 'excluded']);
  });

  it('ties: fewer coupons, then the sooner expiry, then the id', () => {
    const two: Coupon[] = [
      { id: 'x', kind: 'fixed', amount: 500 },
      { id: 'y', kind: 'fixed', amount: 500 },
      { id: 'z', kind: 'fixed', amount: 1000, group: 'g' },
    ];
    expect(solve(cart, two, { ...ctx, limits: { perOrder: 2 } }).applied.map((a) => a.id)).toEqual(['x', 'z']);
    const exp: Coupon[] = [
      { id: 'late', kind: 'fixed', amount: 500, validUntil: NOW + 2000, group: 'g' },
      { id: 'soon', kind: 'fixed', amount: 500, validUntil: NOW + 1000, group: 'g' },
    ];
    expect(solve(cart, exp, ctx).applied.map((a) => a.id)).toEqual(['soon']);
    const ids: Coupon[] = [
      { id: 'b', kind: 'fixed', amount: 500, group: 'g' },
      { id: 'a', kind: 'fixed', amount: 500, group: 'g' },
    ];
    expect(solve(cart, ids, ctx).applied.map((a) => a.id)).toEqual(['a']);
  });

  it('overlapping product coupons never take a line below zero', () => {
    const s = solve(
      cart,
      [
        { id: 'a', kind: 'fixed', amount: 1200, scope: { products: ['socks'] } },
        { id: 'b', kind: 'fixed', amount: 1000, scope: { categories: ['apparel'] } },
      ],
      ctx,
    );
    const socks = s.allocation.lines.find((l) => l.lineId === 'socks')!;
    expect(socks.total).toBeGreaterThanOrEqual(0);
    expect(s.savings).toBe(2200);
  });

  it('a hand-picked coupon is kept even when the best would drop it', () => {
    const wallet: Coupon[] = [
      { id: 'small', kind: 'fixed', amount: 300, group: 'g' },
      { id: 'big', kind: 'fixed', amount: 900, group: 'g' },
    ];
    const s = solve(cart, wallet, { ...ctx, require: ['small'] });
    expect(s.applied.map((a) => a.id)).toEqual(['small']);
    expect(s.unused[0]!.reason).toEqual({ code: 'excluded', rule: 'exclusive-group', by: ['small'], group: 'g' });
    expect(s.alternatives.map((a) => a.couponIds)).toEqual([]);
  });
});

describe('allocate', () => {
  it('splits each discount over its lines by largest remainder, class by class', () => {
    const a = allocate(cart, [
      { id: 'apparel', class: 'product', amount: 1000, lineIds: ['shirt', 'socks'] },
      { id: 'order', class: 'order', amount: 999 },
      { id: 'ship', class: 'shipping', amount: 300 },
    ]);
    // apparel 10.00 over 50.00 / 15.00 → 769.23 / 230.77 → 769 / 231
    // order 9.99 over what is left (42.31, 12.69, 35.00 = 90.00) → 469.6 / 140.8 / 388.5 → 470 / 141 / 388
    expect(a.lines.map((l) => [l.lineId, l.discount, l.total])).toEqual([
      ['shirt', 769 + 470, 5000 - 769 - 470],
      ['socks', 231 + 141, 1500 - 231 - 141],
      ['book', 388, 3500 - 388],
    ]);
    expect(a.shipping).toEqual({ fee: 800, discount: 300, total: 500, byCoupon: [{ couponId: 'ship', amount: 300 }] });
  });

  it('round-trips a solution: the refund basis of what solve applied', () => {
    const s = solve(
      cart,
      [
        { id: 'p', kind: 'percent', bp: 1500 },
        { id: 's', kind: 'free-shipping' },
      ],
      ctx,
    );
    expect(allocate(cart, s.applied)).toEqual(s.allocation);
  });
});

describe('hand-picked coupons that cannot be honoured', () => {
  it('explains a required coupon that clashes with an earlier required one, and one that cannot apply', () => {
    const wallet: Coupon[] = [
      { id: 'a', kind: 'fixed', amount: 300, group: 'g' },
      { id: 'b', kind: 'fixed', amount: 900, group: 'g' },
      { id: 'c', kind: 'threshold', spend: 50000, amount: 5000 },
    ];
    const s = solve(cart, wallet, { ...ctx, require: ['a', 'b', 'c'] });
    expect(s.applied.map((x) => x.id)).toEqual(['a']);
    expect(s.unused).toEqual([
      {
        id: 'b',
        class: 'order',
        kind: 'fixed',
        reason: { code: 'excluded', rule: 'exclusive-group', by: ['a'], group: 'g' },
        message: 'Cannot be combined with a (same group "g").',
      },
      {
        id: 'c',
        class: 'order',
        kind: 'threshold',
        // Order coupons all read what the product class left (100.00), not each other's result.
        reason: { code: 'below-threshold', threshold: 50000, amount: 10000, short: 40000, basis: 'discounted' },
        message: 'Spend 500.00 on qualifying items (after earlier discounts); 400.00 short.',
      },
    ]);
  });
});
