import { html, nothing, type PropertyValues, type PropertyDeclarations } from 'lit';
import { VitrineElement } from '../base/vitrine-element.js';
import { nextTurn } from '../base/turn.js';
import { base } from '../base/tokens.js';
import { arrayOf, oneOf, safeUrl } from '../base/config.js';
import { registerStrings } from '../base/i18n.js';
import { warmIntlLazily } from '../base/intl-ready.js';
import { warnLater } from '../base/warn.js';
import { onceVisible } from './once-visible.js';
import { styles } from './selling-points.styles.js';
import type { CountdownHost } from './countdown.js';
import type { TipHost } from './tooltip.js';
import type { OverflowHost } from './overflow.js';

registerStrings(
  'selling-points',
  // The countdown's strings come with its code (countdown.ts).
  { en: { label: 'Why buy here', empty: 'Selling points: add 2 to 6 items' } },
  {
    'zh-CN': () => import('./locales/zh-CN.js'),
    ar: () => import('./locales/ar.js'),
  },
);

/** One selling point. */
export interface SellingPoint {
  /** A built-in icon name (see `SellingPoints.icons`) or an http(s)/relative image URL. */
  icon?: string;
  title: string;
  text?: string;
  /** Shown in a tooltip on hover, keyboard focus or tap. */
  details?: string;
  /** Replace `text` with the dispatch countdown (when the calendar is set and valid). */
  countdown?: boolean;
}

type Item = SellingPoint & { svg?: Element | null };
type Countdown = typeof import('./countdown.js');
type Tooltip = typeof import('./tooltip.js');

// The countdown code loads only for elements that show one (see pending()).
let countdownText: Countdown['countdownText'] | undefined;
let countdownLoad: Promise<void> | undefined;
// The tooltips' code loads on the first hover, focus or tap of a title with details (see tip()).
let onTip: Promise<Tooltip['onTip']> | undefined;
const noop = () => {};

// The built-in icons' drawings load after the first render (icons.ts): their boxes are sized, so
// they appear in place, moving nothing, and no render waits for them.
let icons: Record<string, string> | undefined;
let iconLoad: Promise<void> | undefined;

/**
 * First-screen selling points and trust badges, with tooltip details and an honest
 * dispatch-cutoff countdown. Its height is fixed by `--vitrine-selling-points-block-size`
 * (also used by reserve.css), so it never shifts the page.
 *
 * @tag vitrine-selling-points
 * @slot - Optional markup items: `<div data-icon="truck" data-details="…"><strong>Title</strong> text</div>`
 *   (read as data, not shown after upgrade).
 * @csspart base - The list.
 * @csspart item - One selling point.
 * @csspart icon - The icon box.
 * @csspart title - The title (a button when the item has details).
 * @csspart text - The short text or the countdown.
 * @csspart tooltip - The details tooltip.
 * @cssprop --vitrine-selling-points-block-size - Height of the element (88px; 264px vertical).
 * @cssprop --vitrine-selling-points-item-inline-size - Minimum width of a horizontal item (176px).
 * @cssprop --vitrine-selling-points-countdown-inline-size - Width of a horizontal item showing a live countdown (248px).
 * @cssprop --vitrine-selling-points-gap - Gap between items (8px).
 * @cssprop --vitrine-selling-points-icon-color - Icon colour (accent).
 * @cssprop --vitrine-selling-points-countdown-color - Countdown colour (accent).
 * @cssprop --vitrine-selling-points-tooltip-background - Tooltip background.
 * @cssprop --vitrine-selling-points-tooltip-color - Tooltip text colour.
 */
export class SellingPoints extends VitrineElement {
  static override i18n = 'selling-points';
  static override styles = [base, styles];
  static override properties: PropertyDeclarations = {
    items: {},
    layout: { reflect: true },
    label: {},
    cutoff: {},
    timezone: {},
    workingDays: { attribute: 'working-days' },
    holidays: {},
    serverTime: { attribute: 'server-time' },
  };
  /** The built-in icon names. */
  static icons = ['truck', 'return', 'leaf', 'energy', 'quiet', 'shield', 'clock'];

