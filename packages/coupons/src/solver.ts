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
import { largestRemainder } from './money.js';
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

/** Orders candidates as the search tries them: by `vals` descending, then soonest expiry, then id. */
const byValue =
  (cands: readonly Prepared[], vals: ArrayLike<number>) =>
  (x: number, y: number): number =>
    vals[y]! - vals[x]! || cands[x]!.c.expiresAt - cands[y]!.c.expiresAt || cmpStr(cands[x]!.c.id, cands[y]!.c.id);

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
  const prod: number[] = [];
  for (const j of set)
    if (cands[j]!.c.cls === 0) {
      prod.push(j);
      values.set(j, cands[j]!.optimistic);
    }
  // One product coupon takes its value (never more than its lines' list total); several share
  // their lines' room in id order.
  let P = prod.length === 1 ? cands[prod[0]!]!.optimistic : 0;
  if (prod.length > 1) {
    prod.sort((x, y) => cmpStr(cands[x]!.c.id, cands[y]!.c.id));
    const capacity: number[] = [];
    for (const l of cart.lines) capacity.push(l.list);
    const entries: { lines: readonly number[]; value: number }[] = [];
    for (const j of prod) entries.push({ lines: cands[j]!.lines, value: cands[j]!.optimistic });
    for (const r of applyClass(capacity, entries)) P += r.amount;
  }
  const B = cart.subtotal - P;
  let sumO = 0;
  for (const j of set)
    if (cands[j]!.c.cls === 1) {
      const v = value(cands[j]!, B, ctx.discountedBasis[1] ? B : cart.subtotal);
      values.set(j, v);
      sumO += v;
    }
  const O = Math.min(sumO, B);
  const M = B - O;
  let sumS = 0;
  for (const j of set)
    if (cands[j]!.c.cls === 2) {
      const v = value(cands[j]!, cart.shipping, ctx.discountedBasis[2] ? M : cart.subtotal);
      values.set(j, v);
      sumS += v;
    }
  return { P, O, S: Math.min(sumS, cart.shipping), values };
}

/** Problems with at most this many candidates are solved by `enumerate` (see `search`). */
export const ENUMERATE_MAX = 6;

/**
 * The `keep` best combinations (best first) among those `accept` lets through and that save
 * more than `floor`. A handful of candidates are enumerated: as exact, and on a page's first
 * solve far cheaper, since the branch and bound is a lot of code to compile and set up for a
 * cart with three coupons.
 */
export function search(inp: SearchInput, keep: number, accept?: (set: number[]) => boolean, floor = -1): Found[] {
  return inp.cands.length <= ENUMERATE_MAX
    ? enumerate(inp, keep, accept, floor)
    : branchAndBound(inp, keep, accept, floor);
}

const ascending = (a: number, b: number) => a - b;

/** The ranking record of `set` (ascending candidate indices). */
function found(cands: readonly Prepared[], set: number[], savings: number): Found {
  const exp: number[] = [];
  const ids: string[] = [];
  for (const j of set) {
    exp.push(cands[j]!.c.expiresAt);
    ids.push(cands[j]!.c.id);
  }
  return { set, savings, count: set.length, exp: exp.sort(ascending), ids: ids.sort(cmpStr) };
}

/** Inserts `f` into `top` (best first, at most `keep`). */
function keepBest(top: Found[], keep: number, f: Found): void {
  let i = top.length;
  while (i > 0 && rank(f, top[i - 1]!) < 0) i--;
  if (i >= keep) return;
  top.splice(i, 0, f);
  if (top.length > keep) top.pop();
}

/**
 * What `branchAndBound` returns, by trying every subset of the candidates. A subset counts when
 * the search could build it: every required candidate, no two that conflict, within the limits,
 * and no optional order or shipping coupon that adds nothing where the search would try it (worth
 * 0, or the class's coupons before it in value order already take the whole base). Product
 * coupons are always worth something (problem.ts keeps only those), so any set of them counts.
 */
