/**
 * The wording of the warnings of the base and of the elements' own data checks. Loaded only when
 * something is wrong (see `warnLater` in warn.ts), so no element's first load carries it.
 */
export const json = (error: string): string =>
  `the JSON block is not valid JSON (${error}); attributes and defaults are used instead.`;
export const jsonShape = (): string => 'the JSON block must be an object of settings; it was ignored.';
export const unknown = (): string => 'is not a setting of this element; it was ignored.';
export const oneOf = (value: unknown, allowed: readonly string[], fallback: string): string =>
  `"${String(value)}" is not one of ${allowed.map((a) => `"${a}"`).join(', ')}; using "${fallback}".`;
export const numberIn = (value: unknown, min: number, max: number, fallback: number): string =>
  `${JSON.stringify(value)} is not a number from ${min} to ${max}; using ${fallback}.`;
export const arrayJson = (): string => 'is not valid JSON; expected an array.';
export const array = (): string => 'must be an array; it was ignored.';
export const url = (value: string): string => `"${value}" is not an http(s) or relative URL; it was refused.`;
export const track = (type: string, error: string): string => `track("${type}") failed: ${error}`;
export const version = (theirs: string, mine: string): string =>
  `Vitrine ${theirs} defined this tag first; this copy (${mine}) uses it. Load Vitrine once per page.`;
export const define = (error: string): string => `was not registered: ${error}`;
export const strings = (error: string): string => `strings did not load (${error}); using English.`;

// The elements' own checks (selling points, scenario compare).
export const missing = (what: string): string => `is missing; that ${what} is left out.`;
export const count = (n: number): string => `has ${n} entries; 2 to 6 are supported (at most 6 are shown).`;
export const icon = (name: string, names: readonly string[]): string =>
  `"${name}" is neither a built-in icon (${names.join(', ')}) nor a URL.`;
export const row = (): string => 'needs a "label" and a "value"; that row is left out.';
export const selected = (id: string): string => `"${id}" is not a scenario id; showing the first.`;
export const duplicate = (id: string, instead: string): string =>
  `"${id}" is the id of an earlier scenario; this one is "${instead}".`;
