/**
 * Input checks. Anything doubtful throws `CouponInputError` naming the field; nothing is clamped.
 * The output is a normalised, index-based form the solver works on.
 */
import { CouponInputError } from './errors.js';
import { currencyExponent } from './money.js';
import { checkTimeZone, parseClock } from './rules/time.js';
import type {
  Cart,
  Coupon,
  CouponClass,
  CouponKind,
  DailyWindow,
  SolveContext,
  ThresholdBasis,
  Tier,
} from './types.js';

export interface NLine {
  id: string;
  productId: string;
  categories: readonly string[];
  unitPrice: number;
  quantity: number;
  /** unitPrice × quantity */
  list: number;
}

export interface NCart {
  currency: string;
  lines: NLine[];
  shipping: number;
  subtotal: number;
}

export const CLASSES: readonly CouponClass[] = ['product', 'order', 'shipping'];

export interface NCoupon {
  src: Coupon;
  id: string;
  /** Position in the wallet. */
  index: number;
  /** 0 product, 1 order, 2 shipping. */
  cls: 0 | 1 | 2;
  startsAt: number;
  /** Infinity without expiry. */
  expiresAt: number;
}

export interface NContext {
  now: number;
  timeZone: string;
  isNew: boolean;
  tier: string | undefined;
  perOrder: number;
  perClass: [number, number, number];
  /** Per class: does the threshold read the discounted amount (true) or list prices (false)? */
  discountedBasis: [boolean, boolean, boolean];
  require: string[];
  alternatives: number;
  nudges: number;
  /** Wall clock in the merchant's zone, computed once when a coupon has windows. */
  local?: { minutes: number; weekday: number };
}

const isObject = (v: unknown): boolean => typeof v === 'object' && v !== null;

function int(v: unknown, field: string, min = 0): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v))
    throw new CouponInputError(field, `must be an integer (minor units), got ${String(v)}`, v);
  if (v < min) throw new CouponInputError(field, `must be ≥ ${min}, got ${v}`, v);
  return v;
}

function optInt(v: unknown, field: string, min = 0): number | undefined {
  return v === undefined ? undefined : int(v, field, min);
}

function str(v: unknown, field: string): string {
  if (typeof v !== 'string' || v === '') throw new CouponInputError(field, 'must be a non-empty string', v);
  return v;
}

function strList(v: unknown, field: string): readonly string[] | undefined {
  if (v === undefined) return undefined;
  if (!Array.isArray(v)) throw new CouponInputError(field, 'must be an array of strings', v);
  for (let i = 0; i < v.length; i++) str(v[i], `${field}[${i}]`);
  return v as string[];
}

function instant(v: unknown, field: string): number | undefined {
  if (v === undefined) return undefined;
  const t = typeof v === 'number' ? v : typeof v === 'string' ? Date.parse(v) : NaN;
  if (!Number.isFinite(t)) throw new CouponInputError(field, 'must be epoch ms or an ISO 8601 date-time', v);
  return t;
}

export function validateCart(cart: Cart): NCart {
  if (!isObject(cart)) throw new CouponInputError('cart', 'must be an object', cart);
  const currency = str(cart.currency, 'cart.currency');
  currencyExponent(currency, 'cart.currency');
  if (!Array.isArray(cart.lines)) throw new CouponInputError('cart.lines', 'must be an array', cart.lines);
  const seen = new Set<string>();
  let subtotal = 0;
  // Loops rather than callbacks in this file (see solve()). A hole in a sparse array is read as
  // `undefined`, so it is refused like one.
  const lines: NLine[] = [];
  for (let i = 0; i < cart.lines.length; i++) {
    const l = cart.lines[i]!;
    const f = `cart.lines[${i}]`;
    if (!isObject(l)) throw new CouponInputError(f, 'must be an object', l);
    const id = str(l.id, `${f}.id`);
    if (seen.has(id)) throw new CouponInputError(`${f}.id`, `duplicate line id ${JSON.stringify(id)}`, id);
    seen.add(id);
    const unitPrice = int(l.unitPrice, `${f}.unitPrice`);
    const quantity = int(l.quantity, `${f}.quantity`, 1);
    const list = unitPrice * quantity;
    if (!Number.isSafeInteger(list)) throw new CouponInputError(f, 'unitPrice × quantity is too large', list);
    subtotal += list;
    lines.push({
      id,
      productId: l.productId === undefined ? id : str(l.productId, `${f}.productId`),
      categories: strList(l.categories, `${f}.categories`) ?? [],
      unitPrice,
      quantity,
      list,
    });
  }
  const shipping = optInt(cart.shipping, 'cart.shipping') ?? 0;
  if (!Number.isSafeInteger(subtotal + shipping)) throw new CouponInputError('cart', 'cart total is too large');
  return { currency, lines, shipping, subtotal };
}

