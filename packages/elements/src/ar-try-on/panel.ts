/**
 * The on-demand part of <vitrine-ar-try-on>: the desktop QR hand-off (QR code by `uqr`, drawn
 * as SVG) and the 3D/WebXR viewer through `@google/model-viewer`, imported only here, on the
 * shopper's click. Of the element's modules it imports only kit.ts (and types), so bundlers
 * cannot pull facade or base code into a chunk shared with the element.
 */
import { css, html, svg, type TemplateResult } from 'lit';
import { ref } from 'lit/directives/ref.js';
import { encode } from 'uqr';
import { kitOf, say } from './kit.js';
import { addStyles } from '../base/lazy-styles.js';
import type { ArTryOn } from './ar-try-on.js';

// English here; the other locales' strings are in locales/, loaded with the element's strings.
const EN = {
  scan: 'Scan with your phone’s camera to see it in your space.',
  close: 'Close',
  no3d: 'The 3D viewer is not available right now.',
  qr: 'QR code of this product’s page',
};

const panelStyles = css`
  .panel {
    position: absolute;
    inset: 0;
    display: grid;
    place-content: center;
    justify-items: center;
    gap: 0.6em;
    padding: 1em;
    background: var(--vitrine-color-surface, #fff);
    text-align: center;
  }
  .panel .pill {
    position: static;
  }
  .panel p {
    margin: 0;
  }
  .qr {
    inline-size: min(60%, 192px);
    block-size: auto;
    shape-rendering: crispEdges;
  }
  model-viewer {
    position: absolute;
    inset: 0;
    inline-size: 100%;
    block-size: 100%;
  }
  .close {
    position: absolute;
    inset-block-start: 0.5em;
    inset-inline-end: 0.5em;
    padding: 0.3em 0.8em;
    border: 1px solid var(--vitrine-color-border, #d9dee3);
    border-radius: 2em;
    background: var(--vitrine-color-surface, #fff);
    cursor: pointer;
  }
`;

/** The QR code of `text` as an SVG path of dark modules (with the standard 4-module quiet zone). */
export function qrPath(text: string): { size: number; d: string } {
  const { data, size } = encode(text, { border: 4 });
  let d = '';
  data.forEach((row, y) => row.forEach((dark, x) => dark && (d += `M${x} ${y}h1v1h-1z`)));
  return { size, d };
}

/** Opens the QR hand-off (`qr`) or the 3D viewer (`3d`, importing model-viewer now). */
export async function open(host: ArTryOn, what: 'qr' | '3d'): Promise<void> {
  addStyles(host.shadowRoot, panelStyles);
  host.message = '';
  host.requestUpdate();
  if (what === 'qr') {
    host.panel = 'qr';
    host.report('ar_launch', 'vitrine-ar-launch', { mode: 'qr', url: pageUrl(host) });
    return;
  }
  const mode = host.mode === 'webxr' ? 'webxr' : '3d';
  const specifier = host.modelViewerSrc || '@google/model-viewer';
  try {
    await (host.loadModelViewer ?? (() => import(/* @vite-ignore */ specifier)))();
  } catch (error) {
    host.panel = '3d';
    host.message = say(host, 'no3d', EN.no3d);
    host.requestUpdate();
    kitOf(host).warn(
      'model-viewer-src',
      `"${specifier}" could not be imported (${(error as Error).message}); install @google/model-viewer and set loadModelViewer or an import map.`,
    );
    host.report('ar_failed', 'vitrine-ar-failed', { mode, reason: 'model-viewer-missing' });
    return;
  }
  host.panel = '3d';
  host.report('ar_launch', 'vitrine-ar-launch', { mode, url: host.src! });
}

function pageUrl(host: ArTryOn): string {
  const given =
    host.productUrl && /^https?:|^\//.test(host.productUrl) ? host.productUrl : location.href.split('#')[0]!;
  return new URL(given, location.href).href;
}

/** The open panel. */
export function render(host: ArTryOn): TemplateResult {
  const shut = () => {
    host.panel = undefined;
    host.message = '';
    // Back to the launcher, which the panel covered.
    host.updateComplete.then(() =>
      host.shadowRoot?.querySelector<HTMLElement>('[part=launch]')?.focus({ preventScroll: true }),
    );
  };
  // The panel takes focus when it opens (it covers the button that opened it); Escape closes it.
  const close = html`<button
    class="close"
    @click=${shut}
    ${ref((el) => el && requestAnimationFrame(() => (el as HTMLElement).focus({ preventScroll: true })))}
  >
    ${say(host, 'close', EN.close)}
  </button>`;
  if (host.panel === 'qr') {
    const { size, d } = qrPath(pageUrl(host));
    return html`<div
      part="panel"
      class="panel"
      role="group"
      aria-label=${say(host, 'phone')}
      @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && shut()}
    >
      <svg class="qr" viewBox="0 0 ${size} ${size}" role="img" aria-label=${say(host, 'qr', EN.qr)}>
        ${svg`<rect width=${size} height=${size} fill="#fff" /><path d=${d} fill="#000" />`}
      </svg>
      <p>${say(host, 'scan', EN.scan)}</p>
      ${host.src ? html`<button class="pill" @click=${() => open(host, '3d')}>${say(host, 'd3')}</button>` : ''}
      ${close}
    </div>`;
  }
  if (host.message)
    return html`<div part="panel" class="panel" @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && shut()}>
      <p role="status">${host.message}</p>
      ${close}
    </div>`;
  return html`<div part="panel" class="panel" @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && shut()}>
    <model-viewer
      src=${host.src}
      ios-src=${host.iosSrc}
      alt=${host.alt}
      poster=${host.poster}
      camera-controls
      ar
      ar-modes="webxr scene-viewer quick-look"
      ${ref((el) => {
        // WebXR: enter AR straight away (model-viewer needs the click's activation, still live).
        const viewer = el as (Element & { activateAR?: () => void }) | undefined;
        if (viewer && host.mode === 'webxr')
          customElements.whenDefined('model-viewer').then(() => viewer.activateAR?.());
      })}
    ></model-viewer>
    ${close}
  </div>`;
}
