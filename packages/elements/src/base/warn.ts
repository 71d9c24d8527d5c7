import type * as Messages from './messages.js';

/**
 * One console warning per (element, field, message) for the life of the page, so a bad
 * config is reported clearly once instead of on every render.
 */
const said = new Set<string>();

export function warnOnce(tag: string, field: string, message: string): void {
  const key = `${tag}\u0000${field}\u0000${message}`;
  if (said.has(key)) return;
  said.add(key);
  console.warn(`<${tag}> ${field}: ${message}`);
}

type Key = keyof typeof Messages;
let queue: Promise<unknown> = Promise.resolve();

/**
 * `warnOnce` with the wording in messages.ts, which loads only when a warning is due: the text
 * weighs on no element's first load, and the warning prints a moment later, in order. Should the
 * wording fail to load (or fail on an odd value), the warning still prints, naming its kind; it
 * never rejects.
 */
export function warnLater<K extends Key>(
  tag: string,
  field: string,
  kind: K,
  ...args: Parameters<(typeof Messages)[K]>
): void {
  queue = queue
    .then(() => import('./messages.js'))
    .then((m) => (m[kind] as (...a: unknown[]) => string)(...args))
    // The wording did not load, or cannot word this value (a BigInt has no JSON): still say it.
    .catch(() => `invalid (${kind})`)
    .then((message) => warnOnce(tag, field, message))
    // A console that throws must not stop the warnings after this one.
    .catch(() => {});
}

/** Resolves once every warning asked for so far has printed (for tests and tools). */
export const warned = (): Promise<unknown> => queue;

/** Test hook: forget what has been said. */
export function resetWarnings(): void {
  said.clear();
}
