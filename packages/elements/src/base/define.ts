import { VERSION } from './version.js';
import { warnLater } from './warn.js';

const VERSION_KEY = Symbol.for('vitrine.version');
type Versioned = CustomElementConstructor & { [VERSION_KEY]?: string };

/**
 * Registers `tag` for `ctor` unless the tag is already taken. Two copies of Vitrine on one page
 * (a theme and an app, say) must not break each other: the first registration wins, and a
 * mismatch of versions is reported once.
 */
export function defineElement(tag: string, ctor: CustomElementConstructor): void {
  if (typeof customElements === 'undefined') return; // server-side import: nothing to register
  (ctor as Versioned)[VERSION_KEY] = VERSION;
  const existing = customElements.get(tag) as Versioned | undefined;
  if (!existing) {
    try {
      customElements.define(tag, ctor);
    } catch (error) {
      // The same constructor under another name, or a race with another copy: never throw into the page.
      warnLater(tag, 'define', 'define', (error as Error).message);
    }
    return;
  }
  if (existing === ctor) return;
  const theirs = existing[VERSION_KEY] ?? 'unknown';
  if (theirs !== VERSION) warnLater(tag, 'version', 'version', theirs, VERSION);
}
