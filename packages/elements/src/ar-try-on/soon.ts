/**
 * The "coming soon" state of <vitrine-ar-try-on> (no `src` and no `ios-src`): a label and, with
 * `notify`, a notify-me button. Loaded with `import()` only by elements without a model; their
 * first render waits for it, in the space reserve.css holds, so nothing flashes or shifts.
 */
import { css, html, type TemplateResult } from 'lit';
import { say } from './kit.js';
import { addStyles } from '../base/lazy-styles.js';
import type { ArTryOn } from './ar-try-on.js';

// The label sits at the top, over the poster (the notify-me button is a pill at the bottom).
const soonStyles = css`
  .soon {
    inset-block: 0.75em auto;
    background: #1d232a;
  }
`;
// prettier-ignore
export function renderSoon(host: ArTryOn): TemplateResult {
  addStyles(host.shadowRoot, soonStyles);
  return html`<span part="soon" class="pill soon">${say(host, 'soon', '3D view coming soon')}</span>${
    host.notify
      ? html`<button part="notify" class=pill @click=${() => host.report('ar_notify', 'vitrine-ar-notify', { product: host.alt })}>${say(host, 'notify', 'Notify me')}</button>`
      : ''
  }`;
}
