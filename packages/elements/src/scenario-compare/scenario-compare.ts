import { html, nothing, type PropertyDeclarations } from 'lit';
import { VitrineElement } from '../base/vitrine-element.js';
import { nextTurn } from '../base/turn.js';
import { base } from '../base/tokens.js';
import { arrayOf, oneOf, safeUrl } from '../base/config.js';
import { registerStrings } from '../base/i18n.js';
import { warnLater } from '../base/warn.js';
import { onceVisible } from '../selling-points/once-visible.js';
import { styles } from './scenario-compare.styles.js';

const ELEMENT = 'scenario-compare';

registerStrings(
  ELEMENT,
  {
    // The table's own strings come with its code (table.ts); its caption stays, for the offline fallback.
    en: {
      tabs: 'Usage scenarios',
      specs: 'Specifications',
      compare: 'before and after',
      before: 'Before',
      after: 'After',
      // `{p}` is plain digits and a percent sign, not an Intl format: a page's first Intl number
      // format starts Chromium's ICU (tens of ms), too much for a slider's accessible text.
      shows: '{p} before',
    },
  },
  {
    'zh-CN': () => import('./locales/zh-CN.js'),
    ar: () => import('./locales/ar.js'),
  },
);

declare module '../base/vitrine-element.js' {
  interface VitrineEventMap {
    'vitrine-scenario-change': CustomEvent<{ scenario: string; index: number }>;
  }
}

/** One usage scenario of the guide. */
export interface Scenario {
  /** Stable id used in events and `selected`; defaults to the position ("0", "1", …). */
  id?: string;
  title: string;
  image?: string;
  alt?: string;
  /** Short proof points ("11 h battery, tested"). */
  points?: string[];
  /** Before/after images: when both are set the panel shows the comparison slider. */
  before?: string;
  after?: string;
  beforeAlt?: string;
  afterAlt?: string;
}

/** One row of the spec table; `scenarios` lists the ids it matters for. */
export interface SpecRow {
  label: string;
  value: string | number;
  scenarios?: string[];
}

type Named = Scenario & { id: string };
type TableModule = typeof import('./table.js');
type TableHost = import('./table.js').TableHost;
type OnKey = (host: ScenarioCompare, key: string) => unknown;
let renderTable: TableModule['renderTable'] | undefined;
let tableLoad: Promise<void> | undefined;
// The tab list's keys load on the first of them (see key()); if they cannot, every tab is a tab stop.
let onKey: Promise<OnKey> | undefined;
let tabStops = false;

/**
 * One data set, two presentations: a scenario guide (tabs with images, proof points and a
 * before/after slider) or a plain spec table. `mode` is the variant hook of the playbook's
 * "spec table vs scenario guide" experiment: set it to the assigned variation key.
 *
 * @tag vitrine-scenario-compare
 * @csspart base - The root.
 * @csspart tabs - The tab list.
 * @csspart tab - One scenario tab.
 * @csspart panel - One scenario panel.
 * @csspart image - A scenario, before or after image.
 * @csspart points - The proof-point list.
 * @csspart compare - The before/after box.
 * @csspart slider - The native range input over the images.
 * @csspart handle - The visible divider handle.
 * @csspart table - The spec table.
 * @cssprop --vitrine-scenario-compare-block-size - Height of the element (520px).
 * @cssprop --vitrine-scenario-compare-media-block-size - Least height of images and the slider (240px); they grow to fill the height the proof points leave.
 * @cssprop --vitrine-scenario-compare-accent - Selected tab and handle colour (accent).
 * @fires vitrine-scenario-change - The shopper chose a scenario; detail: { scenario, index }.
 */
export class ScenarioCompare extends VitrineElement {
  static override i18n = ELEMENT;
  static override styles = [base, styles];
  static override properties: PropertyDeclarations = {
    mode: { reflect: true },
    scenarios: {},
    specs: {},
    selected: {},
    caption: {},
    position: { type: Number },
  };

  /** `guide` (default) or `table`. The experiment's variation keys are these values. */
  mode: 'guide' | 'table' = 'guide';
  /** The scenarios, as an array or a JSON string. */
  scenarios: Scenario[] | string = [];
  /** The spec rows, as an array or a JSON string. */
  specs: SpecRow[] | string = [];
  /** Id of the shown scenario; follows the shopper's choice. */
  selected = '';
  /** Caption of the spec table (default: "Specifications", localised). */
  caption = '';
  /** Slider position, 0–100 (% of the width showing the "before" image). */
  position = 50;

