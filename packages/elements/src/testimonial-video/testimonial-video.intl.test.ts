import { describe, expect, it, vi } from 'vitest';

// The first number a page formats starts ICU (30-40 ms of main thread in Chromium). A video with a
// rating formats one in its first render, so that render waits for the ICU warm-up
// (base/intl-ready.ts; in the script-tag build a worker does the start-up). Here the warm-up is
// held open to see the wait.
const state = vi.hoisted(() => ({ ready: false, release: () => {}, calls: 0 }));
vi.mock('../base/intl-ready.js', () => ({
  get intlReady() {
    return state.ready;
  },
  warmIntlLazily: () => {
    state.calls++;
    return new Promise<void>((resolve) => (state.release = () => ((state.ready = true), resolve())));
  },
}));

const { TestimonialVideo } = await import('./testimonial-video.js');
const { defineElement } = await import('../base/define.js');
defineElement('vitrine-testimonial-video', TestimonialVideo);

const settle = () => new Promise((r) => setTimeout(r, 20));

describe('<vitrine-testimonial-video> and ICU start-up', () => {
  it('renders at once without a rating: nothing to format, no warm-up', async () => {
    document.body.innerHTML = `<vitrine-testimonial-video src="/a.mp4" headline="Quiet"></vitrine-testimonial-video>`;
    const el = document.body.firstElementChild as InstanceType<typeof TestimonialVideo>;
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('button[part=play]')).not.toBeNull();
    expect(state.calls).toBe(0);
  });

  it('with a rating, first renders once ICU is warm, then formats the label', async () => {
    document.body.innerHTML = `<vitrine-testimonial-video src="/a.mp4" headline="Quiet" rating="4.5"></vitrine-testimonial-video>`;
    const el = document.body.firstElementChild as InstanceType<typeof TestimonialVideo>;
    await settle();
    expect(state.calls).toBe(1);
    expect(el.hasUpdated, 'no render before the warm-up').toBe(false);
    state.release();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part=rating]')!.getAttribute('aria-label')).toBe('4.5 out of 5');
  });
});