  /** 2–6 items, as an array or a JSON string. Empty: the markup children are used. */
  items: SellingPoint[] | string = [];
  /** `horizontal` (a row that scrolls sideways when narrow) or `vertical`. */
  layout: 'horizontal' | 'vertical' = 'horizontal';
  /** Accessible name of the list. */
  label = '';
  /** Daily dispatch cutoff, `HH:MM` in the merchant's time zone. Unset: no countdown. */
  cutoff = '';
  /** The warehouse's IANA time zone, e.g. `Asia/Shanghai`. Required for the countdown. */
  timezone = '';
  /** ISO weekdays that ship, e.g. `1-5` or `1-6` or `[1,2,3,4,5]`. */
  workingDays: string | number[] = '1-5';
  /** Local dates that do not ship: `2026-10-01, 2026-10-02` or an array. */
  holidays: string | string[] = '';
  /** The server's clock at page render (ISO string or ms); corrects a wrong shopper clock. */
  serverTime: string | number = '';

  /** When `serverTime` was set, by the shopper's clock (ms); read by countdown.ts. */
  protected at?: number;
  /** The countdown's next render (set by countdown.ts). */
  private timer?: ReturnType<typeof setTimeout>;
  /** Set by tooltip.ts while a tooltip is open: closes it. */
  private unplace?: () => void;
  private unwatch?: () => void;
  private seen?: boolean;
  private resize?: ResizeObserver;
  /** The markup children the last render read (see `list()` and `moved()`). */
  private read: Element[] = [];

