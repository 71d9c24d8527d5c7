import { expect, fixture, html, nextFrame } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import './vitrine-experiment.js';
import type { Experiment } from './experiment.js';
import { setDefaultClient } from '../base/client-slot.js';
import { resetWarnings } from '../base/warn.js';

const markup = `<vitrine-experiment key="spec-vs-guide">
  <template variant="table"><p class="table" style="height: 200px">Spec table</p></template>
  <template variant="guide"><p class="guide" style="height: 200px">Scenario guide</p></template>
</vitrine-experiment>`;

describe('<vitrine-experiment> in a real browser', () => {
  let assigned: string[];
  beforeEach(() => {
    assigned = [];
    setDefaultClient({
      track() {},
      assign(key: string) {
        assigned.push(key);
        return { variation: 1, key: 'guide', inExperiment: true, reason: 'hash' };
      },
    } as never);
  });
  afterEach(() => {
    setDefaultClient(undefined);
    resetWarnings();
    sessionStorage.clear();
    history.replaceState(null, '', location.pathname);
    document.querySelector('vitrine-preview-panel')?.remove();
  });

  it('has the assigned variant in the DOM before the first paint, and never the other one', async () => {
    const host = document.createElement('div');
    const added: string[] = [];
    const observer = new MutationObserver((records) => {
      for (const r of records)
        for (const n of r.addedNodes) if (n instanceof Element) added.push(n.className || n.localName);
    });
    observer.observe(host, { childList: true, subtree: true });
    document.body.append(host);
    let atPaint: string | undefined;
    const painted = new Promise<void>((resolve) =>
      requestAnimationFrame(() => {
        atPaint = host.querySelector('vitrine-experiment > p')?.className;
        resolve();
      }),
    );
    host.innerHTML = markup;
    await painted;
    observer.disconnect();
    expect(atPaint).to.equal('guide');
    expect(added).to.not.include('table');
    expect(assigned).to.deep.equal(['spec-vs-guide']);
    host.remove();
  });

  it('shifts nothing when the reserved size matches the variant', async () => {
    const page = await fixture(
      html`<div>
        <style>
          vitrine-experiment-late {
            display: block;
            min-block-size: var(--vitrine-experiment-block-size, 0px);
          }
          vitrine-experiment-late p {
            margin: 0;
          }
        </style>
        <div style="--vitrine-experiment-block-size: 200px">
          <vitrine-experiment-late key="spec-vs-guide"
            ><template variant="table"><p class="table" style="height: 200px">Spec table</p></template
            ><template variant="guide"
              ><p class="guide" style="height: 200px">Scenario guide</p></template
            ></vitrine-experiment-late
          >
        </div>
        <p id="below">below</p>
      </div>`,
    );
    const below = page.querySelector('#below')!;
    const topBefore = below.getBoundingClientRect().top;
    customElements.define(
      'vitrine-experiment-late',
      class extends (customElements.get('vitrine-experiment') as typeof Experiment) {},
    );
    const late = page.querySelector('vitrine-experiment-late')!;
    await nextFrame();
    expect(late.querySelector('.guide'), 'the variant was stamped').to.exist;
    expect(below.getBoundingClientRect().top).to.equal(topBefore);
  });

  it('opens a keyboard-operable, accessible preview panel and reports nothing', async () => {
    history.replaceState(null, '', `${location.pathname}?vitrine-preview`);
    const el = (await fixture(html`<div></div>`)) as HTMLElement;
    el.innerHTML = markup;
    const exp = el.querySelector('vitrine-experiment') as Experiment;
    let panel: HTMLElement | null = null;
    for (let i = 0; i < 50 && !panel?.shadowRoot?.querySelector('select'); i++) {
      await nextFrame();
      panel = document.querySelector('vitrine-preview-panel');
    }
    expect(panel, 'the preview panel opened').to.exist;
    expect(exp.querySelector('.table'), 'preview starts on the first variant').to.exist;
    const select = panel!.shadowRoot!.querySelector('select')!;
    select.focus();
    await sendKeys({ press: 'ArrowDown' });
    if (select.value !== 'guide') {
      // Some engines open the list on ArrowDown; Enter confirms.
      await sendKeys({ press: 'Enter' });
    }
    await nextFrame();
    expect(select.value).to.equal('guide');
    expect(exp.querySelector('.guide')).to.exist;
    expect(exp.querySelector('.table')).to.not.exist;
    expect(assigned).to.deep.equal([]);
    await expect(panel!).to.be.accessible();
  });
});
