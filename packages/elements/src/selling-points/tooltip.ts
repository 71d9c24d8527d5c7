/**
 * The details tooltip of <vitrine-selling-points>: its positioning (with floating-ui) and its
 * styles, loaded with `import()` on the first hover/focus/tap of an item with details. Fixed
 * positioning lets the tooltip escape the clamped rows without moving them.
 */
import { css } from 'lit';
import { autoUpdate, computePosition, flip, offset, shift } from '@floating-ui/dom';
import { addStyles } from '../base/lazy-styles.js';

// Until placed (no style attribute yet), the element's own styles keep the tooltip fixed and invisible.
// prettier-ignore
const styles = css`
.tip { position: fixed; top: 0; left: 0; z-index: 2147483000; inline-size: max-content; max-inline-size: min(280px, 100vw - 16px); padding: 8px 10px; border-radius: 6px; background: var(--vitrine-selling-points-tooltip-background, #1d232a); color: var(--vitrine-selling-points-tooltip-color, #fff); font-size: 13px; line-height: 18px }
`;

/**
 * Keeps `tip` under its trigger (the element before it) while either moves. Returns the clean-up,
 * which also drops the position, so the tooltip stays invisible until placed again.
 */
export function placeTooltip(tip: HTMLElement): () => void {
  addStyles(tip.getRootNode() as ShadowRoot, styles);
  const anchor = tip.previousElementSibling!;
  let live = true;
  const stop = autoUpdate(anchor, tip, () =>
    computePosition(anchor, tip, {
      strategy: 'fixed',
      placement: 'bottom-start',
      middleware: [offset(6), flip(), shift({ padding: 8 })],
    }).then(({ x, y }) => live && Object.assign(tip.style, { left: `${x}px`, top: `${y}px` })),
  );
  return () => {
    live = false;
    stop();
    tip.removeAttribute('style');
  };
}
