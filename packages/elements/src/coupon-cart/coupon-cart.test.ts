import { afterEach, beforeAll, describe, expect, it, vi, type MockInstance } from 'vitest';
import { CouponCart } from '@vitrine/elements';
import '@vitrine/elements/coupon-cart';
import { loadActions, type CartDetail } from './coupon-cart.js';
import { setDefaultClient } from '../base/client-slot.js';
import { resetWarnings, warned } from '../base/warn.js';
import { AFTERNOON, DEMO, LATE_NIGHT } from './demo-cart.js';
import { safeSolve } from './safe-solve.js';
import { readSaved } from './persist.js';

// An in-memory IndexedDB stand-in: happy-dom has none (the browser tests use the real one).
const store = new Map<string, unknown>();
vi.mock('idb-keyval', () => ({
  get: async (k: string) => store.get(k),
  set: async (k: string, v: unknown) => void store.set(k, structuredClone(v)),
  del: async (k: string) => void store.delete(k),
}));

let warn: MockInstance<typeof console.warn>;
let track: ReturnType<typeof vi.fn<(type: string, fields?: Record<string, unknown>) => void>>;
beforeAll(() => expect(customElements.get('vitrine-coupon-cart')).toBe(CouponCart));
afterEach(() => {
  document.body.innerHTML = '';
  document.documentElement.removeAttribute('lang');
  store.clear();
  resetWarnings();
  setDefaultClient(undefined);
  vi.restoreAllMocks();
});

const json = (config: object) => `<script type="application/json">${JSON.stringify(config)}</script>`;
const demo = (now = AFTERNOON, extra: object = {}) =>
  `<vitrine-coupon-cart>${json({ ...DEMO, context: { ...DEMO.context, now }, ...extra })}</vitrine-coupon-cart>`;

async function mount(markup: string): Promise<CouponCart> {
  warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
  track = vi.fn();
  setDefaultClient({ track });
  document.body.innerHTML = markup;
  const el = document.body.querySelector('vitrine-coupon-cart')!;
  await el.updateComplete;
  return el;
}

const $ = (el: CouponCart, sel: string) => el.shadowRoot!.querySelector<HTMLElement>(sel)!;
const $$ = (el: CouponCart, sel: string) => Array.from(el.shadowRoot!.querySelectorAll<HTMLElement>(sel));
const text = (n: Element | null) => n?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const summary = (el: CouponCart) => $$(el, 'dt, dd').map(text);
const coupon = (el: CouponCart, label: string) =>
  $$(el, '[part="coupon"]').find((c) => text(c.querySelector('bdi')).startsWith(label))!;
const box = (el: CouponCart, label: string) => coupon(el, label).querySelector('input')!;
const tracked = (type: string) => track.mock.calls.filter((c) => c[0] === type).map((c) => c[1]);
const messages = () => warn.mock.calls.map((c) => String(c[0]));

/** A click once the controls' code (loaded after the first render) is there. */
async function click(el: CouponCart, target: HTMLElement): Promise<void> {
  await loadActions();
  target.click();
  await el.updateComplete;
}

/** Opens the coupon list (loaded on first use). */
async function openList(el: CouponCart): Promise<void> {
  await click(el, $(el, '[part="choose"]'));
  await vi.waitFor(() => expect($(el, '[part="coupons"]')).not.toBeNull());
}

