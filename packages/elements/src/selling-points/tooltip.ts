/**
 * Tooltip positioning for <vitrine-selling-points>, loaded with `import()` on the first
 * hover/focus/tap of an item with details, together with floating-ui. Fixed positioning lets the
 * tooltip escape the clamped rows without moving them.
 */
import { autoUpdate, computePosition, flip, offset, shift } from '@floating-ui/dom';

/**
 * Keeps `tip` under its trigger (the element before it) while either moves. Returns the clean-up,
 * which also drops the position, so the tooltip stays invisible until placed again.
 */
export function placeTooltip(tip: HTMLElement): () => void {
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
