import { html, nothing, type PropertyValues, type PropertyDeclarations } from 'lit';
import { live } from 'lit/directives/live.js';
import {
  solve,
  type AppliedCoupon,
  type Coupon,
  type Reason,
  type Solution,
  type SolveContext,
  type Totals,
} from '@vitrine/coupons';
import { VitrineElement } from '../base/vitrine-element.js';
import { base } from '../base/tokens.js';
import { arrayOf, safeUrl } from '../base/config.js';
import { formatDate, formatMoney, registerStrings } from '../base/i18n.js';
import type { CartLine, SafeInput, SafeResult } from './safe-solve.js';
import { styles } from './coupon-cart.styles.js';
import { STRINGS } from './strings.js';

registerStrings('coupon-cart', STRINGS, {
  'zh-CN': () => import('./locales/zh-CN.js'),
  ar: () => import('./locales/ar.js'),
});

export type { CartLine } from './safe-solve.js';

type SafeSolveModule = typeof import('./safe-solve.js');
let repair: SafeSolveModule['safeSolve'] | undefined;
let repairLoad: Promise<void> | undefined;

/**
 * The engine on the data as given, the common case. Undefined when it refuses any of it: then
 * safe-solve.ts (loaded on demand) sets the bad parts aside with a warning each.
 */
function solveAsGiven(input: SafeInput): SafeResult | undefined {
  const { currency, shipping, context } = input;
  const lines = input.lines as CartLine[];
  const coupons = input.coupons as Coupon[];
  const inUse = coupons.filter((c) => !input.drop.includes(c?.id));
  const ids = new Set(inUse.map((c) => c?.id));
  const require = [...new Set([...input.pick, ...(Array.isArray(context.require) ? context.require : [])])];
  try {
    const solution = solve({ currency, lines, shipping }, inUse, {
      ...context,
      require: require.filter((id) => ids.has(id)),
    });
    return { solution, lines, coupons, currency, skipped: 0, problems: [] };
  } catch {
    return undefined;
  }
}

/** The detail of `vitrine-cart-change` and `vitrine-checkout`. */
export interface CartDetail {
  lines: CartLine[];
  /** The coupons applied, with what each saves. */
  coupons: AppliedCoupon[];
  totals: Totals;
}

declare module '../base/vitrine-element.js' {
  interface VitrineEventMap {
    'vitrine-cart-change': CustomEvent<CartDetail>;
    'vitrine-checkout': CustomEvent<CartDetail>;
  }
}

const MAX_QTY = 999;
/** Reasons a shopper cannot override by picking the coupon. */
const PICKABLE = new Set(['excluded', 'not-better', 'off']);

/**
 * A cart that finds and applies the best coupon combination by itself (with `@vitrine/coupons`),
 * re-solving on every change; shows the savings per coupon and per class, the cheapest
 * "add X more to save Y" nudge, and why each unused coupon does not apply. The shopper may pick
 * or turn off coupons by hand. Its block size is fixed by `--vitrine-coupon-cart-block-size`
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
 * @csspart coupons - The coupon list.
 * @csspart coupon - One coupon (a checkbox and its label).
 * @csspart reason - Why a coupon is not applied.
 * @csspart summary - The breakdown: subtotal, discounts per class, shipping.
 * @csspart footer - What stays in view: the nudge, the total and the checkout button.
 * @csspart nudge - The "add X more to save Y" hint.
 * @csspart total - The total and what the shopper saves.
 * @csspart checkout - The checkout button.
 * @cssprop --vitrine-coupon-cart-block-size - Height of the element (420px); reserve.css uses it too.
 * @cssprop --vitrine-coupon-cart-accent - Background of the checkout button (the accent colour).
 * @fires vitrine-cart-change - The shopper changed a quantity, a line or a coupon; detail: { lines, coupons, totals }.
 * @fires vitrine-checkout - Cancelable; detail: { lines, coupons, totals }. Not cancelled: `begin_checkout` is reported.
 */
export class CouponCart extends VitrineElement {
  static override i18n = 'coupon-cart';
  static override styles = [base, styles];
  static override properties: PropertyDeclarations = {
    lines: {},
    coupons: {},
    currency: {},
    shipping: { type: Number },
    context: {},
    persist: { type: Boolean },
    storageKey: { attribute: 'storage-key' },
    pick: { state: true },
    drop: { state: true },
  };

  /** Cart lines (array or JSON string): `{ id, name, image, unitPrice, quantity, productId?, categories? }`, minor units. */
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

  /** Coupon ids picked by hand, newest first. */
  private pick: string[] = [];
  /** Coupon ids turned off by hand. */
  private drop: string[] = [];

