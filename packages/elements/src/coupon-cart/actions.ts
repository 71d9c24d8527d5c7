/**
 * What the cart does after its first render, loaded then with a dynamic `import()` (the first
 * render never waits for it): what its controls do (coupon-cart.ts hands every click and change
 * of its root here; one made before this module arrives is handled when it does), quantity
 * changes, removing a line, opening the coupon list, checkout; after each render, the coupons
 * applied and nudges shown are reported, and what follows a shopper's change
 * (`vitrine-cart-change`, the live announcement, saving with `persist`).
 */
import { translate } from '../base/i18n.js';
import { warnOnce } from '../base/warn.js';
import { addEnglish } from './english.js';
import { detail } from './detail.js';
import type { CouponCart } from './coupon-cart.js';
import type { CartLine, SafeResult } from './safe-solve.js';

addEnglish({ say: 'Total {total}, you save {saved}.', 'say-total': 'Total {total}.' });

/** What this module uses of the element beyond its public API. */
interface Cart {
  track(type: string, fields?: Record<string, unknown>): void;
}

const track = (el: CouponCart, type: string, fields: Record<string, unknown>) =>
  (el as unknown as Cart).track(type, fields);

/** A shopper's change: re-solves now; reported, announced and saved after the render. */
export function change(el: CouponCart, patch: { lines?: unknown[]; pick?: string[]; drop?: string[] }): void {
  Object.assign(el, patch);
  el.touched = el.changed = true;
  el.requestUpdate();
}

function quantity(el: CouponCart, line: CartLine, quantity: number): void {
  const added = quantity - line.quantity;
  if (!added) return;
  change(el, { lines: el.raw.map((l) => (l === line ? { ...line, quantity } : l)) });
  if (added > 0)
    track(el, 'add_to_cart', {
      product_id: line.productId ?? line.id,
      quantity: added,
      value_minor: line.unitPrice * added,
      currency: el.result.currency,
    });
}

/** An event from inside the cart's root: `target` is the element it was dispatched to. */
export function on(el: CouponCart, target: HTMLElement, e: Event): void {
  const line = (target.closest('li') as { line?: CartLine } | null)?.line;
  if (e.type === 'change' && line && target.localName === 'input') {
    const input = target as HTMLInputElement;
    const n = Math.min(Math.round(Number(input.value)), Number(input.max));
    if (n >= 1) quantity(el, line, n);
    input.value = String(n >= 1 ? n : line.quantity);
  }
  const button = e.type === 'click' && target.closest('button');
  if (!button || button.getAttribute('aria-disabled') === 'true') return;
  const part = button.getAttribute('part');
  if (line && button.value) quantity(el, line, line.quantity + Number(button.value));
  else if (line && part === 'remove') {
    change(el, { lines: el.raw.filter((l) => l !== line) });
    // The focused button is gone: keep the shopper's place at the top of the cart.
    void el.updateComplete.then(() => el.renderRoot.querySelector('h2')!.focus());
  } else if (part === 'choose')
    import('./picker.js').then(
      (m) => ((el.open = el.open ? undefined : m.picker), el.requestUpdate()),
      (error: Error) => warnOnce(el.localName, 'coupons', `the coupon list did not load (${error.message}).`),
    );
  else if (part === 'checkout') {
    const d = detail(el);
    if (el.emit('vitrine-checkout', d, { cancelable: true }))
      track(el, 'begin_checkout', {
        value_minor: d.totals.total,
        currency: el.result.currency,
        quantity: d.lines.reduce((n, l) => n + l.quantity, 0),
        props: { coupons: d.coupons.map((c) => c.id).join(','), savings_minor: d.totals.discount },
      });
  }
}

const timers = new WeakMap<CouponCart, ReturnType<typeof setTimeout>>();

/** After the render that follows a shopper's change. */
function after(el: CouponCart): void {
  el.changed = false;
  el.emit('vitrine-cart-change', detail(el));
  // Until the saved cart is read; from then on persist.ts saves every change itself.
  if (el.persist)
    import('./persist.js').then(
      (m) => void (m.watched.has(el) || m.keep(el)),
      (error: Error) => warnOnce(el.localName, 'persist', `did not load (${error.message}); the cart is not kept.`),
    );
  // One polite announcement per burst of changes, with the final total (and the saving, when
  // there is one), or that the cart is now empty; none from a cart that has left the page
  // meanwhile (nobody hears it, and its page may be gone).
  clearTimeout(timers.get(el));
  timers.set(
    el,
    setTimeout(() => {
      const t = el.result.solution?.totals;
      if (t && el.isConnected)
        el.renderRoot.querySelector('#say')!.textContent = translate(
          'coupon-cart',
          el.locale,
          el.result.lines.length ? (t.discount ? 'say' : 'say-total') : 'empty',
          { total: el.money(t.total), saved: el.money(t.discount) },
        );
    }, 500),
  );
}

/** Per cart: the coupons applied at the last render, and the nudges reported (by key). */
const seen = new WeakMap<CouponCart, { applied: Set<string>; nudged: Set<string> }>();

/**
 * After each render (`result`, the solve it showed): `coupon_applied` for each coupon that
 * entered the applied set (the first solve included), `nudge_shown` once per distinct nudge,
 * and what follows a shopper's change.
 */
export function rendered(el: CouponCart, { solution: s, currency }: SafeResult): void {
  const was = seen.get(el) ?? { applied: new Set<string>(), nudged: new Set<string>() };
  seen.set(el, was);
  for (const a of s?.applied ?? [])
    if (!was.applied.has(a.id))
      track(el, 'coupon_applied', { value_minor: a.amount, currency, props: { coupon: a.id, class: a.class } });
  was.applied = new Set(s?.applied.map((a) => a.id));
  const nudge = s?.nudges[0];
  const key = nudge && `${nudge.couponId}|${nudge.extraSpend}|${nudge.gain}`;
  if (key && !was.nudged.has(key)) {
    was.nudged.add(key);
    track(el, 'nudge_shown', {
      currency,
      props: { coupon: nudge.couponId, extra_minor: nudge.extraSpend, gain_minor: nudge.gain },
    });
  }
  if (el.changed) after(el);
}
