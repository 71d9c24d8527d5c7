import { LitElement } from 'lit';
import { readJsonConfig } from './config.js';
import { getDefaultClient, type TrackingClient } from './client-slot.js';
import { isRtlLocale, loadStrings, normaliseLocale, translate } from './i18n.js';
import { warnLater, warnOnce } from './warn.js';
import { nextTurn } from './turn.js';

export { nextTurn };

/**
 * Every `vitrine-*` event and its detail. Elements add their events to this map with
 * declaration merging, so `addEventListener('vitrine-checkout', e => e.detail.totals)` is typed.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface VitrineEventMap {}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface HTMLElementEventMap extends VitrineEventMap {}
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface DocumentEventMap extends VitrineEventMap {}
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface WindowEventMap extends VitrineEventMap {}
}

export type VitrineEventName = keyof VitrineEventMap & `vitrine-${string}`;

const live = new Set<VitrineElement>();
let observer: MutationObserver | undefined;

/** Re-render every connected element when the document's `lang` or `dir` changes. */
function watchDocument(): void {
  if (observer || typeof MutationObserver === 'undefined') return;
  observer = new MutationObserver(() => live.forEach((el) => el.requestUpdate()));
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['lang', 'dir'] });
}

/**
 * The shared base of Vitrine's elements: typed events, config from a JSON child, clear warnings,
 * localisation and the client hand-off. Subclasses stay thin; pure logic lives in plain modules.
 */
export abstract class VitrineElement extends LitElement {
  /** The i18n namespace of the element's strings (see `registerStrings`). */
  static i18n = 'common';

  /** The client events go to; defaults to the page's Vitrine client. */
  client?: TrackingClient;

  // No initialisers (undefined is false): the class needs no constructor.
  private jsonApplied?: boolean;
  private hadTurn?: boolean;

  override connectedCallback(): void {
    super.connectedCallback();
    live.add(this);
    watchDocument();
    this.tryJsonConfig();
    // Parsed markup: when the element upgrades at its start tag, its children (the JSON block)
    // do not exist yet. Look again before the first render and once the document is parsed.
    if (!this.jsonApplied && document.readyState === 'loading') {
      document.addEventListener('DOMContentLoaded', () => this.tryJsonConfig(), { once: true });
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    live.delete(this);
  }

  /**
   * Before each render: the JSON config (first render), then whatever the render needs that
   * loads lazily — the strings of the element's locale and `pending()` code — so nothing
   * flashes in English or in a simpler form first; then, for the first render only, its turn.
   */
  protected override scheduleUpdate(): void | Promise<unknown> {
    if (!this.hasUpdated) this.tryJsonConfig();
    const wait =
      loadStrings((this.constructor as typeof VitrineElement).i18n, this.locale) ??
      this.pending() ??
      (this.hadTurn ? undefined : ((this.hadTurn = true), nextTurn()));
    return wait ? wait.then(() => this.scheduleUpdate()) : super.scheduleUpdate();
  }

  /** A promise the next render must wait for (lazily loaded code it needs), or undefined. */
  protected pending(): Promise<unknown> | undefined {
    return undefined;
  }

  private tryJsonConfig(): void {
    if (this.jsonApplied) return;
    if (!this.querySelector(':scope > script')) return;
    this.jsonApplied = true;
    this.applyJsonConfig();
  }

  /**
   * Settings from a `<script type="application/json">` child fill declared properties whose
   * attribute is absent. Attributes and properties set in code win over it.
   */
  protected applyJsonConfig(): void {
    const json = readJsonConfig(this);
    if (!json) return;
    const declared = (this.constructor as typeof VitrineElement).elementProperties;
    for (const [key, value] of Object.entries(json)) {
      const options = declared.get(key);
      if (!options || options.state) {
        warnLater(this.localName, key, 'unknown');
        continue;
      }
      const attribute = options.attribute;
      if (attribute !== false && this.hasAttribute(typeof attribute == 'string' ? attribute : key.toLowerCase()))
        continue;
      (this as unknown as Record<string, unknown>)[key] = value;
    }
  }

  /** The locale in force: the nearest `lang` (the element's own first), else the document's, else `en`. */
  get locale(): string {
    const holder = this.closest('[lang]');
    return normaliseLocale(holder?.getAttribute('lang') || navigator.language);
  }

  /** Whether the element lays out right to left: the nearest `dir`, else the locale's script. */
  get isRtl(): boolean {
    const holder = this.closest('[dir]');
    const dir = holder?.getAttribute('dir')?.toLowerCase();
    if (dir === 'rtl') return true;
    if (dir === 'ltr') return false;
    return isRtlLocale(this.locale);
  }

  /** A localised string of this element's namespace. */
  protected t(key: string, params?: Record<string, string | number>): string {
    const ctor = this.constructor as typeof VitrineElement;
    return translate(ctor.i18n, this.locale, key, params);
  }

  /** One warning per field for the page's lifetime, naming this element. */
  protected warn(field: string, message: string): void {
    warnOnce(this.localName, field, message);
  }

  /**
   * Dispatches a bubbling, composed `vitrine-*` event. Returns false when a cancelable event
   * was vetoed with `preventDefault()`.
   */
  emit<K extends VitrineEventName>(
    name: K,
    detail: VitrineEventMap[K] extends CustomEvent<infer D> ? D : never,
    options: { cancelable?: boolean } = {},
  ): boolean {
    const event = new CustomEvent(name, { detail, bubbles: true, composed: true, ...options });
    return this.dispatchEvent(event);
  }

  /** Hands an analytics event to the client; a missing or failing client never breaks the element. */
  protected track(type: string, fields: Record<string, unknown> = {}): void {
    const client = this.client ?? getDefaultClient();
    if (!client) return;
    try {
      client.track(type, fields);
    } catch (error) {
      warnLater(this.localName, 'client', 'track', type, (error as Error).message);
    }
  }
}
