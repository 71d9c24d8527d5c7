/**
 * Calls `fn` once, the first time at least half of `el` is in the viewport (the usual definition
 * of an ad or widget impression). Returns a function that stops watching. Without
 * IntersectionObserver nothing is reported: better no impression than a false one.
 */
export function onceVisible(el: Element, fn: () => void): () => void {
  if (typeof IntersectionObserver === 'undefined') return () => {};
  const io = new IntersectionObserver(
    (entries) => {
      if (entries.some((e) => e.isIntersecting && e.intersectionRatio >= 0.5)) {
        io.disconnect();
        fn();
      }
    },
    { threshold: 0.5 },
  );
  io.observe(el);
  return () => io.disconnect();
}
