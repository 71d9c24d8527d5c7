import { expect, fixture, html, nextFrame } from '@open-wc/testing';
import { sendKeys, sendMouse, resetMouse } from '@web/test-runner-commands';
import { SellingPoints } from '@vitrine/elements';
import { defineElement } from '../base/define.js';
import { setDefaultClient } from '../base/client-slot.js';
import { resetWarnings } from '../base/warn.js';
import { drawnLeftOf } from '../test-utils/bidi.js';
import { recordShifts, supportsLayoutShift } from '../test-utils/layout-shift.js';

async function loadReserve(): Promise<HTMLLinkElement> {
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = new URL('../styles/reserve.css', import.meta.url).href;
  const loaded = new Promise((resolve, reject) => {
    link.onload = resolve;
    link.onerror = reject;
  });
  document.head.append(link);
  await loaded;
  return link;
}

const ITEMS = [
  { icon: 'truck', title: '24h dispatch', text: 'Leaves our Foshan warehouse within a day', countdown: true },
  {
    icon: 'return',
    title: 'Free returns if it doesn’t suit you',
    text: '30 days, collected from your door',
    details: 'Return within 30 days for any reason; we collect it and refund in 3 working days.',
  },
  { icon: 'energy', title: 'Energy label A+++', text: 'About 0.9 kWh a week for tea and rice' },
  { icon: 'quiet', title: 'Quiet: 38 dB', text: 'Quieter than a library, even at the boil' },
];
const config = JSON.stringify({ items: ITEMS });
const floatingLoaded = () =>
  performance
    .getEntriesByType('resource')
    .some((e) => e.name.includes('@floating-ui') || e.name.includes('floating-ui'));

describe('<vitrine-selling-points> loading', () => {
  afterEach(() => {
    resetWarnings();
    setDefaultClient(undefined);
  });

  it('keeps the reserved height through upgrade at 320px and 1280px, horizontal and vertical (no layout shift)', async () => {
    const link = await loadReserve();
    const widths = [320, 1280];
    const root = await fixture(
      html`<div>
        ${widths.map(
          (w) =>
            html`<div style="width: ${w}px">
              <vitrine-selling-points cutoff="16:00" timezone="Asia/Shanghai">
                <script type="application/json">
                  ${config}
                </script>
              </vitrine-selling-points>
              <p class="below">Below</p>
              <vitrine-selling-points layout="vertical">
                <div data-icon="truck"><strong>24h dispatch</strong> Leaves within a day</div>
                <div data-icon="return"><strong>Free returns</strong> If it doesn’t suit you</div>
                <div data-icon="leaf"><strong>Energy label A+++</strong> Frugal</div>
                <div data-icon="quiet"><strong>Quiet: 38 dB</strong> Library-quiet</div>
              </vitrine-selling-points>
              <p class="below">Below</p>
            </div>`,
        )}
      </div>`,
    );
    const els = Array.from(root.querySelectorAll('vitrine-selling-points'));
    const below = Array.from(root.querySelectorAll('.below'));
    expect(customElements.get('vitrine-selling-points'), 'not yet defined').to.equal(undefined);
    const heights = els.map((el) => el.getBoundingClientRect().height);
    expect(heights).to.deep.equal([88, 264, 88, 264]);
    const tops = below.map((p) => p.getBoundingClientRect().top);

    const shifts = recordShifts();
    defineElement('vitrine-selling-points', SellingPoints);
    for (const el of els) await (el as SellingPoints).updateComplete;
    await nextFrame();
    expect(
      els.every((el) => el.shadowRoot?.querySelector('li')),
      'upgraded and rendered',
    ).to.equal(true);
    // The built-in icons' drawings arrive after the first render, into boxes sized without them:
    // emptied again, no box changes size and no title moves.
    await waitFor(() => els.every((el) => el.shadowRoot!.querySelectorAll('[part="icon"] svg path').length === 4));
    await nextFrame();
    const geometry = () =>
      els.flatMap((el) =>
        Array.from(el.shadowRoot!.querySelectorAll('[part="icon"], .title'), (n) => {
          const r = n.getBoundingClientRect();
          return [r.left, r.width, r.height];
        }),
      );
    const drawn = geometry();
    const drawings = els.map((el) => Array.from(el.shadowRoot!.querySelectorAll('[part="icon"] svg')));
    drawings.flat().forEach((svg) => svg.remove());
    expect(geometry()).to.deep.equal(drawn);
    els.forEach((el, i) =>
      el.shadowRoot!.querySelectorAll('[part="icon"]').forEach((box, j) => box.append(drawings[i]![j]!)),
    );
    expect(els.map((el) => el.getBoundingClientRect().height)).to.deep.equal(heights);
    expect(below.map((p) => p.getBoundingClientRect().top)).to.deep.equal(tops);
    // Every row fits inside its item: nothing is cut in the middle of a line.
    for (const el of els)
      for (const li of Array.from(el.shadowRoot!.querySelectorAll('li'))) {
        const box = li.getBoundingClientRect();
        for (const part of Array.from(li.querySelectorAll('.title, .text')))
          expect(part.getBoundingClientRect().bottom).to.be.at.most(box.bottom + 0.5);
      }
    const cls = await shifts.stop();
    if (supportsLayoutShift) expect(cls, 'layout-shift score').to.equal(0);
    else console.info('layout-shift entries are not supported in this engine; checked sizes and positions only');
    link.remove();
  });
});

