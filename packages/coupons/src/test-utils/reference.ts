/**
 * A brute-force reference for the property tests, written apart from the library on purpose
 * (no imports from src/ except the public types): it simulates every subset of the wallet line
 * by line, the slow obvious way, and ranks them. Use it on wallets of ≤ 12 coupons.
 */
import type { Cart, Coupon, SolveContext } from '../types.js';

export interface RefResult {
  ids: string[];
  savings: number;
  amounts: Record<string, number>;
}

const INF = Number.POSITIVE_INFINITY;

function toMs(v: number | string | undefined, dflt: number): number {
  return v === undefined ? dflt : typeof v === 'number' ? v : Date.parse(v);
}

function minutesAndDay(now: number, tz: string): [number, number] {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: tz,
    hour: 'numeric',
    minute: 'numeric',
    weekday: 'long',
    hour12: false,
  }).formatToParts(now);
  const get = (t: string) => parts.find((p) => p.type === t)!.value;
  const days = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
  return [(Number(get('hour')) % 24) * 60 + Number(get('minute')), days.indexOf(get('weekday'))];
}

function clock(s: string): number {
  const [h, m] = s.split(':').map(Number);
  return h! * 60 + m!;
}

/** Could the coupon apply at this time for this shopper (ignoring amounts)? */
export function refTimeAndShopperOk(c: Coupon, ctx: SolveContext): boolean {
  const now = ctx.now === undefined ? Date.now() : +ctx.now;
  if (now < toMs(c.validFrom, -INF) || now >= toMs(c.validUntil, INF)) return false;
  if (c.windows?.length) {
    const [t, day] = minutesAndDay(now, ctx.timeZone ?? 'UTC');
    const ok = c.windows.some((w) => {
      const s = clock(w.start);
      const e = clock(w.end);
      // Try "opened today" and "opened yesterday" explicitly.
      const candidates: [number, number][] = [
        [day, t],
        [(day + 6) % 7, t + 1440],
      ];
      return candidates.some(([openDay, sinceMidnightOfOpenDay]) => {
        const len = e > s ? e - s : e + 1440 - s;
        const inside = sinceMidnightOfOpenDay >= s && sinceMidnightOfOpenDay < s + len;
        return inside && (!w.days || w.days.includes(openDay));
      });
    });
    if (!ok) return false;
  }
  if (c.newCustomersOnly && !ctx.customer?.isNew) return false;
  if (c.memberTiers && !c.memberTiers.includes(ctx.customer?.tier ?? '\u0000')) return false;
  return true;
}

function classOf(c: Coupon): number {
  if (c.kind === 'free-shipping') return 2;
  if (c.kind === 'buy-x-get-y') return 0;
  const k = c.class ?? (c.scope ? 'product' : 'order');
  return k === 'product' ? 0 : 1;
}

function inScope(c: Coupon, line: Cart['lines'][number]): boolean {
  if (classOf(c) !== 0 || !c.scope) return true;
  const pid = line.productId ?? line.id;
  return !!c.scope.products?.includes(pid) || !!line.categories?.some((k) => c.scope!.categories?.includes(k));
}

/** The coupon's worth on `base` with its threshold reading `amount`, before capacity. */
function worth(c: Coupon, cart: Cart, base: number, amount: number): number {
  const lines = cart.lines.filter((l) => inScope(c, l));
  if (lines.length === 0 || base <= 0) return 0;
  const qty = lines.reduce((a, l) => a + l.quantity, 0);
  if (c.minQuantity !== undefined && qty < c.minQuantity) return 0;
  if (c.minSpend !== undefined && amount < c.minSpend) return 0;
  let v = 0;
  if (c.kind === 'fixed') v = c.amount;
  else if (c.kind === 'percent') {
    v = Number((BigInt(base) * BigInt(c.bp)) / 10000n);
    if (c.cap !== undefined) v = Math.min(v, c.cap);
  } else if (c.kind === 'threshold') v = amount >= c.spend ? c.amount : 0;
  else if (c.kind === 'repeating') {
    v = Math.floor(amount / c.every) * c.amount;
    if (c.cap !== undefined) v = Math.min(v, c.cap);
  } else if (c.kind === 'tiered') v = Math.max(0, ...c.tiers.filter((t) => amount >= t.spend).map((t) => t.amount));
  else if (c.kind === 'free-shipping') v = c.cap ?? base;
  else {
    const units = lines.flatMap((l) => Array<number>(l.quantity).fill(l.unitPrice)).sort((a, b) => a - b);
    const free = Math.floor(units.length / (c.buy + c.get)) * c.get;
    v = units.slice(0, free).reduce((a, b) => a + b, 0);
  }
  return Math.min(v, base);
}