type Check<C> = (c: C, f: string) => void;

/**
 * Each kind's own fields, one small function per kind: a page's first solve compiles only the
 * kinds its wallet holds.
 */
const KIND_FIELDS: { [K in CouponKind]: Check<Extract<Coupon, { kind: K }>> } = {
  fixed: (c, f) => int(c.amount, `${f}.amount`, 1),
  percent: (c, f) => {
    int(c.bp, `${f}.bp`, 1);
    if (c.bp > 10_000) throw new CouponInputError(`${f}.bp`, 'must be ≤ 10000 (100 %)', c.bp);
    optInt(c.cap, `${f}.cap`);
  },
  threshold: (c, f) => {
    int(c.spend, `${f}.spend`, 1);
    int(c.amount, `${f}.amount`, 1);
  },
  repeating: (c, f) => {
    int(c.every, `${f}.every`, 1);
    int(c.amount, `${f}.amount`, 1);
    optInt(c.cap, `${f}.cap`);
  },
  tiered: (c, f) => {
    if (!Array.isArray(c.tiers) || c.tiers.length === 0)
      throw new CouponInputError(`${f}.tiers`, 'must be a non-empty array', c.tiers);
    let prev = 0;
    for (let k = 0; k < c.tiers.length; k++) {
      const t: Tier = c.tiers[k]!;
      if (!isObject(t)) throw new CouponInputError(`${f}.tiers[${k}]`, 'must be an object', t);
      int(t.spend, `${f}.tiers[${k}].spend`, prev + 1);
      int(t.amount, `${f}.tiers[${k}].amount`, 1);
      prev = t.spend;
    }
  },
  'free-shipping': (c, f) => optInt(c.cap, `${f}.cap`),
  'buy-x-get-y': (c, f) => {
    int(c.buy, `${f}.buy`, 1);
    int(c.get, `${f}.get`, 1);
  },
};

function checkWindows(windows: unknown, f: string): void {
  if (!Array.isArray(windows)) throw new CouponInputError(`${f}.windows`, 'must be an array', windows);
  for (let k = 0; k < windows.length; k++) {
    const w = windows[k] as DailyWindow;
    const wf = `${f}.windows[${k}]`;
    if (!isObject(w)) throw new CouponInputError(wf, 'must be an object', w);
    if (Number.isNaN(parseClock(w.start))) throw new CouponInputError(`${wf}.start`, "must be 'HH:MM' (24 h)", w.start);
    if (Number.isNaN(parseClock(w.end))) throw new CouponInputError(`${wf}.end`, "must be 'HH:MM' (24 h)", w.end);
    if (w.days !== undefined) {
      if (!Array.isArray(w.days)) throw new CouponInputError(`${wf}.days`, 'must be an array of 0–6', w.days);
      for (let j = 0; j < w.days.length; j++) {
        const d: number = w.days[j]!;
        int(d, `${wf}.days[${j}]`);
        if (d > 6) throw new CouponInputError(`${wf}.days[${j}]`, 'must be 0 (Sunday) … 6 (Saturday)', d);
      }
    }
  }
}