describe('<vitrine-coupon-cart>', () => {
  // First in this file: the controls' code (actions.ts) has not arrived yet; it loads after the
  // first render.
  it('handles a click made before the code of its controls has loaded', async () => {
    const el = await mount(demo());
    $$(el, '[part="stepper"] button')[3]!.click(); // the steamer's +
    expect(el.solution!.totals.subtotal).toBe(82800); // not yet: the code is loading
    expect(tracked('coupon_applied')).toEqual([]); // reported with that code too
    await vi.waitFor(() => expect(el.solution!.totals.subtotal).toBe(95700));
    expect(tracked('add_to_cart')).toHaveLength(1);
    // What the first render showed was reported once the code arrived, nothing lost.
    expect(tracked('coupon_applied')).toHaveLength(3);
    expect(tracked('nudge_shown')[0]).toEqual({
      currency: 'CNY',
      props: { coupon: 'platform-300-40', extra_minor: 12200, gain_minor: 4000 },
    });
  });

  it('renders an empty cart by default, with a disabled checkout and no warning', async () => {
    const el = await mount('<vitrine-coupon-cart></vitrine-coupon-cart>');
    expect(el.currency).toBe('CNY');
    expect(el.persist).toBe(false);
    expect(text($(el, 'h2'))).toBe('Your cart');
    expect(text($(el, 'slot[name="empty"]'))).toBe('Your cart is empty.');
    expect(($(el, '[part="checkout"]') as HTMLButtonElement).disabled).toBe(true);
    expect($(el, '[part="warning"]')).toBeNull();
    expect(warn).not.toHaveBeenCalled();
  });

  it('shows the wallet of an empty cart without totals, fee or nudge', async () => {
    const el = await mount(
      `<vitrine-coupon-cart shipping="1500">${json({ coupons: DEMO.coupons })}</vitrine-coupon-cart>`,
    );
    expect(text($(el, 'slot[name="empty"]'))).toBe('Your cart is empty.');
    expect(text($(el, '[part="choose"]'))).toBe('Choose coupons (0 of 4 applied)');
    await openList(el);
    expect($$(el, '[part="coupon"] input').map((i) => (i as HTMLInputElement).checked)).toEqual([
      false,
      false,
      false,
      false,
    ]);
    expect(text(coupon(el, 'Aoki store'))).toContain('No item in your cart qualifies');
    expect($(el, '[part="summary"]')).toBeNull();
    expect($(el, '[part="total"]')).toBeNull();
    expect($(el, '[part="nudge"]')).toBeNull();
    expect(tracked('coupon_applied')).toEqual([]);
  });

  it('applies the best combination from the JSON config and explains the rest', async () => {
    const el = await mount(demo());
    expect($$(el, '[part="line"] .name').map(text)).toEqual(['Aoki Quiet Cooker Mini', 'Steamer basket']);
    expect(text($(el, '[part="line"]'))).toContain('CN¥699.00 each');
    expect($(el, '[part="image"]').getAttribute('src')).toBe('/media/cooker.svg');
    // The applied combination shows in the breakdown; the coupon list loads when opened.
    const choose = $(el, '[part="choose"]');
    expect(text(choose)).toBe('Choose coupons (3 of 4 applied)');
    expect(choose.getAttribute('aria-expanded')).toBe('false');
    expect($(el, '[part="coupons"]')).toBeNull();
    await openList(el);
    expect(choose.getAttribute('aria-expanded')).toBe('true');
    const checked = $$(el, '[part="coupon"] input').map((i) => (i as HTMLInputElement).checked);
    expect(checked).toEqual([true, true, true, false]);
    expect(text(coupon(el, 'Platform'))).toContain('−CN¥80.00');
    expect(text(coupon(el, 'Late night'))).toContain('Only 23:00–01:00');
    expect(box(el, 'Late night').getAttribute('aria-disabled')).toBe('true');
    expect(text($(el, '[part="nudge"]'))).toBe('Add CN¥122.00 more to save CN¥40.00');
    expect(summary(el)).toEqual([
      'Subtotal',
      'CN¥828.00',
      'Product coupons Aoki store: ¥50 off the cooker',
      '−CN¥50.00',
      'Order discounts Platform: every ¥300 saves ¥40',
      '−CN¥80.00',
      'Shipping',
      'CN¥15.00',
      'Shipping discounts Free shipping over ¥99',
      '−CN¥15.00',
      'Total',
      'CN¥698.00',
      'You save CN¥145.00',
    ]);
    expect(el.solution!.totals.total).toBe(69800);
    expect(warn).not.toHaveBeenCalled();
    // Closing it.
    await click(el, choose);
    await vi.waitFor(() => expect($(el, '[part="coupons"]')).toBeNull());
    expect(choose.getAttribute('aria-expanded')).toBe('false');
  });

  it('says where the extra must be spent when the nudge has a scope', async () => {
    const el = await mount(
      demo(AFTERNOON, {
        coupons: [
          {
            id: 'acc',
            label: 'Accessories: ¥20 off ¥200',
            kind: 'threshold',
            spend: 20000,
            amount: 2000,
            scope: { categories: ['accessory'] },
          },
        ],
      }),
    );
    expect(text($(el, '[part="nudge"]'))).toBe('Add CN¥71.00 more of qualifying items to save CN¥20.00');
    await openList(el);
    expect(text(coupon(el, 'Accessories'))).toContain('Spend CN¥71.00 more to use it');
  });

  it('reads attributes and properties; attributes win over the JSON block', async () => {
    const lines = [{ id: 'a', name: 'Kettle', unitPrice: 1999, quantity: 2 }];
    const el = await mount(
      `<vitrine-coupon-cart currency="USD" shipping="500" lines='${JSON.stringify(lines)}'>${json({ currency: 'JPY' })}</vitrine-coupon-cart>`,
    );
    expect(el.currency).toBe('USD');
    expect(summary(el)).toEqual(['Subtotal', '$39.98', 'Shipping', '$5.00', 'Total', '$44.98']);
    el.coupons = [{ id: 'ten', kind: 'percent', bp: 1000, label: '10% off' }];
    await el.updateComplete;
    expect(summary(el)).toContain('−$3.99');
    expect(summary(el)).toContain('Order discounts 10% off');
  });

  it('speaks Chinese and Arabic, with the shop’s currency formatted for the locale', async () => {
    document.documentElement.lang = 'zh-CN';
    const zh = await mount(demo());
    expect(text($(zh, 'h2'))).toBe('购物车');
    expect(text($(zh, '[part="nudge"]'))).toBe('再买 ¥122.00，可再省 ¥40.00');
    expect(text($(zh, '[part="choose"]'))).toBe('选择优惠券（已用 3/4 张）');
    await openList(zh);
    expect(text(coupon(zh, 'Late night'))).toContain('仅限 23:00–01:00 使用');
    expect(text($(zh, '[part="checkout"]'))).toBe('去结算');
    document.documentElement.lang = 'ar';
    const ar = await mount(demo());
    expect(ar.isRtl).toBe(true);
    expect(text($(ar, '[part="checkout"]'))).toBe('إتمام الشراء');
    expect(text($(ar, '[part="nudge"]'))).toMatch(/^أضف .+ لتوفّر .+ إضافية$/);
  });

  it('says the cart is empty when its last line goes, and no saving of nothing', async () => {
    const el = await mount(
      `<vitrine-coupon-cart lines='[{"id":"a","name":"Kettle","unitPrice":5000,"quantity":1}]'></vitrine-coupon-cart>`,
    );
    await click(el, $$(el, '[part="stepper"] button')[1]!);
    await vi.waitFor(() => expect(text($(el, '#say'))).toBe('Total CN¥100.00.'));
    await click(el, $$(el, '[part="remove"]')[0]!);
    await vi.waitFor(() => expect(text($(el, '#say'))).toBe('Your cart is empty.'));
    document.documentElement.lang = 'zh-CN';
    const zh = await mount(
      `<vitrine-coupon-cart lines='[{"id":"a","name":"Kettle","unitPrice":5000,"quantity":1}]'></vitrine-coupon-cart>`,
    );
    await click(zh, $$(zh, '[part="stepper"] button')[1]!);
    await vi.waitFor(() => expect(text($(zh, '#say'))).toBe('合计 ¥100.00。'));
  });

  it('announces nothing once removed from the page (the announcement waits 500 ms)', async () => {
    const el = await mount(demo());
    await click(el, $$(el, '[part="stepper"] button')[3]!);
    el.remove();
    await new Promise((r) => setTimeout(r, 600));
    expect(text($(el, '#say'))).toBe('');
  });

  it('re-solves when a quantity changes, fires vitrine-cart-change and reports add_to_cart', async () => {
    const el = await mount(demo());
    const changes: unknown[] = [];
    el.addEventListener('vitrine-cart-change', (e) => changes.push(e.detail));
    const plus = $$(el, '[part="stepper"] button')[3]!; // the steamer's +
    expect(plus.getAttribute('aria-label')).toBe('Increase quantity of Steamer basket');
    await openList(el);
    await click(el, plus);
    // 699 + 2 × 129 = 957; −50 store → 907: three ¥300 steps save ¥120.
    expect(text(coupon(el, 'Platform'))).toContain('−CN¥120.00');
    expect(summary(el)).toContain('−CN¥120.00');
    expect(el.solution!.totals.total).toBe(95700 - 5000 - 12000);
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({
      totals: { subtotal: 95700, total: 78700 },
      lines: [
        { id: 'aoki-mini', quantity: 1 },
        { id: 'steamer', quantity: 2 },
      ],
    });
    expect(tracked('add_to_cart')).toEqual([
      { product_id: 'steamer', quantity: 1, value_minor: 12900, currency: 'CNY' },
    ]);
    // The number input: typing 3 and committing; lowering reports no add_to_cart.
    const input = $$(el, 'input[type="number"]')[1] as HTMLInputElement;
    input.value = '1';
    input.dispatchEvent(new Event('change', { bubbles: true }));
    await el.updateComplete;
    expect(el.solution!.totals.subtotal).toBe(82800);
    expect(tracked('add_to_cart')).toHaveLength(1);
    input.value = 'abc';
    input.dispatchEvent(new Event('change', { bubbles: true }));
    await el.updateComplete;
    expect(input.value).toBe('1');
    expect(changes).toHaveLength(2);
    // − at 1 does nothing.
    await click(el, $$(el, '[part="stepper"] button')[0]!);
    expect(changes).toHaveLength(2);
    // Remove a line.
    await click(el, $$(el, '[part="remove"]')[1]!);
    expect($$(el, '[part="line"]')).toHaveLength(1);
    expect(el.solution!.totals.subtotal).toBe(69900);
  });

  it('reports coupon_applied when the applied set changes and each distinct nudge once', async () => {
    const el = await mount(demo());
    // Reported by the controls' code, which loads after the first render.
    await vi.waitFor(() =>
      expect(tracked('coupon_applied').map((f) => (f as { props: { coupon: string } }).props.coupon)).toEqual([
        'store-50',
        'platform-300-40',
        'free-ship',
      ]),
    );
    expect(tracked('nudge_shown')).toEqual([
      { currency: 'CNY', props: { coupon: 'platform-300-40', extra_minor: 12200, gain_minor: 4000 } },
    ]);
    el.requestUpdate();
    await el.updateComplete;
    expect(tracked('nudge_shown')).toHaveLength(1);
    expect(tracked('coupon_applied')).toHaveLength(3);
    await openList(el);
    await click(el, box(el, 'Aoki store')); // turn the store coupon off
    expect(tracked('coupon_applied')).toHaveLength(3); // nothing new applied
    await click(el, box(el, 'Aoki store')); // and on again
    expect(tracked('coupon_applied')).toHaveLength(4);
  });

  it('lets the shopper pick a coupon by hand and shows why others do not apply', async () => {
    const el = await mount(demo(LATE_NIGHT));
    await openList(el);
    expect(text(coupon(el, 'Late night'))).toContain('Cannot be combined with Platform: every ¥300 saves ¥40');
    await click(el, box(el, 'Late night'));
    expect(box(el, 'Late night').checked).toBe(true);
    expect(box(el, 'Platform').checked).toBe(false);
    expect(text(coupon(el, 'Platform'))).toContain('Cannot be combined with Late night');
    expect(el.solution!.totals.total).toBe(82800 - 5000 - 3000);
    // Turning a coupon off keeps it off, with the reason.
    await click(el, box(el, 'Free shipping'));
    expect(box(el, 'Free shipping').checked).toBe(false);
    expect(text(coupon(el, 'Free shipping'))).toContain('Not used (your choice)');
    // Back to the best combination.
    const best = $(el, '[part="coupons"] button');
    expect(text(best)).toBe('Use the best combination');
    await click(el, best);
    expect(el.solution!.totals.total).toBe(69800);
    expect($$(el, '[part="coupons"] button')).toHaveLength(0);
  });

  it('does not let an unavailable coupon be ticked', async () => {
    const el = await mount(demo());
    await openList(el);
    await click(el, box(el, 'Late night'));
    expect(box(el, 'Late night').checked).toBe(false);
    expect(el.solution!.totals.total).toBe(69800);
  });

  it('fires a cancelable vitrine-checkout; begin_checkout only when not cancelled', async () => {
    const el = await mount(demo());
    const veto = (e: Event) => e.preventDefault();
    el.addEventListener('vitrine-checkout', veto);
    let detail: unknown;
    document.addEventListener('vitrine-checkout', (e) => (detail = e.detail), { once: true });
    await click(el, $(el, '[part="checkout"]'));
    expect(detail).toMatchObject({ totals: { total: 69800 }, coupons: [{ id: 'store-50' }, {}, {}] });
    expect(tracked('begin_checkout')).toHaveLength(0);
    el.removeEventListener('vitrine-checkout', veto);
    await click(el, $(el, '[part="checkout"]'));
    expect(tracked('begin_checkout')).toEqual([
      {
        value_minor: 69800,
        currency: 'CNY',
        quantity: 2,
        props: { coupons: 'store-50,platform-300-40,free-ship', savings_minor: 14500 },
      },
    ]);
  });

  it('shows the rest of the cart with a visible warning when a line or a coupon is bad', async () => {
    const lines = [
      DEMO.lines[0],
      { id: 'bad', name: 'Broken', unitPrice: 12.5, quantity: 1 },
      { ...DEMO.lines[1], image: 'javascript:alert(1)' },
      { id: 'aoki-mini', unitPrice: 100, quantity: 1 },
    ];
    const coupons = [{ id: 'x', kind: 'magic' }, ...DEMO.coupons];
    const el = await mount(demo(AFTERNOON, { lines, coupons }));
    expect($$(el, '[part="line"] .name').map(text)).toEqual(['Aoki Quiet Cooker Mini', 'Steamer basket']);
    expect(text($(el, '[part="warning"]'))).toBe('Part of this cart could not be read and is not shown.');
    expect(el.solution!.totals.total).toBe(69800);
    await warned();
    expect(messages()).toEqual(
      expect.arrayContaining([
        '<vitrine-coupon-cart> lines[1].unitPrice: must be an integer (minor units), got 12.5; it is left out.',
        '<vitrine-coupon-cart> lines[3].id: duplicate line id "aoki-mini"; it is left out.',
        '<vitrine-coupon-cart> coupons[0].kind: unknown kind "magic"; it is left out.',
        '<vitrine-coupon-cart> lines.image: "javascript:alert(1)" is not an http(s) or relative URL; it was refused.',
      ]),
    );
    expect($$(el, '[part="image"]')).toHaveLength(1);
  });

  it("brings a quantity above 999 (the stepper's most) down to 999, with one warning", async () => {
    const given = [{ id: 'kettle', name: 'Kettle', unitPrice: 1000, quantity: 99999 }, DEMO.lines[1]];
    const el = await mount(`<vitrine-coupon-cart lines='${JSON.stringify(given)}'></vitrine-coupon-cart>`);
    expect(($$(el, 'input[type="number"]')[0] as HTMLInputElement).value).toBe('999');
    expect(el.solution!.totals.subtotal).toBe(999 * 1000 + 12900);
    expect(el.result.lines.map((l) => l.quantity)).toEqual([999, 1]);
    expect($$(el, '[part="line"]')).toHaveLength(2); // kept, not set aside
    expect($$(el, '[part="warning"]')).toHaveLength(0); // nothing was left out
    await warned();
    expect(messages()).toEqual([
      '<vitrine-coupon-cart> lines[0].quantity: 99999 is more than 999, the most one line holds; using 999.',
    ]);
    // The setting is left as given; the stepper works from 999.
    expect(el.lines).toBe(el.getAttribute('lines'));
    const changes: CartDetail[] = [];
    el.addEventListener('vitrine-cart-change', (e) => changes.push(e.detail));
    await click(el, $$(el, '[part="stepper"] button')[0]!);
    expect(el.solution!.totals.subtotal).toBe(998 * 1000 + 12900);
    expect(changes[0]!.lines.map((l) => l.quantity)).toEqual([998, 1]);
    expect(messages()).toHaveLength(1);
    // An array set from code is not changed either.
    const mine = [{ id: 'a', unitPrice: 100, quantity: 1000 }];
    el.lines = mine;
    await el.updateComplete;
    expect(mine[0]!.quantity).toBe(1000);
    expect(el.solution!.totals.subtotal).toBe(99900);
    await click(el, $$(el, '[part="remove"]')[0]!);
    expect($$(el, '[part="line"]')).toHaveLength(0);
  });

  it("words the engine's refusals in the merchant's terms (quantities, percent coupons)", async () => {
    const lines = [DEMO.lines[0], { id: 'half', name: 'Half', unitPrice: 100, quantity: 1.5 }];
    const coupons = [
      { id: 'p', label: '15 % off', kind: 'percent', percent: 15 },
      { id: 'q', label: '1.5 % off', kind: 'percent', bp: 150.5 },
      { id: 'b', kind: 'buy-x-get-y', buy: 2, get: 0.5 },
      { id: 'ok', kind: 'fixed', amount: 12.5 },
    ];
    await mount(demo(AFTERNOON, { lines, coupons }));
    await warned();
    expect(messages()).toEqual(
      expect.arrayContaining([
        '<vitrine-coupon-cart> lines[1].quantity: must be an integer, got 1.5; it is left out.',
        '<vitrine-coupon-cart> coupons[0].percent: is not a field of a percent coupon: its rate is "bp", in basis points (1000 = 10 %); it is left out.',
        '<vitrine-coupon-cart> coupons[1].bp: must be an integer (basis points: 1000 = 10 %), got 150.5; it is left out.',
        '<vitrine-coupon-cart> coupons[2].get: must be an integer, got 0.5; it is left out.',
        // Amounts are minor units.
        '<vitrine-coupon-cart> coupons[3].amount: must be an integer (minor units), got 12.5; it is left out.',
      ]),
    );
  });

  it('falls back safely for a bad currency, shipping, context and unparsable attributes', async () => {
    const el = await mount(
      `<vitrine-coupon-cart currency="XX" shipping="lots" context="{nope" lines="[oops" coupons='{"id":1}'></vitrine-coupon-cart>`,
    );
    expect(text($(el, 'slot[name="empty"]'))).toBe('Your cart is empty.');
    await warned();
    // Each once; the base's own checks (lines, coupons) print a moment after the cart's.
    expect(messages()).toHaveLength(4);
    expect(messages()).toEqual(
      expect.arrayContaining([
        '<vitrine-coupon-cart> lines: is not valid JSON; expected an array.',
        '<vitrine-coupon-cart> coupons: must be an array; it was ignored.',
        '<vitrine-coupon-cart> context: is not valid JSON; it is ignored.',
        '<vitrine-coupon-cart> currency: unknown ISO 4217 currency "XX"; using CNY.',
      ]),
    );
    el.context = { timeZone: 'Mars/Olympus' };
    el.lines = [DEMO.lines[0]] as never;
    await el.updateComplete;
    expect(messages()).toContain('<vitrine-coupon-cart> shipping: must be an integer (minor units), got NaN; using 0.');
    expect(messages().at(-1)).toMatch(/^<vitrine-coupon-cart> context\.timeZone: unknown IANA time zone/);
    expect(summary(el)).toContain('¥699.00'.replace('¥', 'CN¥'));
  });

  it('keeps the cart and the coupon choices in IndexedDB when persist is set', async () => {
    const el = await mount(demo(AFTERNOON, { persist: true }));
    await click(el, $$(el, '[part="stepper"] button')[3]!);
    await openList(el);
    await click(el, box(el, 'Free shipping'));
    await vi.waitFor(() => expect(store.get('vitrine-coupon-cart')).toMatchObject({ drop: ['free-ship'] }));
    expect(readSaved(store.get('vitrine-coupon-cart'))!.lines[1]!.quantity).toBe(2);

    const changes = vi.fn();
    const restores = vi.fn((e: CustomEvent) => e.detail);
    document.addEventListener('vitrine-cart-change', changes);
    document.addEventListener('vitrine-cart-restore', restores);
    const again = await mount(demo(AFTERNOON, { persist: true }));
    await vi.waitFor(() => expect(again.solution!.totals.subtotal).toBe(95700));
    await again.updateComplete;
    await openList(again);
    expect(box(again, 'Free shipping').checked).toBe(false);
    expect(changes).not.toHaveBeenCalled(); // restoring is not a shopper's change
    // … but the page hears of it once, with the restored cart (for a badge of its own)
    await vi.waitFor(() => expect(restores).toHaveBeenCalledOnce());
    const restored = restores.mock.results[0]!.value as CartDetail;
    expect(restored.lines.map((l) => l.quantity)).toEqual([1, 2]);
    expect(restored.totals.subtotal).toBe(95700);
    document.removeEventListener('vitrine-cart-change', changes);
    document.removeEventListener('vitrine-cart-restore', restores);

    // Without persist nothing is read or written.
    store.set('vitrine-coupon-cart', { v: 1, lines: [], pick: [], drop: [] });
    const plain = await mount(demo());
    await click(plain, $$(plain, '[part="stepper"] button')[3]!);
    expect(plain.solution!.totals.subtotal).toBe(95700);
    expect(store.get('vitrine-coupon-cart')).toEqual({ v: 1, lines: [], pick: [], drop: [] });
  });

  it('discards bad stored data with a warning, under its own storage key', async () => {
    store.set('mine', { v: 1, lines: 'nope' });
    const el = await mount(demo(AFTERNOON, { persist: true, storageKey: 'mine' }));
    // replaced by the cart as it is (nothing was restored, so it is saved at once)
    await vi.waitFor(() =>
      expect(readSaved(store.get('mine'))?.lines.map((l) => l.id)).toEqual(['aoki-mini', 'steamer']),
    );
    expect(messages()).toContain(
      '<vitrine-coupon-cart> storage-key: the cart saved under "mine" is not a Vitrine cart; it was discarded.',
    );
    expect(el.solution!.totals.subtotal).toBe(82800);
  });
});

