/**
 * What one coupon is worth on a given base, and the static rules that decide whether it can
 * apply at all (time, shopper, scope, quantity). Every value here is monotone: never smaller on a
 * larger base or a larger threshold amount, which is what lets the solver bound its search.
 */
import { percentOf } from '../money.js';
import type { NCart, NContext, NCoupon } from '../validate.js';
import type { Reason } from '../types.js';
import { formatClock, inWindow, localTime } from './time.js';

/** A coupon ready for the solver: its scope resolved against the cart. */
export interface Prepared {
  c: NCoupon;
  /** Indices of the lines it covers (all lines for order and shipping class). */
  lines: number[];
  /** Σ list over its lines. */
  scopeList: number;
  /** Σ quantity over its lines. */
  scopeQty: number;
  /** For buy-x-get-y: [unitPrice, quantity] of its lines, cheapest first. */
  units: [number, number][];
  /** Value on list prices (an upper bound of its value in any combination). */
  optimistic: number;
}

export function matchesScope(c: NCoupon, productId: string, categories: readonly string[]): boolean {
  const s = c.src.scope;
  if (!s) return true;
  if (s.products?.includes(productId)) return true;
  return s.categories ? categories.some((k) => s.categories!.includes(k)) : false;
}

export function prepare(c: NCoupon, cart: NCart): Prepared {
  const lines: number[] = [];
  let scopeList = 0;
  let scopeQty = 0;
  const units: [number, number][] = [];
  for (let i = 0; i < cart.lines.length; i++) {
    const l = cart.lines[i]!;
    if (c.cls !== 0 || matchesScope(c, l.productId, l.categories)) {
      lines.push(i);
      scopeList += l.list;
      scopeQty += l.quantity;
      if (c.src.kind === 'buy-x-get-y') units.push([l.unitPrice, l.quantity]);
    }
  }
  if (units.length > 1) units.sort((a, b) => a[0] - b[0]);
  const p: Prepared = { c, lines, scopeList, scopeQty, units, optimistic: 0 };
  p.optimistic = value(p, c.cls === 2 ? cart.shipping : scopeList, c.cls === 0 ? scopeList : cart.subtotal);
  return p;
}

/** `p` for the cart with one more line (index `i`), without redoing the other lines. */
export function extend(p: Prepared, cart: NCart, i: number): Prepared {
  const l = cart.lines[i]!;
  if (p.c.cls === 0 && !matchesScope(p.c, l.productId, l.categories)) return p;
  const units =
    p.c.src.kind === 'buy-x-get-y'
      ? [...p.units, [l.unitPrice, l.quantity] as [number, number]].sort((a, b) => a[0] - b[0])
      : p.units;
  const q: Prepared = {
    c: p.c,
    lines: [...p.lines, i],
    scopeList: p.scopeList + l.list,
    scopeQty: p.scopeQty + l.quantity,
    units,
    optimistic: 0,
  };
  q.optimistic = value(q, p.c.cls === 2 ? cart.shipping : q.scopeList, p.c.cls === 0 ? q.scopeList : cart.subtotal);
  return q;
}

/** The smallest threshold amount at which the coupon gives anything (0 when none). */
export function threshold(p: Prepared): number {
  const s = p.c.src;
  const own =
    s.kind === 'threshold' ? s.spend : s.kind === 'repeating' ? s.every : s.kind === 'tiered' ? s.tiers[0]!.spend : 0;
  return Math.max(own, s.minSpend ?? 0);
}

/**
 * The coupon's value when its class's base (what the previous class left over its lines; the
 * shipping fee for shipping coupons) is `base` and its threshold reads `amount`.
 */