  override connectedCallback(): void {
    super.connectedCallback();
    // Moved in the page: the countdown timer was stopped (and the tooltip closed) on removal.
    if (this.hasUpdated) this.requestUpdate();
    if (!this.seen)
      this.unwatch = onceVisible(this, () => {
        this.seen = true;
        this.track('impression', { props: { element: 'selling-points' } });
      });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.timer);
    this.unwatch?.();
    this.resize?.disconnect();
    this.unplace?.();
  }

  /** An item with a countdown and a cutoff: the render waits for the countdown code (no flash of the plain text). */
  protected override pending(): Promise<unknown> | undefined {
    if (countdownText || !this.cutoff || !this.list().some((item) => item.countdown)) return undefined;
    // ICU starts in a worker meanwhile (the page's first `Intl` format costs tens of ms), and the
    // zone's clock is made here, not in the render's task. Offline or blocked: the items keep their own text.
    return (countdownLoad ??= Promise.all([import('./countdown.js'), warmIntlLazily()]).then(
      ([m]) =>
        void (
          registerStrings('selling-points', { en: m.strings }),
          (countdownText = m.countdownText),
          m.isTimeZone(this.timezone)
        ),
      () => void (countdownText = () => undefined),
    ));
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('serverTime') && this.serverTime !== '') {
      this.at = Date.now();
      // Read (and a bad value warned about) by the countdown's code, also where no countdown shows.
      void import('./countdown.js').then((m) => m.serverSkew(this as unknown as CountdownHost), noop);
    }
  }

  // A tooltip is named from its content (ARIA 1.2); the rule below expects an explicit label.
  // Templates are written compactly on purpose: library builds keep template whitespace.
  /* eslint-disable lit-a11y/accessible-name */
  override render() {
    const items: Item[] = this.list();
    const layout = oneOf(this.localName, 'layout', this.layout, ['horizontal', 'vertical'] as const, 'horizontal');
    // Nothing configured: one row says what to configure, in the same reserved box.
    // prettier-ignore
    return html`<ul part="base" class=${layout[0]!} aria-label=${this.label || this.t('label')}>${
      (items.length ? items : [{ title: this.t('empty') }]).map((item, i) => {
        const live = item.countdown && this.cutoff && countdownText?.(this as unknown as CountdownHost);
        const on = (e: Event) => this.tip(e, i);
        const icon = this.icon(item);
        return html`<li part="item">${icon ? html`<span part="icon" class="icon" aria-hidden="true">${icon}</span>` : nothing}<span class="body">${
          item.details
            ? html`<button part="title" class="title" aria-describedby="tip${i}" @pointerenter=${on} @pointerleave=${on} @focus=${on} @blur=${on} @click=${on} @keydown=${on} dir="auto">${item.title}</button><span part="tooltip" class="tip" role="tooltip" id="tip${i}" hidden>${item.details}</span>`
            : html`<bdi part="title" class="title">${item.title}</bdi>`
        }<bdi part="text" class=${live ? 'text soon' : 'text'}>${live || item.text}</bdi></span></li>`;
      })
    }</ul><slot hidden @slotchange=${this.moved}></slot>`;
  }

  /**
   * The markup changed: render again. A slot also reports its first assignment, right after the
   * first render, which has read those children already: a second render in the same task.
   */
  private moved(): void {
    const now = this.querySelectorAll(':scope>:not(script)');
    if (now.length != this.read.length || this.read.some((child, i) => child != now[i])) this.requestUpdate();
  }

  /* eslint-enable lit-a11y/accessible-name */

  protected override updated(): void {
    // A row wider than the element becomes a focusable scroll region (overflow.ts). Its import
    // starts in the next task, like the icons': an import() call in the render's own task made that
    // task 1-4 ms longer (module fetch set-up), enough to push it past Lighthouse's 50 ms on a phone.
    void nextTurn()
      .then(() => import('./overflow.js'))
      .then((m) => m.watchOverflow(this as unknown as OverflowHost), noop);
  }

  /**
   * An event of item `i`'s title, handled by tooltip.ts. If that fails to load, the details show
   * in place (unstyled) while the title is hovered, focused or tapped.
   */
  private tip(e: Event, i: number): void {
    void (onTip ??= import('./tooltip' + '.js').then(
      (m: Tooltip) => m.onTip,
      () => (host: TipHost, event: Event, item: number) =>
        void (host.renderRoot.getElementById(`tip${item}`)!.hidden = !/ent|foc|ck/.test(event.type)),
    )).then((handle) => handle(this as unknown as TipHost, e, i));
  }

  /** Items from the `items` property/attribute/JSON, else from the markup children; validated. */
  private list(): Item[] {
    let raw = arrayOf<Item>(this.localName, 'items', this.items);
    const read = (this.read = Array.from(this.querySelectorAll<HTMLElement>(':scope>:not(script)')));
    if (!raw.length)
      raw = read.map((child) => {
        const strong = child.querySelector(':scope>:is(strong,b)');
        const svg = child.querySelector(':scope>svg');
        const data = child.dataset;
        let text = '';
        for (const node of child.childNodes) if (node !== strong && node !== svg) text += node.textContent;
        return {
          ...data,
          title: (data.title ?? strong?.textContent ?? '').trim(),
          text: text.trim(),
          countdown: 'countdown' in data,
          svg,
        };
      });
    const items = raw.filter(
      (item, i) =>
        (typeof item?.title == 'string' && item.title.trim()) ||
        warnLater(this.localName, `items[${i}].title`, 'missing', 'item'),
    );
    if (items.length === 1 || items.length > 6) warnLater(this.localName, 'items', 'count', items.length);
    return items.slice(0, 6);
  }

  /**
   * The icon, for a box hidden from assistive technology (decorative: the title says it). None
   * (no box, so no empty indent) without an icon or when the given one is refused; `nothing`
   * while a built-in drawing loads (its box is sized, so the drawing moves nothing).
   */
  private icon({ svg, icon }: Item) {
    // The markup's own drawing; JSON cannot give one (a "svg" key there is ignored)
    if (svg instanceof Element) return svg.cloneNode(true);
    if (!icon) return;
    if (SellingPoints.icons.includes(icon)) {
      if (icons) return html`<svg viewBox="0 0 24 24"><path d=${icons[icon]}></path></svg>`;
      // Offline or blocked: the boxes stay empty (and nothing asks again). Requested in the next
      // task, not the render's (see updated()).
      void (iconLoad ??= nextTurn()
        .then(() => import('./icons.js'))
        .then(
          (m) => void (icons = m.ICONS),
          () => void (icons = {}),
        )).then(() => this.requestUpdate());
      return nothing;
    }
    if (/[./:]/.test(icon)) {
      const src = safeUrl(this.localName, 'icon', icon);
      return src && html`<img src=${src} alt="" />`;
    }
    warnLater(this.localName, 'icon', 'icon', icon, SellingPoints.icons);
  }
}
