/**
 * What the cart's controls do, loaded with a dynamic `import()` on the first focus, hover or
 * click inside a cart (coupon-cart.ts hands every event of its root here): quantity changes,
 * removing a line, opening the coupon list, checkout, and what follows a shopper's change
 * (`vitrine-cart-change`, the live announcement, saving with `persist`).
 */
import { translate } from '../base/i18n.js';
import { warnOnce } from '../base/warn.js';
import { addEnglish } from './english.js';
import type { CartDetail, CouponCart } from './coupon-cart.js';
import type { CartLine } from './safe-solve.js';

addEnglish({ say: 'Total {total}, you save {saved}.' });

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

function detail(el: CouponCart): CartDetail {
  const s = el.result.solution;
  return {
    lines: el.result.lines,
    coupons: s?.applied ?? [],
    totals: s?.totals ?? { subtotal: 0, discount: 0, shipping: 0, total: 0 },
  };
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
export function after(el: CouponCart): void {
  el.changed = false;
  el.emit('vitrine-cart-change', detail(el));
  if (el.persist)
    import('./persist.js').then(
      (m) => m.keep(el),
      (error: Error) => warnOnce(el.localName, 'persist', `did not load (${error.message}); the cart is not kept.`),
    );
  // One polite announcement per burst of changes, with the final total.
  clearTimeout(timers.get(el));
  timers.set(
    el,
    setTimeout(() => {
      const t = el.result.solution?.totals;
      if (t)
        el.renderRoot.querySelector('#say')!.textContent = translate('coupon-cart', el.locale, 'say', {
          total: el.money(t.total),
          saved: el.money(t.discount),
        });
    }, 500),
  );
}
