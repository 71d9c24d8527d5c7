/**
 * Loads an element's code only when its tag is on the page — at start, and later when a theme
 * or a single-page app adds one (MutationObserver). Each element is its own chunk; Lit is one
 * shared chunk. Elements far below the fold (their space is reserved) load when they come within
 * a screen of the viewport, on the shopper's first interaction, or once the page has settled, so
 * their rendering stays off the first paint's critical path.
 */
import { later } from './later.js';

export const loaders: Record<string, () => Promise<unknown>> = {
  'vitrine-selling-points': () => import('@vitrine/elements/selling-points'),
  'vitrine-scenario-compare': () => import('@vitrine/elements/scenario-compare'),
  'vitrine-testimonial-video': () => import('@vitrine/elements/testimonial-video'),
  'vitrine-coupon-cart': () => import('@vitrine/elements/coupon-cart'),
  'vitrine-ar-try-on': () => import('@vitrine/elements/ar-try-on'),
  'vitrine-experiment': () => import('@vitrine/elements/experiment'),
};

const requested = new Set<string>();

/** Each import in a task of its own: an `import()` call costs 1-3 ms of main thread on a phone. */
function request(tag: string, onError: (tag: string, error: unknown) => void): void {
  if (requested.has(tag)) return;
  const load = loaders[tag];
  if (!load || customElements.get(tag)) return;
  requested.add(tag);
  later(() =>
    load().catch((error: unknown) => {
      requested.delete(tag); // a later appearance may retry (e.g. after a network blip)
      onError(tag, error);
    }),
  );
}

/** Elements waiting for their code: loaded when within a screen of the viewport (at once for the first screen), on interaction, or when the page has settled. */
let watcher: IntersectionObserver | undefined;
let released = false;

function defer(el: Element, onError: (tag: string, error: unknown) => void): void {
  if (!watcher) {
    watcher = new IntersectionObserver(
      (entries) => entries.forEach((e) => e.isIntersecting && request(e.target.localName, onError)),
      { rootMargin: '100% 0px' },
    );
    const all = () => {
      released = true;
      watcher!.disconnect();
      scan(document, onError);
    };
    for (const type of ['pointerdown', 'keydown', 'scroll']) addEventListener(type, all, { once: true, passive: true });
    const settle = () => setTimeout(all, 3000);
    if (document.readyState == 'complete') settle();
    else addEventListener('load', settle, { once: true });
  }
  watcher.observe(el);
}

/**
 * The experiment element (it decides what is shown) loads now; the others once the
 * IntersectionObserver (answered with the browser's next layout, never a forced one) has them
 * within a screen of the viewport, or when the page is released (see `defer`).
 */
function consider(el: Element, onError: (tag: string, error: unknown) => void): void {
  const tag = el.localName;
  if (requested.has(tag)) return;
  if (released || tag === 'vitrine-experiment') request(tag, onError);
  else defer(el, onError);
}

/** One pass over the tree for every tag (not one per tag). */
function scan(root: ParentNode, onError: (tag: string, error: unknown) => void): void {
  for (const el of root.querySelectorAll(Object.keys(loaders).join())) consider(el, onError);
}

/** Starts loading what the document holds and watches for more. Returns a stop function. */
export function autoload(doc: Document, onError: (tag: string, error: unknown) => void): () => void {
  scan(doc, onError);
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (node.nodeType !== 1) continue;
        const el = node as Element;
        if (el.localName in loaders) consider(el, onError);
        if (el.firstElementChild) scan(el, onError);
      }
    }
  });
  observer.observe(doc.documentElement, { childList: true, subtree: true });
  return () => observer.disconnect();
}
