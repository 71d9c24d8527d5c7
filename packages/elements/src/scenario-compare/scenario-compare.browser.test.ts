import { expect, fixture, html, nextFrame, waitUntil } from '@open-wc/testing';
import { sendKeys, sendMouse, resetMouse } from '@web/test-runner-commands';
import { ScenarioCompare } from '@vitrine/elements';
import { defineElement } from '../base/define.js';
import { setDefaultClient } from '../base/client-slot.js';
import { resetWarnings } from '../base/warn.js';
import { recordShifts, supportsLayoutShift } from '../test-utils/layout-shift.js';
import { alignedRight, drawnLeftOf } from '../test-utils/bidi.js';

const img = (name: string) => new URL(`./fixtures/${name}.svg`, import.meta.url).href;
const DATA = {
  scenarios: [
    {
      id: 'small-kitchen',
      title: 'Renter’s small kitchen',
      image: img('kitchen'),
      alt: 'Kettle and rice cooker side by side on a narrow counter',
      points: ['Both fit on 40 cm of counter', 'One plug each, nothing to install', 'Stack the lids when stored'],
    },
    {
      id: 'quiet-morning',
      title: 'Early-morning quiet breakfast',
      before: img('before'),
      after: img('after'),
      beforeAlt: 'An old kettle roaring at the boil',
      afterAlt: 'The quiet kettle at 38 dB',
      points: ['38 dB at the boil: quieter than a library', 'Rice ready at 6:30 on the timer'],
    },
    { id: 'trip', title: 'Business trip / dorm', image: img('kitchen'), alt: '', points: ['1.2 kg, fits a carry-on'] },
  ],
  specs: [
    { label: 'Noise at the boil', value: '38 dB', scenarios: ['quiet-morning'] },
    { label: 'Energy label', value: 'A+++', scenarios: ['small-kitchen', 'trip'] },
    { label: 'Capacity', value: '0.8 L kettle · 1.0 L rice cooker' },
    { label: 'Weight', value: '1.2 kg', scenarios: ['trip'] },
  ],
};
const config = JSON.stringify(DATA);

const tabs = (el: Element) => Array.from(el.shadowRoot!.querySelectorAll<HTMLElement>('[role="tab"]'));
const selectedIndex = (el: Element) => tabs(el).findIndex((t) => t.getAttribute('aria-selected') === 'true');
const focusedIndex = (el: Element) => tabs(el).findIndex((t) => t === el.shadowRoot!.activeElement);

