/**
 * Stacking rules: which coupons may be used together (exclusive groups, "combines with" on both
 * sides) and how one class's coupons share the lines (each on the same base, what the previous
 * class left; a coupon takes at most what is still left on its lines, coupons in id order).
 */
import { largestRemainder } from './money.js';
import type { Coupon } from './types.js';

function allows(a: Coupon, b: Coupon): boolean {
  if (!a.combinesWith) return true;
  return a.combinesWith.includes(b.id) || (b.tags ?? []).some((t) => a.combinesWith!.includes(t));
}

/** Why `a` and `b` cannot be used together, or undefined when they can. */
export function conflict(a: Coupon, b: Coupon): 'exclusive-group' | 'combines-with' | undefined {
  if (a.group !== undefined && a.group === b.group) return 'exclusive-group';
  if (!allows(a, b) || !allows(b, a)) return 'combines-with';
  return undefined;
}

/**
 * Applies one class's coupons to the lines' remaining `capacity` (mutated). Each coupon (in the
 * given order) takes min(value, what is left on its lines), split over those lines by largest
 * remainder in proportion to what is left on each, so no line goes below zero.
 * Returns per coupon its amount and per-line shares (parallel to its `lines`).
 */
export function applyClass(
  capacity: number[],
  coupons: readonly { lines: readonly number[]; value: number }[],
): { amount: number; shares: number[] }[] {
  const out: { amount: number; shares: number[] }[] = [];
  for (const { lines, value } of coupons) {
    const weights: number[] = [];
    let left = 0;
    for (const i of lines) {
      weights.push(capacity[i]!);
      left += capacity[i]!;
    }
    const amount = value < left ? value : left;
    const shares = largestRemainder(amount, weights);
    for (let k = 0; k < lines.length; k++) capacity[lines[k]!] = capacity[lines[k]!]! - shares[k]!;
    out.push({ amount, shares });
  }
  return out;
}
