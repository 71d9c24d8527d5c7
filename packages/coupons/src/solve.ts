/**
 * `solve(cart, coupons, context)`: the best combination of the wallet's coupons for this cart,
 * exact (see solver.ts), with alternatives, a reason for every coupon left out, and nudges.
 */
import { allocateEntries, type AllocEntry } from './allocate.js';
import { describeReason } from './explain.js';
import { nudges as findNudges } from './nudges.js';
import { best, buildProblem, walletConflicts, type Problem } from './problem.js';
import { threshold, value, type Prepared } from './rules/value.js';
import { classTotals, search } from './solver.js';
import { conflict } from './stacking.js';
import type {
  AppliedCoupon,
  Cart,
  Combination,
  Coupon,
  Reason,
  SolveContext,
  Solution,
  Totals,
  UnusedCoupon,
} from './types.js';
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

/**
 * The best combination of `coupons` for `cart` — most savings, then fewest coupons, then
 * soonest expiry, then id — with alternatives, a reason for each coupon left out, and nudges.
 * Throws `CouponInputError` for bad input.
 *
 * Plain loops rather than callbacks here and in what it calls first: a page's first solve runs
 * in V8's interpreter and compiles every function it meets, and each callback is one more
 * function to compile for a cart of a few lines.
 */
export function solve(cart: Cart, coupons: readonly Coupon[], context?: SolveContext): Solution {
  const ncart = validateCart(cart);
  const ncoupons = validateCoupons(coupons);
  const ctx = validateContext(context, ncoupons);
  const clashes = walletConflicts(ncoupons);
  const pb = buildProblem(ncart, ncoupons, ctx, undefined, clashes);
  const top = best(pb)!;
  const { cands } = pb;
  const stackingOrder = (x: number, y: number) =>
    cands[x]!.c.cls - cands[y]!.c.cls || (cands[x]!.c.id < cands[y]!.c.id ? -1 : 1);

  // The best combination in full: amounts, allocation, classes.
  const { P, O, S, values } = classTotals(cands, top.set, ncart, ctx);
  const entries: AllocEntry[] = [];
  for (const j of top.set) {
    const { c, lines } = cands[j]!;
    entries.push({ id: c.id, cls: c.cls, value: values.get(j)!, lines });
  }
  const { amounts, allocation } = allocateEntries(ncart, entries);
  const applied: AppliedCoupon[] = [];
  const appliedList: NCoupon[] = [];
  const appliedWallet = new Set<number>();
  for (const j of [...top.set].sort(stackingOrder)) {
    const p = cands[j]!;
    const amount = amounts.get(p.c.id)!;
    if (amount <= 0) continue;
    appliedWallet.add(p.c.index);
    appliedList.push(p.c);
    const lineIds: string[] = [];
    if (p.c.cls !== 2) for (const i of p.lines) lineIds.push(ncart.lines[i]!.id);
    applied.push({
      id: p.c.id,
      ...(p.c.src.label !== undefined && { label: p.c.src.label }),
      class: CLASSES[p.c.cls]!,
      kind: p.c.src.kind,
      amount,
      lineIds,
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

  // Alternatives: the next-best combinations that use a coupon the best does not (none can
  // when the best uses every candidate).
  const alternatives =
    ctx.alternatives > 0 && top.set.length < cands.length ? alternativesTo(pb, top.set, stackingOrder) : [];

  // A reason for every coupon not applied.
  const basisAmount = (p: Prepared) =>
    p.c.cls === 0 ? p.scopeList : ctx.discountedBasis[p.c.cls] ? (p.c.cls === 1 ? B : M) : ncart.subtotal;
  // The coupon's id, label, class and kind are written out here and for `applied` above: built
  // by a shared helper and spread in, they made the 200-coupon solve ~40 % slower (V8 copies a
  // spread object property by property).
  const unused: UnusedCoupon[] = [];
  for (const p of pb.prepared) {
    if (appliedWallet.has(p.c.index)) continue;
    const reason = pb.statics[p.c.index] ?? reasonFor(p, pb, appliedList, basisAmount(p), B);
    unused.push({
      id: p.c.id,
      ...(p.c.src.label !== undefined && { label: p.c.src.label }),
      class: CLASSES[p.c.cls]!,
      kind: p.c.src.kind,
      reason,
      message: describeReason(reason, ncart.currency),
    });
  }

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

/** The `ctx.alternatives` best combinations that use a candidate `best` does not. */
function alternativesTo(pb: Problem, best: readonly number[], order: (x: number, y: number) => number): Combination[] {
  const { cands, cart, ctx } = pb;
  const inBest = new Set(best);
  const usesAnother = (set: number[]) => {
    for (const j of set) if (!inBest.has(j)) return true;
    return false;
  };
  const out: Combination[] = [];
  for (const f of search(pb, ctx.alternatives, usesAnother)) {
    const t = classTotals(cands, f.set, cart, ctx);
    const couponIds: string[] = [];
    for (const j of [...f.set].sort(order)) couponIds.push(cands[j]!.c.id);
    out.push({ couponIds, savings: f.savings, totals: totalsOf(cart, t.P, t.O, t.S) });
  }
  return out;
}

/** Why `p` (which has no static reason) is not applied. */
function reasonFor(p: Prepared, pb: Problem, applied: readonly NCoupon[], amount: number, B: number): Reason {
  const { ctx, cart } = pb;
  const need = threshold(p);
  const basis = p.c.cls !== 0 && ctx.discountedBasis[p.c.cls] ? 'discounted' : 'list';
  if (p.optimistic === 0 && need > (p.c.cls === 0 ? p.scopeList : cart.subtotal))
    return { code: 'below-threshold', threshold: need, amount, short: need - amount, basis };
  // Applied ids by what keeps `p` out: its exclusive group, a "combines with" list, its class.
  const group: string[] = [];
  const picky: string[] = [];
  const sameClass: string[] = [];
  const all: string[] = [];
  for (const a of applied) {
    const why = conflict(a.src, p.c.src);
    if (why === 'exclusive-group') group.push(a.id);
    else if (why === 'combines-with') picky.push(a.id);
    if (a.cls === p.c.cls) sameClass.push(a.id);
    all.push(a.id);
  }
  if (group.length) return { code: 'excluded', rule: 'exclusive-group', by: group, group: p.c.src.group! };
  if (picky.length) return { code: 'excluded', rule: 'combines-with', by: picky };
  if (sameClass.length >= ctx.perClass[p.c.cls]!) return { code: 'excluded', rule: 'class-limit', by: sameClass };
  if (applied.length >= ctx.perOrder) return { code: 'excluded', rule: 'order-limit', by: all };
  if (need > amount) return { code: 'below-threshold', threshold: need, amount, short: need - amount, basis };
  const base = p.c.cls === 0 ? p.scopeList : p.c.cls === 1 ? B : cart.shipping;
  if (p.optimistic === 0 || value(p, base, amount) === 0) return { code: 'no-saving' };
  return { code: 'not-better' };
}
