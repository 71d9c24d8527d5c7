import { warnLater } from './warn.js';

/**
 * The reviver of every `JSON.parse` of the page's settings: it drops the keys every object has
 * (`toString`, `valueOf`, `constructor`, `__proto__`…). An object with its own `toString`
 * (`{"toString": 0}`) throws wherever it is turned into text, as an attribute or a label is.
 */
export const noTextHooks = (key: string, value: unknown): unknown => (key in {} ? undefined : value);

/**
 * Reads the element's `<script type="application/json">` child. Bad JSON or a non-object
 * gives one warning naming the element and `undefined`, never an exception.
 */
export function readJsonConfig(host: Element): Record<string, unknown> | undefined {
  const script = host.querySelector(':scope > script[type="application/json"]');
  if (!script) return undefined;
  const tag = host.localName;
  let value: unknown;
  try {
    value = JSON.parse(script.textContent ?? '', noTextHooks);
  } catch (error) {
    warnLater(tag, 'config', 'json', (error as Error).message);
    return undefined;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    warnLater(tag, 'config', 'jsonShape');
    return undefined;
  }
  return value as Record<string, unknown>;
}

/** `value` if it is one of `allowed`, else `fallback` with a warning. */
export function oneOf<T extends string>(
  tag: string,
  field: string,
  value: unknown,
  allowed: readonly T[],
  fallback: T,
): T {
  if (value === undefined || value === null) return fallback;
  if ((allowed as readonly unknown[]).includes(value)) return value as T;
  warnLater(tag, field, 'oneOf', value, allowed, fallback);
  return fallback;
}

/** A finite number within [min, max], else `fallback` with a warning. */
export function numberIn(
  tag: string,
  field: string,
  value: unknown,
  min: number,
  max: number,
  fallback: number,
): number {
  if (value === undefined || value === null || value === '') return fallback;
  const n = typeof value === 'string' ? Number(value) : value;
  if (typeof n === 'number' && Number.isFinite(n) && n >= min && n <= max) return n;
  warnLater(tag, field, 'numberIn', value, min, max, fallback);
  return fallback;
}

/** An array (parsing a JSON string if given one), else `[]` with a warning. */
export function arrayOf<T>(tag: string, field: string, value: unknown): T[] {
  if (value === undefined || value === null || value === '') return [];
  let v = value;
  if (typeof v === 'string') {
    try {
      v = JSON.parse(v, noTextHooks);
    } catch {
      warnLater(tag, field, 'arrayJson');
      return [];
    }
  }
  if (Array.isArray(v)) return v as T[];
  warnLater(tag, field, 'array');
  return [];
}

/** Only http(s) and relative URLs; anything else (javascript:, data:, …) is refused with a warning. */
export function safeUrl(tag: string, field: string, value: unknown): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const base = typeof location === 'undefined' ? 'https://example.invalid/' : location.href;
  try {
    const url = new URL(value, base);
    if (url.protocol === 'http:' || url.protocol === 'https:') return value;
  } catch {
    /* fall through to the warning */
  }
  warnLater(tag, field, 'url', value);
  return undefined;
}
