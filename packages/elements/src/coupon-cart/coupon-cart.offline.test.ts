import { describe, expect, it, vi } from 'vitest';

// The repair code (safe-solve.ts) cannot load: offline, or blocked by the page.
vi.mock('./safe-solve.js', () => {
  throw new Error('offline');
});

const { CouponCart } = await import('./coupon-cart.js');
const { defineElement } = await import('../base/define.js');
defineElement('vitrine-coupon-cart', CouponCart);

describe('<vitrine-coupon-cart> without its repair code', () => {
  it('says so in the console and shows an empty cart, never throwing', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const el = document.createElement('vitrine-coupon-cart') as InstanceType<typeof CouponCart>;
    el.lines = [{ id: 'bad', unitPrice: 12.5, quantity: 1 }];
    document.body.append(el);
    await el.updateComplete;
    expect(warn.mock.calls.map((c) => String(c[0]))).toEqual([
      expect.stringMatching(
        /^<vitrine-coupon-cart> lines: the repair code did not load \(.+\); the cart is not shown\.$/,
      ),
    ]);
    expect(el.solution).toBeUndefined();
    expect(el.shadowRoot!.querySelector('slot[name="empty"]')).not.toBeNull();
    expect((el.shadowRoot!.querySelector('[part="checkout"]') as HTMLButtonElement).disabled).toBe(true);
  });
});