  private using?: boolean;
  private seen?: boolean;
  private unwatch?: () => void;

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.seen) return;
    // What was seen is reported by seen.ts, loaded then (offline or blocked: not reported).
    this.unwatch = onceVisible(this, () => {
      this.seen = true;
      import('./seen' + '.js').then(
        (m: typeof import('./seen.js')) => m.seen(this),
        () => {},
      );
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unwatch?.();
  }

  /** Table mode needs the table part: the render waits for it (no flash of an empty frame). */
  protected override pending(): Promise<unknown> | undefined {
    if (renderTable || this.shownMode() !== 'table') return undefined;
    // Offline or blocked: the caption alone.
    return (tableLoad ??= nextTurn()
      .then(() => import('./table' + '.js'))
      .then(
        (m: TableModule) => void (registerStrings(ELEMENT, { en: m.strings }), (renderTable = m.renderTable)),
        () => void (renderTable = (_host, caption) => html`<p>${caption}</p>`),
      ));
  }

  // Templates are written compactly on purpose: library builds keep template whitespace.
  override render() {
    // prettier-ignore
    return html`<div part="base" class="root" dir=${this.isRtl ? 'rtl' : 'ltr'}>${
      this.shownMode() === 'table'
        ? renderTable!(this as unknown as TableHost, this.caption || this.t('specs'))
        : this.guide(this.list())
    }</div>`;
  }

  /** The requested mode, falling back to whichever presentation has data. */
  private shownMode(): 'guide' | 'table' {
    const mode = oneOf(this.localName, 'mode', this.mode, ['guide', 'table'] as const, 'guide');
    // Both lists are read every time, so every bad entry of either is named whatever is shown.
    const rows = this.rows().length;
    return this.list().length && (mode === 'guide' || !rows) ? 'guide' : 'table';
  }

  /**
   * Valid scenarios with their ids; image URLs are checked here, so every bad one is named at once.
   * An id used before is made distinct (`x` becomes `x-1`, after its position), with a warning:
   * else the later tab could never be chosen.
   */
  private list(): Named[] {
    const tag = this.localName;
    const ids: string[] = [];
    return arrayOf<Scenario>(tag, 'scenarios', this.scenarios).flatMap((s, i) => {
      if (typeof s?.title !== 'string' || !s.title) {
        warnLater(tag, `scenarios[${i}].title`, 'missing', 'scenario');
        return [];
      }
      let id = String(s.id ?? i);
      if (ids.includes(id)) warnLater(tag, `scenarios[${i}].id`, 'duplicate', id, (id += '-' + i));
      ids.push(id);
      const url = (field: 'image' | 'before' | 'after') => safeUrl(tag, field, s[field]);
      return [{ ...s, id, image: url('image'), before: url('before'), after: url('after') }];
    });
  }

  private rows(): SpecRow[] {
    const tag = this.localName;
    return arrayOf<SpecRow>(tag, 'specs', this.specs).filter(
      (r, i) => (typeof r?.label === 'string' && r.value != null) || warnLater(tag, `specs[${i}]`, 'row'),
    );
  }

  private active(list: Named[]): number {
    const i = list.findIndex((s) => s.id === this.selected);
    if (i < 0 && this.selected) warnLater(this.localName, 'selected', 'selected', this.selected);
    return Math.max(0, i);
  }

  /** WAI-ARIA tabs; only the shown panel is filled (the others are empty until chosen). */
  private guide(list: Named[]) {
    const a = this.active(list);
    // prettier-ignore
    return html`<div role="tablist" part="tabs" aria-label=${this.t('tabs')} @keydown=${this.key}>${list.map(
      (s, i) => html`<button role="tab" part="tab" dir=auto id="tab${i}" aria-selected=${i === a} aria-controls="panel${i}" tabindex=${i === a || tabStops ? 0 : -1} @click=${() => this.select(list, i)}>${s.title}</button>`,
    )}</div>${list.map(
      (s, i) => html`<div role="tabpanel" part="panel" id="panel${i}" aria-labelledby="tab${i}" tabindex=0 ?hidden=${i !== a}>${
        i === a ? [this.media(s), Array.isArray(s.points) && s.points.length ? html`<ul part="points">${s.points.map((p) => html`<li><bdi>${p}</bdi></li>`)}</ul>` : nothing] : nothing
      }</div>`,
    )}`;
  }

  // An attribute bound to undefined is rendered empty (alt=""). The position goes through the
  // `style` property (CSSOM), which a strict CSP allows, unlike a written style attribute.
  private media(s: Named) {
    const p = this.position;
    // prettier-ignore
    return s.before && s.after
      ? html`<div class="media" part="compare" .style=${`--p:${p}%`}><img part="image" src=${s.after} alt=${s.afterAlt} /><img part="image" class="before" src=${s.before} alt=${s.beforeAlt} /><span class="tag" aria-hidden="true">${this.t('before')}</span><span class="tag" aria-hidden="true">${this.t('after')}</span><input type="range" part="slider" .value=${p} aria-label="${s.title}: ${this.t('compare')}" aria-valuetext=${this.t('shows', { p: `${p}%` })} @input=${(e: Event) => this.slide(e, s)} @blur=${() => (this.using = false)} /><span class="handle" part="handle"></span></div>`
      : s.image
        ? html`<div class="media"><img part="image" src=${s.image} alt=${s.alt} /></div>`
        : nothing;
  }

  /**
   * WAI-ARIA tabs (roving tabindex, automatic activation): the arrows, Home and End are handled by
   * tabs.ts; their default action (scrolling) is stopped here, at once.
   */
  private key(e: KeyboardEvent): void {
    if (!/^(Home|End|Arrow[LR])/.test(e.key)) return;
    e.preventDefault();
    void (onKey ??= import('./tabs.js').then(
      (m) => m.onKey,
      // Not loaded: every tab becomes a tab stop, chosen with Enter or Space.
      () => ((tabStops = true), (host: ScenarioCompare) => host.requestUpdate()),
    )).then((handle) => handle(this, e.key));
  }

  private select(list: Named[], i: number): void {
    if (i === this.active(list)) return;
    const scenario = list[i]!.id;
    this.selected = scenario;
    this.using = false;
    this.emit('vitrine-scenario-change', { scenario, index: i });
    this.track('scenario_view', { props: { element: ELEMENT, scenario, mode: 'guide', trigger: 'select' } });
  }

  /** One `slider_use` per interaction: from the first move until the slider loses focus. */
  private slide(e: Event, s: Named): void {
    this.position = Number((e.target as HTMLInputElement).value);
    if (this.using) return;
    this.using = true;
    this.track('slider_use', { props: { element: ELEMENT, scenario: s.id } });
  }
}
