import type { CartDetail, CouponCart } from './coupon-cart.js';

/** The cart as its events report it (actions.ts and persist.ts, both loaded lazily). */
export function detail(el: CouponCart): CartDetail {
  const s = el.result.solution;
  return {
    lines: el.result.lines,
    coupons: s?.applied ?? [],
    totals: s?.totals ?? { subtotal: 0, discount: 0, shipping: 0, total: 0 },
  };
}
