/**
 * What the lazily loaded parts of <vitrine-ar-try-on> (panel.ts, soon.ts) use of the element:
 * its protected helpers. They import no runtime code of the element or of the eager shared base
 * (only base/lazy-styles.ts, which nothing eager imports), so bundlers keep the base whole inside
 * the element's own chunk (a split costs every page bytes).
 */
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
