/**
 * Seeded generators of benchmark instances (see solve.bench.ts for what each case models).
 */
import type { Cart, Coupon, SolveContext } from '../src/index.js';

export function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const NOW = Date.parse('2026-11-25T23:30:00+08:00');
const CATEGORIES = Array.from({ length: 10 }, (_, i) => `cat${i}`);

export function makeCart(r: () => number, lines: number): Cart {
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  return {
    currency: 'CNY',
    shipping: 1000,
    lines: Array.from({ length: lines }, (_, i) => ({
      id: `line${i}`,
      productId: `sku${int(0, 59)}`,
      categories: [CATEGORIES[int(0, 9)]!],
      unitPrice: int(5, 500) * 100,
      quantity: int(1, 3),
    })),
  };
}

export function makeCoupon(r: () => number, id: string, subtotal: number): Coupon {
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const cat = () => CATEGORIES[int(0, 9)]!;
  const expiry = { validUntil: NOW + int(1, 30) * 86_400_000 };
  const x = r();
  if (x < 0.35) {
    const scope = r() < 0.7 ? { categories: [cat()] } : { products: [`sku${int(0, 59)}`, `sku${int(0, 59)}`] };
    const k = r();
    if (k < 0.3) return { id, kind: 'percent', bp: int(5, 30) * 100, cap: int(10, 80) * 100, scope, ...expiry };
    if (k < 0.55) return { id, kind: 'fixed', amount: int(5, 50) * 100, scope, ...expiry };
    if (k < 0.85)
      return { id, kind: 'threshold', spend: int(10, 100) * 1000, amount: int(10, 60) * 100, scope, ...expiry };
    return { id, kind: 'buy-x-get-y', buy: int(1, 3), get: 1, scope, ...expiry };
  }
  if (x < 0.85) {
    const spend = Math.max(1000, Math.floor((subtotal * (0.3 + r())) / 1000) * 1000);
    const k = r();
    if (k < 0.3) return { id, kind: 'threshold', spend, amount: int(20, 300) * 100, ...expiry };
    if (k < 0.55)
      return {
        id,
        kind: 'repeating',
        every: int(2, 5) * 10_000,
        amount: int(2, 6) * 1000,
        cap: int(5, 30) * 1000,
        ...expiry,
      };
    if (k < 0.75)
      return {
        id,
        kind: 'tiered',
        tiers: [
          { spend: Math.floor(spend / 2), amount: int(10, 50) * 100 },
          { spend, amount: int(60, 200) * 100 },
          { spend: spend * 2, amount: int(210, 500) * 100 },
        ],
        ...expiry,
      };
    if (k < 0.9) return { id, kind: 'percent', bp: int(3, 15) * 100, cap: int(20, 100) * 100, ...expiry };
    return { id, kind: 'percent', bp: 1000, cap: 3000, windows: [{ start: '23:00', end: '01:00' }], ...expiry };
  }
  return { id, kind: 'free-shipping', minSpend: int(0, 20) * 1000, ...expiry };
}

/**
 * A 100-line cart and a 30-coupon wallet grouped the way shops and platforms issue them: each
 * order-class coupon belongs to its issuer's exclusive group (store, platform, bank, member) or
 * to none (one in five), product coupons are per item group or free-standing, free shipping is
 * one group; some platform coupons combine only with store coupons. `open` drops every group
 * and rule (a stress case: 30 coupons that all stack).
 */
export function instance30(seed: number, open = false): [Cart, Coupon[], SolveContext] {
  const r = rng(seed);
  const cart = makeCart(r, 100);
  const subtotal = cart.lines.reduce((a, l) => a + l.unitPrice * l.quantity, 0);
  const issuers = ['store', 'platform', 'bank', 'member'];
  const coupons = Array.from({ length: 30 }, (_, i): Coupon => {
    const c = makeCoupon(r, `c${i}`, subtotal);
    if (open) return c;
    const x = r();
    if (c.kind === 'free-shipping') return { ...c, group: 'shipping' };
    if (c.scope || c.kind === 'buy-x-get-y') return x < 0.6 ? { ...c, group: `item${Math.floor(r() * 5)}` } : c;
    if (x < 0.2) return c;
    const issuer = issuers[Math.floor(r() * issuers.length)]!;
    if (issuer === 'platform' && r() < 0.3) return { ...c, group: issuer, tags: [issuer], combinesWith: ['store'] };
    return { ...c, group: issuer, tags: [issuer] };
  });
  return [cart, coupons, { now: NOW, timeZone: 'Asia/Shanghai' }];
}

export function instance200(seed: number): [Cart, Coupon[], SolveContext] {
  const r = rng(seed);
  const cart = makeCart(r, 20);
  const subtotal = cart.lines.reduce((a, l) => a + l.unitPrice * l.quantity, 0);
  const coupons = Array.from({ length: 200 }, (_, i) => ({ ...makeCoupon(r, `w${i}`, subtotal), group: `g${i % 20}` }));
  return [cart, coupons, { now: NOW, timeZone: 'Asia/Shanghai', limits: { perOrder: 5 } }];
}
