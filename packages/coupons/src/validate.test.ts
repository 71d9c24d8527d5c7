import { describe, expect, it } from 'vitest';
import { allocate, CouponInputError, solve, type Cart, type Coupon, type SolveContext } from '@vitrine/coupons';

const cart: Cart = { currency: 'CNY', shipping: 0, lines: [{ id: 'a', unitPrice: 1000, quantity: 1 }] };
const ok: Coupon = { id: 'x', kind: 'fixed', amount: 100 };

function fieldOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof CouponInputError) return e.field;
    throw e;
  }
  return '(no error)';
}

describe('bad input throws CouponInputError naming the field', () => {
  const cases: [string, () => unknown, string][] = [
    ['unknown currency', () => solve({ ...cart, currency: 'XXX' }, []), 'cart.currency'],
    [
      'negative price',
      () => solve({ ...cart, lines: [{ id: 'a', unitPrice: -1, quantity: 1 }] }, []),
      'cart.lines[0].unitPrice',
    ],
    [
      'fractional price',
      () => solve({ ...cart, lines: [{ id: 'a', unitPrice: 9.99, quantity: 1 }] }, []),
      'cart.lines[0].unitPrice',
    ],
    [
      'NaN price',
      () => solve({ ...cart, lines: [{ id: 'a', unitPrice: NaN, quantity: 1 }] }, []),
      'cart.lines[0].unitPrice',
    ],
    [
      'quantity 0',
      () => solve({ ...cart, lines: [{ id: 'a', unitPrice: 1, quantity: 0 }] }, []),
      'cart.lines[0].quantity',
    ],
    [
      'duplicate line ids',
      () =>
        solve(
          {
            ...cart,
            lines: [
              { id: 'a', unitPrice: 1, quantity: 1 },
              { id: 'a', unitPrice: 2, quantity: 1 },
            ],
          },
          [],
        ),
      'cart.lines[1].id',
    ],
    ['negative shipping', () => solve({ ...cart, shipping: -5 }, []), 'cart.shipping'],
    ['duplicate coupon ids', () => solve(cart, [ok, ok]), 'coupons[1].id'],
    ['unknown kind', () => solve(cart, [{ ...ok, kind: 'bogus' } as unknown as Coupon]), 'coupons[0].kind'],
    ['fractional amount', () => solve(cart, [{ id: 'x', kind: 'fixed', amount: 0.5 }]), 'coupons[0].amount'],
    ['percent over 100 %', () => solve(cart, [{ id: 'x', kind: 'percent', bp: 10001 }]), 'coupons[0].bp'],
    ['negative cap', () => solve(cart, [{ id: 'x', kind: 'percent', bp: 100, cap: -1 }]), 'coupons[0].cap'],
    ['repeat of 0', () => solve(cart, [{ id: 'x', kind: 'repeating', every: 0, amount: 1 }]), 'coupons[0].every'],
    [
      'tiers out of order',
      () =>
        solve(cart, [
          {
            id: 'x',
            kind: 'tiered',
            tiers: [
              { spend: 500, amount: 10 },
              { spend: 100, amount: 20 },
            ],
          },
        ]),
      'coupons[0].tiers[1].spend',
    ],
    [
      'bad window',
      () => solve(cart, [{ ...ok, windows: [{ start: '25:00', end: '01:00' }] }]),
      'coupons[0].windows[0].start',
    ],
    [
      'bad day',
      () => solve(cart, [{ ...ok, windows: [{ start: '10:00', end: '11:00', days: [7] }] }]),
      'coupons[0].windows[0].days[0]',
    ],
    ['bad date', () => solve(cart, [{ ...ok, validUntil: 'next week' }]), 'coupons[0].validUntil'],
    [
      'scope on an order coupon',
      () => solve(cart, [{ ...ok, class: 'order', scope: { products: ['a'] } }]),
      'coupons[0].scope',
    ],
    ['unknown time zone', () => solve(cart, [ok], { timeZone: 'Mars/Olympus' }), 'context.timeZone'],
    ['NaN now', () => solve(cart, [ok], { now: NaN }), 'context.now'],
    ['negative limit', () => solve(cart, [ok], { limits: { perOrder: -1 } }), 'context.limits.perOrder'],
    [
      'bad basis',
      () => solve(cart, [ok], { thresholdBasis: { order: 'net' } } as unknown as SolveContext),
      'context.thresholdBasis.order',
    ],
    ['require an unknown id', () => solve(cart, [ok], { require: ['nope'] }), 'context.require[0]'],
    [
      'allocate more than a line holds',
      () => allocate(cart, [{ id: 'x', class: 'order', amount: 1001 }]),
      'applied[0].amount',
    ],
    [
      'allocate to an unknown line',
      () => allocate(cart, [{ id: 'x', class: 'product', amount: 1, lineIds: ['zz'] }]),
      'applied[0].lineIds[0]',
    ],
  ];
  it.each(cases)('%s', (_, fn, field) => {
    expect(fieldOf(fn)).toBe(field);
  });

  it('says what is wrong in the message', () => {
    expect(() => solve({ ...cart, lines: [{ id: 'a', unitPrice: 1.5, quantity: 1 }] }, [])).toThrow(
      'cart.lines[0].unitPrice: must be an integer (minor units), got 1.5',
    );
  });

  it('refuses the holes of sparse arrays like undefined entries', () => {
    /** [a, <hole>, b] */
    const holey = <T>(a: T, b: T): T[] => {
      const out = [a];
      out[2] = b;
      return out;
    };
    const line = cart.lines[0]!;
    expect(1 in holey(0, 2)).toBe(false);
    expect(fieldOf(() => solve({ ...cart, lines: holey(line, { ...line, id: 'b' }) }, []))).toBe('cart.lines[1]');
    expect(fieldOf(() => solve({ ...cart, lines: [{ ...line, categories: holey('k', 'm') }] }, []))).toBe(
      'cart.lines[0].categories[1]',
    );
    expect(fieldOf(() => solve(cart, holey(ok, { ...ok, id: 'y' })))).toBe('coupons[1]');
    const windows = [{ start: '10:00', end: '11:00', days: holey(1, 2) }];
    expect(fieldOf(() => solve(cart, [{ ...ok, windows }]))).toBe('coupons[0].windows[0].days[1]');
    const tiers = holey({ spend: 100, amount: 5 }, { spend: 500, amount: 50 });
    expect(fieldOf(() => solve(cart, [{ id: 't', kind: 'tiered', tiers }]))).toBe('coupons[0].tiers[1]');
    expect(fieldOf(() => solve(cart, [ok], { require: holey('x', 'x') }))).toBe('context.require[1]');
  });

  it('accepts zero-price lines and an empty cart', () => {
    expect(solve({ ...cart, lines: [{ id: 'gift', unitPrice: 0, quantity: 1 }] }, [ok]).savings).toBe(0);
    expect(solve({ currency: 'JPY', lines: [] }, [ok]).totals).toEqual({
      subtotal: 0,
      discount: 0,
      shipping: 0,
      total: 0,
    });
  });
});