export function validateCoupons(coupons: readonly Coupon[]): NCoupon[] {
  if (!Array.isArray(coupons)) throw new CouponInputError('coupons', 'must be an array', coupons);
  const seen = new Set<string>();
  const out: NCoupon[] = [];
  for (let i = 0; i < coupons.length; i++) {
    const c = coupons[i]!;
    const f = `coupons[${i}]`;
    if (!isObject(c)) throw new CouponInputError(f, 'must be an object', c);
    const id = str(c.id, `${f}.id`);
    if (seen.has(id)) throw new CouponInputError(`${f}.id`, `duplicate coupon id ${JSON.stringify(id)}`, id);
    seen.add(id);
    if (typeof c.kind !== 'string' || !Object.prototype.hasOwnProperty.call(KIND_FIELDS, c.kind))
      throw new CouponInputError(`${f}.kind`, `unknown kind ${JSON.stringify(c.kind)}`, c.kind);
    (KIND_FIELDS[c.kind as CouponKind] as Check<Coupon>)(c, f);
    if (c.class !== undefined && c.class !== 'product' && c.class !== 'order')
      throw new CouponInputError(`${f}.class`, "must be 'product' or 'order'", c.class);
    if (c.scope !== undefined) {
      if (!isObject(c.scope)) throw new CouponInputError(`${f}.scope`, 'must be an object', c.scope);
      strList(c.scope.products, `${f}.scope.products`);
      strList(c.scope.categories, `${f}.scope.categories`);
    }
    const cls: 0 | 1 | 2 =
      c.kind === 'free-shipping'
        ? 2
        : c.kind === 'buy-x-get-y'
          ? 0
          : (c.class ?? (c.scope ? 'product' : 'order')) === 'product'
            ? 0
            : 1;
    if (cls !== 0 && c.scope !== undefined)
      throw new CouponInputError(
        `${f}.scope`,
        'only product-class coupons have a scope (order and shipping cover the whole order)',
        c.scope,
      );
    optInt(c.minQuantity, `${f}.minQuantity`);
    optInt(c.minSpend, `${f}.minSpend`);
    const startsAt = instant(c.validFrom, `${f}.validFrom`) ?? -Infinity;
    const expiresAt = instant(c.validUntil, `${f}.validUntil`) ?? Infinity;
    if (c.windows !== undefined) checkWindows(c.windows, f);
    strList(c.memberTiers, `${f}.memberTiers`);
    strList(c.tags, `${f}.tags`);
    strList(c.combinesWith, `${f}.combinesWith`);
    if (c.group !== undefined) str(c.group, `${f}.group`);
    if (c.label !== undefined && typeof c.label !== 'string')
      throw new CouponInputError(`${f}.label`, 'must be a string', c.label);
    out.push({ src: c, id, index: i, cls, startsAt, expiresAt });
  }
  return out;
}

function limit(v: unknown, field: string): number {
  return v === undefined ? Infinity : int(v, field);
}

function basis(v: unknown, field: string): boolean {
  if (v === undefined || v === 'discounted') return true;
  if (v === 'list') return false;
  throw new CouponInputError(field, "must be 'list' or 'discounted'", v);
}

export function validateContext(context: SolveContext | undefined, coupons: readonly NCoupon[]): NContext {
  const ctx = context ?? {};
  if (!isObject(ctx)) throw new CouponInputError('context', 'must be an object', ctx);
  const rawNow = ctx.now === undefined ? Date.now() : ctx.now instanceof Date ? ctx.now.getTime() : ctx.now;
  if (typeof rawNow !== 'number' || !Number.isFinite(rawNow))
    throw new CouponInputError('context.now', 'must be epoch ms or a valid Date', ctx.now);
  const timeZone = ctx.timeZone === undefined ? 'UTC' : str(ctx.timeZone, 'context.timeZone');
  checkTimeZone(timeZone, 'context.timeZone');
  const customer = ctx.customer ?? {};
  if (!isObject(customer)) throw new CouponInputError('context.customer', 'must be an object', customer);
  if (customer.tier !== undefined) str(customer.tier, 'context.customer.tier');
  const limits = ctx.limits ?? {};
  if (!isObject(limits)) throw new CouponInputError('context.limits', 'must be an object', limits);
  const tb = (ctx.thresholdBasis ?? {}) as { order?: ThresholdBasis; shipping?: ThresholdBasis };
  const require = [...(strList(ctx.require, 'context.require') ?? [])];
  if (require.length) {
    const ids = new Set<string>();
    for (const c of coupons) ids.add(c.id);
    for (let i = 0; i < require.length; i++)
      if (!ids.has(require[i]!))
        throw new CouponInputError(
          `context.require[${i}]`,
          `no coupon with id ${JSON.stringify(require[i])}`,
          require[i],
        );
  }
  return {
    now: rawNow,
    timeZone,
    isNew: customer.isNew === true,
    tier: customer.tier,
    perOrder: limit(limits.perOrder, 'context.limits.perOrder'),
    perClass: [
      limit(limits.product, 'context.limits.product'),
      limit(limits.order, 'context.limits.order'),
      limit(limits.shipping, 'context.limits.shipping'),
    ],
    discountedBasis: [
      false,
      basis(tb.order, 'context.thresholdBasis.order'),
      basis(tb.shipping, 'context.thresholdBasis.shipping'),
    ],
    require: [...new Set(require)],
    alternatives: ctx.alternatives === undefined ? 3 : int(ctx.alternatives, 'context.alternatives'),
    nudges: ctx.nudges === undefined ? 3 : int(ctx.nudges, 'context.nudges'),
  };
}
