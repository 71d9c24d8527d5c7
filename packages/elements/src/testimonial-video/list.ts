/**
 * Items mode of <vitrine-testimonial-video>: the scroll-snap list with previous/next buttons,
 * loaded with `import()` only by elements given `items` (their first render waits for it, in the
 * space reserve.css holds, so nothing flashes or shifts). A single video never loads it.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Testimonial, TestimonialVideo } from './testimonial-video.js';

function go(host: TestimonialVideo, step: number): void {
  const list = host.renderRoot.querySelector('ul')!;
  host.current = Math.max(0, Math.min(list.children.length - 1, host.current + step));
  list.scrollTo({ left: (host.isRtl ? -1 : 1) * host.current * list.clientWidth });
}

export function renderList(
  host: TestimonialVideo,
  items: Testimonial[],
  t: (key: string, params?: Record<string, string | number>) => string,
): TemplateResult {
  const total = items.length;
  return html`<ul
      part="list"
      class="list"
      tabindex="0"
      aria-label=${t('list')}
      @scroll=${(e: Event) => {
        const list = e.target as HTMLElement;
        const at = Math.abs(list.scrollLeft) / (list.clientWidth || 1);
        host.current = Math.round(at);
        // A video scrolled wholly out of view stops (its facade comes back).
        if (host.playing >= 0 && Math.abs(at - host.playing) >= 1) host.playing = -1;
      }}
    >
      ${items.map((item, i) => html`<li>${host.renderItem(item, i)}</li>`)}
    </ul>
    ${
      // ‹ and › are bidi-mirrored characters: under dir=rtl they point the other way by themselves.
      total > 1
        ? html`<button
              part="nav"
              class="nav prev"
              aria-label=${t('prev')}
              ?disabled=${host.current < 1}
              @click=${() => go(host, -1)}
            >
              ‹</button
            ><button
              part="nav"
              class="nav next"
              aria-label=${t('next')}
              ?disabled=${host.current >= total - 1}
              @click=${() => go(host, 1)}
            >
              ›</button
            ><span class="visually-hidden" aria-live="polite">${t('position', { n: host.current + 1, total })}</span>`
        : nothing
    }`;
}
