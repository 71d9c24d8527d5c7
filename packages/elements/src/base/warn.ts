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

/** Test hook: forget what has been said. */
export function resetWarnings(): void {
  said.clear();
}
