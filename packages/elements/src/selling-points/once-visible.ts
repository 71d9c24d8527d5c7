/**
 * Calls `fn` once, the first time at least half of `el` is in the viewport (the usual definition
 * of an ad or widget impression). Returns a function that stops watching.
 */
export function onceVisible(el: Element, fn: () => void): () => void {
  const io = new IntersectionObserver(
    (entries) => entries.some((e) => e.intersectionRatio >= 0.5) && (io.disconnect(), fn()),
    { threshold: 0.5 },
  );
  io.observe(el);
  return () => io.disconnect();
}
