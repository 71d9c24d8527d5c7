/**
 * The cart's repair path, loaded with a dynamic `import()` the first time the engine refuses the
 * data as given, or once the shopper picks or turns off coupons by hand: from then on every solve
 * of every cart runs here, setting bad parts aside with one warning each.
 */
import { CouponInputError, solve, type Coupon, type Line, type Solution, type SolveContext } from '@vitrine/coupons';
import { css, html, type TemplateResult } from 'lit';
import { arrayOf, noTextHooks } from '../base/config.js';
import { addStyles } from '../base/lazy-styles.js';
import { translate } from '../base/i18n.js';
import { warnOnce } from '../base/warn.js';
import type { CouponCart } from './coupon-cart.js';
import { addEnglish } from './english.js';

// The notice shown above a cart with parts left out.
addEnglish({ bad: 'Part of this cart could not be read and is not shown.' });

/** A cart line as the element takes it: the engine's `Line` plus what the shopper sees. */
export interface CartLine extends Line {
  /** Shown to the shopper (falls back to `label`, then `id`). */
  name?: string;
  /** Product image, http(s) or relative URL. */
  image?: string;
}

export interface SafeInput {
  currency: string;
  lines: readonly unknown[];
  shipping: number;
  coupons: readonly unknown[];
  /** The `context` setting as given: an object or a JSON string. */
  context: unknown;
  /** Coupons the shopper picked (tried first, in this order). */
  pick: readonly string[];
  /** Coupons the shopper turned off. */
  drop: readonly string[];
}

export interface Problem {
  /** The setting at fault, e.g. `lines[2].quantity`. */
  field: string;
  message: string;
}

export interface SafeResult {
  solution: Solution | undefined;
  /** The lines the engine accepted, in order. */
  lines: CartLine[];
  /** The wallet coupons the engine accepted (turned-off ones included). */
  coupons: Coupon[];
  currency: string;
  /** Lines and coupons left out. */
  skipped?: number;
  /** What was set aside or replaced (none when the engine took the data as given). */
  problems?: Problem[];
  /** The notice shown above a cart with parts left out. */
  notice?: TemplateResult;
}

// prettier-ignore
const styles = css`
.warn { margin: 0 16px 4px; padding: 4px 8px; border-radius: 6px; background: #fff4e5; color: var(--vitrine-color-warning, #8a4b00); font-size: 0.875em }
`;

/** The most a line can hold: the quantity input's `max` (coupon-cart.ts's `MAX_QTY`). */
const MAX_QTY = 999;

/** Money fields: the engine's "must be an integer (minor units)" is right for these only. */
const MONEY = /(unitPrice|amount|spend|every|cap|shipping)$/i;

/**
 * The engine's message about `field` in the merchant's terms: its integer check says "(minor
 * units)" of quantities and basis points too. A percent coupon given a `percent` instead of its
 * rate `bp` is named by the field the merchant wrote.
 */
function inWords(field: string, detail: string, given?: unknown): Problem {
  if (/\.bp$/.test(field) && given && typeof given == 'object' && !('bp' in given) && 'percent' in given)
    return {
      field: field.replace(/bp$/, 'percent'),
      message: 'is not a field of a percent coupon: its rate is "bp", in basis points (1000 = 10 %)',
    };
  return {
    field,
    message: MONEY.test(field)
      ? detail
      : detail.replace(' (minor units)', /\.bp$/.test(field) ? ' (basis points: 1000 = 10 %)' : ''),
  };
}

const idOf = (c: unknown) => (typeof c === 'object' && c !== null ? (c as { id?: unknown }).id : undefined);

/**
 * Runs `solve` on data that may be partly bad. The engine names the first field it refuses
 * (`cart.lines[2].quantity`); that line or coupon is set aside and the rest is solved again,
 * so one bad item never empties the cart. A bad currency, shipping fee or context falls back
 * to a safe default (a context that is bad JSON or no object too). Pure: problems are returned,
 * not logged.
 */
