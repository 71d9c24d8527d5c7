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
  const out: number[][] = [];
  const picky: boolean[] = [];
  // Exclusive groups first (cheap), then "combines with" where either side has a list.
  const byGroup = new Map<string, number[]>();
  for (let i = 0; i < coupons.length; i++) {
    const { src } = coupons[i]!;
    out.push([]);
    picky.push(src.combinesWith !== undefined);
    if (src.group === undefined) continue;
    const members = byGroup.get(src.group);
    if (members) members.push(i);
    else byGroup.set(src.group, [i]);
  }
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
 * in when they are already known (nudges re-solve grown carts many times). Loops rather than
 * callbacks: see solve().
 */
export function buildProblem(
  cart: NCart,
  coupons: readonly NCoupon[],
  ctx: NContext,
  prepared?: Prepared[],
  clashes: readonly (readonly number[])[] = walletConflicts(coupons),
): Problem {
  if (!prepared) {
    prepared = [];
    for (const c of coupons) prepared.push(prepare(c, cart));
  }
  const statics: (Reason | undefined)[] = [];
  const usable: boolean[] = [];
  for (const p of prepared) {
    const st = staticReason(p, ctx);
    statics.push(st);
    usable.push(st === undefined && p.optimistic > 0);
  }
  const { accepted, dropped: droppedRequired } = ctx.require.length
    ? pickRequired(coupons, ctx, usable, clashes)
    : { accepted: [], dropped: new Set<number>() };
  const isRequired = new Set<number>();
  const excludedByRequired = new Set<number>();
  for (const a of accepted) {
    isRequired.add(a);
    for (const k of clashes[a]!) excludedByRequired.add(k);
  }
  const candIdx: number[] = [];
  const cands: Prepared[] = [];
  const required: boolean[] = [];
  const pos = new Map<number, number>();
  const groups: number[] = [];
  const groupNo = new Map<string, number>();
  for (let i = 0; i < prepared.length; i++) {
    if (!usable[i] || droppedRequired.has(i)) continue;
    if (!isRequired.has(i) && excludedByRequired.has(i)) continue;
    const p = prepared[i]!;
    pos.set(i, candIdx.length);
    candIdx.push(i);
    cands.push(p);
    required.push(isRequired.has(i));
    const g = p.c.src.group;
    if (g !== undefined && !groupNo.has(g)) groupNo.set(g, groupNo.size);
    groups.push(g === undefined ? -1 : groupNo.get(g)!);
  }
  const conflicts: number[][] = [];
  for (const w of candIdx) {
    const out: number[] = [];
    for (const k of clashes[w]!) {
      const j = pos.get(k);
      if (j !== undefined) out.push(j);
    }
    conflicts.push(out);
  }
  return { cart, ctx, prepared, statics, candIdx, cands, required, conflicts, groups, droppedRequired };
}

/** Hand-picked coupons: accepted in the order given while they fit together and within the limits. */
function pickRequired(
  coupons: readonly NCoupon[],
  ctx: NContext,
  usable: readonly boolean[],
  clashes: readonly (readonly number[])[],
): { accepted: number[]; dropped: Set<number> } {
  const byId = new Map<string, number>();
  for (const c of coupons) byId.set(c.id, c.index);
  const accepted: number[] = [];
  const dropped = new Set<number>();
  const perClass = [0, 0, 0];
  for (const id of ctx.require) {
    const i = byId.get(id)!;
    const c = coupons[i]!;
    if (!usable[i]) continue;
    let fits = accepted.length < ctx.perOrder && perClass[c.cls]! < ctx.perClass[c.cls]!;
    for (const a of accepted) if (clashes[a]!.includes(i)) fits = false;
    if (fits) {
      accepted.push(i);
      perClass[c.cls]!++;
    } else dropped.add(i);
  }
  return { accepted, dropped };
}

/** The best combination; with `floor`, only one saving more than that (else undefined). */
export function best(pb: Problem, floor = -1): Found | undefined {
  return search(pb, 1, undefined, floor)[0];
}
