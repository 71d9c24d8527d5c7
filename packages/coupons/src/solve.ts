/**
 * `solve(cart, coupons, context)`: the best combination of the wallet's coupons for this cart,
 * exact (see solver.ts), with alternatives, a reason for every coupon left out, and nudges.
 */
import { allocateEntries } from './allocate.js';
import { describeReason } from './explain.js';
import { nudges as findNudges } from './nudges.js';
import { best, buildProblem, walletConflicts, type Problem } from './problem.js';
import { threshold, value, type Prepared } from './rules/value.js';
import { classTotals, search } from './solver.js';
import { conflict } from './stacking.js';
import type { AppliedCoupon, Cart, Combination, Coupon, Reason, SolveContext, Solution, Totals } from './types.js';
import { CLASSES, validateCart, validateContext, validateCoupons, type NCart, type NCoupon } from './validate.js';

function totalsOf(cart: NCart, P: number, O: number, S: number): Totals {
  const discount = P + O + S;
  return {
    subtotal: cart.subtotal,
    discount,
    shipping: cart.shipping,
    total: cart.subtotal + cart.shipping - discount,
  };
}

const clsOrder = (cands: readonly Prepared[]) => (x: number, y: number) =>
  cands[x]!.c.cls - cands[y]!.c.cls || (cands[x]!.c.id < cands[y]!.c.id ? -1 : 1);

/**
 * The best combination of `coupons` for `cart` — most savings, then fewest coupons, then
 * soonest expiry, then id — with alternatives, a reason for each coupon left out, and nudges.
 * Throws `CouponInputError` for bad input.
 */
export function solve(cart: Cart, coupons: readonly Coupon[], context?: SolveContext): Solution {
  const ncart = validateCart(cart);
  const ncoupons = validateCoupons(coupons);
  const ctx = validateContext(context, ncoupons);
  const clashes = walletConflicts(ncoupons);
  const pb = buildProblem(ncart, ncoupons, ctx, undefined, clashes);
  const top = best(pb)!;
  const { cands } = pb;

  // The best combination in full: amounts, allocation, classes.
  const { P, O, S, values } = classTotals(cands, top.set, ncart, ctx);
  const { amounts, allocation } = allocateEntries(
    ncart,
    top.set.map((j) => ({ id: cands[j]!.c.id, cls: cands[j]!.c.cls, value: values.get(j)!, lines: cands[j]!.lines })),
  );
  const applied: AppliedCoupon[] = [];
  const appliedWallet = new Set<number>();
  for (const j of [...top.set].sort(clsOrder(cands))) {
    const p = cands[j]!;
    const amount = amounts.get(p.c.id)!;
    if (amount <= 0) continue;
    appliedWallet.add(p.c.index);
    applied.push({
      id: p.c.id,
      ...(p.c.src.label !== undefined && { label: p.c.src.label }),
      class: CLASSES[p.c.cls]!,
      kind: p.c.src.kind,
      amount,
      lineIds: p.c.cls === 2 ? [] : p.lines.map((i) => ncart.lines[i]!.id),
      ...(Number.isFinite(p.c.expiresAt) && { expiresAt: p.c.expiresAt }),
    });
  }
  const B = ncart.subtotal - P;
  const M = B - O;
  const classes = {
    product: { base: ncart.subtotal, discount: P, after: B },
    order: { base: B, discount: O, after: M },
    shipping: { base: ncart.shipping, discount: S, after: ncart.shipping - S },
  };

  // Alternatives: the next-best combinations that use a coupon the best does not.
  const inBest = new Set(top.set);
  const alternatives: Combination[] = (
    ctx.alternatives > 0 ? search(pb, ctx.alternatives, (set) => set.some((j) => !inBest.has(j))) : []
  ).map((f) => {
    const t = classTotals(cands, f.set, ncart, ctx);
    return {
      couponIds: [...f.set].sort(clsOrder(cands)).map((j) => cands[j]!.c.id),
      savings: f.savings,
      totals: totalsOf(ncart, t.P, t.O, t.S),
    };
  });

  // A reason for every coupon not applied.
  const basisAmount = (p: Prepared) =>
    p.c.cls === 0 ? p.scopeList : ctx.discountedBasis[p.c.cls] ? (p.c.cls === 1 ? B : M) : ncart.subtotal;
  const appliedList = applied.map((a) => ncoupons.find((c) => c.id === a.id)!);
  const unused = pb.prepared
    .filter((p) => !appliedWallet.has(p.c.index))
    .map((p) => {
      const reason = reasonFor(p, pb, appliedList, basisAmount(p), B);
      return {
        id: p.c.id,
        ...(p.c.src.label !== undefined && { label: p.c.src.label }),
        class: CLASSES[p.c.cls]!,
        kind: p.c.src.kind,
        reason,
        message: describeReason(reason, ncart.currency),
      };
    });

  const savings = P + O + S;
  return {
    currency: ncart.currency,
    applied,
    savings,
    totals: totalsOf(ncart, P, O, S),
    classes,
    allocation,
    alternatives,
    unused,
    nudges: ctx.nudges > 0 ? findNudges(ncart, ncoupons, ctx, pb, clashes, top.set, savings, basisAmount) : [],
  };
}

function reasonFor(p: Prepared, pb: Problem, applied: readonly NCoupon[], amount: number, B: number): Reason {
  const { ctx, cart } = pb;
  const st = pb.statics[p.c.index];
  if (st) return st;
  const need = threshold(p);
  const basis = p.c.cls !== 0 && ctx.discountedBasis[p.c.cls] ? 'discounted' : 'list';
  if (p.optimistic === 0 && need > (p.c.cls === 0 ? p.scopeList : cart.subtotal))
    return { code: 'below-threshold', threshold: need, amount, short: need - amount, basis };
  const group = applied.filter((a) => conflict(a.src, p.c.src) === 'exclusive-group');
  if (group.length)
    return { code: 'excluded', rule: 'exclusive-group', by: group.map((a) => a.id), group: p.c.src.group! };
  const picky = applied.filter((a) => conflict(a.src, p.c.src) === 'combines-with');
  if (picky.length) return { code: 'excluded', rule: 'combines-with', by: picky.map((a) => a.id) };
  const sameClass = applied.filter((a) => a.cls === p.c.cls);
  if (sameClass.length >= ctx.perClass[p.c.cls]!)
    return { code: 'excluded', rule: 'class-limit', by: sameClass.map((a) => a.id) };
  if (applied.length >= ctx.perOrder) return { code: 'excluded', rule: 'order-limit', by: applied.map((a) => a.id) };
  if (need > amount) return { code: 'below-threshold', threshold: need, amount, short: need - amount, basis };
  const base = p.c.cls === 0 ? p.scopeList : p.c.cls === 1 ? B : cart.shipping;
  if (p.optimistic === 0 || value(p, base, amount) === 0) return { code: 'no-saving' };
  return { code: 'not-better' };
}
