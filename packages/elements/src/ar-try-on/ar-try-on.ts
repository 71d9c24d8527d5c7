import { html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import { VitrineElement } from '../base/vitrine-element.js';
import { base } from '../base/tokens.js';
import { registerStrings, type Catalogs } from '../base/i18n.js';
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

registerStrings(
  'ar-try-on',
  {
    en: {
      view: 'View in your space',
      phone: 'View on your phone',
      d3: 'View in 3D',
      soon: '3D view coming soon',
      notify: 'Notify me',
      cart: 'Add to cart',
    },
  },
  {
    'zh-CN': () => import('./locales/zh-CN.js'),
    ar: () => import('./locales/ar.js'),
  },
);

/** What the lazily loaded panel part may use of the element (it imports nothing of ours). */
export interface ArKit {
  t(key: string): string;
  warn(field: string, message: string): void;
  strings(catalogs: Catalogs): void;
}

type PanelModule = typeof import('./panel.js');
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
    message: { state: true },
  };

  /** glTF/GLB model (Scene Viewer, WebXR and the 3D viewer). */
  src = '';
  /** USDZ model (Quick Look). */
  iosSrc = '';
  poster = '';
  /** The product's name: poster text alternative, AR title and Quick Look's checkout title. */
  alt = '';
  /** Quick Look's call-to-action text (default: "Add to cart", localised). */
  cta = '';
  checkoutSubtitle = '';
  /** Shown in Quick Look's banner, e.g. "¥399". */
  price = '';
  /** The page a phone opens from the QR code and Scene Viewer falls back to (default: this page). */
  productUrl = '';
  /** Shows a notify-me button in the "coming soon" state. */
  notify = false;
  /** Where `@google/model-viewer` is imported from (an import-map name or a URL). */
  modelViewerSrc = '@google/model-viewer';
  /** The probe's answer, reflected as `ar-support`; absent while WebXR is being asked. */
  arSupport?: Exclude<ArSupport, 'pending'>;
  /** The device facts the probe reads (tests inject them; default: this browser). */
  env?: ArEnvironment;
  /** Imports model-viewer; replace it to bundle it yourself: `el.loadModelViewer = () => import('@google/model-viewer')`. */
  loadModelViewer: () => Promise<unknown> = () => import(/* @vite-ignore */ this.modelViewerSrc);
  /** The open panel: QR hand-off or 3D viewer. @internal */
  panel?: 'qr' | '3d';
  /** A status message shown in the panel. @internal */
  message = '';
  /** The panel part, once loaded. */
  panelModule?: PanelModule;
  private announced = false;

  /** @internal */
  get kit(): ArKit {
    return {
      t: (key) => this.t(key),
      warn: (field, message) => this.warn(field, message),
      strings: (catalogs) => registerStrings('ar-try-on', catalogs),
    };
  }

  override connectedCallback(): void {
    super.connectedCallback();
    const env = this.env ?? currentEnvironment();
    const support = probeAr(env);
    this.arSupport = support === 'pending' ? undefined : support;
    if (support === 'pending')
      env.xr!.isSessionSupported('immersive-ar').then(
        (ok) => (this.arSupport = ok ? 'webxr' : 'none'),
        () => (this.arSupport = 'none'),
      );
    if (location.hash === FAILED_HASH && !backFromSceneViewer) {
      backFromSceneViewer = true; // once per page, however many elements
      this.report('ar_failed', 'vitrine-ar-failed', { mode: 'scene-viewer', reason: 'unavailable' });
    }
  }

  /** The AR mode a click starts here, given the models provided (`undefined`: none). */
  get mode(): 'quick-look' | 'scene-viewer' | 'webxr' | undefined {
    const s = this.arSupport;
    return s === 'quick-look' ? (this.iosSrc ? s : undefined) : s && s !== 'none' && this.src ? s : undefined;
  }

  /** Leaves the page for an AR viewer (tests replace it). */
  navigate(url: string): void {
    location.href = url;
  }

  /** Tracks `type` through the client and emits `event` with the same detail. @internal */
  report(
    type: string,
    event: 'vitrine-ar-launch' | 'vitrine-ar-cta' | 'vitrine-ar-notify' | 'vitrine-ar-failed',
    detail: Record<string, string>,
  ): void {
    this.track(type, { props: detail });
    this.emit(event, detail as never);
  }

  private page(): string {
    return safeUrl(this.localName, 'productUrl', this.productUrl) ?? location.href.split('#')[0]!;
  }

  /**
   * What the launch button does (inside the shopper's gesture). The panel's specifier is a
   * constant expression on purpose: bundlers still split it, but Vite adds no preload helper.
   */
  async launch(): Promise<void> {
    const mode = this.mode;
    if (mode === 'scene-viewer') {
      const glb = new URL(safeUrl(this.localName, 'src', this.src)!, location.href).href;
      const url = sceneViewerUrl(glb, this.alt, new URL(this.page(), location.href).href + FAILED_HASH);
      this.report('ar_launch', 'vitrine-ar-launch', { mode, url });
      return this.navigate(url);
    }
    this.panelModule ??= (await import('./panel' + '.js')) as PanelModule;
    this.panelModule.open(this, this.kit, mode === 'webxr' || isMobile(this.env ?? currentEnvironment()) ? '3d' : 'qr');
  }

  protected override updated(): void {
    const mode = this.mode;
    if (mode && !this.announced) {
      this.announced = true;
      this.track('ar_available', { props: { mode } });
    }
  }

  override render(): TemplateResult {
    const tag = this.localName;
    const poster = safeUrl(tag, 'poster', this.poster);
    const src = safeUrl(tag, 'src', this.src);
    const ios = safeUrl(tag, 'iosSrc', this.iosSrc);
    const mode = this.mode;
    const img = html`<img part="poster" src=${poster ?? nothing} alt=${this.alt} />`;
    let launcher: TemplateResult | typeof nothing = nothing;
    if (!src && !ios) {
      launcher = html`<span part="soon" class="pill soon">${this.t('soon')}</span>${
          this.notify
            ? html`<button
                part="notify"
                class="pill"
                @click=${() => this.report('ar_notify', 'vitrine-ar-notify', { product: this.alt })}
              >
                ${this.t('notify')}
              </button>`
            : nothing
        }`;
    } else if (mode === 'quick-look') {
      const url = quickLookUrl(ios!, {
        callToAction: this.cta || this.t('cart'),
        checkoutTitle: this.alt,
        checkoutSubtitle: this.checkoutSubtitle,
        price: this.price,
      });
      return html`<div part="base" class="base">
        <a
          part="launch"
          class="ql"
          rel="ar"
          href=${url}
          aria-label=${this.t('view')}
          data-label=${this.t('view')}
          @click=${() => this.report('ar_launch', 'vitrine-ar-launch', { mode: 'quick-look', url })}
          @message=${(e: MessageEvent) => {
            if (e.data === '_apple_ar_quicklook_button_tapped')
              this.report('ar_cta_tap', 'vitrine-ar-cta', { product: this.alt });
          }}
          >${img}</a
        >
      </div>`;
    } else {
      const label = mode ? 'view' : isMobile(this.env ?? currentEnvironment()) ? 'd3' : 'phone';
      const usable = this.arSupport && (mode || src);
      launcher = html`<button part="launch" class="pill ${usable ? '' : 'wait'}" @click=${this.launch}>
        ${this.t(label)}
      </button>`;
    }
    return html`<div part="base" class="base">
      ${img}${launcher}${this.panel ? this.panelModule!.render(this, this.kit) : nothing}
    </div>`;
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
