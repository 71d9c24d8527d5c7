import { describe, expect, it } from 'vitest';
import { CouponInputError, solve, type Cart, type Coupon } from '@vitrine/coupons';

const cart: Cart = {
  currency: 'CNY',
  shipping: 1000,
  lines: [
    { id: 'kettle', unitPrice: 19900, quantity: 1, categories: ['kitchen'] },
    { id: 'mug', unitPrice: 4500, quantity: 2, categories: ['kitchen'] },
  ],
};

describe('solve (simple cases)', () => {
  it('applies the larger of two exclusive coupons and explains the other', () => {
    const coupons: Coupon[] = [
      { id: 'a', kind: 'fixed', amount: 1000, group: 'g' },
      { id: 'b', kind: 'percent', bp: 1000, group: 'g' },
    ];
    const s = solve(cart, coupons, { now: 0 });
    expect(s.applied.map((a) => [a.id, a.amount])).toEqual([['b', 2890]]);
    expect(s.totals).toEqual({ subtotal: 28900, discount: 2890, shipping: 1000, total: 27010 });
    expect(s.unused).toEqual([
      expect.objectContaining({
        id: 'a',
        reason: { code: 'excluded', rule: 'exclusive-group', by: ['b'], group: 'g' },
      }),
    ]);
  });

  it('throws CouponInputError naming the field', () => {
    expect(() => solve({ ...cart, lines: [{ id: 'x', unitPrice: 1.5, quantity: 1 }] }, [])).toThrow(CouponInputError);
    let caught: unknown;
    try {
      solve({ ...cart, lines: [{ id: 'x', unitPrice: 100, quantity: 0 }] }, []);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(CouponInputError);
    expect((caught as CouponInputError).field).toBe('cart.lines[0].quantity');
  });
});
