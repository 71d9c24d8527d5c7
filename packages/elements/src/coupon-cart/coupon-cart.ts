import { html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import {
  solve,
  type AppliedCoupon,
  type Coupon,
  type CouponClass,
  type Solution,
  type SolveContext,
  type Totals,
} from '@vitrine/coupons';
import { VitrineElement } from '../base/vitrine-element.js';
import { nextTurn } from '../base/turn.js';
import { base } from '../base/tokens.js';
import { visuallyHidden } from '../base/visually-hidden.js';
import { noTextHooks, safeUrl } from '../base/config.js';
import { formatMoney, registerStrings } from '../base/i18n.js';
import { warmIntlLazily } from '../base/intl-ready.js';
import type { CartLine, SafeResult } from './safe-solve.js';
import { styles } from './coupon-cart.styles.js';
import { STRINGS } from './strings.js';

registerStrings('coupon-cart', STRINGS, {
  'zh-CN': () => import('./locales/zh-CN.js'),
  ar: () => import('./locales/ar.js'),
});

export type { CartLine } from './safe-solve.js';

/** Settles once ICU is warm and a task has passed since (see `pending()`); `ready` once it has. */
let readying: Promise<unknown> | undefined;
let ready = false;
let repair: ((el: CouponCart) => SafeResult) | undefined;
let repairLoad: Promise<void> | undefined;
let actions: typeof import('./actions.js') | undefined;
let actionsLoad: Promise<typeof import('./actions.js')> | undefined;

/**
 * @internal Loads actions.ts, what the cart's controls do and what it reports: after the first
 * render of any cart (a click made before it arrives is handled when it does). The import starts
 * in the task after the render's: the call alone cost that task 1-4 ms of main thread.
 */
export const loadActions = (): Promise<typeof import('./actions.js')> =>
  (actionsLoad ??= nextTurn()
    .then(() => import('./actions.js'))
    .then((m) => (actions = m)));

/** A setting as given, or parsed when it is a string (throws on bad JSON). */
const parse = (value: unknown) => (typeof value == 'string' ? JSON.parse(value || '{}', noTextHooks) : value);

/** The largest quantity of a line (the number input's `max`; safe-solve.ts brings larger ones down to it). */
const MAX_QTY = 999;

/**
 * The engine on the data as given, the common case. Throws when it refuses any of it, when the
 * context is not an object, when a quantity is above `MAX_QTY`, or once the shopper has picked or
 * turned off coupons by hand: then safe-solve.ts (loaded on demand) solves, applying the choices
 * and setting bad parts aside (or bringing quantities down) with a warning each.
 */
function solveAsGiven(el: CouponCart): SafeResult {
  const lines = (el.raw = parse(el.lines));
  const coupons = parse(el.coupons);
  const context = parse(el.context);
  if (
    context?.constructor != Object ||
    el.pick.length ||
    el.drop.length ||
    lines.some((l: CartLine) => l.quantity > MAX_QTY)
  )
    throw 0;
  // An empty cart ships nothing: no fee, no free-shipping coupon "applied" to it.
  const cart = { currency: el.currency, lines, shipping: lines.length && el.shipping };
  return { ...cart, coupons, solution: solve(cart, coupons, context) };
}

/** The detail of `vitrine-cart-change`, `vitrine-cart-restore` and `vitrine-checkout`. */
export interface CartDetail {
  lines: CartLine[];
  /** The coupons applied, with what each saves. */
  coupons: AppliedCoupon[];
  totals: Totals;
}

declare module '../base/vitrine-element.js' {
  interface VitrineEventMap {
    'vitrine-cart-change': CustomEvent<CartDetail>;
    'vitrine-cart-restore': CustomEvent<CartDetail>;
    'vitrine-checkout': CustomEvent<CartDetail>;
  }
}

/**
 * A cart that finds and applies the best coupon combination by itself (with `@vitrine/coupons`),
 * re-solving on every change; shows the savings per class with the coupons applied in each and
 * the cheapest "add X more to save Y" nudge. A "Choose coupons" button opens the coupon list
 * (loaded then): what each coupon saves, why each unused one does not apply, and checkboxes to
 * pick or turn off coupons by hand. Its block size is fixed by `--vitrine-coupon-cart-block-size`
 * (also used by reserve.css): lines, coupons and the breakdown scroll inside; the nudge, the
 * total and the checkout button stay in view.
 *
 * @tag vitrine-coupon-cart
 * @slot empty - Shown when the cart has no lines.
 * @csspart base - The cart.
 * @csspart heading - The title.
 * @csspart warning - The notice shown when part of the data could not be read.
 * @csspart line - One cart line.
 * @csspart image - A line's image.
 * @csspart stepper - A line's quantity stepper.
 * @csspart remove - A line's remove button.
 * @csspart choose - The button that opens and closes the coupon list.
 * @csspart coupons - The coupon list.
 * @csspart coupon - One coupon (a checkbox and its label).
 * @csspart reason - Why a coupon is not applied.
 * @csspart summary - The breakdown: subtotal, discounts per class with their coupons, shipping.
 * @csspart footer - What stays in view: the nudge, the total and the checkout button.
 * @csspart nudge - The "add X more to save Y" hint.
 * @csspart total - The total and what the shopper saves.
 * @csspart checkout - The checkout button.
 * @cssprop --vitrine-coupon-cart-block-size - Height of the element (420px); reserve.css uses it too.
 * @cssprop --vitrine-coupon-cart-accent - Background of the checkout button (the accent colour).
 * @fires vitrine-cart-change - The shopper changed a quantity, a line or a coupon; detail: { lines, coupons, totals }.
 * @fires vitrine-cart-restore - With `persist`: a saved cart replaced the configured one on arrival (update a cart badge); detail: { lines, coupons, totals }.
 * @fires vitrine-checkout - Cancelable; detail: { lines, coupons, totals }. Not cancelled: `begin_checkout` is reported.
 */
export class CouponCart extends VitrineElement {
  static override i18n = 'coupon-cart';
  static override styles = [base, visuallyHidden, styles];
  static override properties: PropertyDeclarations = {
    lines: {},
    coupons: {},
    currency: {},
    shipping: { type: Number },
    context: {},
    persist: { type: Boolean },
    storageKey: { attribute: 'storage-key' },
  };

  /**
   * Cart lines (array or JSON string): `{ id, name, image, unitPrice, quantity, productId?, categories? }`, minor units.
   * The setting as given (a JSON string when set by attribute, bad lines included) until the shopper
   * changes the cart, which replaces it with an array; read the cart as shown from `result.lines`.
   */
  lines: CartLine[] | string = [];
  /** The coupons the shopper holds (array or JSON string), in `@vitrine/coupons`' `Coupon` shape. */
  coupons: Coupon[] | string = [];
  /** ISO 4217 code; every amount is an integer of minor units. */
  currency = 'CNY';
  /** Shipping fee in minor units. */
  shipping = 0;
  /** The engine's context (object or JSON string): `timeZone`, `customer`, `limits`, `thresholdBasis`, `now`… */
  context: SolveContext | string = {};
  /** Keep the lines and the shopper's coupon choices in IndexedDB between visits. */
  persist = false;
  /** The IndexedDB key the cart is kept under. */
  storageKey = 'vitrine-coupon-cart';

  // Internal state below changes only with a re-render requested by whoever changes it.
  /** @internal Coupon ids picked by hand, newest first. */
  pick: string[] = [];
  /** @internal Coupon ids turned off by hand. */
  drop: string[] = [];
  /** @internal The coupon list's renderer while it is open (picker.ts). */
  open?: (cart: CouponCart) => TemplateResult;
  /** @internal The shopper has changed the cart (a saved cart read later does not replace it). */
  touched?: boolean;
  /** @internal A shopper's change is waiting for the next `updated()` (actions.ts). */
  changed?: boolean;
  /** @internal The `lines` setting as an array (bad entries included: they are reported, then skipped). */
  raw!: unknown[];
  /**
   * The cart as shown, from the last solve (read-only; current after `await updateComplete`):
   * `lines` (the lines the engine accepted, quantities above 999 brought down), `coupons`,
   * `currency`, `solution`. The events' `detail` reports the same lines.
   */
  result!: SafeResult;
  /** With `persist`: the reading of the saved cart, from the first render on. */
  private restoring?: Promise<unknown>;

  /** The current solution (undefined only when the data could not be solved at all). */
  get solution(): Solution | undefined {
    return this.result?.solution;
  }

  /**
   * Solves before each render. Data the engine refuses needs safe-solve.ts, loaded then: the
   * render waits for it (the block size is reserved), and carts with good data never load it.
   */
  protected override pending(): Promise<unknown> | undefined {
    // ICU starts in a worker before the first cart formats its prices (see base/intl-warm.ts).
    // Then the first solve gets a task of its own: the engine's code runs cold the first time
    // (12-20 ms of CPU in a page), so it shares its task with nothing else, neither the chunk's
    // start nor the other elements that resume when ICU is warm.
    if (!ready)
      return (readying ??= warmIntlLazily()
        .then(nextTurn)
        .then(() => (ready = true)));
    if (repair) this.result = repair(this);
    else
      try {
        this.result = solveAsGiven(this);
      } catch {
        return (repairLoad ??= import('./safe-solve.js').then(
          (m) => void (repair = m.repair),
          // Offline or blocked: nothing the engine accepts can be shown.
          (e: Error) => {
            repair = () => ({ solution: undefined, lines: [], coupons: [], currency: 'CNY' });
            this.warn('lines', `the repair code did not load (${e.message}); the cart is not shown.`);
          },
        ));
      }
    return undefined;
  }

  /** @internal */
  money(minor: number): string {
    return formatMoney(minor, this.result.currency, this.locale);
  }

  /** Runs `task` with actions.ts, loaded first if need be: a task waiting for it is never lost. */
  private act(task: (m: typeof import('./actions.js')) => void): void {
    if (actions) task(actions);
    else loadActions().then(task, (error: Error) => this.warn('actions', `did not load (${error.message}).`));
  }

  /**
   * Every control's event, handed to actions.ts. Its target is read now: a target inside a
   * shadow root is cleared once the event has been dispatched.
   */
  private on(e: Event): void {
    const target = e.target as HTMLElement;
    this.act((m) => m.on(this, target, e));
  }

  // Templates are written compactly on purpose: library builds keep template whitespace. The root
  // listens for the events of every control inside (buttons and the number input, whose keys
  // reach it as clicks and changes), so the rule below does not apply.
  /* eslint-disable lit-a11y/click-events-have-key-events */
  override render() {
    const { solution: s, lines, coupons, notice } = this.result;
    const totals = lines.length ? s?.totals : undefined;
    const nudge = totals && s?.nudges[0];
    const t = (key: string, params?: Record<string, string | number>) => this.t(key, params);
    const m = (minor: number) => this.money(minor);
    // A class's discount, with the coupons that make it up.
    const row = (k: CouponClass) =>
      // prettier-ignore
      s!.classes[k].discount ? html`<dt>${t(k)}<br> <span class="muted">${s!.applied.filter((a) => a.class == k).map((a, i) => html`${i ? ', ' : ''}<bdi>${a.label || a.id}</bdi>`)}</span></dt><dd class="save">−${m(s!.classes[k].discount)}</dd>` : nothing;
    // prettier-ignore
    return html`<section class="base" part="base" aria-labelledby="h" @click=${this.on} @change=${this.on}><h2 id="h" part="heading" tabindex="-1">${t('title')}</h2>${notice}<div class="body">${
      lines.length ? html`<ul>${lines.map((line) => {
        const name = line.name || line.label || line.id;
        const q = line.quantity;
        const src = safeUrl(this.localName, 'lines.image', line.image);
        return html`<li part="line" .line=${line}>${
          src ? html`<img part="image" src=${src} alt="" loading="lazy" />` : html`<span class="ph"></span>`
        }<span><bdi class="name">${name}</bdi><br><span class="muted">${t('each', { price: m(line.unitPrice) })}</span></span><span class="end">${m(line.unitPrice * q)}</span><span class="step" part="stepper" role="group" aria-label=${t('qty', { name })}><button value="-1" aria-label=${t('dec', { name })} aria-disabled=${q <= 1}>−</button><input type="number" inputmode="numeric" min="1" max=${MAX_QTY} .value=${q} aria-label=${t('qty', { name })} /><button value="1" aria-label=${t('inc', { name })} aria-disabled=${q >= MAX_QTY}>+</button></span><button class="x" part="remove" aria-label=${t('remove', { name })}>×</button></li>`;
      })}</ul>` : html`<slot name="empty"><p class="muted">${t('empty')}</p></slot>`
    }${
      coupons.length ? html`<button class="link" part="choose" aria-expanded=${!!this.open}>${t('choose', { n: s?.applied.length ?? 0, all: coupons.length })}</button>${this.open?.(this)}` : nothing
    }${
      totals ? html`<dl part="summary"><dt>${t('subtotal')}</dt><dd>${m(totals.subtotal)}</dd>${row('product')}${row('order')}<dt>${t('ship')}</dt><dd>${m(totals.shipping)}</dd>${row('shipping')}</dl>` : nothing
    }</div><div class="foot" part="footer">${
      nudge ? html`<p class="nudge" part="nudge">${t(nudge.scope ? 'nudge-scope' : 'nudge', { extra: m(nudge.extraSpend), gain: m(nudge.gain) })}</p>` : nothing
    }${
      totals ? html`<dl part="total"><dt class="total">${t('total')}</dt><dd class="total">${m(totals.total)}</dd>${totals.discount ? html`<dt class="save">${t('saved', { amount: m(totals.discount) })}</dt>` : nothing}</dl>` : nothing
    }<button class="go" part="checkout" ?disabled=${!totals}>${t('checkout')}</button></div><p class="visually-hidden" aria-live="polite" aria-atomic="true" id="say"></p></section>`;
  }

  /* eslint-enable lit-a11y/click-events-have-key-events */

  protected override updated(): void {
    const { result } = this;
    // What the render showed is reported by actions.ts, loaded after the first render (each
    // render's result in turn: none is lost while it loads).
    this.act((m) => m.rendered(this, result));
    // With `persist`, the saved cart is read once (persist.ts); a shopper's change is reported
    // and saved by actions.ts.
    if (this.persist && !this.restoring)
      this.restoring = nextTurn()
        .then(() => import('./persist.js'))
        .then(
          (m) => m.restore(this),
          (e: Error) => this.warn('persist', `did not load (${e.message}); the cart is not kept.`),
        );
  }

  /**
   * With `persist`, `updateComplete` also waits for the saved cart to be read (and rendered):
   * code that changes `lines` after awaiting it is never replaced by the saved cart.
   */
  protected override async getUpdateComplete(): Promise<boolean> {
    await super.getUpdateComplete();
    await this.restoring;
    return super.getUpdateComplete();
  }
}
