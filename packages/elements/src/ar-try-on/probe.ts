/**
 * What AR this device can launch, and the launch URLs. Pure functions: the element passes the
 * real `navigator`/`document` facts, tests pass stubbed ones.
 */

/** `pending` while WebXR's answer is awaited. */
export type ArSupport = 'quick-look' | 'scene-viewer' | 'webxr' | 'none' | 'pending';

/** The facts the probe reads. */
export interface ArEnvironment {
  userAgent: string;
  /** `document.createElement('a').relList.supports('ar')`. */
  relListSupportsAr: boolean;
  /** `navigator.xr`, if any. */
  xr?: { isSessionSupported(mode: string): Promise<boolean> };
  /** `navigator.maxTouchPoints`: iPadOS reports a Mac user agent but has touch. */
  maxTouchPoints?: number;
}

const isIos = (env: ArEnvironment) =>
  /iP(hone|ad|od)/.test(env.userAgent) || (/Mac/.test(env.userAgent) && env.maxTouchPoints! > 1);

/** Whether the device is a phone or tablet (where a QR hand-off makes no sense). */
export const isMobile = (env: ArEnvironment): boolean => isIos(env) || /Android|Mobi/.test(env.userAgent);

/**
 * Synchronous answer: `quick-look` on iOS/iPadOS browsers that support `<a rel="ar">`,
 * `scene-viewer` on Android Chrome-like browsers, `pending` when `navigator.xr` exists (ask
 * `isSessionSupported('immersive-ar')`), else `none`.
 */
export function probeAr(env: ArEnvironment): ArSupport {
  return isIos(env)
    ? env.relListSupportsAr
      ? 'quick-look'
      : 'none'
    : /Android.*Chrome\//.test(env.userAgent)
      ? 'scene-viewer'
      : env.xr
        ? 'pending'
        : 'none';
}

/** The facts of this browser. */
export function currentEnvironment(): ArEnvironment {
  const nav = navigator as Navigator & { xr?: ArEnvironment['xr'] };
  return {
    userAgent: nav.userAgent,
    relListSupportsAr: document.createElement('a').relList.supports('ar'),
    xr: nav.xr,
    maxTouchPoints: nav.maxTouchPoints,
  };
}

const enc = encodeURIComponent;

/**
 * A Quick Look URL: the USDZ with Apple's banner parameters in the fragment. `callToAction`
 * shows a button whose tap the page hears as a `message` event on the anchor.
 */
export function quickLookUrl(
  usdz: string,
  banner: { callToAction?: string; checkoutTitle?: string; checkoutSubtitle?: string; price?: string } = {},
): string {
  const params = Object.entries(banner)
    .filter(([, v]) => v)
    .map(([k, v]) => `${k}=${enc(v!)}`)
    .join('&');
  return params ? `${usdz.split('#')[0]}#${params}` : usdz;
}

/** A Scene Viewer intent URL (ARCore); Chrome opens `fallback` when Scene Viewer is not there. */
export function sceneViewerUrl(glb: string, title: string, fallback: string): string {
  return (
    `intent://arvr.google.com/scene-viewer/1.0?file=${enc(glb)}&mode=ar_preferred` +
    (title ? `&title=${enc(title)}` : '') +
    `#Intent;scheme=https;package=com.google.ar.core;action=android.intent.action.VIEW;` +
    `S.browser_fallback_url=${enc(fallback)};end;`
  );
}
