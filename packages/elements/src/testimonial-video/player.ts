/**
 * The player part of <vitrine-testimonial-video>, loaded with `import()` on the first play
 * click (or transcript opening), so the facade costs no more than its poster: the players, the
 * progress events, the transcript's text and the captions reader. Of the element's modules it
 * imports only kit.ts (and types), so bundlers cannot pull facade or base code into a chunk shared
 * with the element.
 */
import { css, html, type TemplateResult } from 'lit';
import { ref } from 'lit/directives/ref.js';
import type { Testimonial, TestimonialVideo } from './testimonial-video.js';
import { kitOf, say, url } from './kit.js';
import { addStyles } from '../base/lazy-styles.js';
import { parseSource, type VideoSource } from './source.js';

// English here; the other locales' strings are in locales/, loaded with the element's strings.
const EN = {
  noHls: 'This browser cannot play this video stream.',
  noVideo: 'This video cannot be played here.',
  open: 'Open the video',
  video: 'Customer video',
};

/** The name of language `code` in `locale` ("English", "英语"), else the code itself. */
function languageName(code: string, locale: string): string {
  try {
    return new Intl.DisplayNames(locale, { type: 'language' }).of(code) || code;
  } catch {
    return code; // not a language tag (or no Intl.DisplayNames)
  }
}

const playerStyles = css`
  details[open] {
    inset-inline-start: 0.5em;
    max-block-size: calc(100% - 1em);
  }
  .text {
    padding: 0 0.8em 0.6em;
  }
  .text p {
    margin: 0 0 0.4em;
  }
  video,
  iframe,
  .fallback {
    position: absolute;
    inset: 0;
    inline-size: 100%;
    block-size: 100%;
    margin: 0;
    border: 0;
    background: #000;
  }
  .fallback {
    display: grid;
    place-content: center;
    gap: 0.5em;
    padding: 1em;
    text-align: center;
  }
  .fallback a {
    color: #fff;
  }
`;

const MILESTONES = [0, 25, 50, 75, 100];
const EVENTS = ['video_start', 'video_progress', 'video_progress', 'video_progress', 'video_complete'];
const reported = new WeakMap<object, Set<string>>();
/** Transcripts read from captions, by element and index. */
const texts = new WeakMap<object, Record<number, string>>();

/**
 * Reports progress milestones of video `id` through the client: `video_start` (0),
 * `video_progress` at 25/50/75 and `video_complete` (100), each once per element and page view,
 * and every milestone up to `percent` (a seek past 50 % counts 25 and 50).
 */
export function reportProgress(host: TestimonialVideo, id: string, percent: number): void {
  let seen = reported.get(host);
  if (!seen) reported.set(host, (seen = new Set()));
  MILESTONES.forEach((m, i) => {
    if (percent < m || seen.has(id + '\u0000' + m)) return;
    seen.add(id + '\u0000' + m);
    kitOf(host).track(EVENTS[i]!, { props: { video: id, percent: m } });
  });
}

/** The privacy-friendly player URL of a provider video (autoplay: it opens on the shopper's click). */
export function embedUrl(source: VideoSource): string {
  return source.kind === 'youtube'
    ? `https://www.youtube-nocookie.com/embed/${source.id}?autoplay=1&enablejsapi=1`
    : `https://player.vimeo.com/video/${source.id}?autoplay=1&dnt=1`;
}

/** Whether this browser plays HLS in `<video>` by itself (Safari, iOS, some Android browsers). */
export function playsHls(): boolean {
  return document.createElement('video').canPlayType('application/vnd.apple.mpegurl') !== '';
}

/**
 * Reads a provider's postMessage and returns progress in percent (0 = playing, 100 = ended),
 * or undefined when the message says nothing about progress. `last` keeps YouTube's duration,
 * which arrives in an earlier message than the times.
 */
