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

/** Which wallet coupons cannot be used together (wallet indices, symmetric); cart-independent. */
export function walletConflicts(coupons: readonly NCoupon[]): number[][] {
  const out: number[][] = coupons.map(() => []);
  const picky = coupons.map((c) => c.src.combinesWith !== undefined);
  // Exclusive groups first (cheap), then "combines with" where either side has a list.
  const byGroup = new Map<string, number[]>();
  coupons.forEach((c, i) => {
    const g = c.src.group;
    if (g !== undefined) byGroup.set(g, [...(byGroup.get(g) ?? []), i]);
  });
  for (const members of byGroup.values())
    for (const a of members) for (const b of members) if (a !== b) out[a]!.push(b);
  for (let a = 0; a < coupons.length; a++)
    for (let b = a + 1; b < coupons.length; b++) {
      if (!(picky[a] || picky[b])) continue;
      const g = coupons[a]!.src.group;
      if (g !== undefined && g === coupons[b]!.src.group) continue;
      if (conflict(coupons[a]!.src, coupons[b]!.src) !== undefined) {
        out[a]!.push(b);
        out[b]!.push(a);
      }
    }
  return out;
}

/**
 * The search problem for `cart`. `prepared` and `clashes` (from walletConflicts) may be passed
 * in when they are already known (nudges re-solve grown carts many times).
 */
export function buildProblem(
  cart: NCart,
  coupons: readonly NCoupon[],
  ctx: NContext,
  prepared: Prepared[] = coupons.map((c) => prepare(c, cart)),
  clashes: readonly (readonly number[])[] = walletConflicts(coupons),
): Problem {
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
      accepted.every((a) => !clashes[a]!.includes(i));
    if (fits) {
      accepted.push(i);
      perClass[c.cls]!++;
    } else droppedRequired.add(i);
  }
  const isRequired = new Set(accepted);
  const excludedByRequired = new Set(accepted.flatMap((a) => clashes[a]!));
  const candIdx: number[] = [];
  for (let i = 0; i < prepared.length; i++) {
    if (!usable[i] || droppedRequired.has(i)) continue;
    if (!isRequired.has(i) && excludedByRequired.has(i)) continue;
    candIdx.push(i);
  }
  const cands = candIdx.map((i) => prepared[i]!);
  const pos = new Map(candIdx.map((w, j) => [w, j]));
  const groupNo = new Map<string, number>();
  const groups = cands.map((p) => {
    const g = p.c.src.group;
    if (g === undefined) return -1;
    if (!groupNo.has(g)) groupNo.set(g, groupNo.size);
    return groupNo.get(g)!;
  });
  const conflicts = candIdx.map((w) => {
    const out: number[] = [];
    for (const k of clashes[w]!) {
      const j = pos.get(k);
      if (j !== undefined) out.push(j);
    }
    return out;
  });
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