export function enumerate(inp: SearchInput, keep: number, accept?: (set: number[]) => boolean, floor = -1): Found[] {
  const { cands, cart, ctx, required, conflicts } = inp;
  const n = cands.length;
  const L = cart.subtotal;
  const top: Found[] = [];
  if (keep <= 0) return top;
  // Per candidate, as bit masks: the candidates it conflicts with; for product coupons, the other
  // product coupons sharing a line with it (only then can one take less than its value).
  const clash: number[] = [];
  const shares: number[] = [];
  let must = 0;
  const free = [ctx.perOrder, ...ctx.perClass]; // slots for optional coupons: per order, per class
  for (let j = 0; j < n; j++) {
    const p = cands[j]!;
    let m = 0;
    for (const k of conflicts[j]!) m |= 1 << k;
    clash.push(m);
    m = 0;
    if (p.c.cls === 0)
      for (let k = 0; k < n; k++) {
        if (k === j || cands[k]!.c.cls !== 0) continue;
        for (const i of cands[k]!.lines)
          if (p.lines.includes(i)) {
            m |= 1 << k;
            break;
          }
      }
    shares.push(m);
    if (required[j]) {
      must |= 1 << j;
      free[0]!--;
      free[p.c.cls + 1]!--;
    }
  }
  const vals = new Float64Array(n);
  const inValueOrder = byValue(cands, vals);
  /** What the set's coupons of class `cls` take from `base`, or -1 when one would add nothing. */
  const take = (set: readonly number[], cls: 1 | 2, base: number, amount: number): number => {
    const mine: number[] = [];
    for (const j of set)
      if (cands[j]!.c.cls === cls) {
        vals[j] = value(cands[j]!, base, amount);
        mine.push(j);
      }
    if (mine.length > 1) mine.sort(inValueOrder);
    let sum = 0;
    for (const j of mine) {
      if (!required[j] && (vals[j]! <= 0 || sum >= base)) return -1;
      sum += vals[j]!;
    }
    return sum < base ? sum : base;
  };
  for (let mask = must; mask < 1 << n; mask = (mask + 1) | must) {
    const set: number[] = [];
    const used = [0, 0, 0, 0];
    let fits = true;
    let P = 0;
    let overlap = false;
    for (let j = 0; j < n && fits; j++) {
      if (!(mask & (1 << j))) continue;
      set.push(j);
      const cls = cands[j]!.c.cls;
      if (clash[j]! & mask) fits = false;
      if (!required[j] && (++used[0]! > free[0]! || ++used[cls + 1]! > free[cls + 1]!)) fits = false;
      if (cls === 0) {
        P += cands[j]!.optimistic;
        if (shares[j]! & mask) overlap = true;
      }
    }
    if (!fits) continue;
    if (overlap) P = classTotals(cands, set, cart, ctx).P;
    const B = L - P;
    const O = take(set, 1, B, ctx.discountedBasis[1] ? B : L);
    if (O < 0) continue;
    const S = take(set, 2, cart.shipping, ctx.discountedBasis[2] ? B - O : L);
    if (S < 0) continue;
    const savings = P + O + S;
    if (savings <= floor || (top.length >= keep && savings < top[keep - 1]!.savings)) continue;
    if (accept && !accept(set)) continue;
    keepBest(top, keep, found(cands, set, savings));
  }
  return top;
}

