import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ArTryOn } from './ar-try-on.js';
import { probeAr, quickLookUrl, sceneViewerUrl, type ArEnvironment } from './probe.js';
import { qrPath } from './panel.js';
import { defineElement } from '../base/define.js';
import { resetWarnings, warned } from '../base/warn.js';
import { setDefaultClient } from '../base/client-slot.js';

const UA = {
  iphone:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
  ipadOs:
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
  android:
    'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
  androidFirefox: 'Mozilla/5.0 (Android 14; Mobile; rv:133.0) Gecko/133.0 Firefox/133.0',
  desktop: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
};
const xr = (ok: boolean) => ({ isSessionSupported: vi.fn(async () => ok) });

beforeAll(() => defineElement('vitrine-ar-try-on', ArTryOn));
afterEach(() => {
  document.body.innerHTML = '';
  resetWarnings();
  setDefaultClient(undefined);
  vi.restoreAllMocks();
});

async function mount(env: ArEnvironment, attrs: Record<string, string> = {}): Promise<ArTryOn> {
  const el = document.createElement('vitrine-ar-try-on');
  el.env = env;
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  document.body.append(el);
  await el.updateComplete;
  return el;
}
const MODEL = { src: '/m/cooker.glb', 'ios-src': '/m/cooker.usdz', poster: '/m/cooker.svg', alt: 'Quiet Cooker Mini' };

describe('probeAr', () => {
  it('answers quick-look, scene-viewer, pending (WebXR) or none from the device facts', () => {
    expect(probeAr({ userAgent: UA.iphone, relListSupportsAr: true })).toBe('quick-look');
    expect(probeAr({ userAgent: UA.iphone, relListSupportsAr: false })).toBe('none');
    expect(probeAr({ userAgent: UA.ipadOs, relListSupportsAr: true, maxTouchPoints: 5 })).toBe('quick-look');
    expect(probeAr({ userAgent: UA.ipadOs, relListSupportsAr: true, maxTouchPoints: 0 })).toBe('none');
    expect(probeAr({ userAgent: UA.android, relListSupportsAr: false })).toBe('scene-viewer');
    expect(probeAr({ userAgent: UA.androidFirefox, relListSupportsAr: false })).toBe('none');
    expect(probeAr({ userAgent: UA.desktop, relListSupportsAr: false, xr: xr(true) })).toBe('pending');
    expect(probeAr({ userAgent: UA.desktop, relListSupportsAr: false })).toBe('none');
  });

  it('builds Quick Look and Scene Viewer URLs', () => {
    expect(
      quickLookUrl('https://shop.example/m/c.usdz', {
        callToAction: 'Add to cart',
        checkoutTitle: 'Quiet Cooker',
        price: '¥399',
      }),
    ).toBe('https://shop.example/m/c.usdz#callToAction=Add%20to%20cart&checkoutTitle=Quiet%20Cooker&price=%C2%A5399');
    expect(quickLookUrl('/m/c.usdz')).toBe('/m/c.usdz');
    expect(sceneViewerUrl('https://shop.example/m/c.glb', 'Quiet Cooker', 'https://shop.example/p#x')).toBe(
      'intent://arvr.google.com/scene-viewer/1.0?file=https%3A%2F%2Fshop.example%2Fm%2Fc.glb&mode=ar_preferred&title=Quiet%20Cooker' +
        '#Intent;scheme=https;package=com.google.ar.core;action=android.intent.action.VIEW;' +
        'S.browser_fallback_url=https%3A%2F%2Fshop.example%2Fp%23x;end;',
    );
  });
});

