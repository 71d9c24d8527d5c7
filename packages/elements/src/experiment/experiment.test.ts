import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { Experiment, type ExperimentClient } from './experiment.js';
import './vitrine-experiment.js';
import { setDefaultClient } from '../base/client-slot.js';
import { resetWarnings } from '../base/warn.js';

type Assign = ExperimentClient['assign'];

function client(assign: Assign) {
  const spy = vi.fn(assign);
  setDefaultClient({ track: vi.fn(), assign: spy } as never);
  return spy;
}

const markup = (key = 'spec-vs-guide') => `<vitrine-experiment key="${key}">
  <template variant="table"><p class="table">Spec table</p></template>
  <template variant="guide"><p class="guide">Scenario guide</p></template>
</vitrine-experiment>`;

/** Inserts markup the way a browser's innerHTML does: children exist before the elements connect. */
function mount(html: string): void {
  const template = document.createElement('template');
  template.innerHTML = html;
  document.body.replaceChildren(template.content);
}

beforeAll(() => expect(customElements.get('vitrine-experiment')).toBe(Experiment));
afterEach(() => {
  mount('');
  setDefaultClient(undefined);
  resetWarnings();
  sessionStorage.clear();
  history.replaceState(null, '', '/');
  vi.restoreAllMocks();
});