export function value(p: Prepared, base: number, amount: number): number {
  const s = p.c.src;
  if (base <= 0 || p.lines.length === 0) return 0;
  if (s.minQuantity !== undefined && p.scopeQty < s.minQuantity) return 0;
  if (s.minSpend !== undefined && amount < s.minSpend) return 0;
  let v: number;
  switch (s.kind) {
    case 'fixed':
      v = s.amount;
      break;
    case 'percent':
      v = percentOf(base, s.bp);
      if (s.cap !== undefined && v > s.cap) v = s.cap;
      break;
    case 'threshold':
      v = amount >= s.spend ? s.amount : 0;
      break;
    case 'repeating':
      v = Math.floor(amount / s.every) * s.amount;
      if (s.cap !== undefined && v > s.cap) v = s.cap;
      break;
    case 'tiered':
      v = 0;
      for (const t of s.tiers) if (amount >= t.spend && t.amount > v) v = t.amount;
      break;
    case 'free-shipping':
      v = s.cap === undefined ? base : s.cap;
      break;
    case 'buy-x-get-y': {
      let free = Math.floor(p.scopeQty / (s.buy + s.get)) * s.get;
      v = 0;
      for (const [price, qty] of p.units) {
        if (free === 0) break;
        const k = Math.min(free, qty);
        v += price * k;
        free -= k;
      }
      break;
    }
  }
  return v < base ? v : base;
}

/** Basis amounts above `amount` at which the coupon would be worth more (for nudges). */
export function nextSteps(p: Prepared, amount: number): number[] {
  const s = p.c.src;
  const steps: number[] = [];
  if (s.minSpend !== undefined && amount < s.minSpend) steps.push(s.minSpend);
  switch (s.kind) {
    case 'threshold':
      if (amount < s.spend) steps.push(s.spend);
      break;
    case 'repeating':
      if (s.cap === undefined || Math.floor(amount / s.every) * s.amount < s.cap)
        steps.push((Math.floor(amount / s.every) + 1) * s.every);
      break;
    case 'tiered': {
      let current = 0;
      for (const t of s.tiers) if (amount >= t.spend && t.amount > current) current = t.amount;
      const next = s.tiers.find((t) => t.spend > amount && t.amount > current);
      if (next) steps.push(next.spend);
      break;
    }
    default:
      break;
  }
  // At most two steps (the minimum spend and the kind's own): raised to the minimum spend,
  // without repeats, ascending.
  const floor = s.minSpend ?? 0;
  const out: number[] = [];
  for (const x of steps) if (!out.includes(Math.max(x, floor))) out.push(Math.max(x, floor));
  if (out.length === 2 && out[0]! > out[1]!) out.reverse();
  return out;
}

/**
 * The reason a coupon can never apply to this cart at this time for this shopper, or undefined.
 * Threshold shortfalls are judged later, against the chosen combination.
 */
export function staticReason(p: Prepared, ctx: NContext): Reason | undefined {
  const c = p.c;
  const s = c.src;
  if (ctx.now >= c.expiresAt) return { code: 'expired', expiredAt: c.expiresAt };
  if (ctx.now < c.startsAt) return { code: 'not-yet-valid', startsAt: c.startsAt };
  if (s.windows && s.windows.length > 0) {
    const { minutes, weekday } = (ctx.local ??= localTime(ctx.now, ctx.timeZone));
    let open = false;
    for (const w of s.windows) if (inWindow(w, minutes, weekday)) open = true;
    if (!open)
      return {
        code: 'outside-window',
        windows: [...s.windows],
        timeZone: ctx.timeZone,
        localTime: formatClock(minutes),
      };
  }
  if (s.newCustomersOnly && !ctx.isNew) return { code: 'not-eligible', requirement: 'new-customer' };
  if (s.memberTiers && !(ctx.tier !== undefined && s.memberTiers.includes(ctx.tier)))
    return { code: 'not-eligible', requirement: 'member-tier', tiers: [...s.memberTiers] };
  if (p.lines.length === 0) return { code: 'no-matching-items', scope: s.scope ?? {} };
  if (s.minQuantity !== undefined && p.scopeQty < s.minQuantity)
    return {
      code: 'below-min-quantity',
      required: s.minQuantity,
      actual: p.scopeQty,
      short: s.minQuantity - p.scopeQty,
    };
  return undefined;
}
