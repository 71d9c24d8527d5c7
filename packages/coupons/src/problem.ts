/**
 * A cart and wallet turned into a search problem: each coupon prepared against the cart, the
 * ones that can never apply set aside with their reason, the hand-picked (required) ones
 * checked against each other, and the pairs that cannot be combined listed.
 */
import { prepare, staticReason, type Prepared } from './rules/value.js';
import { search, type Found } from './solver.js';
import { conflict } from './stacking.js';
import type { Reason } from './types.js';
import type { NCart, NContext, NCoupon } from './validate.js';

/** Everything the search needs, built once per cart. */
export interface Problem {
  cart: NCart;
  ctx: NContext;
  prepared: Prepared[];
  statics: (Reason | undefined)[];
  /** Wallet indices of the candidates. */
  candIdx: number[];
  cands: Prepared[];
  required: boolean[];
  conflicts: number[][];
  groups: number[];
  /** Required coupons dropped because they clash with earlier required ones or the limits. */
  droppedRequired: Set<number>;
}

export function buildProblem(cart: NCart, coupons: readonly NCoupon[], ctx: NContext): Problem {
  const prepared = coupons.map((c) => prepare(c, cart));
  const statics = prepared.map((p) => staticReason(p, ctx));
  const usable = prepared.map((p, i) => statics[i] === undefined && p.optimistic > 0);
  // Required coupons: accepted in the order given while they fit together and within the limits.
  const byId = new Map(coupons.map((c) => [c.id, c.index]));
  const accepted: number[] = [];
  const droppedRequired = new Set<number>();
  const perClass = [0, 0, 0];
  for (const id of ctx.require) {
    const i = byId.get(id)!;
    const c = coupons[i]!;
    if (!usable[i]) continue;
    const fits =
      accepted.length < ctx.perOrder &&
      perClass[c.cls]! < ctx.perClass[c.cls]! &&
      accepted.every((a) => conflict(coupons[a]!.src, c.src) === undefined);
    if (fits) {
      accepted.push(i);
      perClass[c.cls]!++;
    } else droppedRequired.add(i);
  }
  const isRequired = new Set(accepted);
  const candIdx: number[] = [];
  for (let i = 0; i < prepared.length; i++) {
    if (!usable[i] || droppedRequired.has(i)) continue;
    if (!isRequired.has(i) && accepted.some((a) => conflict(coupons[a]!.src, coupons[i]!.src) !== undefined)) continue;
    candIdx.push(i);
  }
  const cands = candIdx.map((i) => prepared[i]!);
  const groupNo = new Map<string, number>();
  const groups = cands.map((p) => {
    const g = p.c.src.group;
    if (g === undefined) return -1;
    if (!groupNo.has(g)) groupNo.set(g, groupNo.size);
    return groupNo.get(g)!;
  });
  const conflicts: number[][] = cands.map(() => []);
  const picky = cands.map((p) => p.c.src.combinesWith !== undefined);
  for (let a = 0; a < cands.length; a++)
    for (let b = a + 1; b < cands.length; b++) {
      const clash =
        (groups[a]! >= 0 && groups[a] === groups[b]) ||
        ((picky[a] || picky[b]) && conflict(cands[a]!.c.src, cands[b]!.c.src) !== undefined);
      if (clash) {
        conflicts[a]!.push(b);
        conflicts[b]!.push(a);
      }
    }
  return {
    cart,
    ctx,
    prepared,
    statics,
    candIdx,
    cands,
    required: candIdx.map((i) => isRequired.has(i)),
    conflicts,
    groups,
    droppedRequired,
  };
}

/** The best combination; with `floor`, only one saving more than that (else undefined). */
export function best(pb: Problem, floor = -1): Found | undefined {
  return search(pb, 1, undefined, floor)[0];
}