export function safeSolve(input: SafeInput): SafeResult {
  let { currency, shipping } = input;
  const problems: Problem[] = [];
  let context: SolveContext = {};
  let raw = input.context;
  if (typeof raw === 'string') {
    try {
      raw = raw.trim() ? JSON.parse(raw, noTextHooks) : {};
    } catch {
      problems.push({ field: 'context', message: 'is not valid JSON; it is ignored.' });
      raw = {};
    }
  }
  if (typeof raw === 'object' && raw !== null && !Array.isArray(raw)) context = raw as SolveContext;
  else problems.push({ field: 'context', message: 'must be an object; it is ignored.' });
  const lineAt = input.lines.map((_, i) => i);
  const couponAt = input.coupons.map((_, i) => i);
  let skipped = 0;
  for (let tries = input.lines.length + input.coupons.length + 4; tries > 0; tries--) {
    const lines = lineAt.map((i) => input.lines[i]) as CartLine[];
    const all = couponAt.map((i) => input.coupons[i]) as Coupon[];
    const inUse = couponAt.filter((i) => !input.drop.includes(idOf(input.coupons[i]) as string));
    const ids = new Set(inUse.map((i) => idOf(input.coupons[i])));
    const require = [...new Set([...input.pick, ...(Array.isArray(context.require) ? context.require : [])])];
    try {
      const solution = solve({ currency, lines, shipping }, inUse.map((i) => input.coupons[i]) as Coupon[], {
        ...context,
        require: require.filter((id) => ids.has(id)),
      });
      return { solution, lines, coupons: all, currency, skipped, problems };
    } catch (error) {
      if (!(error instanceof CouponInputError)) {
        problems.push({ field: 'coupons', message: `the coupon engine failed (${String(error)}).` });
        return { solution: undefined, lines, coupons: all, currency, skipped, problems };
      }
      const detail = error.message.slice(error.field.length + 2);
      const item = /^(cart\.lines|coupons)\[(\d+)\](.*)$/.exec(error.field);
      if (item) {
        const isCoupon = item[1] === 'coupons';
        const list = isCoupon ? couponAt : lineAt;
        const at = (isCoupon ? inUse : lineAt)[Number(item[2])]!;
        list.splice(list.indexOf(at), 1);
        const said = inWords(
          `${isCoupon ? 'coupons' : 'lines'}[${at}]${item[3]}`,
          detail,
          (isCoupon ? input.coupons : input.lines)[at],
        );
        problems.push({ field: said.field, message: `${said.message}; it is left out.` });
        skipped++;
      } else if (error.field.startsWith('cart.currency')) {
        problems.push({ field: 'currency', message: `${detail}; using CNY.` });
        currency = 'CNY';
      } else if (error.field.startsWith('cart.shipping')) {
        problems.push({ field: 'shipping', message: `${detail}; using 0.` });
        shipping = 0;
      } else if (error.field.startsWith('context')) {
        problems.push({
          field: error.field,
          message: `${inWords(error.field, detail).message}; the context is ignored.`,
        });
        context = {};
      } else {
        problems.push({ field: error.field, message: detail });
        break;
      }
    }
  }
  return { solution: undefined, lines: [], coupons: [], currency, skipped, problems };
}

/**
 * Solves `el`'s settings with `safeSolve`, warning once per problem (naming the element). A
 * quantity above `MAX_QTY` (the stepper's `max`) is brought down to it, with a warning: the line
 * stays in the cart, as a shop's own cart keeps it, and its stepper works. `el.raw` holds the
 * line so changed (a copy: the page's array is left as it gave it).
 */
export function repair(el: CouponCart): SafeResult {
  const tag = el.localName;
  el.raw = arrayOf<CartLine>(tag, 'lines', el.lines).map((line, i) => {
    if (!(line?.quantity > MAX_QTY && Number.isSafeInteger(line.quantity))) return line;
    warnOnce(
      tag,
      `lines[${i}].quantity`,
      `${line.quantity} is more than ${MAX_QTY}, the most one line holds; using ${MAX_QTY}.`,
    );
    return { ...line, quantity: MAX_QTY };
  });
  const result = safeSolve({
    currency: el.currency,
    lines: el.raw,
    coupons: arrayOf(tag, 'coupons', el.coupons),
    // An empty cart ships nothing: no fee, no free-shipping coupon "applied" to it.
    shipping: el.raw.length ? el.shipping : 0,
    context: el.context,
    pick: el.pick,
    drop: el.drop,
  });
  for (const p of result.problems!) warnOnce(tag, p.field, p.message);
  if (result.skipped) {
    // Its styles join the cart's the first time it shows.
    addStyles(el.shadowRoot, styles);
    result.notice = html`<p class="warn" part="warning">${translate('coupon-cart', el.locale, 'bad')}</p>`;
  }
  return result;
}
