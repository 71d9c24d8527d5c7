/**
 * Table mode of <vitrine-scenario-compare>: the spec `<table>` and its styles, loaded with
 * `import()` only when an element shows it (the render waits for it, inside the fixed block size,
 * so nothing flashes or shifts). Elements in guide mode never load it.
 */
import { css, html, nothing, type TemplateResult } from 'lit';
import { addStyles } from '../base/lazy-styles.js';
import type { Scenario, SpecRow } from './scenario-compare.js';

/** What the table reads from the element: its shadow root, its valid rows and scenarios, its strings. */
export interface TableHost {
  renderRoot: ShadowRoot;
  rows(): SpecRow[];
  list(): Scenario[];
  t(key: string): string;
}

/**
 * The table's English strings, which the element registers when it loads this part (so this
 * chunk imports nothing of the base's i18n); zh-CN and ar are in the element's lazy catalogues.
 */
export const strings = { spec: 'Specification', value: 'Value', fits: 'Good for' };

// prettier-ignore
const styles = css`
.table { flex: 1; min-block-size: 0; overflow: auto }
table { inline-size: 100%; border-collapse: collapse }
caption { padding-block-end: 8px; font-weight: 600; text-align: start }
th, td { padding: 8px 10px; border-block-end: 1px solid var(--vitrine-color-border, #d9dee3); text-align: start; vertical-align: top }
thead th { color: var(--vitrine-color-muted, #5b6570); font-size: 0.8125em }
`;

/** The table of `host`, captioned `caption` (the first call adds the table styles to its shadow root). */
export function renderTable(host: TableHost, caption: string): TemplateResult {
  addStyles(host.renderRoot, styles);
  const rows = host.rows();
  const list = host.list();
  const t = (key: string) => host.t(key);
  const fits = rows.some((r) => r.scenarios?.length);
  const title = (id: string) => list.find((s) => s.id === id)?.title ?? id;
  // prettier-ignore
  return html`<div class="table" role="region" aria-labelledby="cap" tabindex="0"><table part="table"><caption id="cap">${caption}</caption><thead><tr><th scope="col">${t('spec')}</th><th scope="col">${t('value')}</th>${
    fits ? html`<th scope="col">${t('fits')}</th>` : nothing
  }</tr></thead><tbody>${rows.map(
    (r) => html`<tr><th scope="row"><bdi>${r.label}</bdi></th><td><bdi>${r.value}</bdi></td>${fits ? html`<td>${(Array.isArray(r.scenarios) ? r.scenarios : []).map(title).join(', ')}</td>` : nothing}</tr>`,
  )}</tbody></table></div>`;
}
