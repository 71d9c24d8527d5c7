/**
 * The exact solver: a depth-first branch and bound over the coupons that can apply, class by
 * class (product → order → shipping). Product coupons are decided first; once a product set is
 * fixed, the base the order class sees is known, so order coupons get their exact values and are
 * searched in value order; then shipping likewise. A node is cut when an upper bound of anything
 * below it cannot reach the worst combination kept. The bound relaxes every rule except "at most
 * one per exclusive group" and the per-order limit: the best r remaining values from distinct
 * groups (a greedy pick is optimal for that relaxation), each class capped at what it can take.
 *
 * Ranking: most savings, then fewest coupons, then soonest expiries (sorted, compared in order),
 * then ids (sorted, compared in order). A coupon that adds nothing is never included: dropping it
 * keeps the savings and wins on count.
 */
import type { Prepared } from './rules/value.js';
import { value } from './rules/value.js';
import { applyClass } from './stacking.js';
import type { NCart, NContext } from './validate.js';

export interface Found {
  /** Candidate indices, ascending. */
  set: number[];
  savings: number;
  count: number;
  /** Expiries, ascending (Infinity for none). */
  exp: number[];
  /** Ids, ascending. */
  ids: string[];
}

export interface SearchInput {
  cands: readonly Prepared[];
  cart: NCart;
  ctx: NContext;
  /** Per candidate: must be in every combination. */
  required: readonly boolean[];
  /** Per candidate: the candidates it cannot be used with (symmetric). */
  conflicts: readonly (readonly number[])[];
  /** Per candidate: exclusive group number, -1 for none. */
  groups: readonly number[];
}

const cmpStr = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Negative when `a` ranks before `b`. */
export function rank(a: Found, b: Found): number {
  if (a.savings !== b.savings) return b.savings - a.savings;
  if (a.count !== b.count) return a.count - b.count;
  for (let i = 0; i < a.exp.length; i++) if (a.exp[i] !== b.exp[i]) return a.exp[i]! < b.exp[i]! ? -1 : 1;
  for (let i = 0; i < a.ids.length; i++) if (a.ids[i] !== b.ids[i]) return cmpStr(a.ids[i]!, b.ids[i]!);
  return 0;
}

/** Exact amounts of a set of candidates: per class the total, per candidate its value before the class cap. */
export function classTotals(
  cands: readonly Prepared[],
  set: readonly number[],
  cart: NCart,
  ctx: NContext,
): { P: number; O: number; S: number; values: Map<number, number> } {
  const values = new Map<number, number>();
  const byId = [...set].sort((x, y) => cmpStr(cands[x]!.c.id, cands[y]!.c.id));
  const prod = byId.filter((j) => cands[j]!.c.cls === 0);
  const capacity = cart.lines.map((l) => l.list);
  for (const j of prod) values.set(j, cands[j]!.optimistic);
  let P = 0;
  for (const r of applyClass(
    capacity,
    prod.map((j) => ({ lines: cands[j]!.lines, value: values.get(j)! })),
  ))
    P += r.amount;
  const B = cart.subtotal - P;
  let sumO = 0;
  for (const j of byId)
    if (cands[j]!.c.cls === 1) {
      const v = value(cands[j]!, B, ctx.discountedBasis[1] ? B : cart.subtotal);
      values.set(j, v);
      sumO += v;
    }
  const O = Math.min(sumO, B);
  const M = B - O;
  let sumS = 0;
  for (const j of byId)
    if (cands[j]!.c.cls === 2) {
      const v = value(cands[j]!, cart.shipping, ctx.discountedBasis[2] ? M : cart.subtotal);
      values.set(j, v);
      sumS += v;
    }
  return { P, O, S: Math.min(sumS, cart.shipping), values };
}

/**
 * The `keep` best combinations (best first) among those `accept` lets through.
 */