/** The branch and bound described at the top; what `search` runs on more than a handful of candidates. */
export function branchAndBound(
  inp: SearchInput,
  keep: number,
  accept?: (set: number[]) => boolean,
  floor = -1,
): Found[] {
  const { cands, cart, ctx, required, conflicts, groups } = inp;
  const n = cands.length;
  const L = cart.subtotal;
  const fee = cart.shipping;
  const top: Found[] = [];
  if (keep <= 0) return top;

  const order = (vals: ArrayLike<number>) => byValue(cands, vals);
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

  // Bounds: prefix sums of the best values (distinct groups, not blocked) of up to r items taken
  // from one list, or merged from two lists sorted by value. Written into shared buffers (a bound
  // is used before the search goes deeper), so no allocation per node.
  const bufA = new Float64Array(n + 1);
  const bufB = new Float64Array(n + 1);
  const skip = (list: readonly number[], p: number): number => {
    while (p < list.length) {
      const j = list[p]!;
      const g = groups[j]!;
      if ((blocked[j] === 0 || required[j]) && (g < 0 || stamp[g] !== stampNo)) break;
      p++;
    }
    return p;
  };
  /** Fills `buf` with prefix sums; returns how many entries (≥ 1: buf[0] = 0). */
  const prefix = (
    buf: Float64Array,
    r: number,
    la: readonly number[],
    pa: number,
    va: ArrayLike<number>,
    lb?: readonly number[],
    pb = 0,
    vb?: ArrayLike<number>,
  ): number => {
    stampNo++;
    buf[0] = 0;
    let len = 1;
    while (len <= r) {
      pa = skip(la, pa);
      const a = pa < la.length ? va[la[pa]!]! : -1;
      let b = -1;
      if (lb) {
        pb = skip(lb, pb);
        b = pb < lb.length ? vb![lb[pb]!]! : -1;
      }
      let j: number;
      let v: number;
      if (a >= b) {
        if (a <= 0) break;
        j = la[pa++]!;
        v = a;
      } else {
        if (b <= 0) break;
        j = lb![pb++]!;
        v = b;
      }
      if (groups[j]! >= 0) stamp[groups[j]!] = stampNo;
      buf[len] = buf[len - 1]! + v;
      len++;
    }
    return len;
  };

  const worst = () => (top.length >= keep ? top[top.length - 1] : undefined);
  /** Can a completion with at most `bound` savings still enter the kept list? */
  const hopeless = (bound: number) => {
    if (bound <= floor) return true;
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
    if (savings <= floor) return;
    const w = worst();
    if (w && savings < w.savings) return;
    const set = [...chosen].sort(ascending);
    if (accept && !accept(set)) return;
    const f = found(cands, set, savings);
    if (w && rank(f, w) >= 0) return;
    keepBest(top, keep, f);
  };

  // ---- shipping phase: P and O exact, shipping values exact for M.
  let shipList: number[] = [];
  const shipDfs = (pos: number, PO: number, sumS: number) => {
    const S = sumS < fee ? sumS : fee;
    if (pos === shipList.length) return leaf(PO + S);
    const len = prefix(bufA, slots(), shipList, pos, cur);
    if (hopeless(PO + Math.min(sumS + bufA[len - 1]!, fee))) return;
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
    const lenO = prefix(bufA, r, orderList, pos, cur);
    const lenS = prefix(bufB, r, shipOpt, 0, opt);
    let bound = 0;
    for (let c = 0; c < lenS; c++) {
      const o = bufA[Math.min(r - c, lenO - 1)]!;
      const b = P + Math.min(sumO + o, B) + Math.min(bufB[c]!, fee);
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
  // Which product candidates share a line (bitsets over lines), and their rank by id.
  const words = (cart.lines.length + 31) >>> 5;
  const bits = new Map<number, Uint32Array>();
  for (const j of prodList) {
    const b = new Uint32Array(words);
    for (const i of cands[j]!.lines) b[i >>> 5]! |= 1 << (i & 31);
    bits.set(j, b);
  }
  const overlaps = (x: number, y: number) => {
    const a = bits.get(x)!;
    const b = bits.get(y)!;
    for (let w = 0; w < words; w++) if (a[w]! & b[w]!) return true;
    return false;
  };
  const byIdRank = new Map([...prodList].sort((x, y) => cmpStr(cands[x]!.c.id, cands[y]!.c.id)).map((j, r) => [j, r]));
  /**
   * Exact product-class total of the chosen set. When no coupon can be short of room (its lines'
   * list total minus everything earlier overlapping coupons could take still covers its value),
   * it is the plain sum; otherwise the lines are simulated.
   */
  const productTotal = (sumP: number): number => {
    if (prodChosen.length < 2) return sumP;
    const byId = [...prodChosen].sort((x, y) => byIdRank.get(x)! - byIdRank.get(y)!);
    let fits = true;
    for (let a = 1; a < byId.length && fits; a++) {
      let room = cands[byId[a]!]!.scopeList;
      for (let b = 0; b < a; b++) if (overlaps(byId[a]!, byId[b]!)) room -= opt[byId[b]!]!;
      if (room < opt[byId[a]!]!) fits = false;
    }
    if (fits) return sumP;
    return simulate(byId);
  };
  // The product class simulated line by line, as applyClass does, without allocating.
  const capBuf = new Float64Array(cart.lines.length);
  const quota = new Float64Array(cart.lines.length);
  const rem = new Float64Array(cart.lines.length);
  const simulate = (byId: readonly number[]): number => {
    for (let i = 0; i < cart.lines.length; i++) capBuf[i] = cart.lines[i]!.list;
    let P = 0;
    for (const j of byId) {
      const lines = cands[j]!.lines;
      let room = 0;
      for (const i of lines) room += capBuf[i]!;
      const a = opt[j]! < room ? opt[j]! : room;
      P += a;
      if (a === 0) continue;
      if (a === room) {
        for (const i of lines) capBuf[i] = 0;
        continue;
      }
      if (a * room > Number.MAX_SAFE_INTEGER) {
        const shares = largestRemainder(
          a,
          lines.map((i) => capBuf[i]!),
        );
        lines.forEach((i, k) => (capBuf[i] = capBuf[i]! - shares[k]!));
        continue;
      }
      let given = 0;
      for (let k = 0; k < lines.length; k++) {
        const p = a * capBuf[lines[k]!]!;
        const q = Math.floor(p / room);
        quota[k] = q;
        rem[k] = p - q * room;
        given += q;
      }
      // The units left go to the largest remainders, ties to the earlier line.
      for (let left = a - given; left > 0; left--) {
        let best = -1;
        for (let k = 0; k < lines.length; k++) if (rem[k]! >= 0 && (best < 0 || rem[k]! > rem[best]!)) best = k;
        quota[best]!++;
        rem[best] = -1;
      }
      for (let k = 0; k < lines.length; k++) capBuf[lines[k]!] = capBuf[lines[k]!]! - quota[k]!;
    }
    return P;
  };
  // Upper values of order and shipping coupons while product coupons are being chosen: on the
  // largest base the order class can still get, L minus a lower bound of the product total.
  // (Every chosen product coupon ends up taking its value or exhausting its lines, so the total
  // is at least the sum over chosen coupons with disjoint scopes, or else the largest one.)
  let ordList: number[] = orderOpt;
  let ordVal: ArrayLike<number> = opt;
  let shpList: number[] = shipOpt;
  let shpVal: ArrayLike<number> = opt;
  let overlapPairs = 0;
  // Re-valuing order coupons costs one value() each per chosen product coupon: worth it for the
  // few order coupons of a typical wallet, not for a hundred.
  const tightening = orderOpt.length + shipOpt.length > 0 && orderOpt.length + shipOpt.length <= 40;
  const tighten = (pLower: number) => {
    const Bup = L - pLower;
    const vals = new Float64Array(n);
    for (const j of orderOpt) if (blocked[j] === 0) vals[j] = value(cands[j]!, Bup, ctx.discountedBasis[1] ? Bup : L);
    for (const j of shipOpt) if (blocked[j] === 0) vals[j] = value(cands[j]!, fee, ctx.discountedBasis[2] ? Bup : L);
    ordVal = vals;
    shpVal = vals;
    ordList = topOf(orderOpt, vals);
    shpList = topOf(shipOpt, vals);
  };
  /**
   * The unblocked items of `list` by value, best first. With few slots left only the best of
   * each group, and only as many as there are slots, are kept: deeper nodes only block more items
   * after choosing one, and that recomputes the list.
   */
  const topOf = (list: readonly number[], vals: Float64Array): number[] => {
    const r = slots();
    if (r >= list.length) return list.filter((j) => blocked[j] === 0 && vals[j]! > 0).sort(order(vals));
    const out: number[] = [];
    stampNo++;
    for (const j of list) {
      const v = vals[j]!;
      if (blocked[j] !== 0 || v <= 0) continue;
      const g = groups[j]!;
      if (g >= 0) {
        if (stamp[g] === stampNo) {
          // keep only the group's best
          const k = out.findIndex((x) => groups[x] === g);
          if (k >= 0 && vals[out[k]!]! >= v) continue;
          if (k >= 0) out.splice(k, 1);
        }
        stamp[g] = stampNo;
      }
      if (out.length === r && vals[out[r - 1]!]! >= v) continue;
      let i = out.length;
      while (i > 0 && vals[out[i - 1]!]! < v) i--;
      out.splice(i, 0, j);
      if (out.length > r) out.pop();
    }
    return out;
  };
  const prodDfs = (pos: number, sumP: number) => {
    const r = slots();
    const lenPO = prefix(bufA, r, prodList, pos, opt, ordList, 0, ordVal);
    const lenS = prefix(bufB, r, shpList, 0, shpVal);
    let bound = 0;
    for (let c = 0; c < lenS; c++) {
      const b = Math.min(sumP + bufA[Math.min(r - c, lenPO - 1)]!, L) + Math.min(bufB[c]!, fee);
      if (b > bound) bound = b;
    }
    if (hopeless(bound)) return;
    if (pos === prodList.length) return enterOrder(productTotal(sumP));
    const j = prodList[pos]!;
    if (canAdd(j) && (required[j] || opt[j]! > 0)) {
      let added = 0;
      for (const k of prodChosen) if (overlaps(j, k)) added++;
      choose(j);
      prodChosen.push(j);
      overlapPairs += added;
      const saved = [ordList, ordVal, shpList, shpVal] as const;
      const pLower = overlapPairs > 0 ? opt[prodChosen[0]!]! : sumP + opt[j]!;
      if (tightening) tighten(pLower);
      prodDfs(pos + 1, sumP + opt[j]!);
      [ordList, ordVal, shpList, shpVal] = saved;
      overlapPairs -= added;
      prodChosen.pop();
      unchoose(j);
    }
    if (!required[j]) prodDfs(pos + 1, sumP);
  };

  prodDfs(0, 0);
  return top;
}
