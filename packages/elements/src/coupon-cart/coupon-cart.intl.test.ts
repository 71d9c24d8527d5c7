import { describe, expect, it, vi } from 'vitest';

// The cart's first solve runs the coupon engine cold (12-20 ms of CPU in a page), so it gets a
// task of its own: after ICU's warm-up (base/intl-ready.ts; held open here), never in the task in
// which the warm-up settles, where every element waiting for ICU resumes.
const state = vi.hoisted(() => ({ ready: false, release: () => {}, solves: 0 }));
vi.mock('../base/intl-ready.js', () => ({
  get intlReady() {
    return state.ready;
  },
  warmIntlLazily: () => new Promise<void>((resolve) => (state.release = () => ((state.ready = true), resolve()))),
}));
vi.mock('@vitrine/coupons', async (original) => {
  const engine = await original<typeof import('@vitrine/coupons')>();
  return { ...engine, solve: (...args: Parameters<typeof engine.solve>) => (state.solves++, engine.solve(...args)) };
});

const { CouponCart } = await import('./coupon-cart.js');
const { defineElement } = await import('../base/define.js');
const { DEMO, AFTERNOON } = await import('./demo-cart.js');
defineElement('vitrine-coupon-cart', CouponCart);

const settle = () => new Promise((r) => setTimeout(r, 20));
const microtasks = async () => {
  for (let i = 0; i < 50; i++) await Promise.resolve();
};

describe('<vitrine-coupon-cart> first solve', () => {
  it('waits for ICU, then solves in a task of its own, then renders', async () => {
    const el = document.createElement('vitrine-coupon-cart') as InstanceType<typeof CouponCart>;
    Object.assign(el, DEMO, { context: { ...DEMO.context, now: AFTERNOON } });
    document.body.append(el);
    await settle();
    expect(state.solves, 'no solve before ICU is warm').toBe(0);
    state.release();
    await microtasks();
    expect(state.solves, 'not in the task in which ICU settled').toBe(0);
    await el.updateComplete;
    expect(state.solves).toBeGreaterThan(0);
    expect(el.solution?.totals.total).toBeGreaterThan(0);
    expect(el.shadowRoot!.textContent).toMatch(/¥/);
  });
});
