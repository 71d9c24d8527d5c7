import { aTimeout, expect, fixture, nextFrame, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { del, get } from 'idb-keyval';
import './vitrine-coupon-cart.js';
import { CouponCart, loadActions, type CartLine } from './coupon-cart.js';
import { watched } from './persist.js';
import { setDefaultClient } from '../base/client-slot.js';
import { resetWarnings } from '../base/warn.js';
import { AFTERNOON, DEMO, LATE_NIGHT } from './demo-cart.js';
import { drawnLeftOf } from '../test-utils/bidi.js';
import { recordShifts, supportsLayoutShift } from '../test-utils/layout-shift.js';

// The demo's images, served from the repository root by the test server.
const lines = DEMO.lines.map((l) => ({ ...l, image: `/demo/public${l.image}` }));
const config = (now: number, extra: object = {}) =>
  `<script type="application/json">${JSON.stringify({ ...DEMO, lines, context: { ...DEMO.context, now }, ...extra })}</script>`;

async function mount(now = AFTERNOON, attrs = '', wrap = (s: string) => s): Promise<CouponCart> {
  const host = await fixture<HTMLElement>(wrap(`<vitrine-coupon-cart ${attrs}>${config(now)}</vitrine-coupon-cart>`));
  const el = (
    host.localName === 'vitrine-coupon-cart' ? host : host.querySelector('vitrine-coupon-cart')!
  ) as CouponCart;
  await el.updateComplete;
  return el;
}

const $ = (el: CouponCart, sel: string) => el.shadowRoot!.querySelector<HTMLElement>(sel)!;
const $$ = (el: CouponCart, sel: string) => Array.from(el.shadowRoot!.querySelectorAll<HTMLElement>(sel));
const text = (n: Element | null) => n?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const coupon = (el: CouponCart, label: string) =>
  $$(el, '[part="coupon"]').find((c) => text(c.querySelector('bdi')).startsWith(label))!;
const box = (el: CouponCart, label: string) => coupon(el, label).querySelector('input')!;

/** Opens the coupon list (loaded on first use) from the keyboard. */
async function openList(el: CouponCart): Promise<void> {
  $(el, '[part="choose"]').focus();
  await sendKeys({ press: 'Enter' });
  await waitUntil(() => $(el, '[part="coupons"]'), 'the coupon list opens');
}

/** The analytics events the cart hands to the page's client, collected afresh for each test. */
function collectEvents(): [string, Record<string, unknown>][] {
  const events: [string, Record<string, unknown>][] = [];
  beforeEach(() => {
    events.length = 0;
    setDefaultClient({ track: (type, fields = {}) => events.push([type, fields]) });
  });
  afterEach(() => {
    setDefaultClient(undefined);
    resetWarnings();
  });
  return events;
}

describe('<vitrine-coupon-cart> in a real browser', () => {
  const events = collectEvents();

  // First: the controls' code (actions.ts) has not loaded before; it loads after the first render.
  it('re-solves on a keyboard quantity change and announces the new total once', async () => {
    const el = await mount();
    const live = $(el, '[aria-live="polite"]');
    expect(el.shadowRoot!.querySelectorAll('[aria-live]')).to.have.length(1);
    const said: string[] = [];
    const observer = new MutationObserver(() => said.push(text(live)));
    observer.observe(live, { childList: true, characterData: true, subtree: true });
    const plus = $$(el, '[part="stepper"] button')[3]!;
    // A burst: Enter on the focused + (handled once the code has arrived), then a click.
    plus.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => el.solution!.totals.subtotal === 69900 + 2 * 12900, 'the first key press is handled');
    const handled = performance.now();
    await el.updateComplete;
    expect(text($(el, '[part="summary"]'))).to.contain('−CN¥120.00'); // three ¥300 steps now
    plus.click();
    const pause = performance.now() - handled;
    await el.updateComplete;
    expect(el.solution!.totals.total).to.equal(69900 + 3 * 12900 - 5000 - 12000);
    // The announcement waits 500 ms after the last change. A loaded test machine can stall longer
    // than that between the two changes; then the shopper "paused", and the total of the first
    // change is rightly said. Within a real burst nothing is said until it ends.
    const paused = pause > 450;
    if (!paused) expect(said, 'nothing is said while the shopper is still clicking').to.deep.equal([]);
    await aTimeout(800);
    const final = 'Total CN¥916.00, you save CN¥185.00.';
    const first = 'Total CN¥787.00, you save CN¥185.00.';
    expect(said).to.deep.equal(paused && said.length === 2 ? [first, final] : [final]);
    // Focus stayed on the + button.
    expect(el.shadowRoot!.activeElement).to.equal(plus);
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(el.solution!.totals.subtotal).to.equal(69900 + 4 * 12900);
    await aTimeout(800);
    observer.disconnect();
    expect(said).to.deep.equal(['Total CN¥916.00, you save CN¥185.00.', 'Total CN¥1,045.00, you save CN¥185.00.']);
    expect(events.filter(([t]) => t === 'add_to_cart')).to.have.length(3);
  });
});

