import type { Experiment } from './experiment.js';

const STYLE = `
  :host { all: initial; position: fixed; inset-block-end: 16px; inset-inline-end: 16px; z-index: 2147483647;
    font: 14px/1.4 system-ui, sans-serif; color: #1d232a; }
  section { background: #fff; border: 1px solid #c4ccd4; border-radius: 10px; padding: 12px 14px;
    box-shadow: 0 6px 24px rgb(0 0 0 / 0.18); min-inline-size: 240px; max-inline-size: min(360px, calc(100vw - 32px)); }
  h2 { font-size: 15px; margin: 0 0 4px; }
  p { margin: 0 0 10px; color: #4f5963; font-size: 13px; }
  label { display: block; font-weight: 600; margin-block-start: 8px; }
  select, button { font: inherit; margin-block-start: 4px; }
  select { inline-size: 100%; padding: 6px; border: 1px solid #8a949e; border-radius: 6px; background: #fff; color: inherit; }
  button { margin-block-start: 12px; padding: 6px 12px; border: 1px solid #1d232a; border-radius: 6px; background: #fff; color: inherit; cursor: pointer; }
  :focus-visible { outline: 2px solid #1a5fd0; outline-offset: 2px; }
`;

let panel: HTMLElement | null = null;

/**
 * The growth team's preview (`?vitrine-preview`): lists the experiments on the page with their
 * variants; choosing one shows it in this tab only. Nothing is reported while previewing.
 */
export function openPreviewPanel(): void {
  if (panel?.isConnected) {
    refresh();
    return;
  }
  panel = document.createElement('vitrine-preview-panel');
  const root = panel.attachShadow({ mode: 'open' });
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(STYLE);
  root.adoptedStyleSheets = [sheet];
  document.body.append(panel);
  refresh();
}

function refresh(): void {
  const root = panel!.shadowRoot!;
  const experiments = Array.from(document.querySelectorAll<Experiment>('vitrine-experiment'));
  const section = document.createElement('section');
  section.setAttribute('aria-labelledby', 'vitrine-preview-title');
  const title = document.createElement('h2');
  title.id = 'vitrine-preview-title';
  title.textContent = 'Vitrine preview';
  const note = document.createElement('p');
  note.textContent = 'This tab only. Nothing is reported while previewing.';
  section.append(title, note);
  experiments.forEach((el, n) => {
    const key = el.experimentKey ?? '';
    const id = `vitrine-preview-${n}`;
    const label = document.createElement('label');
    label.htmlFor = id;
    label.textContent = key || '(no key)';
    const select = document.createElement('select');
    select.id = id;
    for (const variant of el.variants)
      select.add(new Option(variant, variant, false, variant === el.getAttribute('variant')));
    select.addEventListener('change', () => el.preview(select.value));
    section.append(label, select);
  });
  if (!experiments.length) {
    const none = document.createElement('p');
    none.textContent = 'No experiments on this page.';
    section.append(none);
  }
  const exit = document.createElement('button');
  exit.type = 'button';
  exit.textContent = 'Exit preview';
  exit.addEventListener('click', () => {
    try {
      // The preview flag (`vitrine-preview`) and each choice (`vitrine-preview:<key>`, PREVIEW_PREFIX).
      // The prefix is not imported: importing a value from the element's chunk made the bundler
      // give that chunk a namespace wrapper (one more module, rolldown-runtime, before it stamps).
      for (const key of Object.keys(sessionStorage))
        if (key.startsWith('vitrine-preview')) sessionStorage.removeItem(key);
    } catch {
      /* storage blocked */
    }
    const url = new URL(location.href);
    url.searchParams.delete('vitrine-preview');
    location.assign(url.href);
  });
  section.append(exit);
  root.replaceChildren(section);
}
