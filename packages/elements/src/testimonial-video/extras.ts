/**
 * What the facade of <vitrine-testimonial-video> needs only now and then, loaded with `import()`
 * apart from the player: the connection warm-up when the shopper points at or focuses the play
 * button of a video on another origin, and the warning for a bad rating. It fetches nothing
 * itself and imports no runtime code of the element, the base or the other lazy parts (see kit.ts).
 */
import type { TestimonialVideo } from './testimonial-video.js';
import type { PlayerKit } from './kit.js';

/**
 * A `preconnect` to where a click on play will connect: the provider's player origin for YouTube
 * and Vimeo, else the file's origin (none for this origin, none twice).
 */
export function warm(src: string): void {
  const url = new URL(src, location.href);
  const origin = /youtu/.test(url.host)
    ? 'https://www.youtube-nocookie.com'
    : /vimeo/.test(url.host)
      ? 'https://player.vimeo.com'
      : url.origin;
  if (origin != location.origin && !document.querySelector(`link[href="${origin}"]`))
    document.head.append(Object.assign(document.createElement('link'), { rel: 'preconnect', href: origin }));
}

/** The warning for a `rating` that is not a number from 0 to 5 (`at`: `items[i].` in items mode). */
export function badRating(host: TestimonialVideo, at: string, given: unknown): void {
  (host as unknown as PlayerKit).warn(
    at + 'rating',
    `"${String(given)}" is not a number from 0 to 5; no rating is shown.`,
  );
}
