/**
 * Nudges: "add 10.00 to save 40.00 more". For each coupon that time and shopper allow, the next
 * threshold it could reach (its first threshold, the next repeat, the next tier) gives a
 * candidate extra spend, tried cheapest first. With a hypothetical line of that value in the
 * coupon's scope, the nudge holds when the current combination plus that coupon (minus whatever
 * it cannot be combined with) saves more than now; the grown cart is then solved exactly, and
 * the nudge reports that exact best. When the threshold reads discounted amounts and the
 * hypothetical line itself gets discounted, the shortfall left is added (up to three rounds).
 * Nudges are returned cheapest first, each saving more than every cheaper one.
 */
import { describeNudge } from './explain.js';
import { extend, nextSteps, type Prepared } from './rules/value.js';
import { classTotals } from './solver.js';
import { best, buildProblem, type Problem } from './problem.js';
import type { Nudge, Scope } from './types.js';
import type { NCart, NContext, NCoupon } from './validate.js';

function withExtra(cart: NCart, p: Prepared, extra: number): NCart {
  const ids = new Set<string>();
  for (const l of cart.lines) ids.add(l.id);
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
  clashes: readonly (readonly number[])[],
  bestSet: readonly number[],
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
  if (options.length > 1) options.sort((a, b) => a.extra - b.extra || (a.p.c.id < b.p.c.id ? -1 : 1));
  // Keep only the hand-picked coupons the current solution honours, so the seed stays feasible.
  // (Loops rather than callbacks here: see solve().)
  const honoured = new Set<string>();
  for (let j = 0; j < pb.cands.length; j++) if (pb.required[j]) honoured.add(pb.cands[j]!.c.id);
  const require: string[] = [];
  for (const id of ctx.require) if (honoured.has(id)) require.push(id);
  const quiet: NContext = { ...ctx, alternatives: 0, nudges: 0, require };
  const found: Nudge[] = [];
  const current: number[] = []; // wallet indices
  for (const j of bestSet) current.push(pb.cands[j]!.c.index);
  const budget = 4 * ctx.nudges + 4;
  for (let t = 0; t < options.length && t < budget && found.length < ctx.nudges; t++) {
    const { p, step } = options[t]!;
    let extra = options[t]!.extra;
    for (let round = 0; round < 3; round++) {
      const grown = withExtra(cart, p, extra);
      const prepared: Prepared[] = [];
      for (const q of pb.prepared) prepared.push(extend(q, grown, cart.lines.length));
      const pb2 = buildProblem(grown, coupons, quiet, prepared, clashes);
      const seed = seedSet(pb2, current, p.c.index, ctx);
      if (!seed) break;
      const t2 = classTotals(pb2.cands, seed, grown, ctx);
      const seedSavings = t2.P + t2.O + t2.S;
      let floor = savings;
      for (const x of found) if (savings + x.gain > floor) floor = savings + x.gain;
      if (seedSavings > floor) {
        const f = best(pb2, seedSavings - 1); // exact, and at least the seed
        if (!f) break;
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
      const B2 = grown.subtotal - t2.P;
      const reached = p.c.cls === 1 ? B2 : B2 - t2.O;
      if (reached >= step) break;
      extra += step - reached;
    }
  }
  if (found.length > 1) found.sort((a, b) => a.extraSpend - b.extraSpend || b.gain - a.gain);
  const out: Nudge[] = [];
  for (const n of found) if (out.length === 0 || n.gain > out[out.length - 1]!.gain) out.push(n);
  return out;
}

/**
 * The current combination plus coupon `add` (wallet indices), as candidate indices of `pb`:
 * coupons it cannot be combined with are dropped, then the least valuable of its class (or of
 * the order) while a limit is exceeded. Undefined when `add` cannot be a candidate.
 */
function seedSet(pb: Problem, current: readonly number[], add: number, ctx: NContext): number[] | undefined {
  const a = pb.candIdx.indexOf(add);
  if (a < 0) return undefined;
  const set: number[] = [];
  for (const w of current) {
    const j = pb.candIdx.indexOf(w);
    if (j >= 0 && j !== a && !pb.conflicts[a]!.includes(j)) set.push(j);
  }
  const cls = pb.cands[a]!.c.cls;
  // Without limits on the order or on `add`'s class, nothing has to make room.
  const roomy = ctx.perOrder === Infinity && ctx.perClass[cls] === Infinity;
  const fitted = roomy ? set : makeRoom(pb, set, cls, ctx);
  if (!fitted) return undefined;
  fitted.push(a);
  return fitted;
}

/**
 * `set` with the least valuable optional coupons of class `cls`, then of any class, dropped
 * until one more coupon of class `cls` fits the limits; undefined when it cannot.
 */
function makeRoom(pb: Problem, set: number[], cls: 0 | 1 | 2, ctx: NContext): number[] | undefined {
  const { cands, required } = pb;
  const byValue = (x: number, y: number) => cands[x]!.optimistic - cands[y]!.optimistic;
  const same: number[] = [];
  const rest: number[] = [];
  let requiredSame = 0;
  for (const j of set) {
    if (required[j]) {
      if (cands[j]!.c.cls === cls) requiredSame++;
      continue;
    }
    if (cands[j]!.c.cls === cls) same.push(j);
  }
  if (same.length > 1) same.sort(byValue);
  while (same.length && same.length + requiredSame + 1 > ctx.perClass[cls]!) {
    const drop = same.shift()!;
    set = set.filter((j) => j !== drop);
  }
  for (const j of set) if (!required[j]) rest.push(j);
  if (rest.length > 1) rest.sort(byValue);
  while (rest.length && set.length + 1 > ctx.perOrder) {
    const drop = rest.shift()!;
    set = set.filter((j) => j !== drop);
  }
  if (set.length + 1 > ctx.perOrder) return undefined;
  let inClass = 0;
  for (const j of set) if (cands[j]!.c.cls === cls) inClass++;
  if (inClass + 1 > ctx.perClass[cls]!) return undefined;
  return set;
}
