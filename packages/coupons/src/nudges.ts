/**
 * Nudges: "add 10.00 to save 40.00 more". For each coupon that time and shopper allow, the next
 * threshold it could reach (its first threshold, the next repeat, the next tier) gives a
 * candidate extra spend; the cart is re-solved exactly with a hypothetical line of that value in
 * the coupon's scope, and the nudge is kept only when the coupon is then applied and the total
 * saving rises. When the threshold reads discounted amounts and the hypothetical line itself gets
 * discounted, the shortfall left is added (up to three rounds). Nudges are returned cheapest
 * first, each saving more than every cheaper one.
 */
import { describeNudge } from './explain.js';
import { nextSteps, type Prepared } from './rules/value.js';
import { classTotals } from './solver.js';
import { best, buildProblem, type Problem } from './problem.js';
import type { Nudge, Scope } from './types.js';
import type { NCart, NContext, NCoupon } from './validate.js';

function withExtra(cart: NCart, p: Prepared, extra: number): NCart {
  const ids = new Set(cart.lines.map((l) => l.id));
  let id = '__vitrine_nudge__';
  while (ids.has(id)) id += '_';
  const scope = p.c.src.scope;
  const line = {
    id,
    productId: scope?.products?.[0] ?? id,
    categories: scope?.categories?.length ? [scope.categories[0]!] : [],
    unitPrice: extra,
    quantity: 1,
    list: extra,
  };
  return { ...cart, lines: [...cart.lines, line], subtotal: cart.subtotal + extra };
}

export function nudges(
  cart: NCart,
  coupons: readonly NCoupon[],
  ctx: NContext,
  pb: Problem,
  savings: number,
  basisAmount: (p: Prepared) => number,
): Nudge[] {
  const options: { p: Prepared; extra: number; step: number }[] = [];
  for (const p of pb.prepared) {
    const st = pb.statics[p.c.index];
    if (st && st.code !== 'no-matching-items') continue;
    if (pb.droppedRequired.has(p.c.index)) continue;
    const amount = basisAmount(p);
    const step = nextSteps(p, amount)[0];
    if (step !== undefined) options.push({ p, extra: step - amount, step });
  }
  options.sort((a, b) => a.extra - b.extra || (a.p.c.id < b.p.c.id ? -1 : 1));
  const quiet: NContext = { ...ctx, alternatives: 0, nudges: 0 };
  const found: Nudge[] = [];
  const budget = 2 * ctx.nudges + 2;
  for (let t = 0; t < options.length && t < budget && found.length < ctx.nudges; t++) {
    const { p, step } = options[t]!;
    let extra = options[t]!.extra;
    for (let round = 0; round < 3; round++) {
      const grown = withExtra(cart, p, extra);
      const pb2 = buildProblem(grown, coupons, quiet);
      // Only a combination saving more than every cheaper nudge is of interest.
      const floor = savings + found.reduce((m, x) => Math.max(m, x.gain), 0);
      const f = best(pb2, floor);
      if (f && f.set.some((j) => pb2.cands[j]!.c.index === p.c.index)) {
        const scope: Scope | undefined = p.c.src.scope;
        found.push({
          couponId: p.c.id,
          extraSpend: extra,
          gain: f.savings - savings,
          savings: f.savings,
          ...(scope && { scope }),
          message: describeNudge(extra, f.savings - savings, cart.currency),
        });
        break;
      }
      // Did the hypothetical line reach the step on the coupon's basis? If not, add what is missing.
      if (p.c.cls === 0 || !ctx.discountedBasis[p.c.cls]) break; // list basis: reached by construction
      const g = f ?? best(pb2)!;
      const t2 = classTotals(pb2.cands, g.set, grown, ctx);
      const B2 = grown.subtotal - t2.P;
      const reached = p.c.cls === 1 ? B2 : B2 - t2.O;
      if (reached >= step) break;
      extra += step - reached;
    }
  }
  found.sort((a, b) => a.extraSpend - b.extraSpend || b.gain - a.gain);
  const out: Nudge[] = [];
  for (const n of found) if (out.length === 0 || n.gain > out[out.length - 1]!.gain) out.push(n);
  return out;
}