describe('<vitrine-scenario-compare> loading', () => {
  afterEach(() => resetWarnings());

  it('keeps the reserved height through upgrade at 320px and 1280px in both modes (no layout shift)', async () => {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = new URL('../styles/reserve.css', import.meta.url).href;
    await new Promise((resolve, reject) => {
      link.onload = resolve;
      link.onerror = reject;
      document.head.append(link);
    });
    const root = await fixture(
      html`<div>
        ${[320, 1280].map(
          (w) =>
            html`<div style="width: ${w}px">
              <vitrine-scenario-compare
                ><script type="application/json">
                  ${config}
                </script></vitrine-scenario-compare
              >
              <p class="below">Below</p>
              <vitrine-scenario-compare mode="table"
                ><script type="application/json">
                  ${config}
                </script></vitrine-scenario-compare
              >
              <p class="below">Below</p>
            </div>`,
        )}
      </div>`,
    );
    const els = Array.from(root.querySelectorAll('vitrine-scenario-compare'));
    const below = Array.from(root.querySelectorAll('.below'));
    expect(customElements.get('vitrine-scenario-compare')).to.equal(undefined);
    const heights = els.map((el) => el.getBoundingClientRect().height);
    expect(heights).to.deep.equal([520, 520, 520, 520]);
    const tops = below.map((p) => p.getBoundingClientRect().top);
    const shifts = recordShifts();
    defineElement('vitrine-scenario-compare', ScenarioCompare);
    for (const el of els) await (el as ScenarioCompare).updateComplete;
    await nextFrame();
    expect(els.map((el) => !!el.shadowRoot?.querySelector('[role="tab"], table'))).to.deep.equal([
      true,
      true,
      true,
      true,
    ]);
    expect(els.map((el) => el.getBoundingClientRect().height)).to.deep.equal(heights);
    expect(below.map((p) => p.getBoundingClientRect().top)).to.deep.equal(tops);
    // A guide fills the height reserved for the table: its image grows into what the points leave.
    for (const el of [els[0]!, els[2]!]) {
      const host = el.getBoundingClientRect();
      const media = el.shadowRoot!.querySelector('.media')!.getBoundingClientRect();
      const points = el.shadowRoot!.querySelector('[part="points"]')!.getBoundingClientRect();
      expect(host.bottom - Math.max(media.bottom, points.bottom), 'empty band under the guide').to.be.below(8);
      expect(media.height).to.be.above(240);
    }
    // Switching scenario or mode does not move anything either.
    const guide = els[0] as ScenarioCompare;
    guide.selected = 'quiet-morning';
    guide.mode = 'table';
    await guide.updateComplete;
    expect(below.map((p) => p.getBoundingClientRect().top)).to.deep.equal(tops);
    const cls = await shifts.stop();
    if (supportsLayoutShift) expect(cls, 'layout-shift score').to.equal(0);
    else console.info('layout-shift entries are not supported in this engine; checked sizes and positions only');
    link.remove();
  });
});

