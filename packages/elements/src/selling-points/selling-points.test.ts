import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { SellingPoints } from '@vitrine/elements';
import '@vitrine/elements/selling-points';
import { setDefaultClient } from '../base/client-slot.js';
import { resetWarnings } from '../base/warn.js';

const ITEMS = [
  { icon: 'truck', title: '24h dispatch', text: 'Leaves our warehouse within a day', countdown: true },
  {
    icon: 'return',
    title: 'Free returns',
    text: 'If it does not suit you',
    details: '30 days, collected from your door.',
  },
  { icon: 'energy', title: 'Energy label A+++', text: 'Uses 0.9 kWh a week' },
  { icon: 'quiet', title: 'Quiet: 38 dB', text: 'Quieter than a library' },
];

let warn: ReturnType<typeof vi.spyOn>;
beforeAll(() => expect(customElements.get('vitrine-selling-points')).toBe(SellingPoints));
afterEach(() => {
  document.body.innerHTML = '';
  resetWarnings();
  setDefaultClient(undefined);
  vi.useRealTimers();
  vi.restoreAllMocks();
});

async function mount(markup: string): Promise<SellingPoints> {
  warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
  document.body.innerHTML = markup;
  const el = document.body.querySelector('vitrine-selling-points')!;
  await el.updateComplete;
  return el;
}

const json = (config: object) => `<script type="application/json">${JSON.stringify(config)}</script>`;
const texts = (el: SellingPoints, part: string) =>
  Array.from(el.shadowRoot!.querySelectorAll(`[part="${part}"]`), (n) => n.textContent!.trim());
/** The warnings said so far; their texts load lazily (base/messages.ts), so wait for pending imports first. */
const messages = async (): Promise<string[]> => {
  await vi.dynamicImportSettled();
  return warn.mock.calls.map((c: unknown[]) => String(c[0]));
};

