/**
 * The worked example of the README: a kitchen store on a marketplace, merchant time zone
 * Asia/Shanghai, prices in CNY (fen). Every figure below is worked out by hand in the README.
 */
import { describe, expect, it } from 'vitest';
import { solve, type Cart, type Coupon, type SolveContext } from '@vitrine/coupons';

export const cart: Cart = {
  currency: 'CNY',
  shipping: 1200,
  lines: [
    { id: 'kettle', unitPrice: 19900, quantity: 1, categories: ['kitchen'] },
    { id: 'mug', unitPrice: 4500, quantity: 2, categories: ['kitchen'] },
    { id: 'tea', unitPrice: 6800, quantity: 1, categories: ['tea'] },
  ],
};

export const wallet: Coupon[] = [
  // Store coupon: ¥20 off kitchen items once they reach ¥199 (product class).
  {
    id: 'store-20',
    label: '¥20 off kitchen ≥ ¥199',
    kind: 'threshold',
    spend: 19900,
    amount: 2000,
    scope: { categories: ['kitchen'] },
    group: 'store',
  },
  // Platform threshold discount: every ¥300 saves ¥40, up to ¥120 (order class, on what the store coupon left).
  {
    id: 'platform-300-40',
    label: '¥40 off every ¥300',
    kind: 'repeating',
    every: 30000,
    amount: 4000,
    cap: 12000,
    group: 'platform',
  },
  // A bigger platform coupon, same group: ¥60 off ¥400.
  { id: 'platform-400-60', label: '¥60 off ¥400', kind: 'threshold', spend: 40000, amount: 6000, group: 'platform' },
  // Free shipping over ¥99.
  { id: 'free-ship', label: 'Free shipping over ¥99', kind: 'free-shipping', minSpend: 9900 },
  // Late-night coupon: 10 % off, up to ¥30, 23:00–01:00 Shanghai time.
  {
    id: 'late-night',
    label: 'Night owl 10 %',
    kind: 'percent',
    bp: 1000,
    cap: 3000,
    windows: [{ start: '23:00', end: '01:00' }],
  },
  // For first orders only.
  { id: 'welcome-50', label: '¥50 welcome', kind: 'fixed', amount: 5000, newCustomersOnly: true },
];

const at = (iso: string): SolveContext => ({
  now: Date.parse(iso),
  timeZone: 'Asia/Shanghai',
  customer: { isNew: false },
});

describe('worked example: store + platform threshold + free shipping + late-night', () => {
  it('at 23:30 Shanghai time applies all four', () => {
    const s = solve(cart, wallet, at('2026-11-25T23:30:00+08:00'));
    expect(s.applied.map((a) => [a.id, a.class, a.amount])).toEqual([
      ['store-20', 'product', 2000],
      ['late-night', 'order', 3000], // 10 % of 337.00 = 33.70, capped at 30.00
      ['platform-300-40', 'order', 4000], // 337.00 holds one 300.00
      ['free-ship', 'shipping', 1200],
    ]);
    expect(s.classes).toEqual({
      product: { base: 35700, discount: 2000, after: 33700 },
      order: { base: 33700, discount: 7000, after: 26700 },
      shipping: { base: 1200, discount: 1200, after: 0 },
    });
    expect(s.totals).toEqual({ subtotal: 35700, discount: 10200, shipping: 1200, total: 26700 });
    expect(s.savings).toBe(10200);
    // The store coupon's 20.00 over kettle (199.00) and mugs (90.00) by largest remainder:
    // 1377.16… and 622.84… → 1377 and 623.
    const share = (line: string, id: string) =>
      s.allocation.lines.find((l) => l.lineId === line)!.byCoupon.find((b) => b.couponId === id)?.amount;
    expect([share('kettle', 'store-20'), share('mug', 'store-20'), share('tea', 'store-20')]).toEqual([
      1377,
      623,
      undefined,
    ]);
    expect(s.allocation.lines.reduce((a, l) => a + l.total, 0) + s.allocation.shipping.total).toBe(26700);
    expect(s.unused.map((u) => [u.id, u.reason])).toEqual([
      [
        'platform-400-60',
        { code: 'below-threshold', threshold: 40000, amount: 33700, short: 6300, basis: 'discounted' },
      ],
      ['welcome-50', { code: 'not-eligible', requirement: 'new-customer' }],
    ]);
    expect(s.nudges.map((n) => [n.couponId, n.extraSpend, n.gain, n.message])).toEqual([
      ['platform-400-60', 6300, 2000, 'Add 63.00 to save 20.00 more.'],
      ['platform-300-40', 26300, 4000, 'Add 263.00 to save 40.00 more.'],
    ]);
  });

  it('at 14:00 the late-night coupon is outside its window', () => {
    const s = solve(cart, wallet, at('2026-11-25T14:00:00+08:00'));
    expect(s.applied.map((a) => [a.id, a.amount])).toEqual([
      ['store-20', 2000],
      ['platform-300-40', 4000],
      ['free-ship', 1200],
    ]);
    expect(s.totals).toEqual({ subtotal: 35700, discount: 7200, shipping: 1200, total: 29700 });
    const late = s.unused.find((u) => u.id === 'late-night')!;
    expect(late.reason).toEqual({
      code: 'outside-window',
      windows: [{ start: '23:00', end: '01:00' }],
      timeZone: 'Asia/Shanghai',
      localTime: '14:00',
    });
    expect(late.message).toBe('Only valid 23:00–01:00 (Asia/Shanghai); it is 14:00 now.');
  });

  it('at 00:30 the next day the window is still open; at 01:00 it has closed', () => {
    expect(solve(cart, wallet, at('2026-11-26T00:30:00+08:00')).applied.map((a) => a.id)).toContain('late-night');
    expect(solve(cart, wallet, at('2026-11-26T01:00:00+08:00')).applied.map((a) => a.id)).not.toContain('late-night');
  });

  it('a new customer gets the welcome coupon too, and the alternatives show other choices', () => {
    const s = solve(cart, wallet, { ...at('2026-11-25T23:30:00+08:00'), customer: { isNew: true } });
    expect(s.applied.map((a) => a.id)).toContain('welcome-50');
    expect(s.savings).toBe(15200);
    for (const alt of s.alternatives) {
      expect(alt.savings).toBeLessThanOrEqual(s.savings);
      expect(alt.totals.total).toBe(alt.totals.subtotal + alt.totals.shipping - alt.savings);
    }
  });
});