describe('<vitrine-scenario-compare> behaviour', () => {
  before(() => defineElement('vitrine-scenario-compare', ScenarioCompare));
  afterEach(async () => {
    resetWarnings();
    setDefaultClient(undefined);
    await resetMouse();
  });

  it('operates the tabs from the keyboard: arrows, Home/End, roving tabindex, Tab to the panel', async () => {
    const calls: unknown[][] = [];
    setDefaultClient({ track: (...args: unknown[]) => calls.push(args) });
    const el = await fixture<ScenarioCompare>(
      html`<vitrine-scenario-compare .scenarios=${DATA.scenarios}></vitrine-scenario-compare>`,
    );
    tabs(el)[0]!.focus();
    await sendKeys({ press: 'ArrowRight' });
    // The keys' code loads on the first of them.
    await waitUntil(() => focusedIndex(el) === 1, 'the first ArrowRight is handled');
    expect([selectedIndex(el), focusedIndex(el)]).to.deep.equal([1, 1]);
    expect(tabs(el).map((t) => t.tabIndex)).to.deep.equal([-1, 0, -1]);
    const panels = Array.from(el.shadowRoot!.querySelectorAll<HTMLElement>('[role="tabpanel"]'));
    expect(panels.map((p) => getComputedStyle(p).display === 'none')).to.deep.equal([true, false, true]);
    await sendKeys({ press: 'End' });
    await el.updateComplete;
    expect([selectedIndex(el), focusedIndex(el)]).to.deep.equal([2, 2]);
    await sendKeys({ press: 'ArrowRight' });
    await el.updateComplete;
    expect([selectedIndex(el), focusedIndex(el)]).to.deep.equal([0, 0]);
    await sendKeys({ press: 'ArrowLeft' });
    await el.updateComplete;
    expect([selectedIndex(el), focusedIndex(el)]).to.deep.equal([2, 2]);
    await sendKeys({ press: 'Home' });
    await el.updateComplete;
    expect([selectedIndex(el), focusedIndex(el)]).to.deep.equal([0, 0]);
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement?.getAttribute('role'), 'Tab leaves the tab list for the panel').to.equal(
      'tabpanel',
    );
    const selects = calls.filter((c) => (c[1] as { props: { trigger: string } }).props.trigger === 'select');
    expect(selects.every((c) => c[0] === 'scenario_view')).to.equal(true);
    expect(selects.map((c) => (c[1] as { props: { scenario: string } }).props.scenario)).to.deep.equal([
      'quiet-morning',
      'trip',
      'small-kitchen',
      'trip',
      'small-kitchen',
    ]);
  });

  it('mirrors in RTL: tabs run right to left and the arrow keys follow', async () => {
    const wrap = await fixture(
      html`<div dir="rtl" lang="ar">
        <vitrine-scenario-compare .scenarios=${DATA.scenarios}></vitrine-scenario-compare>
      </div>`,
    );
    const el = wrap.querySelector('vitrine-scenario-compare')!;
    await el.updateComplete;
    const [a, b] = tabs(el).map((t) => t.getBoundingClientRect());
    expect(a!.left).to.be.greaterThan(b!.left);
    tabs(el)[0]!.focus();
    await sendKeys({ press: 'ArrowLeft' });
    await waitUntil(() => selectedIndex(el) === 1, 'ArrowLeft selects the next tab in RTL');
    await sendKeys({ press: 'ArrowRight' });
    await el.updateComplete;
    expect(selectedIndex(el)).to.equal(0);
  });

  it('scrolls the chosen tab fully into the tab row on a phone, in LTR and RTL, moving nothing else', async () => {
    const titles = [
      'Renter’s small kitchen',
      'Early-morning quiet breakfast',
      'Business trip / dorm',
      'Student flat',
      'Family brunch',
    ];
    const many = titles.map((title, i) => ({ id: `s${i}`, title, points: ['One point'] }));
    for (const [dir, lang, on, back] of [
      ['ltr', 'en', 'ArrowRight', 'ArrowLeft'],
      ['rtl', 'ar', 'ArrowLeft', 'ArrowRight'],
    ] as const) {
      const box = await fixture(
        html`<div dir=${dir} lang=${lang} style="width: 350px">
          <div style="height: 60vh"></div>
          <vitrine-scenario-compare .scenarios=${many}></vitrine-scenario-compare>
          <p id="after">After</p>
          <div style="height: 150vh"></div>
        </div>`,
      );
      const el = box.querySelector('vitrine-scenario-compare')!;
      await el.updateComplete;
      const row = el.shadowRoot!.querySelector<HTMLElement>('[role="tablist"]')!;
      expect(row.scrollWidth, 'the tabs overflow their row').to.be.greaterThan(row.clientWidth + 200);
      const fits = (i: number) => {
        const r = row.getBoundingClientRect();
        const t = tabs(el)[i]!.getBoundingClientRect();
        return t.left >= r.left - 0.5 && t.right <= r.right + 0.5;
      };
      tabs(el)[0]!.focus();
      const y = scrollY;
      const after = box.querySelector('#after')!.getBoundingClientRect().top;
      const shifts = recordShifts();
      for (let i = 1; i < titles.length; i++) {
        await sendKeys({ press: on });
        await waitUntil(() => focusedIndex(el) === i, `${on} reaches tab ${i}`);
        expect(fits(i), `${dir}: tab ${i} is wholly in view`).to.equal(true);
        expect(scrollY, `${dir} ${i}: the page does not scroll`).to.equal(y);
      }
      await sendKeys({ press: 'Home' });
      await waitUntil(() => focusedIndex(el) === 0, 'Home');
      expect(fits(0), `${dir}: Home`).to.equal(true);
      await sendKeys({ press: back });
      await waitUntil(() => focusedIndex(el) === titles.length - 1, 'back to the last');
      expect(fits(titles.length - 1), `${dir}: the last, from the first`).to.equal(true);
      expect(scrollY).to.equal(y);
      expect(box.querySelector('#after')!.getBoundingClientRect().top).to.equal(after);
      const cls = await shifts.stop();
      if (supportsLayoutShift) expect(cls, 'layout-shift score').to.equal(0);
      box.remove();
    }
  });

  it('shows that more tabs follow when a long title fills a phone-wide row', async () => {
    const titles = [
      'A very long scenario title for small kitchens',
      'Second long scenario about business trips',
      'Third',
      'Fourth scenario',
      'Fifth',
    ];
    for (const dir of ['ltr', 'rtl']) {
      const box = await fixture(
        html`<div dir=${dir} style="width: 390px">
          <vitrine-scenario-compare
            .scenarios=${titles.map((title) => ({ title, points: ['x'] }))}
          ></vitrine-scenario-compare>
        </div>`,
      );
      const el = box.querySelector('vitrine-scenario-compare')!;
      await el.updateComplete;
      const row = el.shadowRoot!.querySelector<HTMLElement>('[role="tablist"]')!.getBoundingClientRect();
      const [first, second] = tabs(el).map((t) => t.getBoundingClientRect());
      // The first title is whole (it wraps), and a good part of the next tab shows beside it.
      expect(first!.left, dir).to.be.at.least(row.left - 0.5);
      expect(first!.right, dir).to.be.at.most(row.right + 0.5);
      const shown = Math.min(second!.right, row.right) - Math.max(second!.left, row.left);
      expect(shown, `${dir}: px of the second tab in view`).to.be.at.least(40);
    }
  });

  it("keeps the merchant's text in its own direction in RTL: a tab, a point or a value starting with a number", async () => {
    // English copy on an Arabic page: without isolation "24 cm wide: fits" shows as "cm wide: fits 24"
    const data = {
      scenarios: [
        { id: 's', title: '2 people, small kitchen', image: img('kitchen'), alt: '', points: ['24 cm wide: fits'] },
      ],
      specs: [{ label: 'Size', value: '24 × 22 × 20 cm' }],
    };
    const wrap = await fixture(
      html`<div dir="rtl" lang="ar">
        <vitrine-scenario-compare .scenarios=${data.scenarios} .specs=${data.specs}></vitrine-scenario-compare>
        <vitrine-scenario-compare
          mode="table"
          .scenarios=${data.scenarios}
          .specs=${data.specs}
        ></vitrine-scenario-compare>
      </div>`,
    );
    const [guide, table] = Array.from(wrap.querySelectorAll('vitrine-scenario-compare'));
    await waitUntil(() => table!.shadowRoot!.querySelector('td'), 'the table renders');
    expect(drawnLeftOf(guide!.shadowRoot!, '2 people, small kitchen', '2', 'people'), 'a tab').to.equal(true);
    expect(drawnLeftOf(guide!.shadowRoot!, '24 cm wide: fits', '24', 'cm')).to.equal(true);
    expect(drawnLeftOf(table!.shadowRoot!, '24 × 22 × 20 cm', '24', 'cm')).to.equal(true);
    // the line itself stays right to left
    expect(alignedRight(guide!.shadowRoot!.querySelector('li')!)).to.equal(true);
  });

  it('operates the before/after slider with the keyboard and reports one slider_use per session', async () => {
    const calls: unknown[][] = [];
    setDefaultClient({ track: (...args: unknown[]) => calls.push(args) });
    const el = await fixture<ScenarioCompare>(
      html`<vitrine-scenario-compare selected="quiet-morning" .scenarios=${DATA.scenarios}></vitrine-scenario-compare>`,
    );
    const input = el.shadowRoot!.querySelector<HTMLInputElement>('input[type="range"]')!;
    input.focus();
    const key = async (press: string) => {
      await sendKeys({ press });
      await el.updateComplete;
      return [Number(input.value), input.getAttribute('aria-valuetext')];
    };
    expect(await key('ArrowRight')).to.deep.equal([51, '51% before']);
    expect(await key('ArrowLeft')).to.deep.equal([50, '50% before']);
    expect(await key('End')).to.deep.equal([100, '100% before']);
    expect(await key('Home')).to.deep.equal([0, '0% before']);
    const [up] = await key('PageUp');
    expect(up).to.be.greaterThan(1); // the native larger step
    expect((await key('PageDown'))[0]).to.equal(0);
    expect(el.position).to.equal(0);
    const uses = () => calls.filter((c) => c[0] === 'slider_use');
    expect(uses()).to.deep.equal([
      ['slider_use', { props: { element: 'scenario-compare', scenario: 'quiet-morning' } }],
    ]);
    input.blur();
    input.focus();
    await key('ArrowRight');
    expect(uses()).to.have.length(2);
  });

  async function clickAt(el: ScenarioCompare, fraction: number): Promise<{ value: number; handle: number; x: number }> {
    const compare = el.shadowRoot!.querySelector('[part="compare"]')!;
    compare.scrollIntoView({ block: 'center' });
    await nextFrame();
    const box = compare.getBoundingClientRect();
    const x = Math.round(box.left + box.width * fraction);
    await sendMouse({ type: 'click', position: [x, Math.round(box.top + box.height / 2)] });
    await el.updateComplete;
    await nextFrame();
    const handle = el.shadowRoot!.querySelector('[part="handle"]')!.getBoundingClientRect();
    return {
      value: Number(el.shadowRoot!.querySelector<HTMLInputElement>('input')!.value),
      handle: handle.left + handle.width / 2,
      x,
    };
  }

  it('moves the slider with the pointer, and mirrors it in RTL', async () => {
    const wrap = await fixture(
      html`<div style="width: 400px">
        <vitrine-scenario-compare selected="quiet-morning" .scenarios=${DATA.scenarios}></vitrine-scenario-compare>
        <div dir="rtl" lang="ar">
          <vitrine-scenario-compare selected="quiet-morning" .scenarios=${DATA.scenarios}></vitrine-scenario-compare>
        </div>
      </div>`,
    );
    const [ltr, rtl] = Array.from(wrap.querySelectorAll('vitrine-scenario-compare'));
    await rtl!.updateComplete;
    const l = await clickAt(ltr!, 0.25);
    expect(l.value).to.be.within(20, 30);
    expect(Math.abs(l.handle - l.x)).to.be.lessThan(12);
    const r = await clickAt(rtl!, 0.25);
    expect(r.value, 'in RTL the start is on the right').to.be.within(70, 80);
    expect(Math.abs(r.handle - r.x)).to.be.lessThan(12);
    // The "before" image is revealed from the inline start: left in LTR, right in RTL.
    const before = (el: Element) => getComputedStyle(el.shadowRoot!.querySelector('.before')!).clipPath;
    expect(before(ltr!)).to.match(/^inset\(0(px)? (calc\()?/);
    expect(before(rtl!)).to.match(/^inset\(0(px)? 0(px)? 0(px)? /);
    expect(rtl!.shadowRoot!.querySelector('input')!.getAttribute('aria-valuetext')).to.contain('قبل');
  });

  it('is accessible (axe): guide, slider panel, table, and Arabic', async () => {
    const guide = await fixture<ScenarioCompare>(
      html`<vitrine-scenario-compare .scenarios=${DATA.scenarios}></vitrine-scenario-compare>`,
    );
    await expect(guide).to.be.accessible();
    guide.selected = 'quiet-morning';
    await guide.updateComplete;
    await expect(guide).to.be.accessible();
    const table = await fixture<ScenarioCompare>(
      html`<vitrine-scenario-compare
        mode="table"
        .scenarios=${DATA.scenarios}
        .specs=${DATA.specs}
      ></vitrine-scenario-compare>`,
    );
    expect(table.shadowRoot!.querySelectorAll('th[scope="row"]')).to.have.length(4);
    // The table's styles came with its code.
    expect(getComputedStyle(table.shadowRoot!.querySelector('table')!).borderCollapse).to.equal('collapse');
    await expect(table).to.be.accessible();
    const ar = await fixture(
      html`<div dir="rtl" lang="ar">
        <vitrine-scenario-compare .scenarios=${DATA.scenarios} .specs=${DATA.specs}></vitrine-scenario-compare>
      </div>`,
    );
    await expect(ar).to.be.accessible();
  });
});
