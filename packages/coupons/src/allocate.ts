/**
 * Splits each discount over the lines it covers (largest remainder, in proportion to what is left
 * on each line), class by class, so every line's total is ≥ 0 and the shares add up exactly.
 * The result is the refund basis: what each line really cost.
 */
import { CouponInputError } from './errors.js';
import { applyClass } from './stacking.js';
import type { Allocation, AppliedCoupon, Cart, CouponClass, CouponShare, LineAllocation } from './types.js';
import { CLASSES, validateCart, type NCart } from './validate.js';

export interface AllocEntry {
  id: string;
  cls: 0 | 1 | 2;
  /** What the coupon is worth before the lines' capacity caps it. */
  value: number;
  /** Line indices (ignored for shipping). */
  lines: readonly number[];
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Applies entries class by class; returns each entry's applied amount (by id) and the
 * allocation. Loops rather than callbacks: see solve().
 */
export function allocateEntries(
  cart: NCart,
  entries: readonly AllocEntry[],
): { amounts: Map<string, number>; allocation: Allocation } {
  const capacity: number[] = [];
  const perLine: CouponShare[][] = [];
  for (const l of cart.lines) {
    capacity.push(l.list);
    perLine.push([]);
  }
  const amounts = new Map<string, number>();
  const byClass: AllocEntry[][] = [[], [], []];
  for (const e of entries) byClass[e.cls]!.push(e);
  for (const list of byClass) if (list.length > 1) list.sort(byId);
  for (const cls of [0, 1] as const) {
    const list = byClass[cls]!;
    const results = applyClass(capacity, list);
    for (let k = 0; k < list.length; k++) {
      const e = list[k]!;
      const r = results[k]!;
      amounts.set(e.id, r.amount);
      for (let m = 0; m < e.lines.length; m++)
        if (r.shares[m]! > 0) perLine[e.lines[m]!]!.push({ couponId: e.id, amount: r.shares[m]! });
    }
  }
  const ship = [cart.shipping];
  const shipList = byClass[2]!;
  const shipShares: CouponShare[] = [];
  const shipEntries: { lines: number[]; value: number }[] = [];
  for (const e of shipList) shipEntries.push({ lines: [0], value: e.value });
  const shipResults = applyClass(ship, shipEntries);
  for (let k = 0; k < shipList.length; k++) {
    const { amount } = shipResults[k]!;
    amounts.set(shipList[k]!.id, amount);
    if (amount > 0) shipShares.push({ couponId: shipList[k]!.id, amount });
  }
  const lines: LineAllocation[] = [];
  for (let i = 0; i < cart.lines.length; i++) {
    const l = cart.lines[i]!;
    lines.push({
      lineId: l.id,
      list: l.list,
      discount: l.list - capacity[i]!,
      total: capacity[i]!,
      byCoupon: perLine[i]!,
    });
  }
  return {
    amounts,
    allocation: {
      lines,
      shipping: { fee: cart.shipping, discount: cart.shipping - ship[0]!, total: ship[0]!, byCoupon: shipShares },
    },
  };
}

/** What `allocate` needs of an applied coupon (an `AppliedCoupon` from `solve` fits). */
export type AllocationInput = Pick<AppliedCoupon, 'id' | 'class' | 'amount'> & { lineIds?: readonly string[] };

/**
 * Splits applied discounts over the cart: product class first, then order class, each over its
 * `lineIds` (all lines when left out) in proportion to what the previous coupons left on them,
 * by largest remainder; shipping coupons over the shipping fee. No line goes below zero and the
 * shares add up to each amount exactly; an amount that does not fit throws `CouponInputError`.
 */
export function allocate(cart: Cart, applied: readonly AllocationInput[]): Allocation {
  const c = validateCart(cart);
  if (!Array.isArray(applied)) throw new CouponInputError('applied', 'must be an array', applied);
  const index = new Map(c.lines.map((l, i) => [l.id, i]));
  const seen = new Set<string>();
  const entries = applied.map((a, k): AllocEntry => {
    const f = `applied[${k}]`;
    if (typeof a !== 'object' || a === null) throw new CouponInputError(f, 'must be an object', a);
    if (typeof a.id !== 'string' || a.id === '')
      throw new CouponInputError(`${f}.id`, 'must be a non-empty string', a.id);
    if (seen.has(a.id)) throw new CouponInputError(`${f}.id`, `duplicate coupon id ${JSON.stringify(a.id)}`, a.id);
    seen.add(a.id);
    const cls = CLASSES.indexOf(a.class as CouponClass);
    if (cls < 0) throw new CouponInputError(`${f}.class`, "must be 'product', 'order' or 'shipping'", a.class);
    if (typeof a.amount !== 'number' || !Number.isSafeInteger(a.amount) || a.amount < 0)
      throw new CouponInputError(
        `${f}.amount`,
        `must be an integer ≥ 0 (minor units), got ${String(a.amount)}`,
        a.amount,
      );
    const lines = (a.lineIds ?? c.lines.map((l) => l.id)).map((id: string, m: number) => {
      const i = index.get(id);
      if (i === undefined)
        throw new CouponInputError(`${f}.lineIds[${m}]`, `no line with id ${JSON.stringify(id)}`, id);
      return i;
    });
    return { id: a.id, cls: cls as 0 | 1 | 2, value: a.amount, lines };
  });
  const { amounts, allocation } = allocateEntries(c, entries);
  entries.forEach((e, k) => {
    if (amounts.get(e.id) !== e.value)
      throw new CouponInputError(
        `applied[${k}].amount`,
        `${e.value} is more than is left on its lines (${amounts.get(e.id)})`,
        e.value,
      );
  });
  return allocation;
}
