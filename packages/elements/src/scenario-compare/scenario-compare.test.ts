import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ScenarioCompare } from '@vitrine/elements';
import '@vitrine/elements/scenario-compare';
import { setDefaultClient } from '../base/client-slot.js';
import { resetWarnings } from '../base/warn.js';

const DATA = {
  scenarios: [
    {
      id: 'small-kitchen',
      title: 'Renter’s small kitchen',
      image: '/img/kitchen.jpg',
      alt: 'Kettle and rice cooker on a narrow counter',
      points: ['Both fit on 40 cm of counter', 'One plug, no installation'],
    },
    {
      id: 'quiet-morning',
      title: 'Early-morning quiet breakfast',
      before: '/img/before.jpg',
      after: '/img/after.jpg',
      beforeAlt: 'A loud kettle steaming',
      afterAlt: 'The quiet kettle',
      points: ['38 dB: quieter than a library', 'Rice ready at 6:30 on a timer'],
    },
    { id: 'trip', title: 'Business trip / dorm', points: ['1.2 kg, fits a carry-on'] },
  ],
  specs: [
    { label: 'Noise', value: '38 dB', scenarios: ['quiet-morning'] },
    { label: 'Energy label', value: 'A+++', scenarios: ['small-kitchen', 'trip'] },
    { label: 'Weight', value: '1.2 kg' },
  ],
};