describe('<vitrine-experiment>', () => {
  it('stamps the assigned variant synchronously, in the light DOM, and asks the client once', () => {
    const assign = client(() => ({ variation: 1, key: 'guide', inExperiment: true, reason: 'hash' }));
    mount(markup());
    const el = document.querySelector('vitrine-experiment')!;
    expect(el.querySelector('.guide')?.textContent).toBe('Scenario guide'); // no await
    expect(el.querySelector('.table')).toBeNull();
    expect(el.getAttribute('variant')).toBe('guide');
    expect(assign).toHaveBeenCalledOnce();
    expect(assign).toHaveBeenCalledWith('spec-vs-guide');
    // Moving the element does not stamp or report again.
    document.body.append(el);
    expect(el.querySelectorAll('.guide')).toHaveLength(1);
    expect(assign).toHaveBeenCalledOnce();
  });

  /** A client whose config is still loading until `load()`; it assigns `guide`. */
  function loadingClient() {
    let release!: () => void;
    const ready = new Promise<void>((r) => (release = r));
    let loaded = false;
    const assign = vi.fn(() => ({ variation: 1, key: 'guide', inExperiment: true, reason: 'hash' }));
    setDefaultClient({ track: vi.fn(), assign, ready, getExperiment: () => (loaded ? {} : undefined) } as never);
    const load = async () => {
      loaded = true;
      release();
      await ready;
    };
    return { assign, load };
  }

  it('waits for the client’s config instead of showing a variant that may be wrong', async () => {
    const { assign, load } = loadingClient();
    mount(markup());
    const el = document.querySelector('vitrine-experiment')!;
    expect(el.querySelector('p')).toBeNull();
    expect(assign).not.toHaveBeenCalled();
    await load();
    await Promise.resolve();
    expect(el.querySelector('p'), 'it stamps in a task of its own').toBeNull();
    await new Promise((r) => setTimeout(r));
    expect(el.querySelector('.guide')).not.toBeNull();
    expect(assign).toHaveBeenCalledOnce();
  });

  it('stamps each waiting experiment in a task of its own once the config is there', async () => {
    const { load } = loadingClient();
    mount(markup() + markup());
    const [a, b] = Array.from(document.querySelectorAll('vitrine-experiment'));
    // Right after the first one stamps (its mutation records are delivered at the end of that
    // task), the second has not stamped yet.
    const secondAlready: boolean[] = [];
    new MutationObserver(() => secondAlready.push(!!b!.querySelector('.guide'))).observe(a!, { childList: true });
    await load();
    await new Promise((r) => setTimeout(r));
    await new Promise((r) => setTimeout(r));
    expect(secondAlready[0]).toBe(false);
    expect(b!.querySelector('.guide')).not.toBeNull();
  });

  it('fires vitrine-variant with the assignment', () => {
    client(() => ({ variation: 0, key: 'table', inExperiment: true, reason: 'hash' }));
    const seen: unknown[] = [];
    document.addEventListener('vitrine-variant', (e) => seen.push(e.detail), { once: true });
    mount(markup());
    expect(seen).toEqual([{ experiment: 'spec-vs-guide', variation: 0, variant: 'table', reason: 'hash' }]);
  });

  it('falls back to the first variant with one warning when there is no client', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    mount(markup() + markup());
    for (const el of document.querySelectorAll('vitrine-experiment')) expect(el.querySelector('.table')).not.toBeNull();
    expect(warn).toHaveBeenCalledOnce();
    expect(String(warn.mock.calls[0]![0])).toBe(
      '<vitrine-experiment> client: no Vitrine client on the page; showing the first variant.',
    );
  });

  it('falls back for an unknown key, a missing template and a throwing client', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    client(() => undefined);
    mount(markup('nope'));
    expect(document.querySelector('.table')).not.toBeNull();
    expect(String(warn.mock.calls[0]![0])).toContain('"nope" is not an experiment');

    client(() => ({ variation: 2, key: 'video', inExperiment: true, reason: 'hash' }));
    mount(markup());
    expect(document.querySelector('.table')).not.toBeNull();
    expect(String(warn.mock.calls[1]![0])).toContain('no <template variant="video">');

    client(() => {
      throw new Error('boom');
    });
    expect(() => mount(markup('other'))).not.toThrow();
    expect(document.querySelector('.table')).not.toBeNull();
    expect(String(warn.mock.calls[2]![0])).toContain('assign("other") failed (boom)');
  });

  it("says a key is unknown when the page's client answers for it with reason invalid", () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    // What @vitrine/client's assign() returns for a key its config does not have.
    client(() => ({ variation: 0, key: '', inExperiment: false, reason: 'invalid' }));
    mount(markup('nope'));
    expect(document.querySelector('.table')).not.toBeNull();
    expect(warn.mock.calls.map((c) => String(c[0]))).toEqual([
      '<vitrine-experiment> key: "nope" is not an experiment of this page\'s config; showing the first variant.',
    ]);
  });

  it('warns once when it has neither templates nor a target', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    client(() => ({ variation: 1, key: 'guide', inExperiment: true, reason: 'hash' }));
    mount(
      '<vitrine-experiment key="spec-vs-guide"></vitrine-experiment><vitrine-experiment key="spec-vs-guide"></vitrine-experiment>',
    );
    await Promise.resolve(); // it looks for children appended after it, a microtask later
    expect(warn.mock.calls.map((c) => String(c[0]))).toEqual([
      '<vitrine-experiment> template: has no <template variant> children and no target; nothing to show.',
    ]);
  });

  it('takes `experiment` as an alias of `key` (React and Vue reserve `key`)', () => {
    const assign = client(() => ({ variation: 1, key: 'guide', inExperiment: true, reason: 'hash' }));
    mount(markup().replace('key="spec-vs-guide"', 'experiment="spec-vs-guide"'));
    expect(document.querySelector('.guide')).not.toBeNull();
    expect(assign).toHaveBeenCalledWith('spec-vs-guide');
  });

  it('warns when the key is missing', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    mount('<vitrine-experiment><template><b>only</b></template></vitrine-experiment>');
    expect(document.querySelector('b')).not.toBeNull();
    expect(String(warn.mock.calls[0]![0])).toBe('<vitrine-experiment> key: is missing; showing the first variant.');
  });

  it('nests: an inner experiment inside the stamped variant runs too', () => {
    const assign = client((key) =>
      key === 'outer'
        ? { variation: 1, key: 'b', inExperiment: true, reason: 'hash' }
        : { variation: 0, key: 'x', inExperiment: true, reason: 'hash' },
    );
    mount(`<vitrine-experiment key="outer">
      <template variant="a"><i>a</i></template>
      <template variant="b"><vitrine-experiment key="inner"><template variant="x"><em>x</em></template><template variant="y"><u>y</u></template></vitrine-experiment></template>
    </vitrine-experiment>`);
    expect(document.querySelector('em')?.textContent).toBe('x');
    expect(document.querySelector('i')).toBeNull();
    expect(assign.mock.calls.map((c) => c[0])).toEqual(['outer', 'inner']);
  });

  it('drives another element’s attribute when it has no templates', () => {
    client(() => ({ variation: 1, key: 'guide', inExperiment: true, reason: 'hash' }));
    mount(`<div id="compare" mode="table"></div>
      <vitrine-experiment key="spec-vs-guide" target="compare" attribute="mode"></vitrine-experiment>`);
    expect(document.getElementById('compare')!.getAttribute('mode')).toBe('guide');
  });

  it('in preview mode shows the tab’s chosen variant and never asks the client', () => {
    history.replaceState(null, '', '/?vitrine-preview');
    sessionStorage.setItem('vitrine-preview:spec-vs-guide', 'guide');
    const assign = client(() => ({ variation: 0, key: 'table', inExperiment: true, reason: 'hash' }));
    mount(markup());
    const el = document.querySelector('vitrine-experiment') as Experiment;
    expect(el.querySelector('.guide')).not.toBeNull();
    el.preview('table');
    expect(el.querySelector('.table')).not.toBeNull();
    expect(el.querySelector('.guide')).toBeNull();
    expect(sessionStorage.getItem('vitrine-preview:spec-vs-guide')).toBe('table');
    expect(assign).not.toHaveBeenCalled();
  });

  it('“Exit preview” forgets this tab’s preview and its choices, nothing else, and reloads without the flag', async () => {
    history.replaceState(null, '', '/p/kettle?vitrine-preview&x=1');
    sessionStorage.setItem('vitrine-preview', '1');
    sessionStorage.setItem('vitrine-preview:spec-vs-guide', 'guide');
    sessionStorage.setItem('shop-own', 'kept');
    const assign = vi.spyOn(location, 'assign').mockImplementation(() => {});
    const { openPreviewPanel } = await import('./preview-panel.js');
    openPreviewPanel();
    const panel = document.querySelector('vitrine-preview-panel')!;
    const exit = [...panel.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent === 'Exit preview')!;
    exit.click();
    expect(Object.keys(sessionStorage)).toEqual(['shop-own']);
    expect(assign).toHaveBeenCalledWith(`${location.origin}/p/kettle?x=1`);
    panel.remove();
  });
});
