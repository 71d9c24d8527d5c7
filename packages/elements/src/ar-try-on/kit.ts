/**
 * What the lazily loaded parts of <vitrine-ar-try-on> (panel.ts, soon.ts) use of the element:
 * its protected helpers. They import no runtime code of the element or of the shared base, so
 * bundlers keep the base whole inside the element's own chunk (a split costs every page bytes).
 */
import { adoptStyles, type CSSResult } from 'lit';
import type { ArTryOn } from './ar-try-on.js';

/** The protected helpers of the host element. */
export interface ArKit {
  t(key: string): string;
  warn(field: string, message: string): void;
}

export const kitOf = (host: ArTryOn): ArKit => host as unknown as ArKit;

/**
 * The host's string `key` in its locale, else `en`: the lazy parts keep their English with them
 * (the element's catalogue has only what its first render shows); other locales' strings come
 * with the element's lazily loaded locale catalogue.
 */
export function say(host: ArTryOn, key: string, en?: string): string {
  const text = kitOf(host).t(key);
  return text == key && en ? en : text;
}

const adopted = new WeakMap<object, Set<CSSResult>>();

/** Adds a lazy part's styles to the host's shadow root (once), after the element's own. */
export function adopt(host: ArTryOn, styles: CSSResult): void {
  const mine = adopted.get(host) ?? new Set();
  if (mine.has(styles) || !host.shadowRoot) return;
  adopted.set(host, mine.add(styles));
  const root = host.shadowRoot;
  // Where the root adopts sheets, keep those already there (another part's); else Lit appends a <style>.
  adoptStyles(root, [...(root.adoptedStyleSheets ?? []), styles]);
}