let warn: ReturnType<typeof vi.spyOn>;
beforeAll(() => expect(customElements.get('vitrine-scenario-compare')).toBe(ScenarioCompare));
afterEach(() => {
  document.body.innerHTML = '';
  resetWarnings();
  setDefaultClient(undefined);
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

async function mount(markup: string): Promise<ScenarioCompare> {
  warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
  document.body.innerHTML = markup;
  const el = document.body.querySelector('vitrine-scenario-compare')!;
  await el.updateComplete;
  return el;
}

const json = (config: object) => `<script type="application/json">${JSON.stringify(config)}</script>`;
const $ = (el: ScenarioCompare, sel: string) => el.shadowRoot!.querySelector<HTMLElement>(sel);
const $$ = (el: ScenarioCompare, sel: string) => Array.from(el.shadowRoot!.querySelectorAll<HTMLElement>(sel));
/** The warnings said so far; their texts load lazily (base/messages.ts), so wait for pending imports first. */
const messages = async (): Promise<string[]> => {
  await vi.dynamicImportSettled();
  return warn.mock.calls.map((c: unknown[]) => String(c[0]));
};

describe('<vitrine-scenario-compare>', () => {
  it('defaults to the guide: tabs with one selected, linked panels, images and points', async () => {
    const el = await mount(`<vitrine-scenario-compare>${json(DATA)}</vitrine-scenario-compare>`);
    expect(el.mode).toBe('guide');
    const tabs = $$(el, '[role="tab"]');
    expect(tabs.map((t) => t.textContent!.trim())).toEqual([
      'Renter’s small kitchen',
      'Early-morning quiet breakfast',
      'Business trip / dorm',
    ]);
    expect(tabs.map((t) => t.getAttribute('aria-selected'))).toEqual(['true', 'false', 'false']);
    expect(tabs.map((t) => t.tabIndex)).toEqual([0, -1, -1]);
    const panels = $$(el, '[role="tabpanel"]');
    expect(panels.map((p) => p.hidden)).toEqual([false, true, true]);
    expect(panels[0]!.getAttribute('aria-labelledby')).toBe(tabs[0]!.id);
    expect(tabs[0]!.getAttribute('aria-controls')).toBe(panels[0]!.id);
    expect(panels[0]!.querySelector('img')!.getAttribute('alt')).toBe('Kettle and rice cooker on a narrow counter');
    expect(Array.from(panels[0]!.querySelectorAll('li'), (li) => li.textContent)).toEqual(DATA.scenarios[0]!.points);
    expect($(el, '[role="tablist"]')!.getAttribute('aria-label')).toBe('Usage scenarios');
    expect($(el, 'table')).toBeNull();
    expect(await messages()).toEqual([]);
  });

  it('renders the same data as a real table in mode="table"', async () => {
    const el = await mount(`<vitrine-scenario-compare mode="table">${json(DATA)}</vitrine-scenario-compare>`);
    expect($(el, '[role="tablist"]')).toBeNull();
    expect($(el, 'caption')!.textContent!.trim()).toBe('Specifications');
    expect($$(el, 'thead th').map((th) => [th.getAttribute('scope'), th.textContent])).toEqual([
      ['col', 'Specification'],
      ['col', 'Value'],
      ['col', 'Good for'],
    ]);
    const rows = $$(el, 'tbody tr').map((tr) =>
      Array.from(
        tr.children,
        (c) => `${c.localName}${c.getAttribute('scope') ? `[${c.getAttribute('scope')}]` : ''}:${c.textContent}`,
      ),
    );
    expect(rows).toEqual([
      ['th[row]:Noise', 'td:38 dB', 'td:Early-morning quiet breakfast'],
      ['th[row]:Energy label', 'td:A+++', 'td:Renter’s small kitchen, Business trip / dorm'],
      ['th[row]:Weight', 'td:1.2 kg', 'td:'],
    ]);
    const region = $(el, '[role="region"]')!;
    expect(region.getAttribute('aria-labelledby')).toBe($(el, 'caption')!.id);
    // The mode is the experiment's variant hook: switching it re-renders from the same data.
    el.mode = 'guide';
    await el.updateComplete;
    expect($(el, 'table')).toBeNull();
    expect($$(el, '[role="tab"]')).toHaveLength(3);
  });

  it('reads attributes and properties, with a custom caption and a chosen scenario', async () => {
    const el = await mount(
      `<vitrine-scenario-compare selected="trip" caption="Aoki Mini specs" scenarios='${JSON.stringify(
        DATA.scenarios,
      )}'></vitrine-scenario-compare>`,
    );
    expect($$(el, '[role="tab"]').map((t) => t.getAttribute('aria-selected'))).toEqual(['false', 'false', 'true']);
    el.specs = DATA.specs;
    el.mode = 'table';
    await el.updateComplete;
    expect($(el, 'caption')!.textContent!.trim()).toBe('Aoki Mini specs');
  });

  it('falls back safely and names the field for bad config', async () => {
    const el = await mount(
      `<vitrine-scenario-compare mode="carousel" selected="nope">${json({
        scenarios: [{ title: 'Ok', image: 'javascript:alert(1)' }, { points: ['x'] }],
        specs: [{ label: 'Noise' }],
      })}</vitrine-scenario-compare>`,
    );
    expect($$(el, '[role="tab"]').map((t) => t.textContent!.trim())).toEqual(['Ok']);
    expect($(el, 'img')).toBeNull();
    const said = await messages();
    expect(said.some((m) => m.startsWith('<vitrine-scenario-compare> mode: "carousel" is not one of'))).toBe(true);
    expect(said).toContain('<vitrine-scenario-compare> scenarios[1].title: is missing; that scenario is left out.');
    expect(said).toContain('<vitrine-scenario-compare> specs[0]: needs a "label" and a "value"; that row is left out.');
    expect(said.some((m) => m.startsWith('<vitrine-scenario-compare> selected: "nope" is not a scenario id'))).toBe(
      true,
    );
    expect(said.some((m) => m.startsWith('<vitrine-scenario-compare> image: "javascript:alert(1)"'))).toBe(true);
  });

  // Found by the random bad-input test (bad-input.browser.test.ts): each of these threw in render.
  it('shows points and table rows whose lists are no lists without breaking', async () => {
    const guide = await mount(
      `<vitrine-scenario-compare>${json({ scenarios: [{ title: 'A', points: 'Fits 40 cm' }, { title: 'B' }] })}</vitrine-scenario-compare>`,
    );
    expect($(guide, '[role="tabpanel"]:not([hidden])')).not.toBeNull();
    expect($(guide, '[part="points"]')).toBeNull();
    const table = await mount(
      `<vitrine-scenario-compare mode="table">${json({
        scenarios: [{ id: 'a', title: 'A' }],
        specs: [
          { label: 'Noise', value: '38 dB', scenarios: '1e309' },
          { label: 'Weight', value: '1.2 kg', scenarios: ['a'] },
        ],
      })}</vitrine-scenario-compare>`,
    );
    await vi.dynamicImportSettled();
    await table.updateComplete;
    expect($$(table, 'tbody tr').map((tr) => tr.lastElementChild!.textContent)).toEqual(['', 'A']);
  });

  it('shows the table when a guide has no scenarios, and the guide when a table has no rows', async () => {
    const table = await mount(`<vitrine-scenario-compare>${json({ specs: DATA.specs })}</vitrine-scenario-compare>`);
    expect($(table, 'table')).not.toBeNull();
    const guide = await mount(
      `<vitrine-scenario-compare mode="table">${json({ scenarios: DATA.scenarios })}</vitrine-scenario-compare>`,
    );
    expect($(guide, '[role="tablist"]')).not.toBeNull();
  });

  it('activates tabs with arrows, Home and End; emits the DOM event and scenario_view', async () => {
    const track = vi.fn();
    setDefaultClient({ track });
    const el = await mount(`<vitrine-scenario-compare>${json(DATA)}</vitrine-scenario-compare>`);
    const changes: unknown[] = [];
    document.addEventListener('vitrine-scenario-change', (e) => changes.push(e.detail));
    const press = async (key: string) => {
      const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true });
      $(el, '[role="tab"][aria-selected="true"]')!.dispatchEvent(event);
      // The page does not scroll for the keys the tab list handles (stopped before their code loads).
      expect(event.defaultPrevented, key).toBe(key !== 'a');
      // The keys' code (tabs.ts) loads on the first of them.
      await vi.dynamicImportSettled();
      await el.updateComplete;
      return $$(el, '[role="tab"]').findIndex((t) => t.getAttribute('aria-selected') === 'true');
    };
    expect(await press('ArrowRight')).toBe(1);
    expect(el.shadowRoot!.activeElement).toBe($$(el, '[role="tab"]')[1]);
    expect(await press('ArrowRight')).toBe(2);
    expect(await press('ArrowRight')).toBe(0); // wraps
    expect(await press('ArrowLeft')).toBe(2);
    expect(await press('Home')).toBe(0);
    expect(await press('End')).toBe(2);
    expect(await press('a')).toBe(2);
    expect(el.selected).toBe('trip');
    expect(changes[0]).toEqual({ scenario: 'quiet-morning', index: 1 });
    expect(changes).toHaveLength(6);
    expect(track).toHaveBeenCalledWith('scenario_view', {
      props: { element: 'scenario-compare', scenario: 'quiet-morning', mode: 'guide', trigger: 'select' },
    });
    expect(track).toHaveBeenCalledTimes(6);
    // Clicking the selected tab again changes nothing and reports nothing.
    $$(el, '[role="tab"]')[2]!.click();
    expect(track).toHaveBeenCalledTimes(6);
  });

  it('mirrors the arrow keys in RTL', async () => {
    const el = await mount(
      `<div dir="rtl" lang="ar"><vitrine-scenario-compare>${json(DATA)}</vitrine-scenario-compare></div>`,
    );
    expect($(el, '[role="tablist"]')!.getAttribute('aria-label')).toBe('سيناريوهات الاستخدام');
    $(el, '[role="tab"]')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowLeft', bubbles: true }));
    await vi.dynamicImportSettled();
    await el.updateComplete;
    expect(el.selected).toBe('quiet-morning');
    expect($(el, '.root')!.getAttribute('dir')).toBe('rtl');
  });

  it('drives the before/after slider from a native range input, reporting one slider_use per session', async () => {
    const track = vi.fn();
    setDefaultClient({ track });
    const el = await mount(
      `<vitrine-scenario-compare selected="quiet-morning">${json(DATA)}</vitrine-scenario-compare>`,
    );
    const input = $(el, 'input[type="range"]') as HTMLInputElement;
    expect(input.getAttribute('aria-label')).toBe('Early-morning quiet breakfast: before and after');
    expect(input.getAttribute('aria-valuetext')).toBe('50% before');
    const move = async (v: number) => {
      input.value = String(v);
      input.dispatchEvent(new Event('input', { bubbles: true }));
      await el.updateComplete;
    };
    await move(40);
    await move(30);
    expect(input.getAttribute('aria-valuetext')).toBe('30% before');
    expect($(el, '[part="compare"]')!.style.getPropertyValue('--p')).toBe('30%');
    expect(track.mock.calls.filter((c) => c[0] === 'slider_use')).toEqual([
      ['slider_use', { props: { element: 'scenario-compare', scenario: 'quiet-morning' } }],
    ]);
    input.dispatchEvent(new Event('blur'));
    await move(60);
    expect(track.mock.calls.filter((c) => c[0] === 'slider_use')).toHaveLength(2);
    const images = $$(el, '[part="compare"] img').map((img) => img.getAttribute('alt'));
    expect(images).toEqual(['The quiet kettle', 'A loud kettle steaming']);
  });

  it('keeps scenarios that share an id apart and selectable, with one warning naming the id', async () => {
    const scenarios = [
      { id: 'x', title: 'One', points: ['a'] },
      { id: 'x', title: 'Two', points: ['b'] },
      { title: 'Three', points: ['c'] },
      { id: '2', title: 'Four', points: ['d'] },
    ];
    const el = await mount(
      `<vitrine-scenario-compare scenarios='${JSON.stringify(scenarios)}'></vitrine-scenario-compare>`,
    );
    const changes: unknown[] = [];
    el.addEventListener('vitrine-scenario-change', (e) => changes.push(e.detail));
    const tabs = $$(el, '[role="tab"]');
    tabs[1]!.click();
    await el.updateComplete;
    expect(el.selected).toBe('x-1');
    expect($$(el, '[role="tab"]').map((t) => t.getAttribute('aria-selected'))).toEqual([
      'false',
      'true',
      'false',
      'false',
    ]);
    expect($(el, '[role="tabpanel"]:not([hidden])')!.textContent).toContain('b');
    tabs[3]!.click();
    await el.updateComplete;
    expect(el.selected).toBe('2-3'); // "2" is the third scenario's id (its position)
    expect($(el, '[role="tabpanel"]:not([hidden])')!.textContent).toContain('d');
    tabs[0]!.click();
    await el.updateComplete;
    expect(el.selected).toBe('x');
    expect(changes).toEqual([
      { scenario: 'x-1', index: 1 },
      { scenario: '2-3', index: 3 },
      { scenario: 'x', index: 0 },
    ]);
    expect(await messages()).toEqual([
      '<vitrine-scenario-compare> scenarios[1].id: "x" is the id of an earlier scenario; this one is "x-1".',
      '<vitrine-scenario-compare> scenarios[3].id: "2" is the id of an earlier scenario; this one is "2-3".',
    ]);
  });

  it('reports an impression and the first scenario view when first half visible', async () => {
    let callback: IntersectionObserverCallback = () => {};
    vi.stubGlobal(
      'IntersectionObserver',
      class {
        constructor(cb: IntersectionObserverCallback) {
          callback = cb;
        }
        observe() {}
        disconnect() {}
      },
    );
    const track = vi.fn();
    setDefaultClient({ track });
    await mount(`<vitrine-scenario-compare>${json(DATA)}</vitrine-scenario-compare>`);
    expect(track).not.toHaveBeenCalled();
    callback([{ isIntersecting: true, intersectionRatio: 0.5 } as IntersectionObserverEntry], {} as never);
    // Reported by seen.ts, loaded then.
    await vi.waitFor(() => expect(track).toHaveBeenCalledTimes(2));
    expect(track.mock.calls).toEqual([
      ['impression', { props: { element: 'scenario-compare', mode: 'guide' } }],
      [
        'scenario_view',
        { props: { element: 'scenario-compare', scenario: 'small-kitchen', mode: 'guide', trigger: 'visible' } },
      ],
    ]);
  });
});
