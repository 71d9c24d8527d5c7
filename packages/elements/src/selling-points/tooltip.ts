/**
 * The details tooltips of <vitrine-selling-points>: when they open and close, their positioning
 * (with floating-ui) and their styles, loaded with `import()` on the first hover/focus/tap of an
 * item with details. The element hands every trigger event here; those that come before this
 * chunk are handled in order once it arrives. Fixed positioning lets the tooltip escape the
 * clamped rows without moving them.
 */
import { css } from 'lit';
import { autoUpdate, computePosition, flip, offset, shift } from '@floating-ui/dom';
import { addStyles } from '../base/lazy-styles.js';

// Added before a tooltip first opens. Until placed (no style attribute yet) it is invisible.
// prettier-ignore
const styles = css`
.tip { position: fixed; top: 0; left: 0; z-index: 2147483000; inline-size: max-content; max-inline-size: min(280px, 100vw - 16px); padding: 8px 10px; border-radius: 6px; background: var(--vitrine-selling-points-tooltip-background, #1d232a); color: var(--vitrine-selling-points-tooltip-color, #fff); font-size: 13px; line-height: 18px }
.tip:not([style]) { visibility: hidden }
`;

/** What the tooltips read and set on the element. */
export interface TipHost extends HTMLElement {
  /** The item whose tooltip is shown (rendered by the element), or -1. */
  open: number;
  /** Opened by click/tap/Enter: stays open until clicked again, Escape, blur or a click elsewhere. */
  pinned?: boolean;
  /** While one is open: stops its positioning and the listener for a click elsewhere. */
  unplace?: () => void;
  renderRoot: ShadowRoot;
  updateComplete: Promise<boolean>;
}

/**
 * One trigger event of item `i`'s title: mouse hover (unless pinned open), keyboard focus, and
 * click/tap/Enter, which pins it open or closes it; Escape in the list comes with `i` -1.
 */
export function onTip(host: TipHost, e: Event, i: number): void {
  const type = e.type;
  if (type === 'click') show(host, host.open === i && host.pinned ? -1 : i, true);
  else if (
    type[0] === 'p'
      ? (e as PointerEvent).pointerType === 'mouse' && !host.pinned
      : // The title, looked up now: the event may have come before this chunk did.
        type !== 'focus' || !!tipOf(host, i)?.previousElementSibling!.matches(':focus-visible')
  )
    show(host, /ent|foc/.test(type) ? i : -1);
}

const tipOf = (host: TipHost, i: number) => host.renderRoot.getElementById(`tip${i}`);

function show(host: TipHost, i: number, pin?: boolean): void {
  if (i !== host.open) {
    host.unplace?.();
    host.open = i;
    const tip = tipOf(host, i);
    if (tip) open(host, tip);
  }
  host.pinned = i >= 0 && pin;
}

/** Listens for a click elsewhere while the tooltip is open, and places it once rendered visible. */
function open(host: TipHost, tip: HTMLElement): void {
  addStyles(host.renderRoot, styles);
  const outside = (e: Event) => e.composedPath().includes(host) || show(host, -1);
  document.addEventListener('pointerdown', outside);
  let stop: (() => void) | undefined;
  const unplace = (host.unplace = () => {
    stop?.();
    host.unplace = undefined;
    host.pinned = false;
    document.removeEventListener('pointerdown', outside);
  });
  void host.updateComplete.then(() => host.unplace === unplace && (stop = place(tip)));
}

/**
 * Keeps `tip` under its trigger (the element before it) while either moves. Returns the clean-up,
 * which also drops the position, so the tooltip stays invisible until placed again.
 */
function place(tip: HTMLElement): () => void {
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
