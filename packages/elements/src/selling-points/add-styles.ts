import { adoptStyles, type CSSResult } from 'lit';

const added = new WeakSet<ShadowRoot>();

/**
 * Adds the styles of a lazily loaded part (the tooltip, the spec table) to an element's shadow
 * root, once per root, after the element's own styles. Without constructable style sheets Lit
 * appends a `<style>` element instead.
 */
export function addStyles(root: ShadowRoot, styles: CSSResult): void {
  if (added.has(root)) return;
  added.add(root);
  const sheet = styles.styleSheet;
  if (sheet) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  else adoptStyles(root, [styles]);
}