export function search(inp: SearchInput, keep: number, accept?: (set: number[]) => boolean): Found[] {
  const { cands, cart, ctx, required, conflicts, groups } = inp;
  const n = cands.length;
  const L = cart.subtotal;
  const fee = cart.shipping;
  const top: Found[] = [];
  if (keep <= 0) return top;

  const order = (vals: ArrayLike<number>) => (x: number, y: number) =>
    vals[y]! - vals[x]! || cands[x]!.c.expiresAt - cands[y]!.c.expiresAt || cmpStr(cands[x]!.c.id, cands[y]!.c.id);
  const opt = cands.map((p) => p.optimistic);
  const byOpt = order(opt);
  const all = Array.from({ length: n }, (_, j) => j);
  const prodList = all.filter((j) => cands[j]!.c.cls === 0).sort(byOpt);
  const orderOpt = all.filter((j) => cands[j]!.c.cls === 1).sort(byOpt);
  const shipOpt = all.filter((j) => cands[j]!.c.cls === 2).sort(byOpt);

  // Slots left for optional coupons after the required ones.
  let reqCount = 0;
  const reqByClass = [0, 0, 0];
  for (let j = 0; j < n; j++)
    if (required[j]) {
      reqCount++;
      reqByClass[cands[j]!.c.cls]!++;
    }
  const freeOrder = ctx.perOrder - reqCount;
  const freeClass = ctx.perClass.map((x, k) => x - reqByClass[k]!);

  const blocked = new Int32Array(n);
  let groupCount = 0;
  for (const g of groups) if (g + 1 > groupCount) groupCount = g + 1;
  const stamp = new Int32Array(groupCount);
  let stampNo = 0;
  const usedOpt = [0, 0, 0];
  let usedTotal = 0;
  const chosen: number[] = [];
  const cur = new Float64Array(n); // exact values of the current phase's candidates

  const choose = (j: number) => {
    chosen.push(j);
    for (const k of conflicts[j]!) blocked[k]!++;
    if (!required[j]) {
      usedOpt[cands[j]!.c.cls]!++;
      usedTotal++;
    }
  };
  const unchoose = (j: number) => {
    chosen.pop();
    for (const k of conflicts[j]!) blocked[k]!--;
    if (!required[j]) {
      usedOpt[cands[j]!.c.cls]!--;
      usedTotal--;
    }
  };
  const canAdd = (j: number) =>
    required[j] ||
    (blocked[j] === 0 && usedTotal < freeOrder && usedOpt[cands[j]!.c.cls]! < freeClass[cands[j]!.c.cls]!);

  /** Prefix sums of the best values (distinct groups, not blocked) of up to `r` items merged from sorted lists. */
  const prefix = (lists: [readonly number[], number, ArrayLike<number>][], r: number): number[] => {
    stampNo++;
    const out = [0];
    const ptr = lists.map((l) => l[1]);
    while (out.length <= r) {
      let best = -1;
      let bestVal = -1;
      for (let li = 0; li < lists.length; li++) {
        const [list, , vals] = lists[li]!;
        let p = ptr[li]!;
        while (p < list.length) {
          const j = list[p]!;
          const g = groups[j]!;
          if ((blocked[j] === 0 || required[j]) && (g < 0 || stamp[g] !== stampNo)) break;
          p++;
        }
        ptr[li] = p;
        if (p < list.length && vals[list[p]!]! > bestVal) {
          bestVal = vals[list[p]!]!;
          best = li;
        }
      }
      if (best < 0 || bestVal <= 0) break;
      const j = lists[best]![0][ptr[best]!]!;
      if (groups[j]! >= 0) stamp[groups[j]!] = stampNo;
      ptr[best]!++;
      out.push(out[out.length - 1]! + bestVal);
    }
    return out;
  };

  const worst = () => (top.length >= keep ? top[top.length - 1] : undefined);
  /** Can a completion with at most `bound` savings still enter the kept list? */
  const hopeless = (bound: number) => {
    const w = worst();
    return w !== undefined && (bound < w.savings || (bound === w.savings && chosen.length > w.count));
  };
  const slots = () => {
    let r = 0;
    for (const j of chosen) if (!required[j]) r++;
    // required ones not yet chosen still come; optional slots left:
    return Math.max(0, Math.min(freeOrder - usedTotal, n)) + (reqCount - (chosen.length - r));
  };

  const leaf = (savings: number) => {
    const w = worst();
    if (w && savings < w.savings) return;
    const set = [...chosen].sort((a, b) => a - b);
    if (accept && !accept(set)) return;
    const f: Found = {
      set,
      savings,
      count: set.length,
      exp: set.map((j) => cands[j]!.c.expiresAt).sort((a, b) => a - b),
      ids: set.map((j) => cands[j]!.c.id).sort(cmpStr),
    };
    if (w && rank(f, w) >= 0) return;
    let i = top.length;
    while (i > 0 && rank(f, top[i - 1]!) < 0) i--;
    top.splice(i, 0, f);
    if (top.length > keep) top.pop();
  };

  // ---- shipping phase: P and O exact, shipping values exact for M.
  let shipList: number[] = [];
  const shipDfs = (pos: number, PO: number, sumS: number) => {
    const S = sumS < fee ? sumS : fee;
    if (pos === shipList.length) return leaf(PO + S);
    const pre = prefix([[shipList, pos, cur]], slots());
    if (hopeless(PO + Math.min(sumS + pre[pre.length - 1]!, fee))) return;
    const j = shipList[pos]!;
    if (canAdd(j) && (required[j] || (cur[j]! > 0 && sumS < fee))) {
      choose(j);
      shipDfs(pos + 1, PO, sumS + cur[j]!);
      unchoose(j);
    }
    if (!required[j]) shipDfs(pos + 1, PO, sumS);
  };

  const enterShipping = (P: number, O: number, B: number) => {
    const M = B - O;
    const amount = ctx.discountedBasis[2] ? M : L;
    for (const j of shipOpt) cur[j] = value(cands[j]!, fee, amount);
    const saved = shipList;
    shipList = shipOpt.filter((j) => cur[j]! > 0 || required[j]).sort(order(cur));
    shipDfs(0, P + O, 0);
    shipList = saved;
  };

  // ---- order phase: P exact, order values exact for B.
  let orderList: number[] = [];
  const orderDfs = (pos: number, P: number, B: number, sumO: number) => {
    const O = sumO < B ? sumO : B;
    if (pos === orderList.length) return enterShipping(P, O, B);
    const r = slots();
    const pO = prefix([[orderList, pos, cur]], r);
    const pS = prefix([[shipOpt, 0, opt]], r);
    let bound = 0;
    for (let c = 0; c < pS.length; c++) {
      const o = pO[Math.min(r - c, pO.length - 1)]!;
      const b = P + Math.min(sumO + o, B) + Math.min(pS[c]!, fee);
      if (b > bound) bound = b;
    }
    if (hopeless(bound)) return;
    const j = orderList[pos]!;
    if (canAdd(j) && (required[j] || (cur[j]! > 0 && sumO < B))) {
      choose(j);
      orderDfs(pos + 1, P, B, sumO + cur[j]!);
      unchoose(j);
    }
    if (!required[j]) orderDfs(pos + 1, P, B, sumO);
  };

  const enterOrder = (P: number) => {
    const B = L - P;
    const amount = ctx.discountedBasis[1] ? B : L;
    for (const j of orderOpt) cur[j] = value(cands[j]!, B, amount);
    const saved = orderList;
    orderList = orderOpt.filter((j) => cur[j]! > 0 || required[j]).sort(order(cur));
    orderDfs(0, P, B, 0);
    orderList = saved;
  };

  // ---- product phase: values on list prices; overlapping scopes settled exactly at the end.
  const prodChosen: number[] = [];
  const productTotal = (sumP: number): number => {
    if (prodChosen.length < 2) return sumP;
    let overlap = false;
    const seen = new Uint8Array(cart.lines.length);
    for (const j of prodChosen) {
      for (const i of cands[j]!.lines) {
        if (seen[i]) overlap = true;
        seen[i] = 1;
      }
    }
    if (!overlap) return sumP;
    const byId = [...prodChosen].sort((x, y) => cmpStr(cands[x]!.c.id, cands[y]!.c.id));
    let P = 0;
    for (const r of applyClass(
      cart.lines.map((l) => l.list),
      byId.map((j) => ({ lines: cands[j]!.lines, value: opt[j]! })),
    ))
      P += r.amount;
    return P;
  };
  const prodDfs = (pos: number, sumP: number) => {
    if (pos === prodList.length) return enterOrder(productTotal(sumP));
    const r = slots();
    const pPO = prefix(
      [
        [prodList, pos, opt],
        [orderOpt, 0, opt],
      ],
      r,
    );
    const pS = prefix([[shipOpt, 0, opt]], r);
    let bound = 0;
    for (let c = 0; c < pS.length; c++) {
      const b = Math.min(sumP + pPO[Math.min(r - c, pPO.length - 1)]!, L) + Math.min(pS[c]!, fee);
      if (b > bound) bound = b;
    }
    if (hopeless(bound)) return;
    const j = prodList[pos]!;
    if (canAdd(j) && (required[j] || opt[j]! > 0)) {
      choose(j);
      prodChosen.push(j);
      prodDfs(pos + 1, sumP + opt[j]!);
      prodChosen.pop();
      unchoose(j);
    }
    if (!required[j]) prodDfs(pos + 1, sumP);
  };

  prodDfs(0, 0);
  return top;
}
