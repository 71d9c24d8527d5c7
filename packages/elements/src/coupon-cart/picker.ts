/**
 * The cart's coupon list, loaded with a dynamic `import()` the first time a shopper opens it:
 * each coupon the shopper holds with a checkbox, what an applied one saves and why an unused one
 * does not apply (localised from the engine's structured reasons), and "Use the best combination"
 * after a choice by hand. Its English strings come with it (the other languages' catalogues
 * already hold them).
 */
import { css, html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import type { Reason } from '@vitrine/coupons';
import { formatDate, translate } from '../base/i18n.js';
import { addStyles } from '../base/lazy-styles.js';
import type { CouponCart } from './coupon-cart.js';
import { change } from './actions.js';
import { addEnglish } from './english.js';

const NS = 'coupon-cart';

/** English strings of the list. Reason keys (`r-…`) follow the engine's reason codes. */
export const EN: Record<string, string> = {
  coupons: 'Coupons',
  best: 'Use the best combination',
  'r-expired': 'Expired on {date}',
  'r-not-yet-valid': 'Valid from {date}',
  'r-outside-window': 'Only {windows}',
  'r-new-customer': 'For new customers only',
  'r-member-tier': 'For {tiers} members only',
  'r-no-matching-items': 'No item in your cart qualifies',
  'r-below-min-quantity': 'Add {n} more qualifying items to use it',
  'r-below-threshold': 'Spend {short} more to use it',
  'r-excluded': 'Cannot be combined with {by}',
  'r-limit': 'Coupon limit reached',
  'r-no-saving': 'Saves nothing on this cart',
  'r-not-better': 'The applied coupons save more',
  'r-off': 'Not used (your choice)',
};

addEnglish(EN);

// prettier-ignore
const styles = css`
fieldset { margin: 0 0 8px; padding: 0; border: 0 }
legend { padding: 0; font-weight: 600 }
label { display: grid; grid-template-columns: auto 1fr auto; gap: 0 8px; padding-block: 4px; cursor: pointer }
.reason { grid-column: 2 / -1; color: var(--vitrine-color-muted, #5b6570); font-size: 0.8125em }
`;

/** Reasons a shopper can override by picking the coupon. */
const PICKABLE = new Set(['excluded', 'not-better', 'off']);

type Why = Reason | { code: 'off' };

export type Picker = typeof picker;

/**
 * "Use the best combination": back to the engine's choice. The button goes with the choices by
 * hand, so the focus moves to "Choose coupons", the disclosure of this list (else it falls to the
 * page's <body>).
 */
function best(el: CouponCart): void {
  change(el, { pick: [], drop: [] });
  void el.updateComplete.then(() => el.renderRoot.querySelector<HTMLElement>('[part=choose]')?.focus());
}

/** The coupon list of `el`, rendered inside its template. */
export function picker(el: CouponCart): TemplateResult {
  // The list's styles join the cart's the first time it opens.
  addStyles(el.shadowRoot, styles);
  const t = (key: string, params?: Record<string, string | number>) => translate(NS, el.locale, key, params);
  const { solution, coupons } = el.result;
  const unused = new Map(solution?.unused.map((u) => [u.id, u.reason]));
  const label = (id: string) => coupons.find((c) => c.id === id)?.label || id;
  const why = (r: Why): string => {
    switch (r.code) {
      case 'expired':
      case 'not-yet-valid':
        return t(`r-${r.code}`, {
          date: formatDate(new Date(r.code === 'expired' ? r.expiredAt : r.startsAt), el.locale),
        });
      case 'outside-window':
        return t('r-outside-window', { windows: r.windows.map((w) => `${w.start}–${w.end}`).join(', ') });
      case 'not-eligible':
        return t(`r-${r.requirement}`, { tiers: (r.tiers ?? []).join(', ') });
      case 'below-min-quantity':
        return t('r-below-min-quantity', { n: r.short });
      case 'below-threshold':
        return t('r-below-threshold', { short: el.money(r.short) });
      case 'excluded':
        return r.rule === 'exclusive-group' || r.rule === 'combines-with'
          ? t('r-excluded', { by: r.by.map(label).join(', ') })
          : t('r-limit');
    }
    return t(`r-${r.code}`);
  };
  // Ticking a coupon puts it first among the picks (dropping the picks it cannot be combined
  // with); unticking turns it off.
  const choose = (id: string, on: boolean, reason?: Why) => {
    const by = reason?.code === 'excluded' ? reason.by : [];
    change(el, {
      pick: on ? [id, ...el.pick.filter((p) => p !== id && !by.includes(p))] : el.pick.filter((p) => p !== id),
      drop: on ? el.drop.filter((d) => d !== id) : [...el.drop, id],
    });
  };
  // prettier-ignore
  return html`<fieldset part="coupons"><legend>${t('coupons')}</legend>${coupons.map((c, i) => {
    const used = solution?.applied.find((a) => a.id === c.id);
    const reason: Why | undefined = el.drop.includes(c.id) ? { code: 'off' } : unused.get(c.id);
    const blocked = !used && !PICKABLE.has(reason?.code ?? '');
    return html`<label part="coupon"><input type="checkbox" .checked=${live(!!used)} aria-disabled=${blocked ? 'true' : nothing} aria-describedby=${reason ? `r${i}` : nothing} @click=${(e: Event) => (blocked ? e.preventDefault() : choose(c.id, !used, reason))} /><bdi>${c.label || c.id}</bdi>${
      used ? html`<span class="save end">−${el.money(used.amount)}</span>` : html`<span></span>`
    }${reason ? html`<span class="reason" part="reason" id="r${i}">${why(reason)}</span>` : nothing}</label>`;
  })}${
    el.pick.length || el.drop.length ? html`<button class="link" @click=${() => best(el)}>${t('best')}</button>` : nothing
  }</fieldset>`;
}