describe('<vitrine-ar-try-on>', () => {
  it('reflects the probe as ar-support and reports ar_available once', async () => {
    const track = vi.fn();
    setDefaultClient({ track });
    const el = await mount({ userAgent: UA.android, relListSupportsAr: false }, MODEL);
    expect(el.getAttribute('ar-support')).toBe('scene-viewer');
    el.requestUpdate();
    await el.updateComplete;
    expect(track.mock.calls.filter((c) => c[0] === 'ar_available')).toEqual([
      ['ar_available', { props: { mode: 'scene-viewer' } }],
    ]);
  });

  it('waits for WebXR: no attribute and a hidden button, then webxr', async () => {
    let answer!: (ok: boolean) => void;
    const later = { isSessionSupported: () => new Promise<boolean>((resolve) => (answer = resolve)) };
    const el = await mount({ userAgent: UA.desktop, relListSupportsAr: false, xr: later }, MODEL);
    expect(el.hasAttribute('ar-support')).toBe(false);
    expect(el.shadowRoot!.querySelector('button[part=launch]')!.classList.contains('wait')).toBe(true);
    answer(true);
    await vi.waitFor(() => expect(el.getAttribute('ar-support')).toBe('webxr'));
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('button[part=launch]')!.classList.contains('wait')).toBe(false);
    expect(el.shadowRoot!.querySelector('button[part=launch]')!.textContent!.trim()).toBe('View in your space');
    const no = await mount({ userAgent: UA.desktop, relListSupportsAr: false, xr: xr(false) }, MODEL);
    await vi.waitFor(() => expect(no.getAttribute('ar-support')).toBe('none'));
  });

  it('launches Quick Look through <a rel="ar"> with an <img> child and maps the banner button to vitrine-ar-cta', async () => {
    const track = vi.fn();
    setDefaultClient({ track });
    const el = await mount({ userAgent: UA.iphone, relListSupportsAr: true }, { ...MODEL, price: '¥399' });
    const a = el.shadowRoot!.querySelector('a[rel=ar]') as HTMLAnchorElement;
    expect(a.firstElementChild!.localName).toBe('img');
    expect(a.getAttribute('href')).toBe(
      '/m/cooker.usdz#callToAction=Add%20to%20cart&checkoutTitle=Quiet%20Cooker%20Mini&price=%C2%A5399',
    );
    const cta = vi.fn();
    el.addEventListener('vitrine-ar-cta', (e) => cta(e.detail));
    a.dispatchEvent(new MessageEvent('message', { data: 'something else' }));
    a.dispatchEvent(new MessageEvent('message', { data: '_apple_ar_quicklook_button_tapped' }));
    expect(cta).toHaveBeenCalledTimes(1);
    expect(cta).toHaveBeenCalledWith({ product: 'Quiet Cooker Mini' });
    expect(track).toHaveBeenCalledWith('ar_cta_tap', { props: { product: 'Quiet Cooker Mini' } });
  });

  it('uses the zh-CN call to action in Quick Look', async () => {
    document.documentElement.lang = 'zh-CN';
    try {
      const el = await mount({ userAgent: UA.iphone, relListSupportsAr: true }, MODEL);
      expect(el.shadowRoot!.querySelector('a')!.getAttribute('href')).toContain(
        `callToAction=${encodeURIComponent('加入购物车')}`,
      );
      expect(el.shadowRoot!.querySelector('a')!.getAttribute('aria-label')).toBe('在你的空间中查看');
    } finally {
      document.documentElement.removeAttribute('lang');
    }
  });

  it('names the QR code for what it holds, in the page language', async () => {
    for (const [lang, name] of [
      ['en', 'QR code of this product’s page'],
      ['zh-CN', '本商品页面的二维码'],
      ['ar', 'رمز QR لصفحة هذا المنتج'],
    ]) {
      document.documentElement.lang = lang!;
      try {
        const el = await mount({ userAgent: UA.desktop, relListSupportsAr: false }, MODEL);
        await el.launch();
        await el.updateComplete;
        const svg = el.shadowRoot!.querySelector('[part=panel] svg[role=img]')!;
        expect(svg.getAttribute('aria-label'), lang).toBe(name);
        expect(svg.getAttribute('aria-label')).not.toBe(
          el.shadowRoot!.querySelector('[part=panel]')!.getAttribute('aria-label'),
        );
      } finally {
        document.documentElement.removeAttribute('lang');
      }
    }
  });

  it('launches Scene Viewer inside the click through navigate()', async () => {
    const track = vi.fn();
    setDefaultClient({ track });
    const el = await mount({ userAgent: UA.android, relListSupportsAr: false }, MODEL);
    const navigate = vi.spyOn(el, 'navigate').mockImplementation(() => {});
    const launched = vi.fn();
    el.addEventListener('vitrine-ar-launch', (e) => launched(e.detail));
    (el.shadowRoot!.querySelector('button[part=launch]') as HTMLButtonElement).click();
    expect(navigate).toHaveBeenCalledTimes(1); // synchronously, inside the gesture
    const url = navigate.mock.calls[0]![0];
    const page = location.href.split('#')[0];
    expect(url).toBe(
      sceneViewerUrl(
        new URL('/m/cooker.glb', location.href).href,
        'Quiet Cooker Mini',
        page + '#vitrine-ar-unavailable',
      ),
    );
    expect(launched).toHaveBeenCalledWith({ mode: 'scene-viewer', url });
    expect(track).toHaveBeenCalledWith('ar_launch', { props: { mode: 'scene-viewer', url } });
  });

  it('shows "coming soon" without a model, with an optional notify-me button', async () => {
    const track = vi.fn();
    setDefaultClient({ track });
    const el = await mount(
      { userAgent: UA.android, relListSupportsAr: false },
      { poster: '/p.svg', alt: 'X', notify: '' },
    );
    expect(el.shadowRoot!.querySelector('[part=soon]')!.textContent).toBe('3D view coming soon');
    expect(el.shadowRoot!.querySelector('[part=launch]')).toBeNull();
    const notified = vi.fn();
    el.addEventListener('vitrine-ar-notify', (e) => notified(e.detail));
    (el.shadowRoot!.querySelector('[part=notify]') as HTMLButtonElement).click();
    expect(notified).toHaveBeenCalledWith({ product: 'X' });
    expect(track).toHaveBeenCalledWith('ar_notify', { props: { product: 'X' } });
    expect(track.mock.calls.some((c) => c[0] === 'ar_available')).toBe(false);
    const plain = await mount({ userAgent: UA.desktop, relListSupportsAr: false }, { poster: '/p.svg' });
    expect(plain.shadowRoot!.querySelector('[part=notify]')).toBeNull();
  });

  it('reports a clear failure when model-viewer is not installed', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const track = vi.fn();
    setDefaultClient({ track });
    const el = await mount({ userAgent: UA.desktop, relListSupportsAr: false, xr: xr(true) }, MODEL);
    await vi.waitFor(() => expect(el.arSupport).toBe('webxr'));
    el.loadModelViewer = () => Promise.reject(new Error('Failed to resolve module specifier'));
    const failed = vi.fn();
    el.addEventListener('vitrine-ar-failed', (e) => failed(e.detail));
    await el.launch();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[role=status]')!.textContent).toBe(
      'The 3D viewer is not available right now.',
    );
    expect(failed).toHaveBeenCalledWith({ mode: 'webxr', reason: 'model-viewer-missing' });
    expect(track).toHaveBeenCalledWith('ar_failed', { props: { mode: 'webxr', reason: 'model-viewer-missing' } });
    expect(String(warn.mock.calls[0]![0])).toMatch(
      /^<vitrine-ar-try-on> model-viewer-src: "@google\/model-viewer" could not be imported/,
    );
  });

  it('refuses non-http model and poster URLs with a warning', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const el = await mount(
      { userAgent: UA.android, relListSupportsAr: false },
      { src: 'javascript:alert(1)', poster: 'javascript:alert(2)' },
    );
    expect(el.shadowRoot!.querySelector('img')!.hasAttribute('src')).toBe(false);
    expect(el.shadowRoot!.querySelector('[part=soon]')).not.toBeNull();
    await warned();
    const messages = warn.mock.calls.map((c) => String(c[0]));
    expect(messages.some((m) => m.startsWith('<vitrine-ar-try-on> src:'))).toBe(true);
    expect(messages.some((m) => m.startsWith('<vitrine-ar-try-on> poster:'))).toBe(true);
  });

  it('draws a QR code of the product URL', () => {
    const { size, d } = qrPath('https://shop.example/p/quiet-cooker-mini');
    expect(size).toBeGreaterThanOrEqual(29); // version 2+ with the 4-module quiet zone
    expect(d).toMatch(/^M4 4h1v1h-1z/); // the top-left finder pattern starts inside the quiet zone
  });
});
