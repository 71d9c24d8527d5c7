/**
 * The "coming soon" state of <vitrine-ar-try-on> (no `src` and no `ios-src`): a label and, with
 * `notify`, a notify-me button. Loaded with `import()` only by elements without a model; their
 * first render waits for it, in the space reserve.css holds, so nothing flashes or shifts.
 */
import { html, type TemplateResult } from 'lit';
import { say } from './kit.js';
import type { ArTryOn } from './ar-try-on.js';

// prettier-ignore
export function renderSoon(host: ArTryOn): TemplateResult {
  return html`<span part="soon" class="pill soon">${say(host, 'soon', '3D view coming soon')}</span>${
    host.notify
      ? html`<button part="notify" class=pill @click=${() => host.report('ar_notify', 'vitrine-ar-notify', { product: host.alt })}>${say(host, 'notify', 'Notify me')}</button>`
      : ''
  }`;
}
