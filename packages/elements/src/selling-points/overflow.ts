/**
 * After each render of <vitrine-selling-points>, what needs the rendered row: a row wider than
 * the element scrolls, and while it does it is a focusable scroll region (keyboard users can
 * scroll it); icon images that fail are hidden. Loaded with `import()` after the first render; a
 * ResizeObserver reports after layout, so the element never reads layout while rendering nor
 * renders twice for it.
 */
export interface OverflowHost {
  renderRoot: ShadowRoot;
  resize?: ResizeObserver;
}

/** Observes the row afresh after each render, so it reports once more as the items change. */
export function watchOverflow(host: OverflowHost): void {
  const list = host.renderRoot.querySelector('ul')!;
  // An icon image that cannot be drawn (a 404, a file that is no image) is hidden rather than
  // drawn as the browser's broken-image glyph. Its box stays: nothing moves when it fails.
  for (const img of list.querySelectorAll('img'))
    img.decode().then(
      () => (img.style.visibility = ''),
      () => (img.style.visibility = 'hidden'),
    );
  const resize = (host.resize ??= new ResizeObserver(() => {
    if (list.scrollWidth > list.clientWidth + 1) list.setAttribute('tabindex', '0');
    else list.removeAttribute('tabindex');
  }));
  resize.unobserve(list);
  resize.observe(list);
}
