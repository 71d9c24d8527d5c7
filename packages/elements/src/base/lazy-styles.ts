import { adoptStyles, type CSSResult } from 'lit';

const added = new WeakMap<ShadowRoot, Set<CSSResult>>();

/**
 * Adds the styles of a lazily loaded part (a tooltip, a panel, a list) to an element's shadow
 * root, once per root and part, after the styles it already has. Without constructable style
 * sheets Lit appends a `<style>` element instead. Only lazy parts import this module, so it never
 * weighs on an element's first load.
 */
export function addStyles(root: ShadowRoot | null | undefined, styles: CSSResult): void {
  if (!root) return;
  const mine = added.get(root) ?? new Set();
  if (mine.has(styles)) return;
  added.set(root, mine.add(styles));
  const sheet = styles.styleSheet;
  if (sheet) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  else adoptStyles(root, [styles]);
}
