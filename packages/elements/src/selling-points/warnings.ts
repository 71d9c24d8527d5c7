/**
 * The texts of <vitrine-selling-points>'s config warnings, loaded with `import()` only when a
 * configuration has a problem: each is said a moment later, once, naming the element and the field.
 */
import type { SellingPoints } from './selling-points.js';

const texts = {
  title: (i: number) => [`items[${i}].title`, 'is missing; that item is left out.'],
  count: (n: number) => ['items', `has ${n} entries; 2 to 6 are supported (at most 6 are shown).`],
  icon: (icon: string, names: string) => ['icon', `"${icon}" is neither a built-in icon (${names}) nor a URL.`],
} as const;

export type Warning = keyof typeof texts;

/** Says warning `key` about `value` (once, naming the element and the field, as every warning). */
export function warn(host: SellingPoints, key: Warning, value: string | number): void {
  const [field, message] = texts[key](value as never, (host.constructor as typeof SellingPoints).icons.join(', '));
  (host as unknown as { warn(field: string, message: string): void }).warn(field, message);
}
