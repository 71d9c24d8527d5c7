/**
 * A row of <vitrine-selling-points> wider than the element scrolls: while it does, it is a
 * focusable scroll region (keyboard users can scroll it). Loaded with `import()` after the first
 * render; a ResizeObserver reports after layout, so the element never reads layout while rendering
 * nor renders twice for it.
 */
export interface OverflowHost {
  renderRoot: ShadowRoot;
  resize?: ResizeObserver;
}

/** Observes the row afresh after each render, so it reports once more as the items change. */
export function watchOverflow(host: OverflowHost): void {
  const list = host.renderRoot.querySelector('ul')!;
  const resize = (host.resize ??= new ResizeObserver(() => {
    if (list.scrollWidth > list.clientWidth + 1) list.setAttribute('tabindex', '0');
    else list.removeAttribute('tabindex');
  }));
  resize.unobserve(list);
  resize.observe(list);
}
