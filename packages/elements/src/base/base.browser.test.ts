import { expect, fixture, html, nextFrame } from '@open-wc/testing';
import { TestWidget } from './test-element.js';
import { defineElement } from './define.js';
import { resetWarnings, warned } from './warn.js';
import { recordShifts, supportsLayoutShift } from '../test-utils/layout-shift.js';

describe('VitrineElement base in a real browser', () => {
  before(() => defineElement('test-widget', TestWidget));
  afterEach(() => resetWarnings());

  it('keeps its reserved size while upgrading: nothing below it moves', async () => {
    const container = await fixture(
      html`<div>
        <style>
          test-widget-late {
            display: block;
            min-block-size: var(--test-widget-block-size, 120px);
          }
        </style>
        <test-widget-late></test-widget-late>
        <p id="below">Below the widget</p>
      </div>`,
    );
    const below = container.querySelector('#below')!;
    const late = container.querySelector('test-widget-late')!;
    const before = below.getBoundingClientRect().top;
    expect(late.getBoundingClientRect().height).to.equal(120);

    const shifts = recordShifts();
    customElements.define('test-widget-late', class extends TestWidget {});
    await (late as TestWidget).updateComplete;
    await nextFrame();
    expect(late.shadowRoot, 'the element upgraded').to.exist;
    expect(below.getBoundingClientRect().top).to.equal(before);
    const cls = await shifts.stop();
    if (supportsLayoutShift) {
      expect(cls, 'layout-shift score').to.equal(0);
    } else {
      console.info('layout-shift entries are not supported in this engine; checked positions only');
    }
  });

  it('reserves each element’s size from reserve.css before its code loads', async () => {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = new URL('../styles/reserve.css', import.meta.url).href;
    const loaded = new Promise((resolve, reject) => {
      link.onload = resolve;
      link.onerror = reject;
    });
    document.head.append(link);
    await loaded;
    const el = await fixture(
      html`<div style="width: 320px">
        <vitrine-coupon-cart></vitrine-coupon-cart>
        <vitrine-testimonial-video></vitrine-testimonial-video>
        <vitrine-ar-try-on style="--vitrine-ar-try-on-aspect-ratio: 4 / 3"></vitrine-ar-try-on>
      </div>`,
    );
    const [cart, video, ar] = Array.from(el.children) as HTMLElement[];
    expect(customElements.get('vitrine-coupon-cart')).to.equal(undefined);
    expect(cart!.getBoundingClientRect().height).to.equal(420);
    expect(video!.getBoundingClientRect().height).to.equal(180);
    expect(ar!.getBoundingClientRect().height).to.equal(240);
    link.remove();
  });

  it('mirrors under dir=rtl', async () => {
    const ltr = (await fixture(html`<test-widget></test-widget>`)) as TestWidget;
    const rtlHost = await fixture(html`<div dir="rtl" lang="ar"><test-widget></test-widget></div>`);
    const rtl = rtlHost.querySelector('test-widget') as TestWidget;
    await rtl.updateComplete;
    const pos = (el: TestWidget) => {
      const first = el.shadowRoot!.querySelector('.first')!.getBoundingClientRect();
      const second = el.shadowRoot!.querySelector('.second')!.getBoundingClientRect();
      return { first, second };
    };
    expect(pos(ltr).first.left).to.be.lessThan(pos(ltr).second.left);
    expect(pos(rtl).first.left).to.be.greaterThan(pos(rtl).second.left);
    expect(rtl.isRtl).to.equal(true);
    expect(rtl.shadowRoot!.textContent).to.contain('المجموع');
  });

  it('turns bad JSON config into one warning, no exception, and a rendered element', async () => {
    const warnings: unknown[][] = [];
    const original = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args);
    const errors: ErrorEvent[] = [];
    const onError = (e: ErrorEvent) => errors.push(e);
    window.addEventListener('error', onError);
    try {
      // Built from a string so no formatter can "fix" the deliberately broken JSON.
      const host = await fixture(html`<div></div>`);
      host.innerHTML = '<test-widget><script type="application/json">{ "name": "x", }</script></test-widget>';
      const el = host.querySelector('test-widget') as TestWidget;
      await el.updateComplete;
      el.requestUpdate();
      await el.updateComplete;
      await warned();
      expect(warnings.length).to.equal(1);
      expect(String(warnings[0]![0])).to.match(/^<test-widget> config: the JSON block is not valid JSON/);
      expect(errors).to.have.length(0);
      expect(el.shadowRoot!.textContent).to.contain('Hello, world');
    } finally {
      console.warn = original;
      window.removeEventListener('error', onError);
    }
  });
});