export function progressOf(kind: 'youtube' | 'vimeo', data: unknown, last: { duration: number }): number | undefined {
  let m: Record<string, unknown> | null;
  try {
    m = typeof data === 'string' ? JSON.parse(data) : (data as Record<string, unknown>);
  } catch {
    return undefined;
  }
  if (!m || typeof m !== 'object') return undefined;
  if (kind === 'youtube') {
    const info = m.info as Record<string, unknown> | undefined;
    if (m.event !== 'infoDelivery' || !info || typeof info !== 'object') return undefined;
    if (typeof info.duration === 'number' && info.duration > 0) last.duration = info.duration;
    if (info.playerState === 0) return 100;
    if (typeof info.currentTime === 'number' && last.duration > 0)
      return Math.min(99, (info.currentTime / last.duration) * 100);
    return info.playerState === 1 ? 0 : undefined;
  }
  const d = m.data as Record<string, unknown> | undefined;
  if (m.event === 'play') return 0;
  if (m.event === 'ended') return 100;
  if (m.event === 'timeupdate' && d && typeof d.percent === 'number') return Math.min(99, d.percent * 100);
  return undefined;
}

/** Listens to a provider iframe's progress messages (checked by origin and source); returns the unsubscribe. */
export function watchFrame(
  frame: HTMLIFrameElement,
  kind: 'youtube' | 'vimeo',
  report: (p: number) => void,
): () => void {
  const origin = new URL(frame.src).origin;
  const last = { duration: 0 };
  const post = (message: unknown) => frame.contentWindow?.postMessage(JSON.stringify(message), origin);
  const onMessage = (e: MessageEvent) => {
    if (e.origin !== origin || e.source !== frame.contentWindow) return;
    // Vimeo's player announces itself; then it is told which events to send.
    if (kind === 'vimeo' && /"event":\s*"ready"/.test(String(e.data)))
      for (const value of ['play', 'timeupdate', 'ended']) post({ method: 'addEventListener', value });
    const p = progressOf(kind, e.data, last);
    if (p !== undefined) report(p);
  };
  // YouTube's embed sends its state (infoDelivery) once a parent says it is listening.
  const onLoad = () => kind === 'youtube' && post({ event: 'listening', id: 1, channel: 'widget' });
  addEventListener('message', onMessage);
  frame.addEventListener('load', onLoad);
  return () => {
    removeEventListener('message', onMessage);
    frame.removeEventListener('load', onLoad);
  };
}

/**
 * Opens the player of testimonial `index` (the element's `play()`), with a warning instead when its
 * `src` is not an http(s) or relative URL.
 */
export function play(host: TestimonialVideo, index: number): void {
  const src = url(host, (host.items ? `items[${index}].` : '') + 'src', host.testimonials[index]?.src);
  if (!src) return;
  host.playing = index;
  host.requestUpdate();
  host.emit('vitrine-video-play', { index, src });
}

const focus = (el?: Element) => el && requestAnimationFrame(() => (el as HTMLElement).focus({ preventScroll: true }));

