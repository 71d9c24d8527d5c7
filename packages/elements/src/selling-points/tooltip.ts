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
  /** While a tooltip is open: closes it (hidden again, no positioning, no listeners). */
  unplace?: () => void;
  renderRoot: ShadowRoot;
}

/** The open tooltip of each element, and whether it is pinned open. */
const opened = new WeakMap<TipHost, { tip: HTMLElement; pinned?: boolean }>();

/**
 * One event of item `i`'s title (rendered with its tooltip hidden): mouse hover (unless pinned
 * open), keyboard focus, click/tap/Enter, which pins it open or closes it, and Escape.
 */
export function onTip(host: TipHost, e: Event, i: number): void {
  const type = e.type;
  const open = opened.get(host);
  // Looked up now: the event may have come before this chunk did.
  const tip = host.renderRoot.getElementById(`tip${i}`);
  if (type === 'click') show(host, open?.tip === tip && open?.pinned ? null : tip, true);
  else if (type === 'keydown') {
    if ((e as KeyboardEvent).key === 'Escape') show(host, null);
  } else if (
    type[0] === 'p'
      ? (e as PointerEvent).pointerType === 'mouse' && !open?.pinned
      : type === 'blur' || !!tip?.previousElementSibling!.matches(':focus-visible')
  )
    show(host, /ent|foc/.test(type) ? tip : null);
}

function show(host: TipHost, tip: HTMLElement | null, pin?: boolean): void {
  if (tip !== opened.get(host)?.tip) {
    host.unplace?.();
    if (tip) open(host, tip);
  }
  if (tip) opened.get(host)!.pinned = pin;
}

/**
 * Shows `tip` and keeps it under its trigger (the element before it) while either moves; a click
 * elsewhere or Escape anywhere closes it. Until placed it is invisible, so nothing moves.
 */
function open(host: TipHost, tip: HTMLElement): void {
  addStyles(host.renderRoot, styles);
  tip.hidden = false;
  const anchor = tip.previousElementSibling!;
  let live = true;
  const stop = autoUpdate(anchor, tip, () =>
    computePosition(anchor, tip, {
      strategy: 'fixed',
      placement: 'bottom-start',
      middleware: [offset(6), flip(), shift({ padding: 8 })],
    }).then(({ x, y }) => live && Object.assign(tip.style, { left: `${x}px`, top: `${y}px` })),
  );
  const outside = (e: Event) => e.composedPath().includes(host) || show(host, null);
  const escape = (e: KeyboardEvent) => e.key === 'Escape' && show(host, null);
  document.addEventListener('pointerdown', outside);
  document.addEventListener('keydown', escape);
  opened.set(host, { tip });
  host.unplace = () => {
    live = false;
    stop();
    tip.removeAttribute('style');
    tip.hidden = true;
    document.removeEventListener('pointerdown', outside);
    document.removeEventListener('keydown', escape);
    opened.delete(host);
    host.unplace = undefined;
  };
}