  /** The last solve: the solution and the data it was made from. */
  result!: SafeResult;
  /** The `lines` setting as an array (bad entries included: they are reported, then skipped). */
  private raw: unknown[] = [];
  private rawFrom?: unknown;
  private applied = new Set<string>();
  private nudged = new Set<string>();
  private touched = false;
  private changed = false;
  private restored?: Promise<void>;
  private sayTimer?: ReturnType<typeof setTimeout>;

  /** The current solution (undefined only when the data could not be solved at all). */
  get solution(): Solution | undefined {
    return this.result?.solution;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.sayTimer);
    this.restored = undefined;
  }

  /**
   * Solves before each render. Data the engine refuses needs safe-solve.ts, loaded then: the
   * render waits for it (the block size is reserved), and carts with good data never load it.
   */
  protected override pending(): Promise<unknown> | undefined {
    const result = this.solveNow();
    if (result) {
      this.result = result;
      return undefined;
    }
    return (repairLoad ??= import('./safe-solve' + '.js').then(
      (m: SafeSolveModule) => void (repair = m.safeSolve),
      // Offline or blocked: nothing the engine accepts can be shown.
      () =>
        void (repair = ({ currency }) => ({
          solution: undefined,
          lines: [],
          coupons: [],
          currency,
          skipped: 1,
          problems: [],
        })),
    ));
  }

  private solveNow(): SafeResult | undefined {
    const tag = this.localName;
    let context = this.context;
    if (typeof context === 'string') {
      try {
        context = context.trim() ? (JSON.parse(context) as SolveContext) : {};
      } catch {
        this.warn('context', 'is not valid JSON; it is ignored.');
        context = {};
      }
    }
    if (typeof context !== 'object' || context === null || Array.isArray(context)) {
      this.warn('context', 'must be an object; it is ignored.');
      context = {};
    }
    let currency = this.currency;
    try {
      new Intl.NumberFormat('en', { style: 'currency', currency });
    } catch {
      this.warn('currency', `"${currency}" is not an ISO 4217 code; using CNY.`);
      currency = 'CNY';
    }
    if (this.lines !== this.rawFrom) {
      this.raw = arrayOf(tag, 'lines', this.lines);
      this.rawFrom = this.lines;
    }
    const input: SafeInput = {
      currency,
      lines: this.raw,
      coupons: arrayOf(tag, 'coupons', this.coupons),
      // An empty cart ships nothing: no fee, no free-shipping coupon "applied" to it.
      shipping: this.raw.length ? this.shipping : 0,
      context,
      pick: this.pick,
      drop: this.drop,
    };
    const result = repair ? repair(input) : solveAsGiven(input);
    for (const p of result?.problems ?? []) this.warn(p.field, p.message);
    return result;
  }

  private money(minor: number): string {
    return formatMoney(minor, this.result.currency, this.locale);
  }

  private nameOf(line: CartLine): string {
    return line.name || line.label || line.id;
  }

  private couponName(id: string): string {
    return this.result.coupons.find((c) => c.id === id)?.label || id;
  }

  private why(reason: Reason | { code: 'off' }): string {
    const r = reason as Reason;
    switch (r.code) {
      case 'expired':
      case 'not-yet-valid':
        return this.t(`r-${r.code}`, {
          date: formatDate(new Date(r.code === 'expired' ? r.expiredAt : r.startsAt), this.locale),
        });
      case 'outside-window':
        return this.t('r-outside-window', { windows: r.windows.map((w) => `${w.start}–${w.end}`).join(', ') });
      case 'not-eligible':
        return this.t(`r-${r.requirement}`, { tiers: (r.tiers ?? []).join(', ') });
      case 'below-min-quantity':
        return this.t('r-below-min-quantity', { n: r.short });
      case 'below-threshold':
        return this.t('r-below-threshold', { short: this.money(r.short) });
      case 'excluded':
        return r.rule === 'exclusive-group' || r.rule === 'combines-with'
          ? this.t('r-excluded', { by: r.by.map((id) => this.couponName(id)).join(', ') })
          : this.t('r-limit');
    }
    return this.t(`r-${r.code}`);
  }

  override render() {
    const { solution, lines, coupons, skipped } = this.result;
    const totals = lines.length ? solution?.totals : undefined;
    const nudge = totals && solution?.nudges[0];
    const unused = new Map(solution?.unused.map((u) => [u.id, u.reason]));
    return html`<section class="base" part="base" aria-labelledby="h">
      <h2 id="h" part="heading" tabindex="-1">${this.t('title')}</h2>
      ${skipped ? html`<p class="warn" part="warning">${this.t('bad')}</p>` : nothing}
      <div class="body">
        ${
          lines.length
            ? html`<ul>
                ${lines.map((line) => this.renderLine(line))}
              </ul>`
            : html`<slot name="empty"><p class="muted">${this.t('empty')}</p></slot>`
        }
        ${
          coupons.length
            ? html`<fieldset part="coupons">
                <legend>${this.t('coupons')}</legend>
                ${coupons.map((c, i) => {
                  const used = solution?.applied.find((a) => a.id === c.id);
                  const reason = this.drop.includes(c.id) ? { code: 'off' as const } : unused.get(c.id);
                  const blocked = !used && (!reason || !PICKABLE.has(reason.code));
                  return html`<label part="coupon">
                    <input
                      type="checkbox"
                      .checked=${live(!!used)}
                      aria-disabled=${blocked ? 'true' : nothing}
                      aria-describedby=${reason ? `r${i}` : nothing}
                      @click=${(e: Event) => (blocked ? e.preventDefault() : this.choose(c.id, !used, reason))}
                    />
                    <span>${c.label || c.id}</span>
                    ${used ? html`<span class="save end">−${this.money(used.amount)}</span>` : html`<span></span>`}
                    ${reason ? html`<span class="reason" part="reason" id="r${i}">${this.why(reason)}</span>` : nothing}
                  </label>`;
                })}
                ${
                  this.pick.length || this.drop.length
                    ? html`<button class="link" @click=${() => this.reset()}>${this.t('best')}</button>`
                    : nothing
                }
              </fieldset>`
            : nothing
        }
        ${
          totals && solution
            ? html`<dl part="summary">
                <dt>${this.t('subtotal')}</dt>
                <dd class="end">${this.money(totals.subtotal)}</dd>
                ${(['product', 'order'] as const).map((k) =>
                  solution.classes[k].discount
                    ? html`<dt>${this.t(k)}</dt>
                        <dd class="end save">−${this.money(solution.classes[k].discount)}</dd>`
                    : nothing,
                )}
                <dt>${this.t('ship')}</dt>
                <dd class="end">${this.money(totals.shipping)}</dd>
                ${
                  solution.classes.shipping.discount
                    ? html`<dt>${this.t('shipping')}</dt>
                        <dd class="end save">−${this.money(solution.classes.shipping.discount)}</dd>`
                    : nothing
                }
              </dl>`
            : nothing
        }
      </div>
      <div class="foot" part="footer">
        ${
          nudge
            ? html`<p class="nudge" part="nudge">
                ${this.t(nudge.scope ? 'nudge-scope' : 'nudge', {
                  extra: this.money(nudge.extraSpend),
                  gain: this.money(nudge.gain),
                })}
              </p>`
            : nothing
        }
        ${
          totals
            ? html`<dl part="total">
                <dt class="total">${this.t('total')}</dt>
                <dd class="end total">${this.money(totals.total)}</dd>
                ${
                  totals.discount
                    ? html`<dt class="save">${this.t('saved', { amount: this.money(totals.discount) })}</dt>`
                    : nothing
                }
              </dl>`
            : nothing
        }
        <button class="go" part="checkout" ?disabled=${!lines.length || !totals} @click=${() => this.checkout()}>
          ${this.t('checkout')}
        </button>
      </div>
      <p class="visually-hidden" aria-live="polite" aria-atomic="true" id="say"></p>
    </section>`;
  }

  private renderLine(line: CartLine) {
    const name = this.nameOf(line);
    const q = line.quantity;
    const src = safeUrl(this.localName, 'lines.image', line.image);
    return html`<li part="line">
      ${
        src
          ? html`<img part="image" src=${src} alt="" width="48" height="48" loading="lazy" />`
          : html`<span class="ph"></span>`
      }
      <span
        ><span class="name">${name}</span><br /><span class="muted"
          >${this.t('each', {
            price: this.money(line.unitPrice),
          })}</span
        ></span
      >
      <span class="end">${this.money(line.unitPrice * q)}</span>
      <span class="step" part="stepper" role="group" aria-label=${this.t('qty', { name })}>
        <button
          aria-label=${this.t('dec', { name })}
          aria-disabled=${q <= 1 ? 'true' : 'false'}
          @click=${() => q > 1 && this.setQuantity(line, q - 1)}
        >
          −</button
        ><input
          type="number"
          inputmode="numeric"
          min="1"
          max=${MAX_QTY}
          .value=${String(q)}
          aria-label=${this.t('qty', { name })}
          @change=${(e: Event) => {
            const input = e.target as HTMLInputElement;
            const n = Math.round(Number(input.value));
            if (n >= 1) this.setQuantity(line, Math.min(n, MAX_QTY));
            input.value = String(n >= 1 ? Math.min(n, MAX_QTY) : q);
          }}
        /><button
          aria-label=${this.t('inc', { name })}
          aria-disabled=${q >= MAX_QTY ? 'true' : 'false'}
          @click=${() => q < MAX_QTY && this.setQuantity(line, q + 1)}
        >
          +
        </button>
      </span>
      <button class="x" part="remove" aria-label=${this.t('remove', { name })} @click=${() => this.removeLine(line)}>
        ×
      </button>
    </li>`;
  }

  /** Replaces the lines after a shopper's change (the property then holds the current cart). */
  private edit(next: (lines: unknown[]) => unknown[]): void {
    this.lines = next(this.raw) as CartLine[];
    this.touched = this.changed = true;
  }

  private setQuantity(line: CartLine, quantity: number): void {
    if (quantity === line.quantity) return;
    const added = quantity - line.quantity;
    this.edit((all) => all.map((l) => (l === line ? { ...line, quantity } : l)));
    if (added > 0)
      this.track('add_to_cart', {
        product_id: line.productId ?? line.id,
        quantity: added,
        value_minor: line.unitPrice * added,
        currency: this.result.currency,
      });
  }

  private removeLine(line: CartLine): void {
    this.edit((all) => all.filter((l) => l !== line));
    // The focused button is gone: keep the shopper's place at the top of the cart.
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('h2')?.focus());
  }

  private choose(id: string, on: boolean, reason?: Reason | { code: 'off' }): void {
    const by = reason?.code === 'excluded' ? reason.by : [];
    this.pick = on ? [id, ...this.pick.filter((p) => p !== id && !by.includes(p))] : this.pick.filter((p) => p !== id);
    this.drop = on ? this.drop.filter((d) => d !== id) : [...this.drop, id];
    this.touched = this.changed = true;
  }

  private reset(): void {
    this.pick = [];
    this.drop = [];
    this.touched = this.changed = true;
  }

  private detail(): CartDetail {
    const s = this.result.solution;
    return {
      lines: this.result.lines,
      coupons: s?.applied ?? [],
      totals: s?.totals ?? { subtotal: 0, discount: 0, shipping: 0, total: 0 },
    };
  }

  private checkout(): void {
    const detail = this.detail();
    if (!this.emit('vitrine-checkout', detail, { cancelable: true })) return;
    this.track('begin_checkout', {
      value_minor: detail.totals.total,
      currency: this.result.currency,
      quantity: detail.lines.reduce((n, l) => n + l.quantity, 0),
      props: { coupons: detail.coupons.map((c) => c.id).join(','), savings_minor: detail.totals.discount },
    });
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const s = this.result.solution;
    const currency = this.result.currency;
    const now = new Set(s?.applied.map((a) => a.id));
    for (const a of s?.applied ?? [])
      if (!this.applied.has(a.id))
        this.track('coupon_applied', { value_minor: a.amount, currency, props: { coupon: a.id, class: a.class } });
    this.applied = now;
    const nudge = s?.nudges[0];
    const key = nudge && `${nudge.couponId}|${nudge.extraSpend}|${nudge.gain}`;
    if (key && !this.nudged.has(key)) {
      this.nudged.add(key);
      this.track('nudge_shown', {
        currency,
        props: { coupon: nudge.couponId, extra_minor: nudge.extraSpend, gain_minor: nudge.gain },
      });
    }
    if (this.persist && !this.restored) this.restored = this.restore();
    if (!this.changed) return;
    this.changed = false;
    this.emit('vitrine-cart-change', this.detail());
    if (this.persist) void this.save();
    // One polite announcement per burst of changes, with the final total.
    clearTimeout(this.sayTimer);
    this.sayTimer = setTimeout(() => {
      const t = this.result.solution?.totals;
      const say = this.renderRoot.querySelector('#say');
      if (t && say) say.textContent = this.t('say', { total: this.money(t.total), saved: this.money(t.discount) });
    }, 500);
  }

  private async restore(): Promise<void> {
    try {
      const saved = await (await import('./persist.js')).load(this.storageKey);
      if (saved === false)
        this.warn('storage-key', `the cart saved under "${this.storageKey}" is not a Vitrine cart; it was discarded.`);
      else if (saved && !this.touched) {
        this.lines = saved.lines;
        this.pick = saved.pick;
        this.drop = saved.drop;
      }
    } catch (error) {
      this.lost(error);
    }
  }

  private lost(error: unknown): void {
    this.warn('persist', `IndexedDB is not available (${(error as Error).message}); the cart is not kept.`);
  }

  private async save(): Promise<void> {
    try {
      await (
        await import('./persist.js')
      ).save(this.storageKey, { v: 1, lines: this.result.lines, pick: this.pick, drop: this.drop });
    } catch (error) {
      this.lost(error);
    }
  }
}