/** Largest remainder, the slow way (BigInt quotas). */
function split(amount: number, weights: number[]): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  if (amount === 0) return weights.map(() => 0);
  const q = weights.map((w) => (BigInt(amount) * BigInt(w)) / BigInt(total));
  const r = weights.map((w, i) => BigInt(amount) * BigInt(w) - q[i]! * BigInt(total));
  const shares = q.map(Number);
  let left = amount - shares.reduce((a, b) => a + b, 0);
  const order = weights.map((_, i) => i).sort((a, b) => (r[b]! > r[a]! ? 1 : r[b]! < r[a]! ? -1 : a - b));
  for (const i of order) {
    if (left === 0) break;
    shares[i]!++;
    left--;
  }
  return shares;
}

/** Savings and per-coupon amounts of one subset, simulated line by line. */
export function refEvaluate(
  cart: Cart,
  subset: Coupon[],
  ctx: SolveContext,
): { savings: number; amounts: Record<string, number> } {
  const list = cart.lines.map((l) => l.unitPrice * l.quantity);
  const L = list.reduce((a, b) => a + b, 0);
  const cap = [...list];
  const amounts: Record<string, number> = {};
  const sorted = [...subset].sort((a, b) => (a.id < b.id ? -1 : 1));
  for (const cls of [0, 1]) {
    const base = cap.reduce((a, b) => a + b, 0); // what the previous class left
    const disc = cls === 1 && (ctx.thresholdBasis?.order ?? 'discounted') === 'discounted';
    for (const c of sorted.filter((x) => classOf(x) === cls)) {
      const idx = cart.lines.map((l, i) => (inScope(c, l) ? i : -1)).filter((i) => i >= 0);
      const scopeBase = cls === 0 ? idx.reduce((a, i) => a + list[i]!, 0) : base;
      const v = worth(c, cart, scopeBase, cls === 0 ? scopeBase : disc ? base : L);
      const room = idx.reduce((a, i) => a + cap[i]!, 0);
      const a = Math.min(v, room);
      const shares = split(
        a,
        idx.map((i) => cap[i]!),
      );
      idx.forEach((i, k) => (cap[i]! -= shares[k]!));
      amounts[c.id] = a;
    }
  }
  const merch = cap.reduce((a, b) => a + b, 0);
  let fee = cart.shipping ?? 0;
  const shipDisc = (ctx.thresholdBasis?.shipping ?? 'discounted') === 'discounted';
  for (const c of sorted.filter((x) => classOf(x) === 2)) {
    const v = worth(c, cart, cart.shipping ?? 0, shipDisc ? merch : L);
    const a = Math.min(v, fee);
    fee -= a;
    amounts[c.id] = a;
  }
  return { savings: Object.values(amounts).reduce((a, b) => a + b, 0), amounts };
}

function allows(a: Coupon, b: Coupon): boolean {
  return !a.combinesWith || a.combinesWith.includes(b.id) || (b.tags ?? []).some((t) => a.combinesWith!.includes(t));
}

export function refFeasible(subset: Coupon[], ctx: SolveContext): boolean {
  const lim = ctx.limits ?? {};
  if (subset.length > (lim.perOrder ?? INF)) return false;
  const perClass = [0, 0, 0];
  for (const c of subset) perClass[classOf(c)]!++;
  if (perClass[0]! > (lim.product ?? INF) || perClass[1]! > (lim.order ?? INF) || perClass[2]! > (lim.shipping ?? INF))
    return false;
  for (let i = 0; i < subset.length; i++)
    for (let j = i + 1; j < subset.length; j++) {
      const a = subset[i]!;
      const b = subset[j]!;
      if (a.group !== undefined && a.group === b.group) return false;
      if (!allows(a, b) || !allows(b, a)) return false;
    }
  return subset.every((c) => refTimeAndShopperOk(c, ctx));
}

/** Every feasible subset, evaluated and ranked best first. */
export function refRanked(cart: Cart, coupons: Coupon[], ctx: SolveContext): RefResult[] {
  const out: (RefResult & { exp: number[] })[] = [];
  for (let mask = 0; mask < 1 << coupons.length; mask++) {
    const subset = coupons.filter((_, i) => mask & (1 << i));
    if (ctx.require && !ctx.require.every((id) => subset.some((c) => c.id === id))) continue;
    if (!refFeasible(subset, ctx)) continue;
    const { savings, amounts } = refEvaluate(cart, subset, ctx);
    out.push({
      ids: subset.map((c) => c.id).sort(),
      savings,
      amounts,
      exp: subset.map((c) => toMs(c.validUntil, INF)).sort((a, b) => a - b),
    });
  }
  out.sort((a, b) => {
    if (a.savings !== b.savings) return b.savings - a.savings;
    if (a.ids.length !== b.ids.length) return a.ids.length - b.ids.length;
    for (let i = 0; i < a.exp.length; i++) if (a.exp[i] !== b.exp[i]) return a.exp[i]! < b.exp[i]! ? -1 : 1;
    for (let i = 0; i < a.ids.length; i++) if (a.ids[i] !== b.ids[i]) return a.ids[i]! < b.ids[i]! ? -1 : 1;
    return 0;
  });
  return out;
}