describe('safeSolve', () => {
  const base = { currency: 'CNY', shipping: 0, context: {}, pick: [], drop: [] };

  it('sets aside each bad item and solves the rest, naming the original index', () => {
    const r = safeSolve({
      ...base,
      lines: [null, { id: 'a', unitPrice: 100, quantity: 0 }, { id: 'b', unitPrice: 100, quantity: 1 }],
      coupons: [{ id: 'c', kind: 'fixed', amount: 10 }, 'x', { id: 'c', kind: 'fixed', amount: 5 }],
    });
    expect(r.lines.map((l) => l.id)).toEqual(['b']);
    expect(r.coupons.map((c) => c.id)).toEqual(['c']);
    expect(r.skipped).toBe(4);
    expect(r.problems!.map((p) => p.field)).toEqual(['lines[0]', 'lines[1].quantity', 'coupons[1]', 'coupons[2].id']);
    expect(r.solution!.totals.total).toBe(90);
  });

  it('maps the engine’s index inside the wallet back when coupons are turned off', () => {
    const r = safeSolve({
      ...base,
      lines: [{ id: 'a', unitPrice: 100, quantity: 1 }],
      coupons: [
        { id: 'off', kind: 'fixed', amount: 10 },
        { id: 'bad', kind: 'fixed', amount: -1 },
      ],
      drop: ['off'],
    });
    expect(r.problems!.map((p) => p.field)).toEqual(['coupons[1].amount']);
    expect(r.solution!.applied).toEqual([]);
  });

  it('tries picked coupons first and ignores picks that are not in the wallet', () => {
    const coupons = [
      { id: 'big', kind: 'fixed', amount: 30, group: 'g' },
      { id: 'small', kind: 'fixed', amount: 10, group: 'g' },
    ];
    const lines = [{ id: 'a', unitPrice: 100, quantity: 1 }];
    expect(safeSolve({ ...base, lines, coupons }).solution!.applied.map((a) => a.id)).toEqual(['big']);
    const picked = safeSolve({ ...base, lines, coupons, pick: ['small', 'gone'] });
    expect(picked.solution!.applied.map((a) => a.id)).toEqual(['small']);
    expect(picked.problems).toEqual([]);
  });

  it('reads only well-formed saved carts', () => {
    expect(readSaved({ v: 1, lines: [{}], pick: ['a'], drop: [] })).toBeDefined();
    for (const bad of [null, 'x', { v: 2, lines: [], pick: [], drop: [] }, { v: 1, lines: [1], pick: [], drop: [] }])
      expect(readSaved(bad)).toBeUndefined();
  });
});
