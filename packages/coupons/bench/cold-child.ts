/**
 * One cold start, run by cold.ts in a fresh Node process from a minified bundle of this file:
 * the first `solve` of the demo shop's cart (the playbook's four coupons), then a second one and
 * warm ones for comparison. Prints one JSON line. Arguments: `afternoon` | `late` (14:00 or
 * 23:30 in Shanghai), and `icu` to start ICU first the way the page does (the elements'
 * warm-up worker makes an 'en' currency formatter and an 'en' UTC date formatter before the
 * cart renders; here on the same thread) or `no-icu` (the solve makes the process's first
 * formatter).
 */
import { solve, type Cart, type Coupon, type SolveContext } from '../src/index.js';
import { AFTERNOON, DEMO, LATE_NIGHT } from '../../elements/src/coupon-cart/demo-cart.js';

const [when, icu] = process.argv.slice(2);
if (icu === 'icu') {
  new Intl.NumberFormat('en', { style: 'currency', currency: 'USD' }).format(1);
  new Intl.DateTimeFormat('en', { timeZone: 'UTC', dateStyle: 'medium' }).formatToParts(0);
}
const cart: Cart = { currency: DEMO.currency, lines: DEMO.lines, shipping: DEMO.shipping };
const coupons = DEMO.coupons as readonly Coupon[];
const context: SolveContext = { ...DEMO.context, now: when === 'late' ? LATE_NIGHT : AFTERNOON };

const timed = () => {
  const t0 = performance.now();
  const s = solve(cart, coupons, context);
  return [performance.now() - t0, s.savings] as const;
};
const [first, savings] = timed();
const [second] = timed();
const warm: number[] = [];
for (let i = 0; i < 300; i++) warm.push(timed()[0]);
warm.sort((a, b) => a - b);
console.log(JSON.stringify({ first, second, warm: warm[warm.length >> 1], savings }));
