import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { solve, type Solution } from '@vitrine/coupons';
import { cartArb, contextArb, walletArb } from './test-utils/arbitraries.js';
import { refEvaluate, refFeasible, refRanked } from './test-utils/reference.js';

const RUNS = Number(process.env.VITRINE_FC_RUNS ?? 400);

function checkAllocation(s: Solution) {
  const lines = s.allocation.lines;
  for (const l of lines) {
    expect(l.total).toBeGreaterThanOrEqual(0);
    expect(l.list - l.discount).toBe(l.total);
    expect(l.byCoupon.reduce((a, b) => a + b.amount, 0)).toBe(l.discount);
  }
  const sh = s.allocation.shipping;
  expect(sh.total).toBeGreaterThanOrEqual(0);
  expect(lines.reduce((a, l) => a + l.discount, 0) + sh.discount).toBe(s.totals.discount);
  for (const a of s.applied) {
    const shares = [...lines.flatMap((l) => l.byCoupon), ...sh.byCoupon].filter((x) => x.couponId === a.id);
    expect(shares.reduce((x, y) => x + y.amount, 0)).toBe(a.amount);
  }
}

describe('solve equals the brute-force reference', () => {
  it('on random carts and wallets (best combination, its amounts, totals, allocation)', () => {
    fc.assert(
      fc.property(
        cartArb.chain((cart) => fc.tuple(fc.constant(cart), walletArb(cart, 9), contextArb)),
        ([cart, coupons, ctx]) => {
          const s = solve(cart, coupons, ctx);
          const ref = refRanked(cart, coupons, ctx)[0]!;
          expect(s.savings).toBe(ref.savings);
          expect(s.applied.map((a) => a.id).sort()).toEqual(ref.ids);
          for (const a of s.applied) expect(a.amount).toBe(ref.amounts[a.id]);
          const subtotal = cart.lines.reduce((a, l) => a + l.unitPrice * l.quantity, 0);
          expect(s.totals).toEqual({
            subtotal,
            discount: ref.savings,
            shipping: cart.shipping ?? 0,
            total: subtotal + (cart.shipping ?? 0) - ref.savings,
          });
          checkAllocation(s);
          // Alternatives: feasible, evaluated right, ranked, never better than the best, each
          // using a coupon the best does not.
          let prev = Infinity;
          for (const alt of s.alternatives) {
            const subset = coupons.filter((c) => alt.couponIds.includes(c.id));
            expect(refFeasible(subset, ctx)).toBe(true);
            expect(refEvaluate(cart, subset, ctx).savings).toBe(alt.savings);
            expect(alt.savings).toBeLessThanOrEqual(prev);
            prev = alt.savings;
            expect(alt.couponIds.some((id) => !ref.ids.includes(id))).toBe(true);
          }
          // Every wallet coupon is either applied or explained.
          expect(s.applied.length + s.unused.length).toBe(coupons.length);
        },
      ),
      { numRuns: RUNS },
    );
  }, 300_000);

  it('nudges: each one holds exactly (the best saving of the grown cart), cheapest first, each saving more', () => {
    fc.assert(
      fc.property(
        cartArb.chain((cart) => fc.tuple(fc.constant(cart), walletArb(cart, 7), contextArb)),
        ([cart, coupons, ctx]) => {
          const s = solve(cart, coupons, ctx);
          let prevExtra = 0;
          let prevGain = 0;
          for (const n of s.nudges) {
            expect(n.extraSpend).toBeGreaterThan(0);
            expect(n.extraSpend).toBeGreaterThanOrEqual(prevExtra);
            expect(n.gain).toBeGreaterThan(prevGain);
            expect(n.savings).toBe(s.savings + n.gain);
            prevExtra = n.extraSpend;
            prevGain = n.gain;
            const extra = {
              id: 'extra',
              productId: n.scope?.products?.[0] ?? 'extra',
              categories: n.scope?.categories?.length ? [n.scope.categories[0]!] : [],
              unitPrice: n.extraSpend,
              quantity: 1,
            };
            const grown = { ...cart, lines: [...cart.lines, extra] };
            expect(refRanked(grown, coupons, ctx)[0]!.savings).toBe(n.savings);
          }
        },
      ),
      { numRuns: Math.ceil(RUNS / 2) },
    );
  }, 300_000);

  it('with a coupon picked by hand (require)', () => {
    fc.assert(
      fc.property(
        cartArb.chain((cart) => fc.tuple(fc.constant(cart), walletArb(cart, 7), contextArb, fc.nat())),
        ([cart, coupons, ctx, pick]) => {
          fc.pre(coupons.length > 0);
          const id = coupons[pick % coupons.length]!.id;
          const c = { ...ctx, require: [id] };
          const s = solve(cart, coupons, c);
          const ranked = refRanked(cart, coupons, c);
          // The hand-picked coupon is honoured whenever it can save something.
          const best = ranked[0];
          if (best && best.amounts[id]! > 0) {
            expect(s.savings).toBe(best.savings);
            expect(s.applied.map((a) => a.id)).toContain(id);
          } else expect(s.applied.map((a) => a.id)).not.toContain(id);
        },
      ),
      { numRuns: Math.ceil(RUNS / 2) },
    );
  }, 300_000);
});
