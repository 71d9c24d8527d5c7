/**
 * Tooltip positioning for <vitrine-selling-points>, loaded with `import()` on the first
 * hover/focus/tap of an item with details, together with floating-ui. Fixed positioning lets the
 * tooltip escape the clamped rows without moving them.
 */
import { autoUpdate, computePosition, flip, offset, shift } from '@floating-ui/dom';

/** Keeps `tip` under `anchor` while either moves; returns the clean-up. */
export function placeTooltip(anchor: Element, tip: HTMLElement): () => void {
  return autoUpdate(anchor, tip, () =>
    computePosition(anchor, tip, {
      strategy: 'fixed',
      placement: 'bottom-start',
      middleware: [offset(6), flip(), shift({ padding: 8 })],
    }).then(({ x, y }) => Object.assign(tip.style, { left: `${x}px`, top: `${y}px` })),
  );
}
