/**
 * What the lazily loaded parts of <vitrine-testimonial-video> (player.ts, list.ts) use of the
 * element. They import no runtime code of the element or of the eager shared base (a chunk shared
 * with the element would cost every page bytes; base/lazy-styles.ts is imported by lazy parts
 * only), so the little they need of both is here.
 */
import type { TestimonialVideo } from './testimonial-video.js';

/** The element's protected helpers, as the lazy parts call them. */
export interface PlayerKit {
  t(key: string, params?: Record<string, string | number>): string;
  warn(field: string, message: string): void;
  track(type: string, fields: { props: Record<string, string | number> }): void;
}

export const kitOf = (host: TestimonialVideo): PlayerKit => host as unknown as PlayerKit;

/**
 * The host's string `key` in its locale, else `en` (with `{name}` placeholders filled): the lazy
 * parts keep their English with them; other locales' strings come with the element's lazily
 * loaded locale catalogue.
 */
export function say(host: TestimonialVideo, key: string, en: string, params: Record<string, string | number> = {}) {
  const text = kitOf(host).t(key, params);
  return text == key ? en.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name])) : text;
}

/** As the base's `safeUrl`, with the same warning: only http(s) and relative URLs. */
export function url(host: TestimonialVideo, field: string, value: unknown): string | undefined {
  if (typeof value != 'string' || !value.trim()) return undefined;
  try {
    if (/^https?:$/.test(new URL(value, location.href).protocol)) return value;
  } catch {
    /* refused below */
  }
  kitOf(host).warn(field, `"${value}" is not an http(s) or relative URL; it was refused.`);
  return undefined;
}