describe('<vitrine-coupon-cart> in a real browser, controls loaded', () => {
  before(() => loadActions());
  const events = collectEvents();

  it('takes a typed quantity from the number input', async () => {
    const el = await mount();
    const input = $$(el, 'input[type="number"]')[0] as HTMLInputElement;
    input.focus();
    input.select();
    await sendKeys({ type: '2' });
    await sendKeys({ press: 'Tab' });
    await el.updateComplete;
    expect(el.solution!.totals.subtotal).to.equal(2 * 69900 + 12900);
    expect(input.value).to.equal('2');
  });

  it('lets the shopper pick a coupon by keyboard and shows why the others do not apply', async () => {
    const el = await mount(LATE_NIGHT);
    expect($(el, '[part="choose"]').getAttribute('aria-expanded')).to.equal('false');
    await openList(el);
    expect($(el, '[part="choose"]').getAttribute('aria-expanded')).to.equal('true');
    expect(el.shadowRoot!.activeElement, 'focus stays on the button').to.equal($(el, '[part="choose"]'));
    // The list's styles came with it.
    expect(getComputedStyle(coupon(el, 'Late night')).display).to.equal('grid');
    expect(getComputedStyle($(el, '[part="coupons"]')).borderTopStyle).to.equal('none');
    expect(text(coupon(el, 'Late night'))).to.contain('Cannot be combined with Platform');
    const late = box(el, 'Late night');
    late.focus();
    await sendKeys({ press: ' ' });
    await el.updateComplete;
    expect(box(el, 'Late night').checked).to.equal(true);
    expect(box(el, 'Platform').checked).to.equal(false);
    const reason = coupon(el, 'Platform').querySelector('[part="reason"]')!;
    expect(text(reason)).to.equal('Cannot be combined with Late night: ¥30 off over ¥500');
    expect(box(el, 'Platform').getAttribute('aria-describedby')).to.equal(reason.id);
    expect(el.solution!.totals.total).to.equal(74800);
    // An unavailable coupon cannot be ticked (daytime: outside its window).
    const day = await mount(AFTERNOON);
    await openList(day);
    box(day, 'Late night').focus();
    await sendKeys({ press: ' ' });
    await day.updateComplete;
    expect(box(day, 'Late night').checked).to.equal(false);
    expect(text(coupon(day, 'Late night'))).to.contain('Only 23:00–01:00');
  });

  it('keeps the focus in the cart when "Use the best combination" goes away', async () => {
    const el = await mount();
    await openList(el);
    box(el, 'Free shipping').focus();
    await sendKeys({ press: ' ' });
    await el.updateComplete;
    expect(box(el, 'Free shipping').checked, 'turned off by hand').to.equal(false);
    const best = $$(el, 'button').find((b) => text(b) === 'Use the best combination')!;
    best.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(box(el, 'Free shipping').checked, 'the best combination is back').to.equal(true);
    expect(
      $$(el, 'button').some((b) => text(b) === 'Use the best combination'),
      'the button is gone',
    ).to.equal(false);
    // Not on <body>: on the disclosure that opened the list, whose state the shopper just changed.
    await waitUntil(() => el.shadowRoot!.activeElement, 'the focus lands in the cart');
    expect(document.activeElement).to.equal(el);
    expect(el.shadowRoot!.activeElement).to.equal($(el, '[part="choose"]'));
  });

  it('fires a cancelable vitrine-checkout and reports begin_checkout only when not cancelled', async () => {
    const el = await mount();
    const seen: unknown[] = [];
    const veto = (e: Event) => {
      seen.push((e as CustomEvent).detail);
      e.preventDefault();
    };
    document.addEventListener('vitrine-checkout', veto);
    $(el, '[part="checkout"]').click();
    expect(seen).to.have.length(1);
    expect((seen[0] as { totals: { total: number } }).totals.total).to.equal(69800);
    expect(events.some(([t]) => t === 'begin_checkout')).to.equal(false);
    document.removeEventListener('vitrine-checkout', veto);
    $(el, '[part="checkout"]').click();
    expect(events.filter(([t]) => t === 'begin_checkout')).to.have.length(1);
  });

  for (const [name, now, wrap] of [
    ['English', AFTERNOON, (s: string) => s],
    ['Chinese, late at night', LATE_NIGHT, (s: string) => `<div lang="zh-CN">${s}</div>`],
    ['Arabic, right to left', AFTERNOON, (s: string) => `<div lang="ar" dir="rtl">${s}</div>`],
  ] as const) {
    it(`is accessible (axe) in ${name}`, async function () {
      this.timeout(30000); // axe is slow on a loaded machine
      const el = await mount(now, '', wrap);
      await expect(el).to.be.accessible();
      // And with the coupon list open.
      await openList(el);
      await expect(el).to.be.accessible();
    });
  }

  it("keeps a line's and a coupon's name in their own direction in RTL", async () => {
    // English names on a Hebrew or Arabic page: without isolation a closing bracket or a leading
    // number moves to the other end ("Steamer basket (2 tiers)" shows as ")Steamer basket (2 tiers")
    const rtl = await mount(AFTERNOON, '', (s) => `<div lang="ar" dir="rtl">${s}</div>`);
    rtl.lines = lines.map((l, i) => (i ? l : { ...l, name: 'Steamer basket (2 tiers)' }));
    rtl.coupons = DEMO.coupons.map((c) => (c.id == 'free-ship' ? { ...c, label: '99 or more: free shipping' } : c));
    await rtl.updateComplete;
    const root = rtl.shadowRoot!;
    expect(drawnLeftOf(root, 'Steamer basket (2 tiers)', 'tiers', ')'), 'a line').to.equal(true);
    expect(drawnLeftOf($(rtl, 'dl'), '99 or more: free shipping', '99', 'free'), 'the breakdown').to.equal(true);
    await openList(rtl);
    expect(drawnLeftOf($(rtl, '[part="coupons"]'), '99 or more: free shipping', '99', 'free'), 'the list').to.equal(
      true,
    );
  });

  for (const dir of ['ltr', 'rtl']) {
    it(`wraps a long name without spaces at 390px, keeping the price and the remove button in view (${dir})`, async () => {
      const long = [
        'Supercalifragilisticexpialidocious-Extra-Long-Product-Name-Without-Spaces-XL',
        'https://shop.example/products/aoki-quiet-cooker-mini-with-steamer-basket-and-lid',
        'Donaudampfschifffahrtsgesellschaftskapitänsmützenaufbewahrungsschachtel',
      ];
      const el = await mount(AFTERNOON, '', (s) => `<div dir=${dir} style="width: 390px">${s}</div>`);
      el.lines = long.map((name, i) => ({ id: `l${i}`, name, unitPrice: 1000 * (i + 1), quantity: 1 }));
      await el.updateComplete;
      const cart = el.getBoundingClientRect();
      expect(cart.width).to.equal(390);
      for (const li of $$(el, '[part="line"]')) {
        for (const part of ['.end', '[part="remove"]', '[part="stepper"]', '.name']) {
          const r = li.querySelector(part)!.getBoundingClientRect();
          expect(r.left, `${part} of ${text(li.querySelector('.name'))}`).to.be.at.least(cart.left);
          expect(r.right, `${part} of ${text(li.querySelector('.name'))}`).to.be.at.most(cart.right);
        }
        // The whole name is shown (wrapped), not cut.
        const name = li.querySelector('.name')!;
        expect(name.getBoundingClientRect().height).to.be.greaterThan(30);
      }
      expect($(el, '.body').scrollWidth, 'no sideways scrolling').to.be.at.most($(el, '.body').clientWidth);
      // A coupon label too, in the breakdown and in the list.
      el.coupons = [{ id: 'long', label: long[1]!, kind: 'fixed', amount: 100 }];
      await el.updateComplete;
      await openList(el);
      for (const node of [...$$(el, '[part="summary"] dt'), ...$$(el, '[part="coupon"] > *')]) {
        const r = node.getBoundingClientRect();
        expect(r.left, text(node)).to.be.at.least(cart.left);
        expect(r.right, text(node)).to.be.at.most(cart.right);
      }
      expect($(el, '.body').scrollWidth, 'no sideways scrolling').to.be.at.most($(el, '.body').clientWidth);
    });
  }

  it('mirrors under dir=rtl', async () => {
    const ltr = await mount();
    const rtl = await mount(AFTERNOON, '', (s) => `<div lang="ar" dir="rtl">${s}</div>`);
    const place = (el: CouponCart) => {
      const [minus, plus] = $$(el, '[part="stepper"] button').map((b) => b.getBoundingClientRect().left);
      const image = $(el, '[part="image"]').getBoundingClientRect().left;
      const remove = $(el, '[part="remove"]').getBoundingClientRect().left;
      return { minus: minus!, plus: plus!, image, remove };
    };
    expect(place(ltr).minus).to.be.lessThan(place(ltr).plus);
    expect(place(ltr).image).to.be.lessThan(place(ltr).remove);
    expect(place(rtl).minus).to.be.greaterThan(place(rtl).plus);
    expect(place(rtl).image).to.be.greaterThan(place(rtl).remove);
    expect(text($(rtl, 'h2'))).to.equal('سلة التسوق');
  });

  for (const width of [360, 720]) {
    it(`shifts nothing on load at ${width}px: the reserved box is the element's box`, async () => {
      // reserve.css, applied to a tag that is not defined yet (so the test sees the pre-upgrade page).
      const css = await (await fetch(new URL('../styles/reserve.css', import.meta.url))).text();
      const tag = `coupon-cart-late-${width}`;
      const page = await fixture<HTMLElement>(
        `<div style="width: ${width}px">
          <style>${css.replaceAll('vitrine-coupon-cart', tag)}</style>
          <${tag}>${config(AFTERNOON)}</${tag}>
          <p id="below">below</p>
        </div>`,
      );
      const late = page.querySelector(tag) as CouponCart;
      const below = page.querySelector('#below')!;
      const top = below.getBoundingClientRect().top;
      expect(late.getBoundingClientRect().height).to.equal(420);
      const shifts = recordShifts();
      customElements.define(tag, class extends CouponCart {});
      await late.updateComplete;
      await nextFrame();
      expect(late.shadowRoot, 'upgraded').to.exist;
      expect(late.getBoundingClientRect().height).to.equal(420);
      expect(below.getBoundingClientRect().top).to.equal(top);
      // The summary and the checkout are inside the box, not cut off.
      const box = late.getBoundingClientRect();
      const go = late.shadowRoot!.querySelector('[part="checkout"]')!.getBoundingClientRect();
      expect(go.bottom).to.be.at.most(box.bottom);
      expect(go.height).to.be.greaterThan(40);
      const cls = await shifts.stop();
      if (supportsLayoutShift) expect(cls, 'layout-shift score').to.equal(0);
      else console.info('layout-shift entries are not supported in this engine; checked positions only');
    });
  }

  it('shows a styled notice above the rest of a cart with a bad line', async () => {
    const bad = [...lines, { id: 'bad', name: 'Broken', unitPrice: 12.5, quantity: 1 }];
    const el = await fixture<CouponCart>(
      `<vitrine-coupon-cart>${config(AFTERNOON).replace(JSON.stringify(lines), JSON.stringify(bad))}</vitrine-coupon-cart>`,
    );
    await el.updateComplete;
    const notice = $(el, '[part="warning"]');
    expect(text(notice)).to.equal('Part of this cart could not be read and is not shown.');
    // Its styles came with the repair code.
    expect(getComputedStyle(notice).backgroundColor).to.equal('rgb(255, 244, 229)');
    expect($$(el, '[part="line"]')).to.have.length(2);
  });

  it('keeps the cart in real IndexedDB across a re-created element', async () => {
    const key = `cart-test-${Math.random().toString(36).slice(2)}`;
    try {
      const first = await mount(AFTERNOON, `persist storage-key="${key}"`);
      $$(first, '[part="stepper"] button')[3]!.click();
      await first.updateComplete;
      await openList(first);
      box(first, 'Free shipping').click();
      await first.updateComplete;
      await waitUntil(async () => ((await get(key)) as { drop?: string[] } | undefined)?.drop?.length === 1);
      first.remove();

      const again = await mount(AFTERNOON, `persist storage-key="${key}"`);
      await waitUntil(() => again.solution!.totals.subtotal === 69900 + 2 * 12900, 'restored');
      await again.updateComplete;
      await openList(again);
      expect(($$(again, 'input[type="number"]')[1] as HTMLInputElement).value).to.equal('2');
      expect(box(again, 'Free shipping').checked).to.equal(false);
      expect(text(coupon(again, 'Free shipping'))).to.contain('Not used (your choice)');
    } finally {
      await del(key);
    }
  });

  it('keeps lines the page sets from code (a shop\'s own "Add to cart", an empty cart after an order)', async () => {
    const key = `cart-test-${Math.random().toString(36).slice(2)}`;
    const saved = async () => ((await get(key)) as { lines?: { id: string; quantity: number }[] } | undefined)?.lines;
    try {
      // First visit: the page adds a line at once, before the cart has rendered or read IndexedDB
      // (a shop's handler right after customElements.whenDefined); nothing is saved yet, so the
      // cart as it is gets saved when the reading finds nothing.
      const first = document.createElement('vitrine-coupon-cart') as CouponCart;
      first.setAttribute('persist', '');
      first.storageKey = key;
      first.innerHTML = config(AFTERNOON);
      document.body.append(first);
      first.lines = [...(first.lines as CartLine[]), { id: 'lid', name: 'Glass lid', unitPrice: 3900, quantity: 2 }];
      await waitUntil(async () => (await saved())?.length === 3, 'the added line is saved');
      expect(watched.has(first)).to.equal(true);
      first.remove();

      const restores: number[] = [];
      const heard = (e: Event) => restores.push((e as CustomEvent<{ lines: unknown[] }>).detail.lines.length);
      document.addEventListener('vitrine-cart-restore', heard);
      const again = await mount(AFTERNOON, `persist storage-key="${key}"`);
      await waitUntil(() => $$(again, '[part="line"]').length === 3, 'the added line is back');
      // the page hears what the cart holds now, once (a cart badge of its own)
      await waitUntil(() => restores.length === 1, 'vitrine-cart-restore');
      expect(restores).to.deep.equal([3]);
      document.removeEventListener('vitrine-cart-restore', heard);
      // Return visit: `updateComplete` waited for the saved cart (mount awaited it), so a line the
      // page changes now is kept, not replaced.
      again.lines = [...(again.lines as CartLine[]).slice(0, 2)];
      await waitUntil(async () => (await saved())?.length === 2, 'the removal by code is saved');
      again.lines = [];
      await waitUntil(async () => (await saved())?.length === 0, 'the empty cart is saved');
      again.remove();

      const third = await mount(AFTERNOON, `persist storage-key="${key}"`);
      await waitUntil(() => (third.lines as CartLine[]).length === 0, 'still empty');
      await third.updateComplete;
      expect($$(third, '[part="line"]')).to.have.length(0);
    } finally {
      await del(key);
    }
  });
});