/** The player of one testimonial, replacing its facade. `src` is already checked by the facade. */
export function renderPlayer(host: TestimonialVideo, item: Testimonial, src: string, index: number): TemplateResult {
  addStyles(host.shadowRoot, playerStyles);
  const at = host.items ? `items[${index}].` : '';
  const source = parseSource(src, location.href);
  const title = item.headline || item.customer || '';
  const fallback = (message: 'noHls' | 'noVideo', link?: string) =>
    html`<p class="fallback" role="status">
      ${say(host, message, EN[message])}
      ${link ? html`<a href=${link} target="_blank" rel="noopener" ${ref(focus)}>${say(host, 'open', EN.open)}</a>` : ''}
    </p>`;
  if (!source) {
    kitOf(host).warn(at + 'src', `"${src}" is not a recognised YouTube or Vimeo video URL; it was not played.`);
    return fallback('noVideo');
  }
  // The element itself stands for its single testimonial: its `id` is the HTML id, `videoId` the video's.
  const id = ((item as object) == host ? host.videoId : item.id) || source.id;
  const report = (p: number) => reportProgress(host, id, p);
  if (source.kind === 'youtube' || source.kind === 'vimeo') {
    let stop: (() => void) | undefined;
    return html`<iframe
      part="player"
      src=${embedUrl(source)}
      title=${title || source.kind}
      allow="autoplay; fullscreen; picture-in-picture; encrypted-media"
      allowfullscreen
      referrerpolicy="strict-origin-when-cross-origin"
      ${ref((el) => {
        stop?.();
        stop = el ? watchFrame(el as HTMLIFrameElement, source.kind as 'youtube', report) : undefined;
        focus(el);
      })}
    ></iframe>`;
  }
  let file = source.url;
  if (source.kind === 'hls' && !playsHls()) {
    const alternative = url(host, at + 'fallbackSrc', item.fallbackSrc);
    if (!alternative) return fallback('noHls', file);
    file = alternative;
  }
  const tracks = [
    ...(item.tracks ?? []),
    ...(item.captions ? [{ src: item.captions, srclang: item.captionsLang }] : []),
  ];
  // The <video> takes the focus: named after the testimonial, as its play button was.
  return html`<video
    part="video"
    aria-label=${title || say(host, 'video', EN.video)}
    src=${file}
    poster=${url(host, at + 'poster', item.poster) ?? ''}
    controls
    autoplay
    playsinline
    @play=${() => report(0)}
    @timeupdate=${(e: Event) => {
      const v = e.target as HTMLVideoElement;
      if (v.duration > 0 && Number.isFinite(v.duration)) report(Math.min(99, (v.currentTime / v.duration) * 100));
    }}
    @ended=${() => report(100)}
    ${ref(focus)}
  >
    ${tracks.map((t, i) => {
      const file = url(host, at + 'captions', t?.src);
      const lang = t.srclang || host.locale;
      return file
        ? html`<track
            kind="captions"
            src=${file}
            srclang=${lang}
            label=${t.label || languageName(lang, host.locale)}
            ?default=${i === 0}
          />`
        : '';
    })}
  </video>`;
}

/** The text of a WebVTT file without timings, settings, notes or tags: a transcript. */
export function vttToText(vtt: string): string {
  const lines: string[] = [];
  for (const block of vtt.replace(/\r\n?/g, '\n').split(/\n{2,}/)) {
    const rows = block.split('\n');
    const at = rows.findIndex((r) => r.includes('-->'));
    if (at < 0) continue; // the header, NOTE, STYLE and REGION blocks
    for (const row of rows.slice(at + 1)) {
      const text = row
        .replace(/<[^>]*>/g, '')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&nbsp;/g, ' ')
        .replace(/&amp;/g, '&')
        .trim();
      if (text && text !== lines[lines.length - 1]) lines.push(text);
    }
  }
  return lines.join('\n');
}

/** Whether the single testimonial's transcript is the `transcript` slot's content. */
const slotted = (host: TestimonialVideo) => !host.items && !!host.querySelector('[slot=transcript]');

/** The transcript's text inside its `<details>`: `transcript`, the slot, or read from the captions. */
export function renderTranscript(host: TestimonialVideo, item: Testimonial, index: number): TemplateResult {
  addStyles(host.shadowRoot, playerStyles);
  return html`<div class="text">
    ${(item.transcript || texts.get(host)?.[index] || '').split('\n').map((line) => html`<p>${line}</p>`)}
    ${slotted(host) ? html`<slot name="transcript"></slot>` : ''}
  </div>`;
}

/**
 * The transcript `<details>` of testimonial `index` toggled (the first toggle opens it): show it,
 * reading the captions if needed (once).
 */
export function openTranscript(host: TestimonialVideo, item: Testimonial, index: number): void {
  host.requestUpdate();
  if (!item.transcript && !slotted(host)) readTranscript(host, item, index);
}

/** Fills the transcript of testimonial `index` from its first captions file (read on opening). */
export async function readTranscript(host: TestimonialVideo, item: Testimonial, index: number): Promise<void> {
  const mine = texts.get(host) ?? {};
  if (mine[index] !== undefined) return;
  texts.set(host, mine);
  const file = url(host, (host.items ? `items[${index}].` : '') + 'captions', item.tracks?.[0]?.src ?? item.captions);
  if (!file) return;
  mine[index] = '…';
  host.requestUpdate();
  let text = '';
  try {
    const response = await fetch(file);
    if (response.ok) text = vttToText(await response.text());
  } catch {
    /* left empty: the panel says nothing rather than break */
  }
  mine[index] = text;
  host.requestUpdate();
}
