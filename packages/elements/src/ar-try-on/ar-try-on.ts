import { html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import { VitrineElement } from '../base/vitrine-element.js';
import { nextTurn } from '../base/turn.js';
import { base } from '../base/tokens.js';
import { registerStrings } from '../base/i18n.js';
import { safeUrl } from '../base/config.js';
import {
  currentEnvironment,
  isMobile,
  probeAr,
  quickLookUrl,
  sceneViewerUrl,
  type ArEnvironment,
  type ArSupport,
} from './probe.js';
import { styles } from './ar-try-on.styles.js';

// English of the first render inline; soon.ts and panel.ts keep their own English. Other
// locales load lazily, all of the element's strings at once.
registerStrings(
  'ar-try-on',
  { en: { view: 'View in your space', phone: 'View on your phone', d3: 'View in 3D', cart: 'Add to cart' } },
  {
    'zh-CN': () => import('./locales/zh-CN.js'),
    ar: () => import('./locales/ar.js'),
  },
);

export type { ArKit } from './kit.js';

/** The client events of the element (each also dispatched as a DOM event). */
export type ArEventType = 'ar_launch' | 'ar_cta_tap' | 'ar_notify' | 'ar_failed';

/** What a click starts. */
export type ArMode = 'quick-look' | 'scene-viewer' | 'webxr';

type PanelModule = typeof import('./panel.js');
type SoonModule = typeof import('./soon.js');
let renderSoon: ((host: ArTryOn) => unknown) | undefined;
let soonLoad: Promise<void> | undefined;
const FAILED_HASH = '#vitrine-ar-unavailable';
let backFromSceneViewer = false;

/**
 * An AR try-on placeholder that becomes a launcher where the device can do AR: a poster and a
 * launch button hidden (in reserved space) until the capability probe answers. Quick Look on
 * iOS (through `<a rel="ar">`), Scene Viewer on Android, WebXR through `@google/model-viewer`
 * imported only on the click; on a desktop, a QR code hands off to a phone. Without a model it
 * shows "coming soon" with an optional notify-me button.
 *
 * @tag vitrine-ar-try-on
 * @csspart base - The frame.
 * @csspart poster - The poster image.
 * @csspart launch - The launch button (or the Quick Look link).
 * @csspart soon - The "coming soon" label.
 * @csspart notify - The notify-me button.
 * @csspart panel - The QR hand-off / 3D viewer panel.
 * @cssprop --vitrine-ar-try-on-aspect-ratio - Frame ratio (default 1 / 1); reserve.css uses the same property.
 * @cssprop --vitrine-ar-try-on-background - Frame background.
 * @fires vitrine-ar-launch - AR, the 3D viewer or the QR hand-off was opened; detail: { mode, url }.
 * @fires vitrine-ar-cta - The shopper tapped Quick Look's call-to-action (add to cart); detail: { product }.
 * @fires vitrine-ar-notify - The shopper asked to be told when AR is ready; detail: { product }.
 * @fires vitrine-ar-failed - AR or the 3D viewer could not start; detail: { mode, reason }.
 */
export class ArTryOn extends VitrineElement {
  static override i18n = 'ar-try-on';
  static override styles = [base, styles];
  static override properties: PropertyDeclarations = {
    src: {},
    iosSrc: { attribute: 'ios-src' },
    poster: {},
    alt: {},
    cta: {},
    checkoutSubtitle: { attribute: 'checkout-subtitle' },
    price: {},
    productUrl: { attribute: 'product-url' },
    notify: { type: Boolean },
    modelViewerSrc: { attribute: 'model-viewer-src' },
    arSupport: { attribute: 'ar-support', reflect: true },
    panel: { state: true },
  };

  // No initialisers for the optional strings: unset reads as empty everywhere, and the
  // constructor stays out of the bundle.
  /** glTF/GLB model (Scene Viewer, WebXR and the 3D viewer). */
  src?: string;
  /** USDZ model (Quick Look). */
  iosSrc?: string;
  poster?: string;
  /** The product's name: poster text alternative, AR title and Quick Look's checkout title. */
  alt = '';
  /** Quick Look's call-to-action text (default: "Add to cart", localised). */
  cta?: string;
  checkoutSubtitle?: string;
  /** Shown in Quick Look's banner, e.g. "¥399". */
  price?: string;
  /** The page a phone opens from the QR code and Scene Viewer falls back to (default: this page). */
  productUrl?: string;
  /** Shows a notify-me button in the "coming soon" state. */
  notify?: boolean;
  /** Where `@google/model-viewer` is imported from (an import-map name or a URL); unset: `@google/model-viewer`. */
  modelViewerSrc?: string;
  /** The probe's answer, reflected as `ar-support`; absent while WebXR is being asked. */
  arSupport?: Exclude<ArSupport, 'pending'>;
  /** The device facts the probe reads (tests inject them; default: this browser's, read on connecting). */
  env?: ArEnvironment;
  /**
   * Imports model-viewer; set it to bundle model-viewer yourself: `el.loadModelViewer = () => import('@google/model-viewer')`.
   * Unset: `import(modelViewerSrc)`.
   */
  loadModelViewer?: () => Promise<unknown>;
  /** The open panel: QR hand-off or 3D viewer. @internal */
  panel?: 'qr' | '3d';
  /** A status message shown in the panel. @internal */
  message?: string;
  /** The panel part, once loaded. */
  panelModule?: PanelModule;
  private announced?: boolean;

  override connectedCallback(): void {
    super.connectedCallback();
    const env = (this.env ??= currentEnvironment());
    const support = probeAr(env);
    if (support != 'pending') this.arSupport = support;
    else
      env.xr!.isSessionSupported('immersive-ar').then(
        (ok) => (this.arSupport = ok ? 'webxr' : 'none'),
        () => (this.arSupport = 'none'),
      );
    if (location.hash == FAILED_HASH && !backFromSceneViewer) {
      backFromSceneViewer = true; // once per page, however many elements
      this.report('ar_failed', 'vitrine-ar-failed', { mode: 'scene-viewer', reason: 'unavailable' });
    }
  }

  /** The AR mode a click starts here, given the models provided (`undefined`: none). */
  get mode(): ArMode | undefined {
    const s = this.arSupport;
    const tag = this.localName;
    return (s == 'quick-look' ? safeUrl(tag, 'iosSrc', this.iosSrc) : s != 'none' && safeUrl(tag, 'src', this.src))
      ? (s as ArMode)
      : undefined;
  }

  /** Leaves the page for an AR viewer (tests replace it). */
  navigate(url: string): void {
    location.href = url;
  }

  /** Tracks `type` through the client and emits `event` with the same detail. @internal */
  report(
    type: ArEventType,
    event: 'vitrine-ar-launch' | 'vitrine-ar-cta' | 'vitrine-ar-notify' | 'vitrine-ar-failed',
    detail: Record<string, string>,
  ): void {
    this.track(type, { props: detail });
    this.emit(event, detail as never);
  }

  /**
   * What the launch button does (inside the shopper's gesture): Scene Viewer's intent right
   * away; the QR hand-off and the 3D viewer through the panel part, imported now. The panel's
   * specifier is a constant expression on purpose: bundlers still split it, but Vite adds no
   * preload helper.
   */
  async launch(): Promise<void> {
    const mode = this.mode;
    if (mode == 'scene-viewer') {
      const page = new URL(safeUrl(this.localName, 'productUrl', this.productUrl) ?? '', location.href);
      page.hash = FAILED_HASH;
      const url = sceneViewerUrl(new URL(this.src!, location.href).href, this.alt, page.href);
      this.report('ar_launch', 'vitrine-ar-launch', { mode, url });
      return this.navigate(url);
    }
    (this.panelModule ??= (await import('./panel' + '.js')) as PanelModule).open(
      this,
      mode == 'webxr' || isMobile(this.env!) ? '3d' : 'qr',
    );
  }

  /** No model: the "coming soon" part, which the first render waits for (in reserved space). */
  protected override pending(): Promise<unknown> | undefined {
    const tag = this.localName;
    return renderSoon || safeUrl(tag, 'src', this.src) || safeUrl(tag, 'iosSrc', this.iosSrc)
      ? undefined
      : (soonLoad ??= nextTurn()
          .then(() => import('./soon' + '.js'))
          .then(
            (m: SoonModule) => void (renderSoon = m.renderSoon),
            () => void (renderSoon = () => nothing), // offline: the poster alone
          ));
  }

  protected override updated(): void {
    const mode = this.mode;
    if (mode && !this.announced) {
      this.announced = true;
      this.track('ar_available', { props: { mode } });
    }
  }

  // Templates kept on few lines on purpose: the size check counts template whitespace.
  // prettier-ignore
  override render(): TemplateResult {
    const tag = this.localName;
    const mode = this.mode;
    const view = this.t('view');
    const img = html`<img part="poster" src=${safeUrl(tag, 'poster', this.poster) ?? nothing} alt=${this.alt}>`;
    if (mode == 'quick-look') {
      const url = quickLookUrl(this.iosSrc!, {
        callToAction: this.cta || this.t('cart'),
        checkoutTitle: this.alt,
        checkoutSubtitle: this.checkoutSubtitle,
        price: this.price,
      });
      // Quick Look opens on a click on <a rel="ar"> whose only child is an <img>; the label is ::after.
      return html`<div part="base"><a part="launch" class=ql rel=ar href=${url} aria-label=${view} data-label=${view} @click=${() => this.report('ar_launch', 'vitrine-ar-launch', { mode, url })} @message=${(e: MessageEvent) => e.data == '_apple_ar_quicklook_button_tapped' && this.report('ar_cta_tap', 'vitrine-ar-cta', { product: this.alt })}>${img}</a></div>`;
    }
    const src = safeUrl(tag, 'src', this.src);
    return html`<div part="base">${img}${
      src || safeUrl(tag, 'iosSrc', this.iosSrc)
        ? html`<button part="launch" class="pill ${this.arSupport && (mode || src) ? '' : 'wait'}" @click=${this.launch}>${
            mode ? view : this.t(isMobile(this.env!) ? 'd3' : 'phone')
          }</button>`
        : renderSoon!(this)
    }${this.panel && this.panelModule!.render(this)}</div>`;
  }
}

declare module '../base/vitrine-element.js' {
  interface VitrineEventMap {
    'vitrine-ar-launch': CustomEvent<{ mode: string; url: string }>;
    'vitrine-ar-cta': CustomEvent<{ product: string }>;
    'vitrine-ar-notify': CustomEvent<{ product: string }>;
    'vitrine-ar-failed': CustomEvent<{ mode: string; reason: string }>;
  }
}
