/**
 * Table mode of <vitrine-scenario-compare>: the spec `<table>`, loaded with `import()` only when
 * an element shows it (the render waits for it, inside the fixed block size, so nothing flashes or
 * shifts). Elements in guide mode never load it.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Scenario, SpecRow } from './scenario-compare.js';

export function renderTable(
  rows: SpecRow[],
  list: Scenario[],
  caption: string,
  t: (key: string) => string,
): TemplateResult {
  const fits = rows.some((r) => r.scenarios?.length);
  const title = (id: string) => list.find((s) => s.id === id)?.title ?? id;
  return html`<div class="table" role="region" aria-labelledby="cap" tabindex="0">
    <table part="table">
      <caption id="cap">
        ${caption}
      </caption>
      <thead>
        <tr>
          <th scope="col">${t('spec')}</th>
          <th scope="col">${t('value')}</th>
          ${fits ? html`<th scope="col">${t('fits')}</th>` : nothing}
        </tr>
      </thead>
      <tbody>
        ${rows.map(
          (r) =>
            html`<tr>
              <th scope="row">${r.label}</th>
              <td>${r.value}</td>
              ${fits ? html`<td>${(r.scenarios ?? []).map(title).join(', ')}</td>` : nothing}
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}
