/**
 * Loads an element's code only when its tag is on the page — at start, and later when a theme
 * or a single-page app adds one (MutationObserver). Each element is its own chunk; Lit is one
 * shared chunk.
 */
export const loaders: Record<string, () => Promise<unknown>> = {
  'vitrine-selling-points': () => import('@vitrine/elements/selling-points'),
  'vitrine-scenario-compare': () => import('@vitrine/elements/scenario-compare'),
  'vitrine-testimonial-video': () => import('@vitrine/elements/testimonial-video'),
  'vitrine-coupon-cart': () => import('@vitrine/elements/coupon-cart'),
  'vitrine-ar-try-on': () => import('@vitrine/elements/ar-try-on'),
  'vitrine-experiment': () => import('@vitrine/elements/experiment'),
};

const requested = new Set<string>();

function request(tag: string, onError: (tag: string, error: unknown) => void): void {
  if (requested.has(tag)) return;
  const load = loaders[tag];
  if (!load || customElements.get(tag)) return;
  requested.add(tag);
  load().catch((error: unknown) => {
    requested.delete(tag); // a later appearance may retry (e.g. after a network blip)
    onError(tag, error);
  });
}

function scan(root: ParentNode, onError: (tag: string, error: unknown) => void): void {
  for (const tag of Object.keys(loaders)) {
    if (!requested.has(tag) && root.querySelector(tag)) request(tag, onError);
  }
}

/** Starts loading what the document holds and watches for more. Returns a stop function. */
export function autoload(doc: Document, onError: (tag: string, error: unknown) => void): () => void {
  scan(doc, onError);
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (node.nodeType !== 1) continue;
        const el = node as Element;
        if (el.localName in loaders) request(el.localName, onError);
        if (el.firstElementChild) scan(el, onError);
      }
    }
  });
  observer.observe(doc.documentElement, { childList: true, subtree: true });
  return () => observer.disconnect();
}
