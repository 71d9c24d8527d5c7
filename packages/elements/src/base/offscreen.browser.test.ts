import { expect, fixture, nextFrame, waitUntil } from '@open-wc/testing';
import '../all.js';
import { DEMO, AFTERNOON } from '../coupon-cart/demo-cart.js';
import { recordShifts, supportsLayoutShift } from '../test-utils/layout-shift.js';
import type { VitrineElement } from './vitrine-element.js';

// The elements whose content stays inside their box (scenario compare, video, cart, AR) skip
// rendering work while far from the viewport (`content-visibility: auto` on the host): a product
// page's below-the-fold widgets cost no style, layout or paint during load. This checks that the
// skipping happens, and that it changes nothing a shopper can see: the reserved size holds while
// skipped, nothing moves when they scroll to it, and the content is there when it arrives.

const asset = (path: string) => new URL(`../${path}`, import.meta.url).href;
const kitchen = asset('scenario-compare/fixtures/kitchen.svg');
const poster = asset('testimonial-video/test-assets/poster.svg');
const scenarios = JSON.stringify({
  scenarios: [
    { id: 'a', title: 'Small kitchen', image: kitchen, alt: 'A small kitchen', points: ['Fits 40 cm'] },
    { id: 'b', title: 'Business trip', image: kitchen, alt: 'A suitcase', points: ['1.2 kg'] },
  ],
  specs: [{ label: 'Weight', value: '1.2 kg', scenarios: ['b'] }],
});
// The demo's images, served from the repository root by the test server.
const lines = DEMO.lines.map((l) => ({ ...l, image: `/demo/public${l.image}` }));
const cart = JSON.stringify({ ...DEMO, lines, context: { ...DEMO.context, now: AFTERNOON } });

const MARKUP = `
  <div style="inline-size: 360px">
    <div style="block-size: 4000px">spacer</div>
    <vitrine-scenario-compare mode="guide"><script type="application/json">${scenarios}</script></vitrine-scenario-compare>
    <vitrine-testimonial-video poster="${poster}" src="/clip.mp4" headline="Quiet" customer="Lena"></vitrine-testimonial-video>
    <vitrine-coupon-cart><script type="application/json">${cart}</script></vitrine-coupon-cart>
    <vitrine-ar-try-on src="/m/cooker.glb" poster="${poster}" alt="Cooker"></vitrine-ar-try-on>
    <p id="after">after</p>
  </div>`;

/** The first focusable control inside each element: what a shopper would reach. */
const control = (el: Element) => el.shadowRoot!.querySelector<HTMLElement>('button, [role="tab"], input')!;

describe('elements below the fold', () => {
  afterEach(() => window.scrollTo(0, 0));

  it('skip their rendering while far away, keep their size, and render in place when scrolled to', async () => {
    const box = await fixture<HTMLElement>(MARKUP);
    const elements = Array.from(
      box.querySelectorAll<VitrineElement>('[mode], vitrine-testimonial-video, vitrine-coupon-cart, vitrine-ar-try-on'),
    );
    expect(elements).to.have.length(4);
    await Promise.all(elements.map((el) => el.updateComplete));
    await waitUntil(() => elements.every((el) => control(el)), 'every element rendered its controls');
    await nextFrame();

    const heights = elements.map((el) => el.getBoundingClientRect().height);
    expect(
      heights.every((h) => h > 0),
      `reserved heights ${heights.join(', ')}`,
    ).to.equal(true);
    for (const el of elements) {
      expect(getComputedStyle(el).contentVisibility, el.localName).to.equal('auto');
      // Skipped: the content exists (and is in the accessibility tree) but is not rendered yet.
      expect(control(el).checkVisibility({ contentVisibilityAuto: true }), `${el.localName} skipped`).to.equal(false);
    }
    const afterTop = box.querySelector('#after')!.getBoundingClientRect().top;

    const shifts = recordShifts();
    for (const el of elements) {
      el.scrollIntoView({ block: 'center' });
      await waitUntil(
        () => control(el).checkVisibility({ contentVisibilityAuto: true }),
        `${el.localName} renders when scrolled to`,
      );
      await nextFrame();
      const rect = control(el).getBoundingClientRect();
      expect(rect.width * rect.height, `${el.localName}'s control has a size`).to.be.greaterThan(0);
    }
    // Same boxes as while they were skipped: rendering them moved nothing.
    expect(elements.map((el) => el.getBoundingClientRect().height)).to.deep.equal(heights);
    const scrolled = window.scrollY;
    expect(box.querySelector('#after')!.getBoundingClientRect().top + scrolled).to.equal(afterTop);
    if (supportsLayoutShift) expect(await shifts.stop(), 'layout-shift score').to.equal(0);
  });
});
