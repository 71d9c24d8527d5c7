/**
 * Items mode of <vitrine-testimonial-video>: the scroll-snap list with previous/next buttons,
 * loaded with `import()` only by elements given `items` (their first render waits for it, in the
 * space reserve.css holds, so nothing flashes or shifts). A single video never loads it, nor its
 * styles and strings.
 */
import { css, html, nothing, type TemplateResult } from 'lit';
import type { Testimonial, TestimonialVideo } from './testimonial-video.js';
import { say } from './kit.js';
import { addStyles } from '../base/lazy-styles.js';
import { visuallyHidden } from '../base/visually-hidden.js';

const listStyles = css`
  .list {
    position: absolute;
    inset: 0;
    display: flex;
    margin: 0;
    padding: 0;
    overflow-x: auto;
    scroll-snap-type: x mandatory;
    scroll-behavior: smooth;
    scrollbar-width: none;
  }
  li {
    position: relative;
    flex: 0 0 100%;
    scroll-snap-align: start;
    list-style: none;
  }
  .nav {
    position: absolute;
    inset: 0;
    margin: auto 8px;
    inline-size: 40px;
    block-size: 40px;
    border: 0;
    border-radius: 50%;
    background: var(--vitrine-testimonial-video-play-background, rgb(0 0 0 / 0.75));
    color: #fff;
    font-size: 1.5em;
    cursor: pointer;
  }
  .nav[aria-disabled='true'] {
    opacity: 0.4;
    cursor: default;
  }
  .prev {
    margin-inline-end: auto;
  }
  .next {
    margin-inline-start: auto;
  }
  @media (prefers-reduced-motion: reduce) {
    .list {
      scroll-behavior: auto;
    }
  }
`;

/**
 * Moves the list one testimonial back (-1) or on (1); at an end, nothing. The buttons at the ends
 * are `aria-disabled`, not `disabled`: a disabled button loses the focus, which fell to the page's
 * <body> when "Next video" reached the last testimonial.
 */
function go(host: TestimonialVideo, step: number): void {
  const list = host.renderRoot.querySelector('ul')!;
  host.current = Math.max(0, Math.min(list.children.length - 1, (host.current ?? 0) + step));
  host.requestUpdate();
  list.scrollTo({ left: (host.isRtl ? -1 : 1) * host.current * list.clientWidth });
}

export function renderList(host: TestimonialVideo, items: Testimonial[]): TemplateResult {
  // No testimonial to show (`items="[]"`, or none usable): the single frame's "set src" text, as
  // with nothing configured, rather than a blank frame.
  if (!items.length) return host.renderItem({} as Testimonial, 0);
  addStyles(host.shadowRoot, visuallyHidden);
  addStyles(host.shadowRoot, listStyles);
  const total = items.length;
  const current = host.current ?? 0;
  return html`<ul
      part="list"
      class="list"
      tabindex="0"
      aria-label=${say(host, 'list', 'Customer videos')}
      @scroll=${(e: Event) => {
        const list = e.target as HTMLElement;
        const at = Math.abs(list.scrollLeft) / (list.clientWidth || 1);
        if (host.current !== Math.round(at)) {
          host.current = Math.round(at);
          host.requestUpdate();
        }
        // A video scrolled wholly out of view stops (its facade comes back).
        if (host.playing !== undefined && Math.abs(at - host.playing) >= 1) {
          host.playing = undefined;
          host.requestUpdate();
        }
      }}
    >
      ${items.map((item, i) => html`<li>${host.renderItem(item, i, `items[${i}].`)}</li>`)}
    </ul>
    ${
      // ‹ and › are bidi-mirrored characters: under dir=rtl they point the other way by themselves.
      total > 1
        ? html`<button
              part="nav"
              class="nav prev"
              aria-label=${say(host, 'prev', 'Previous video')}
              aria-disabled=${current < 1}
              @click=${() => go(host, -1)}
            >
              ‹</button
            ><button
              part="nav"
              class="nav next"
              aria-label=${say(host, 'next', 'Next video')}
              aria-disabled=${current >= total - 1}
              @click=${() => go(host, 1)}
            >
              ›</button
            ><span class="visually-hidden" aria-live="polite"
              >${say(host, 'position', '{n} of {total}', { n: current + 1, total })}</span
            >`
        : nothing
    }`;
}