describe('<vitrine-selling-points> behaviour', () => {
  before(() => defineElement('vitrine-selling-points', SellingPoints));
  afterEach(() => {
    resetWarnings();
    setDefaultClient(undefined);
  });

  it('renders markup items once on upgrade, and again when the children change', async () => {
    class Counted extends SellingPoints {
      renders = 0;
      override render() {
        this.renders++;
        return super.render();
      }
    }
    defineElement('test-selling-points-counted', Counted);
    const wrap = await fixture(
      html`<div>
        <test-selling-points-counted>
          <div><b>Made in Foshan</b> Since 1987</div>
          <div><b>Free returns</b> 30 days</div>
        </test-selling-points-counted>
      </div>`,
    );
    const el = wrap.querySelector<Counted>('test-selling-points-counted')!;
    await el.updateComplete;
    await nextFrame();
    await nextFrame();
    const titles = () => [...el.shadowRoot!.querySelectorAll('[part~="title"]')].map((t) => t.textContent);
    expect(titles()).to.deep.equal(['Made in Foshan', 'Free returns']);
    // The slot's first assignment is not a change: no second render in the upgrade's task.
    expect(el.renders).to.equal(1);

    const added = document.createElement('div');
    added.innerHTML = '<b>Quiet: 38 dB</b> Quieter than a library';
    el.append(added);
    await waitFor(() => titles().length === 3);
    expect(titles()).to.deep.equal(['Made in Foshan', 'Free returns', 'Quiet: 38 dB']);
    el.firstElementChild!.remove();
    await waitFor(() => titles().length === 2);
    expect(titles()).to.deep.equal(['Free returns', 'Quiet: 38 dB']);
    // Same count, another child: still a change.
    const other = document.createElement('div');
    other.innerHTML = '<b>Energy label A+++</b> 0.9 kWh a week';
    el.replaceChild(other, added);
    await waitFor(() => titles()[1] === 'Energy label A+++');
  });

  it('shows the countdown without a live region', async () => {
    const el = await fixture<SellingPoints>(
      html`<vitrine-selling-points
        cutoff="23:59"
        timezone="Pacific/Kiritimati"
        working-days="1-7"
        .items=${ITEMS}
      ></vitrine-selling-points>`,
    );
    const text = el.shadowRoot!.querySelector('[part~="text"]')!;
    expect(text.textContent).to.match(/^Order within (\d+ h )?\d+ min — ships today$|^Ships /);
    expect(el.shadowRoot!.querySelector('[aria-live]')).to.equal(null);
  });

  it('opens the tooltip on keyboard focus (loading floating-ui only then), positions it, and closes on Escape', async () => {
    const el = await fixture<SellingPoints>(
      html`<div style="padding: 40px; width: 1000px">
        <button id="before">before</button><vitrine-selling-points .items=${ITEMS}></vitrine-selling-points>
      </div>`,
    );
    const sp = el.querySelector('vitrine-selling-points')!;
    await sp.updateComplete;
    expect(floatingLoaded(), 'floating-ui is not loaded before any interaction').to.equal(false);
    const trigger = sp.shadowRoot!.querySelector('button')!;
    const tip = sp.shadowRoot!.getElementById(trigger.getAttribute('aria-describedby')!)!;
    expect(tip.hidden).to.equal(true);
    (el.querySelector('#before') as HTMLElement).focus();
    await sendKeys({ press: 'Tab' });
    expect(sp.shadowRoot!.activeElement === trigger, 'Tab reaches the details button').to.equal(true);
    // The focus loads the tooltip's code and is handled once it arrives.
    await waitFor(() => !tip.hidden);
    await waitFor(() => tip.hasAttribute('style'));
    expect(floatingLoaded(), 'floating-ui loaded on first interaction').to.equal(true);
    const t = trigger.getBoundingClientRect();
    const b = tip.getBoundingClientRect();
    expect(b.top).to.be.at.least(t.bottom);
    expect(b.top - t.bottom).to.be.lessThan(12);
    expect(getComputedStyle(tip).visibility).to.equal('visible');
    // The tooltip's styles came with its code.
    expect(getComputedStyle(tip).position).to.equal('fixed');
    expect(getComputedStyle(tip).backgroundColor).to.equal('rgb(29, 35, 42)');
    await sendKeys({ press: 'Escape' });
    await waitFor(() => tip.hidden === true);
    expect(tip.hasAttribute('style'), 'unplaced when closed').to.equal(false);
    // Enter pins it open (a disclosure for keyboard and touch users); Enter again closes.
    await sendKeys({ press: 'Enter' });
    await waitFor(() => !tip.hidden);
    await sendKeys({ press: 'Enter' });
    await waitFor(() => tip.hidden === true);
  });

  it('opens the tooltip on hover and closes it when the pointer leaves', async () => {
    const sp = await fixture<SellingPoints>(html`<vitrine-selling-points .items=${ITEMS}></vitrine-selling-points>`);
    const trigger = sp.shadowRoot!.querySelector('button')!;
    const tip = sp.shadowRoot!.getElementById(trigger.getAttribute('aria-describedby')!)!;
    const r = trigger.getBoundingClientRect();
    await sendMouse({ type: 'move', position: [Math.round(r.left + 5), Math.round(r.top + r.height / 2)] });
    await waitFor(() => !tip.hidden);
    await waitFor(() => getComputedStyle(tip).visibility === 'visible');
    await sendMouse({ type: 'move', position: [Math.round(r.left + 5), Math.round(r.bottom + 200)] });
    await waitFor(() => tip.hidden === true);
    await resetMouse();
  });

  it('is accessible (axe) horizontal, vertical, with an open tooltip and in Arabic', async () => {
    const h = await fixture<SellingPoints>(html`<vitrine-selling-points .items=${ITEMS}></vitrine-selling-points>`);
    await expect(h).to.be.accessible();
    h.shadowRoot!.querySelector('button')!.click();
    await waitFor(() => !!h.shadowRoot!.querySelector('[role="tooltip"]:not([hidden])'));
    await expect(h).to.be.accessible();
    const v = await fixture<SellingPoints>(
      html`<vitrine-selling-points layout="vertical" .items=${ITEMS}></vitrine-selling-points>`,
    );
    await expect(v).to.be.accessible();
    const ar = await fixture(
      html`<div dir="rtl" lang="ar"><vitrine-selling-points .items=${ITEMS}></vitrine-selling-points></div>`,
    );
    await expect(ar).to.be.accessible();
  });

  it('hides an icon image that fails to load, keeping its box; a refused icon leaves no indent', async () => {
    const good = new URL('../scenario-compare/fixtures/kitchen.svg', import.meta.url).href;
    const items = [
      { icon: good, title: 'Drawn', text: 'a' },
      { icon: '/no-such-icon.png', title: 'Missing', text: 'b' },
      { icon: 'javascript:alert(1)', title: 'Refused', text: 'c' },
      { title: 'None', text: 'd' },
    ];
    const wrap = await fixture(
      html`<div style="width: 900px"><vitrine-selling-points .items=${items}></vitrine-selling-points></div>`,
    );
    const el = wrap.firstElementChild as SellingPoints;
    await el.updateComplete;
    const [drawn, missing, refused, none] = Array.from(el.shadowRoot!.querySelectorAll<HTMLElement>('[part="item"]'));
    const img = (li: HTMLElement) => li.querySelector('img')!;
    await waitFor(() => getComputedStyle(img(missing!)).visibility === 'hidden');
    // Its box stays (nothing moves); the image that loads stays visible.
    expect(missing!.querySelector('[part="icon"]')!.getBoundingClientRect().width).to.equal(28);
    await img(drawn!).decode();
    await nextFrame();
    expect(getComputedStyle(img(drawn!)).visibility).to.equal('visible');
    // No box for the refused icon: its title starts where an item without icon starts its title.
    expect(refused!.querySelector('[part="icon"]')).to.equal(null);
    const start = (li: HTMLElement) =>
      li.querySelector('[part="title"]')!.getBoundingClientRect().left - li.getBoundingClientRect().left;
    expect(start(refused!)).to.equal(start(none!));
    expect(start(drawn!)).to.be.greaterThan(start(none!) + 28);
  });

  it('makes the row a focusable scroll region only when it overflows', async () => {
    const wrap = await fixture(
      html`<div>
        <div style="width: 320px"><vitrine-selling-points .items=${ITEMS}></vitrine-selling-points></div>
        <div style="width: 1000px"><vitrine-selling-points .items=${ITEMS}></vitrine-selling-points></div>
      </div>`,
    );
    const [narrow, wide] = Array.from(wrap.querySelectorAll('vitrine-selling-points'));
    await Promise.all([narrow, wide].map((el) => (el as SellingPoints).updateComplete));
    await waitFor(() => narrow!.shadowRoot!.querySelector('ul')!.getAttribute('tabindex') === '0');
    expect(wide!.shadowRoot!.querySelector('ul')!.hasAttribute('tabindex')).to.equal(false);
    await expect(narrow).to.be.accessible();
    // More items at the same width: the row overflows now, and becomes focusable.
    (wide as SellingPoints).items = [...ITEMS, ...ITEMS.slice(0, 2)];
    await waitFor(() => wide!.shadowRoot!.querySelector('ul')!.getAttribute('tabindex') === '0');
    (wide as SellingPoints).items = ITEMS.slice(0, 2);
    await waitFor(() => !wide!.shadowRoot!.querySelector('ul')!.hasAttribute('tabindex'));
  });

  it('fits two to six items in the default heights without cutting a line', async () => {
    const six = [
      ...ITEMS,
      { icon: 'shield', title: '2-year warranty', text: 'Repairs for ten years' },
      { icon: 'leaf', title: 'Recyclable', text: 'Packed in paper' },
    ];
    for (const layout of ['horizontal', 'vertical'])
      for (const n of [2, 4, 6]) {
        const el = await fixture<SellingPoints>(
          html`<div style="width: 320px">
            <vitrine-selling-points layout=${layout} .items=${six.slice(0, n)}></vitrine-selling-points>
          </div>`,
        ).then((d) => d.querySelector('vitrine-selling-points')!);
        await el.updateComplete;
        expect(el.getBoundingClientRect().height).to.equal(layout === 'vertical' ? 264 : 88);
        for (const li of Array.from(el.shadowRoot!.querySelectorAll('li'))) {
          const box = li.getBoundingClientRect();
          for (const part of Array.from(li.querySelectorAll('.title, .text')))
            expect(part.getBoundingClientRect().bottom, `${layout} × ${n}`).to.be.at.most(box.bottom + 0.5);
        }
      }
  });

  it('mirrors under dir=rtl', async () => {
    const wrap = await fixture(
      html`<div style="width: 900px">
        <vitrine-selling-points .items=${ITEMS}></vitrine-selling-points>
        <div dir="rtl" lang="ar"><vitrine-selling-points .items=${ITEMS}></vitrine-selling-points></div>
      </div>`,
    );
    const [ltr, rtl] = Array.from(wrap.querySelectorAll('vitrine-selling-points'));
    await rtl!.updateComplete;
    const boxes = (el: Element) =>
      Array.from(el.shadowRoot!.querySelectorAll('li'), (li) => li.getBoundingClientRect());
    const icon = (el: Element) => el.shadowRoot!.querySelector('.icon')!.getBoundingClientRect();
    const title = (el: Element) => el.shadowRoot!.querySelector('.title')!.getBoundingClientRect();
    expect(boxes(ltr!)[0]!.left).to.be.lessThan(boxes(ltr!)[1]!.left);
    expect(boxes(rtl!)[0]!.left).to.be.greaterThan(boxes(rtl!)[1]!.left);
    expect(icon(ltr!).left).to.be.lessThan(title(ltr!).left);
    expect(icon(rtl!).left).to.be.greaterThan(title(rtl!).left);
  });

  it("keeps the merchant's text in its own direction in RTL, aligned to the right", async () => {
    // English copy on an Arabic page: without isolation "30-day returns" shows as "day returns-30"
    const items = [
      { icon: 'return', title: '30-day returns', text: '30 days, collected', details: 'For any reason.' },
      { icon: 'quiet', title: '2 years of repairs', text: 'Quiet (38 dB)' },
    ];
    const wrap = await fixture(
      html`<div dir="rtl" lang="ar" style="width: 600px">
        <vitrine-selling-points .items=${items}></vitrine-selling-points>
      </div>`,
    );
    const el = wrap.querySelector('vitrine-selling-points')!;
    await el.updateComplete;
    const root = el.shadowRoot!;
    expect(drawnLeftOf(root, '30-day returns', '30', 'returns'), 'a title with details').to.equal(true);
    expect(drawnLeftOf(root, '2 years of repairs', '2', 'repairs'), 'a title').to.equal(true);
    expect(drawnLeftOf(root, '30 days, collected', '30', 'collected'), 'a text').to.equal(true);
    expect(drawnLeftOf(root, 'Quiet (38 dB)', 'Quiet', ')'), 'a text ending with a bracket').to.equal(true);
    // each title and text still starts at the right, beside its icon
    for (const body of root.querySelectorAll('.body'))
      for (const part of body.querySelectorAll('.title, .text')) {
        const text = document.createRange();
        text.selectNodeContents(part);
        expect(body.getBoundingClientRect().right - text.getBoundingClientRect().right).to.be.lessThan(1);
      }
  });

  it('sends one impression when first half visible, not before', async () => {
    const calls: unknown[][] = [];
    setDefaultClient({ track: (...args: unknown[]) => calls.push(args) });
    const wrap = await fixture(
      html`<div style="height: 300px; overflow: auto">
        <div style="height: 600px"></div>
        <vitrine-selling-points .items=${ITEMS}></vitrine-selling-points>
        <div style="height: 600px"></div>
      </div>`,
    );
    const sp = wrap.querySelector('vitrine-selling-points')!;
    await sp.updateComplete;
    await new Promise((r) => setTimeout(r, 100));
    expect(calls).to.deep.equal([]);
    sp.scrollIntoView({ block: 'center' });
    await waitFor(() => calls.length > 0);
    await new Promise((r) => setTimeout(r, 100));
    sp.scrollIntoView({ block: 'start' });
    wrap.scrollTop = 0;
    await new Promise((r) => setTimeout(r, 100));
    sp.scrollIntoView({ block: 'center' });
    await new Promise((r) => setTimeout(r, 100));
    expect(calls).to.deep.equal([['impression', { props: { element: 'selling-points' } }]]);
  });
});

async function waitFor(check: () => boolean, ms = 3000): Promise<void> {
  const start = performance.now();
  while (!check()) {
    if (performance.now() - start > ms) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}