describe('<vitrine-selling-points>', () => {
  it('says what to configure when it has no items, in the page language', async () => {
    const el = await mount('<vitrine-selling-points></vitrine-selling-points>');
    expect(texts(el, 'title')).toEqual(['Selling points: add 2 to 6 items']);
    expect(await messages()).toEqual([]);
    const zh = await mount('<div lang="zh-CN"><vitrine-selling-points></vitrine-selling-points></div>');
    expect(texts(zh, 'title')).toEqual(['卖点：请添加 2 到 6 项']);
  });

  it('renders items from a JSON child, horizontal by default, with built-in icons', async () => {
    const el = await mount(`<vitrine-selling-points>${json({ items: ITEMS })}</vitrine-selling-points>`);
    expect(el.layout).toBe('horizontal');
    expect(texts(el, 'title')).toEqual(['24h dispatch', 'Free returns', 'Energy label A+++', 'Quiet: 38 dB']);
    expect(texts(el, 'text')[0]).toBe('Leaves our warehouse within a day'); // no cutoff: no countdown
    // The icon boxes come with the first render; the drawings a moment later (icons.ts), in place.
    expect(el.shadowRoot!.querySelectorAll('[part="icon"]')).toHaveLength(4);
    await vi.waitFor(() => expect(el.shadowRoot!.querySelectorAll('[part="icon"] svg path')).toHaveLength(4));
    expect(el.shadowRoot!.querySelector('[part="icon"] path')!.getAttribute('d')).toMatch(/^M2 6h11v10H2z/);
    // Icons repeat their titles: hidden from assistive technology.
    const boxes = Array.from(el.shadowRoot!.querySelectorAll('[part="icon"]'), (box) =>
      box.getAttribute('aria-hidden'),
    );
    expect(boxes).toEqual(['true', 'true', 'true', 'true']);
    const list = el.shadowRoot!.querySelector('ul')!;
    expect(list.getAttribute('aria-label')).toBe('Why buy here');
    expect(list.className).toBe('h');
    expect(await messages()).toEqual([]);
  });

  it('reads the items attribute, the items property and markup children', async () => {
    const attr = await mount(
      `<vitrine-selling-points layout="vertical" items='${JSON.stringify(ITEMS.slice(0, 2))}'></vitrine-selling-points>`,
    );
    expect(texts(attr, 'title')).toEqual(['24h dispatch', 'Free returns']);
    expect(attr.shadowRoot!.querySelector('ul')!.className).toBe('v');

    attr.items = ITEMS.slice(2);
    await attr.updateComplete;
    expect(texts(attr, 'title')).toEqual(['Energy label A+++', 'Quiet: 38 dB']);

    const markup = await mount(`<vitrine-selling-points>
      <div data-icon="shield" data-details="Two years, parts and labour."><strong>2-year warranty</strong> Repairs at home</div>
      <div><svg viewBox="0 0 24 24"><circle cx="12" cy="12" r="9"></circle></svg><b>Made in Foshan</b> Since 1987</div>
    </vitrine-selling-points>`);
    expect(texts(markup, 'title')).toEqual(['2-year warranty', 'Made in Foshan']);
    expect(texts(markup, 'text')).toEqual(['Repairs at home', 'Since 1987']);
    expect(markup.shadowRoot!.querySelector('[part="tooltip"]')!.textContent).toBe('Two years, parts and labour.');
    const custom = markup.shadowRoot!.querySelectorAll('[part="icon"]')[1]!.querySelector('svg circle');
    expect(custom).not.toBeNull();
  });

  it('shows image icons from safe URLs only, and warns about the rest naming the field', async () => {
    const el = await mount(
      `<vitrine-selling-points>${json({
        items: [
          { icon: '/icons/tea.svg', title: 'Tea' },
          { icon: 'javascript:alert(1)', title: 'Bad' },
          { icon: 'rocket', title: 'Unknown' },
          { text: 'no title' },
        ],
      })}</vitrine-selling-points>`,
    );
    expect(texts(el, 'title')).toEqual(['Tea', 'Bad', 'Unknown']);
    const imgs = el.shadowRoot!.querySelectorAll('img');
    expect(imgs).toHaveLength(1);
    // A refused or unknown icon leaves no empty icon box (and so no indent) behind.
    expect(
      Array.from(el.shadowRoot!.querySelectorAll('[part="item"]'), (li) => !!li.querySelector('[part="icon"]')),
    ).toEqual([true, false, false]);
    expect(imgs[0]!.getAttribute('src')).toBe('/icons/tea.svg');
    expect(imgs[0]!.getAttribute('alt')).toBe('');
    const said = await messages();
    expect(
      said.some((m) => m.startsWith('<vitrine-selling-points> icon: "javascript:alert(1)" is not an http(s)')),
    ).toBe(true);
    expect(said.some((m) => m.startsWith('<vitrine-selling-points> icon: "rocket" is neither a built-in icon'))).toBe(
      true,
    );
    expect(said).toContain('<vitrine-selling-points> items[3].title: is missing; that item is left out.');
  });

  it('keeps at most six items and warns about bad layout and item count', async () => {
    const many = Array.from({ length: 8 }, (_, i) => ({ title: `Point ${i}` }));
    const el = await mount(
      `<vitrine-selling-points layout="diagonal">${json({ items: many })}</vitrine-selling-points>`,
    );
    expect(texts(el, 'title')).toHaveLength(6);
    expect(el.shadowRoot!.querySelector('ul')!.className).toBe('h');
    const said = await messages();
    expect(said.some((m) => m.startsWith('<vitrine-selling-points> layout: "diagonal" is not one of'))).toBe(true);
    expect(said.some((m) => m.startsWith('<vitrine-selling-points> items: has 8 entries'))).toBe(true);
  });

  it('counts down to the merchant’s cutoff, corrected by the server time', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'] });
    // The shopper's clock says Wednesday 25 Nov 2026 03:00 UTC; the server says 05:47:30 UTC (13:47:30 Shanghai).
    vi.setSystemTime(new Date('2026-11-25T03:00:00Z'));
    const el = await mount(
      `<vitrine-selling-points cutoff="16:00" timezone="Asia/Shanghai" server-time="2026-11-25T05:47:30Z">${json({
        items: ITEMS,
      })}</vitrine-selling-points>`,
    );
    const text = () => el.shadowRoot!.querySelector('[part="text"]')!;
    expect(text().textContent).toBe('Order within 2 h 12 min — ships today');
    expect(text().closest('[aria-live]')).toBeNull();
    const renders = vi.spyOn(el, 'requestUpdate');
    // The text changes when its minute does, and the element does not re-render in between.
    vi.advanceTimersByTime(29_000);
    await el.updateComplete;
    expect(text().textContent).toBe('Order within 2 h 12 min — ships today');
    expect(renders).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1_100);
    await el.updateComplete;
    expect(text().textContent).toBe('Order within 2 h 11 min — ships today');
    expect(renders).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(60_000);
    await el.updateComplete;
    expect(renders).toHaveBeenCalledTimes(2);
    expect(text().textContent).toBe('Order within 2 h 10 min — ships today');
    // Removed from the page, it stops ticking; put back, it catches up at once.
    const parent = el.parentNode!;
    el.remove();
    vi.advanceTimersByTime(120_000);
    expect(renders).toHaveBeenCalledTimes(2);
    parent.append(el);
    await el.updateComplete;
    expect(text().textContent).toBe('Order within 2 h 8 min — ships today');
    // After the cutoff the real next dispatch day is named.
    vi.advanceTimersByTime(2 * 3_600_000 + 8 * 60_000);
    await el.updateComplete;
    expect(text().textContent).toBe('Ships Thursday, November 26');
  });

  it('reads server-time as milliseconds from the attribute too', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-25T03:00:00Z'));
    const el = await mount(
      `<vitrine-selling-points cutoff="16:00" timezone="Asia/Shanghai" server-time="${Date.parse(
        '2026-11-25T05:47:30Z',
      )}">${json({ items: ITEMS })}</vitrine-selling-points>`,
    );
    expect(el.shadowRoot!.querySelector('[part="text"]')!.textContent).toBe('Order within 2 h 12 min — ships today');
    expect(await messages()).toEqual([]);
  });

  it('names the next working day after a Friday cutoff, localised', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-27T09:00:00Z')); // Friday 17:00 in Shanghai
    const el = await mount(
      `<div lang="zh-CN"><vitrine-selling-points cutoff="16:00" timezone="Asia/Shanghai" holidays="2026-11-30">${json({
        items: ITEMS,
      })}</vitrine-selling-points></div>`,
    );
    expect(el.shadowRoot!.querySelector('[part="text"]')!.textContent).toBe('12月1日星期二发货');
    document.body.innerHTML = `<div lang="ar"><vitrine-selling-points cutoff="16:00" timezone="Asia/Shanghai" working-days="1-6">${json(
      { items: ITEMS },
    )}</vitrine-selling-points></div>`;
    const ar = document.querySelector('vitrine-selling-points')!;
    await ar.updateComplete;
    expect(ar.shadowRoot!.querySelector('[part="text"]')!.textContent).toMatch(/^يُشحن السبت/);
    expect(ar.shadowRoot!.querySelector('ul')!.getAttribute('aria-label')).toBe('لماذا تشتري منا');
  });

  it('warns about a bad server-time also where no countdown shows', async () => {
    await mount(`<vitrine-selling-points server-time="soon">${json({ items: ITEMS })}</vitrine-selling-points>`);
    expect(await messages()).toEqual([
      '<vitrine-selling-points> server-time: "soon" is not an ISO date-time; the shopper\'s clock is used.',
    ]);
  });

  it('turns a bad calendar into one warning per field and the item’s own text', async () => {
    const el = await mount(
      `<vitrine-selling-points cutoff="4pm" timezone="Asia/Shanghai">${json({ items: ITEMS })}</vitrine-selling-points>`,
    );
    expect(el.shadowRoot!.querySelector('[part="text"]')!.textContent).toBe('Leaves our warehouse within a day');
    expect(await messages()).toContain(
      '<vitrine-selling-points> cutoff: "4pm" is not a time like "16:00"; the countdown is off.',
    );
    el.cutoff = '16:00';
    el.timezone = 'Mars/Olympus';
    el.serverTime = 'yesterday';
    await el.updateComplete;
    const said = await messages();
    expect(said.some((m) => m.startsWith('<vitrine-selling-points> timezone: "Mars/Olympus" is not an IANA'))).toBe(
      true,
    );
    expect(said.some((m) => m.startsWith('<vitrine-selling-points> server-time: "yesterday"'))).toBe(true);
    el.timezone = 'Asia/Shanghai';
    el.workingDays = 'weekdays';
    await el.updateComplete;
    expect((await messages()).some((m) => m.startsWith('<vitrine-selling-points> working-days: "weekdays"'))).toBe(
      true,
    );
  });

  // Found by the random bad-input test (bad-input.browser.test.ts): each of these threw in render.
  it('takes a calendar of the wrong type, an item with a "svg" key or a title that is no text, and warns', async () => {
    const el = await mount(
      `<vitrine-selling-points cutoff="16:00" timezone="Asia/Shanghai">${json({
        items: [{ ...ITEMS[0], svg: '<svg></svg>' }, { icon: 'return', title: { trim: 1 } }, ITEMS[2]],
      })}</vitrine-selling-points>`,
    );
    el.holidays = 0 as never;
    el.workingDays = [1, 2, 3, 4, 5] as never;
    await el.updateComplete;
    expect(texts(el, 'title')).toEqual(['24h dispatch', 'Energy label A+++']);
    // the built-in truck, not the string
    expect(el.shadowRoot!.querySelector('[part="icon"] path')).not.toBeNull();
    const said = await messages();
    expect(said).toContain(
      '<vitrine-selling-points> holidays: "0" is not a list of YYYY-MM-DD dates; the countdown is off.',
    );
    expect(said.some((m) => m.startsWith('<vitrine-selling-points> items[1].title:'))).toBe(true);
    // a list of weekdays as an array still works
    el.holidays = ['2026-12-25'] as never;
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('.soon')).not.toBeNull();
  });

  it('opens the details tooltip on click and closes it on Escape; the trigger is described by it', async () => {
    const el = await mount(`<vitrine-selling-points>${json({ items: ITEMS })}</vitrine-selling-points>`);
    const trigger = el.shadowRoot!.querySelector('button')!;
    const tip = el.shadowRoot!.getElementById(trigger.getAttribute('aria-describedby')!)!;
    expect(tip.getAttribute('role')).toBe('tooltip');
    expect(tip.hidden).toBe(true);
    // The first click loads the tooltip's code (tooltip.ts) and is handled once it arrives.
    const shown = (open: boolean) => vi.waitFor(() => expect(tip.hidden).toBe(!open));
    trigger.click();
    await shown(true);
    trigger.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
    await shown(false);
    trigger.click();
    await shown(true);
    document.body.dispatchEvent(new Event('pointerdown', { bubbles: true }));
    await shown(false);
    // Escape closes it wherever the focus is.
    trigger.click();
    await shown(true);
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await shown(false);
  });

  it('reports one impression when at least half of it is first visible', async () => {
    const observers: { cb: IntersectionObserverCallback; disconnected: boolean }[] = [];
    vi.stubGlobal(
      'IntersectionObserver',
      class {
        record = { cb: (() => {}) as IntersectionObserverCallback, disconnected: false };
        constructor(cb: IntersectionObserverCallback) {
          this.record.cb = cb;
          observers.push(this.record);
        }
        observe() {}
        disconnect() {
          this.record.disconnected = true;
        }
      },
    );
    const track = vi.fn();
    setDefaultClient({ track });
    await mount(`<vitrine-selling-points>${json({ items: ITEMS })}</vitrine-selling-points>`);
    const fire = (ratio: number) =>
      observers[0]!.cb(
        [{ isIntersecting: ratio > 0, intersectionRatio: ratio } as IntersectionObserverEntry],
        {} as never,
      );
    fire(0.2);
    expect(track).not.toHaveBeenCalled();
    fire(0.6);
    expect(track).toHaveBeenCalledTimes(1);
    expect(track).toHaveBeenCalledWith('impression', { props: { element: 'selling-points' } });
    expect(observers[0]!.disconnected).toBe(true);
    vi.unstubAllGlobals();
  });
});
