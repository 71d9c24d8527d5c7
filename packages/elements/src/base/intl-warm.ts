/**
 * The first `Intl` formatter a page makes starts ICU: 25–60 ms of main-thread work in Chromium on
 * a laptop, several times that on a phone. ICU's data and V8's locale tables are shared by every
 * thread of the renderer process, so a formatter made in a worker first leaves the main thread's
 * first one under a millisecond. `warmIntl()` starts that worker (`intl-worker.js`, beside this
 * module's chunk) and settles when it has finished, or after `WAIT_MS`. Elements that format money,
 * dates or numbers in their first render wait for it in `pending()`; only those import this module,
 * lazily, so no element's first load grows.
 *
 * Only the script-tag build (@vitrine/embed, which ships the worker file beside its chunks) starts
 * the worker; from npm, where the app's bundler decides what is copied where, `warmIntl()` resolves
 * `false` at once and the first format runs on the main thread, as it always did.
 *
 * It never fails: a cross-origin copy of Vitrine (a worker must be same-origin), a CSP without
 * `'self'` for workers, a missing file or a browser without workers just resolve `false`. Under
 * Trusted Types the URL goes through a policy named `vitrine` (see the embed README).
 */
const WAIT_MS = 400;

/** Set to true by the script-tag build, which ships `intl-worker.js` beside this module's chunk. */
declare const __VITRINE_INTL_WORKER__: boolean | undefined;

let warming: Promise<boolean> | undefined;

/** Resolves `true` once the worker has made its formatters, `false` when it could not (never rejects). */
export function warmIntl(): Promise<boolean> {
  if (typeof __VITRINE_INTL_WORKER__ == 'undefined' || !__VITRINE_INTL_WORKER__) return Promise.resolve(false);
  // Through a variable: bundlers given `new URL('…', import.meta.url)` literally may inline the
  // file as a data: URL, which cannot be a same-origin worker. Builds copy it beside this module.
  const here = import.meta.url;
  return (warming ??= runWorker(() => new URL('intl-worker.js', here), WAIT_MS));
}

/** @internal Starts the worker at `url()`; resolves whether it answered within `wait` ms. */
export function runWorker(url: () => URL, wait: number): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    let worker: Worker | undefined;
    const settle = (warm: boolean) => {
      clearTimeout(timer);
      worker?.terminate();
      resolve(warm);
    };
    const timer = setTimeout(() => settle(false), wait);
    try {
      const href = url().href;
      if (new URL(href).origin !== location.origin) return settle(false);
      const tt = (globalThis as { trustedTypes?: TrustedTypes }).trustedTypes;
      policy ??= tt?.createPolicy('vitrine', { createScriptURL: (input) => input });
      worker = new Worker((policy ? policy.createScriptURL(href) : href) as string, { name: 'vitrine-intl' });
      worker.onmessage = () => settle(true);
      worker.onerror = (event) => (event.preventDefault(), settle(false));
    } catch {
      settle(false);
    }
  });
}

interface TrustedTypes {
  createPolicy(name: string, rules: { createScriptURL(input: string): string }): Policy;
}
interface Policy {
  createScriptURL(input: string): unknown;
}
let policy: Policy | undefined;
