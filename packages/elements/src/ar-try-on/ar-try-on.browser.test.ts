import { expect, fixture, html, nextFrame, waitUntil } from '@open-wc/testing';
import { ArTryOn } from './ar-try-on.js';
import { sceneViewerUrl, type ArEnvironment } from './probe.js';
import { defineElement } from '../base/define.js';
import { resetWarnings } from '../base/warn.js';
import { setDefaultClient } from '../base/client-slot.js';
import { recordShifts } from '../test-utils/layout-shift.js';

const POSTER = new URL('./test-assets/poster.svg', import.meta.url).href;
const FAKE_VIEWER = new URL('./test-assets/fake-model-viewer.js', import.meta.url).href;
const UA = {
  iphone:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 Version/18.1 Mobile/15E148 Safari/604.1',
  android: 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Chrome/131.0.0.0 Mobile Safari/537.36',
  desktop: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/131.0.0.0 Safari/537.36',
};
type Win = Window & { __fakeModelViewerImports?: number; __fakeModelViewerAr?: number };

const fetchedSince = (since: number) =>
  (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
    .filter((e) => e.startTime >= since)
    .map((e) => e.name);

/** Mounts the element with injected device facts (set before it connects, as the probe runs then). */
async function mount(env: ArEnvironment, attrs: Record<string, string>, wrapper = ''): Promise<ArTryOn> {
  const box = await fixture(html`<div style="width: 320px"></div>`);
  if (wrapper) box.setAttribute('dir', wrapper);
  const el = document.createElement('vitrine-ar-try-on');
  el.env = env;
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  box.append(el);
  await el.updateComplete;
  return el;
}

const MODEL = { src: '/m/cooker.glb', 'ios-src': '/m/cooker.usdz', poster: POSTER, alt: 'Quiet Cooker Mini' };

describe('<vitrine-ar-try-on> in a real browser', () => {
  afterEach(() => {
    resetWarnings();
    setDefaultClient(undefined);
  });

  it('keeps its reserved size while upgrading (reserve.css)', async () => {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = new URL('../styles/reserve.css', import.meta.url).href;
    const loaded = new Promise((resolve) => (link.onload = resolve));
    document.head.append(link);
    await loaded;
    const box = await fixture(
      html`<div style="width: 320px">
        <vitrine-ar-try-on poster=${POSTER} alt="Cooker" src="/m/c.glb"></vitrine-ar-try-on>
        <p>Below</p>
      </div>`,
    );
    const el = box.firstElementChild as ArTryOn;
    const below = box.querySelector('p')!;
    expect(customElements.get('vitrine-ar-try-on')).to.equal(undefined);
    const top = below.getBoundingClientRect().top;
    expect(el.getBoundingClientRect().height).to.equal(320);
    const shifts = recordShifts();
    defineElement('vitrine-ar-try-on', ArTryOn);
    await el.updateComplete;
    await nextFrame();
    expect(el.shadowRoot).to.exist;
    expect(below.getBoundingClientRect().top).to.equal(top);
    expect(await shifts.stop()).to.equal(0);
    link.remove();
  });

  it('shows the launcher in reserved space when WebXR answers late: no layout change', async () => {
    defineElement('vitrine-ar-try-on', ArTryOn);
    let answer!: (ok: boolean) => void;
    const xr = { isSessionSupported: () => new Promise<boolean>((resolve) => (answer = resolve)) };
    const el = await mount({ userAgent: UA.desktop, relListSupportsAr: false, xr }, MODEL);
    const button = el.shadowRoot!.querySelector('button[part=launch]') as HTMLButtonElement;
    expect(getComputedStyle(button).visibility).to.equal('hidden');
    expect(el.hasAttribute('ar-support')).to.equal(false);
    const before = el.getBoundingClientRect();
    const buttonBefore = button.getBoundingClientRect();
    const shifts = recordShifts();
    answer(true);
    await new Promise((r) => setTimeout(r, 0));
    await el.updateComplete;
    expect(el.getAttribute('ar-support')).to.equal('webxr');
    expect(getComputedStyle(button).visibility).to.equal('visible');
    expect(el.getBoundingClientRect().height).to.equal(before.height);
    expect(button.getBoundingClientRect().top).to.equal(buttonBefore.top);
    expect(await shifts.stop()).to.equal(0);
  });

  it('reflects the probe under stubbed devices', async () => {
    defineElement('vitrine-ar-try-on', ArTryOn);
    const cases: [ArEnvironment, string | null][] = [
      [{ userAgent: UA.iphone, relListSupportsAr: true }, 'quick-look'],
      [{ userAgent: UA.android, relListSupportsAr: false }, 'scene-viewer'],
      [{ userAgent: UA.desktop, relListSupportsAr: false }, 'none'],
      [{ userAgent: UA.desktop, relListSupportsAr: false, xr: { isSessionSupported: async () => false } }, 'none'],
      [{ userAgent: UA.desktop, relListSupportsAr: false, xr: { isSessionSupported: async () => true } }, 'webxr'],
      [
        {
          userAgent: UA.desktop,
          relListSupportsAr: false,
          xr: { isSessionSupported: () => Promise.reject(new Error('x')) },
        },
        'none',
      ],
    ];
    for (const [env, expected] of cases) {
      const el = await mount(env, MODEL);
      await new Promise((r) => setTimeout(r, 0));
      expect(el.getAttribute('ar-support'), env.userAgent).to.equal(expected);
    }
    // This browser's own facts: headless Chromium/Firefox on Linux have no Quick Look or Scene Viewer.
    const real = await fixture(html`<vitrine-ar-try-on src="/m/c.glb"></vitrine-ar-try-on>`);
    await waitUntil(() => real.hasAttribute('ar-support'), 'probe answered', { timeout: 5000 });
    expect(['none', 'webxr']).to.include(real.getAttribute('ar-support'));
  });

  it('hands off to a phone with a QR code on a desktop, loaded on demand', async function () {
    this.timeout(30000); // two axe runs and two lazy loads; slow on a shared, busy machine
    defineElement('vitrine-ar-try-on', ArTryOn);
    const since = performance.now();
    const el = await mount(
      { userAgent: UA.desktop, relListSupportsAr: false },
      { ...MODEL, 'product-url': '/p/quiet-cooker-mini' },
    );
    const button = el.shadowRoot!.querySelector('button[part=launch]') as HTMLButtonElement;
    expect(button.textContent!.trim()).to.equal('View on your phone');
    expect(fetchedSince(since).filter((n) => /panel|uqr/.test(n))).to.deep.equal([]);
    await expect(el).to.be.accessible();
    button.click();
    await waitUntil(() => el.shadowRoot!.querySelector('[part=panel] svg'), 'QR panel', { timeout: 5000 });
    const svg = el.shadowRoot!.querySelector('[part=panel] svg')!;
    // The code is named for what it holds, not after the panel it is in.
    expect(svg.getAttribute('aria-label')).to.equal('QR code of this product’s page');
    expect(el.shadowRoot!.querySelector('[part=panel]')!.getAttribute('aria-label')).to.equal('View on your phone');
    expect(svg.querySelector('path')!.getAttribute('d')!.length).to.be.greaterThan(500);
    const fetched = fetchedSince(since);
    expect(
      fetched.some((n) => /ar-try-on\/panel/.test(n)),
      'panel chunk',
    ).to.equal(true);
    expect(
      fetched.some((n) => /uqr/.test(n)),
      'QR library',
    ).to.equal(true);
    await expect(el).to.be.accessible();
    const close = el.shadowRoot!.querySelector('.close') as HTMLButtonElement;
    await waitUntil(() => el.shadowRoot!.activeElement === close, 'focus moved into the panel', { timeout: 5000 });
    close.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part=panel]')).to.equal(null);
    await waitUntil(() => el.shadowRoot!.activeElement === button, 'focus back on the launcher', { timeout: 5000 });
  });

  it('builds the Quick Look link and the Scene Viewer intent', async () => {
    defineElement('vitrine-ar-try-on', ArTryOn);
    const ios = await mount(
      { userAgent: UA.iphone, relListSupportsAr: true },
      { ...MODEL, cta: 'Add to cart', price: '¥399' },
    );
    const a = ios.shadowRoot!.querySelector('a[rel=ar]') as HTMLAnchorElement;
    expect(a.relList.contains('ar')).to.equal(true);
    expect(a.children.length).to.equal(1);
    expect(a.firstElementChild!.localName).to.equal('img');
    expect(a.getAttribute('href')).to.equal(
      '/m/cooker.usdz#callToAction=Add%20to%20cart&checkoutTitle=Quiet%20Cooker%20Mini&price=%C2%A5399',
    );

    const android = await mount({ userAgent: UA.android, relListSupportsAr: false }, MODEL);
    const went: string[] = [];
    android.navigate = (url) => went.push(url);
    (android.shadowRoot!.querySelector('button[part=launch]') as HTMLButtonElement).click();
    expect(went).to.deep.equal([
      sceneViewerUrl(
        new URL('/m/cooker.glb', location.href).href,
        'Quiet Cooker Mini',
        location.href.split('#')[0] + '#vitrine-ar-unavailable',
      ),
    ]);
    expect(went[0]).to.match(/^intent:\/\/arvr\.google\.com\/scene-viewer\/1\.0\?file=http/);
  });

  it('imports model-viewer only after the click, and enters WebXR', async () => {
    defineElement('vitrine-ar-try-on', ArTryOn);
    const win = window as Win;
    const events: string[] = [];
    setDefaultClient({ track: (type) => events.push(type) });
    const since = performance.now();
    const el = await mount(
      { userAgent: UA.desktop, relListSupportsAr: false, xr: { isSessionSupported: async () => true } },
      { ...MODEL, 'model-viewer-src': FAKE_VIEWER },
    );
    await new Promise((r) => setTimeout(r, 100));
    await el.updateComplete;
    expect(el.getAttribute('ar-support')).to.equal('webxr');
    expect(win.__fakeModelViewerImports ?? 0).to.equal(0);
    expect(fetchedSince(since).filter((n) => /fake-model-viewer|panel|uqr/.test(n))).to.deep.equal([]);
    expect(events).to.deep.equal(['ar_available']);

    (el.shadowRoot!.querySelector('button[part=launch]') as HTMLButtonElement).click();
    await waitUntil(() => el.shadowRoot!.querySelector('model-viewer'), '3D viewer', { timeout: 5000 });
    expect(win.__fakeModelViewerImports).to.equal(1);
    expect(fetchedSince(since).some((n) => n.includes('fake-model-viewer'))).to.equal(true);
    const viewer = el.shadowRoot!.querySelector('model-viewer')!;
    expect(viewer.getAttribute('src')).to.equal('/m/cooker.glb');
    await waitUntil(() => win.__fakeModelViewerAr === 1, 'activateAR called', { timeout: 5000 });
    expect(events).to.deep.equal(['ar_available', 'ar_launch']);
  });

  it('says clearly when model-viewer is absent (the default, not installed) and fires ar_failed', async () => {
    defineElement('vitrine-ar-try-on', ArTryOn);
    const events: [string, unknown][] = [];
    setDefaultClient({ track: (type, fields) => events.push([type, fields]) });
    const warnings: string[] = [];
    const original = console.warn;
    console.warn = (m: unknown) => warnings.push(String(m));
    try {
      const el = await mount({ userAgent: UA.android.replace('Chrome/', 'Gecko/'), relListSupportsAr: false }, MODEL);
      const failed = new Promise<CustomEvent>((resolve) =>
        el.addEventListener('vitrine-ar-failed', resolve, { once: true }),
      );
      (el.shadowRoot!.querySelector('button[part=launch]') as HTMLButtonElement).click();
      const event = await failed;
      await el.updateComplete;
      expect(event.detail).to.deep.equal({ mode: '3d', reason: 'model-viewer-missing' });
      expect(el.shadowRoot!.querySelector('[role=status]')!.textContent).to.equal(
        'The 3D viewer is not available right now.',
      );
      expect(events.map((e) => e[0])).to.include('ar_failed');
      expect(warnings.some((w) => w.startsWith('<vitrine-ar-try-on> model-viewer-src:'))).to.equal(true);
    } finally {
      console.warn = original;
    }
  });

  it('is accessible and mirrored in Arabic, including "coming soon"', async () => {
    defineElement('vitrine-ar-try-on', ArTryOn);
    const soon = await mount(
      { userAgent: UA.desktop, relListSupportsAr: false },
      { poster: POSTER, alt: 'Cooker', notify: '' },
    );
    await expect(soon).to.be.accessible();
    const box = await fixture(html`<div lang="ar" dir="rtl" style="width: 320px"></div>`);
    const el = document.createElement('vitrine-ar-try-on');
    el.env = { userAgent: UA.android, relListSupportsAr: false };
    for (const [k, v] of Object.entries(MODEL)) el.setAttribute(k, v);
    box.append(el);
    await el.updateComplete;
    const button = el.shadowRoot!.querySelector('button[part=launch]')!;
    expect(button.textContent!.trim()).to.equal('اعرضه في مساحتك');
    const frame = el.getBoundingClientRect();
    const b = button.getBoundingClientRect();
    expect(Math.abs(b.left - frame.left - (frame.right - b.right))).to.be.lessThan(2); // centred either way
    await expect(el).to.be.accessible();
  });
});
