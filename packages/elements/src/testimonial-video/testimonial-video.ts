import { html, type PropertyDeclarations, type TemplateResult } from 'lit';
import { VitrineElement } from '../base/vitrine-element.js';
import { nextTurn } from '../base/turn.js';
import { base } from '../base/tokens.js';
import { registerStrings } from '../base/i18n.js';
import { arrayOf, safeUrl } from '../base/config.js';
import { intlReady, warmIntlLazily } from '../base/intl-ready.js';
import { styles } from './testimonial-video.styles.js';

// English of the facade inline; player.ts and list.ts keep their own English. Other locales load
// lazily, all of the element's strings at once.
registerStrings(
  'testimonial-video',
  {
    en: {
      play: 'Play video: {title}',
      rating: '{rating} out of {max}',
      verified: 'Verified buyer',
      transcript: 'Transcript',
      empty: 'Testimonial video: set src to a video URL',
    },
  },
  {
    'zh-CN': () => import('./locales/zh-CN.js'),
    ar: () => import('./locales/ar.js'),
  },
);

export type { PlayerKit } from './kit.js';

/** A caption track of a testimonial (WebVTT). */
export interface TestimonialTrack {
  src: string;
  /** BCP 47 language; defaults to the element's locale. */
  srclang?: string;
  label?: string;
}

/** One testimonial, as given in `items` (the element's own attributes make a single one). */
export interface Testimonial {
  /** MP4/WebM, HLS (`.m3u8`), a YouTube or a Vimeo URL. */
  src: string;
  poster?: string;
  headline?: string;
  customer?: string;
  /** 0 to 5. */
  rating?: number | string;
  verified?: boolean;
  /** One WebVTT captions file (shorthand for `tracks: [{ src }]`). */
  captions?: string;
  captionsLang?: string;
  tracks?: TestimonialTrack[];
  transcript?: string;
  /** An MP4/WebM for browsers that cannot play an HLS `src` natively. */
  fallbackSrc?: string;
  /** The id analytics reports as `props.video`; defaults to the provider id or the URL. */
  id?: string;
}

type PlayerModule = typeof import('./player.js');
type ListModule = typeof import('./list.js');
let renderList: ListModule['renderList'] | undefined;
let listLoad: Promise<void> | undefined;
/** The facade's occasional part (extras.ts): the hover/focus warm-up, the bad-rating warning. */
const extras = () => import('./extras' + '.js') as Promise<typeof import('./extras.js')>;

/**
 * A customer testimonial video behind a facade: poster, headline, customer, star rating and a
 * verified-buyer badge, with a real play button. No player code and no third-party request until
 * the shopper presses play (a `preconnect` warms the connection on hover/focus). Several
 * testimonials (`items`) become a scroll-snap list with previous/next buttons.
 *
 * @tag vitrine-testimonial-video
 * @slot transcript - The transcript of a single video (else `transcript`, else read from the captions on opening).
 * @csspart base - The frame.
 * @csspart item - One testimonial.
 * @csspart poster - The poster image.
 * @csspart play - The play button.
 * @csspart meta - Headline, customer, badge and rating.
 * @csspart badge - The verified-buyer badge.
 * @csspart rating - The star rating.
 * @csspart transcript - The transcript `<details>`.
 * @csspart video - The native `<video>` once playing.
 * @csspart player - The YouTube/Vimeo `<iframe>` once playing.
 * @csspart list - The scroll-snap list (items mode).
 * @csspart nav - The previous/next buttons.
 * @cssprop --vitrine-testimonial-video-aspect-ratio - Frame ratio (default 16 / 9); the same property sizes the reservation in reserve.css.
 * @cssprop --vitrine-testimonial-video-background - Frame background.
 * @cssprop --vitrine-testimonial-video-play-background - Play and previous/next button background.
 * @cssprop --vitrine-testimonial-video-star - Colour of filled stars.
 * @fires vitrine-video-play - The shopper pressed play; detail: { index, src }.
 */
export class TestimonialVideo extends VitrineElement {
  static override i18n = 'testimonial-video';
  static override styles = [base, styles];
  static override properties: PropertyDeclarations = {
    src: {},
    poster: {},
    headline: {},
    customer: {},
    rating: {},
    verified: { type: Boolean },
    captions: {},
    captionsLang: { attribute: 'captions-lang' },
    transcript: {},
    fallbackSrc: { attribute: 'fallback-src' },
    videoId: { attribute: 'video-id' },
    items: {},
  };

  // No initialisers: unset reads as empty everywhere, and the constructor stays out of the bundle.
  /** Video URL: MP4/WebM, HLS (`.m3u8`), a YouTube or a Vimeo URL. */
  src?: string;
  poster?: string;
  headline?: string;
  customer?: string;
  /** 0 to 5, halves allowed. */
  rating?: number | string;
  verified?: boolean;
  /** A WebVTT captions file. */
  captions?: string;
  /** Language of `captions`; defaults to the element's locale. */
  captionsLang?: string;
  transcript?: string;
  /** MP4/WebM for browsers without native HLS. */
  fallbackSrc?: string;
  /** The id reported as `props.video`. */
  videoId?: string;
  /** Several testimonials (an array, or JSON in the attribute): shown as a scroll-snap list. */
  items?: Testimonial[] | string;

  /** The player part, loaded on the first play (or transcript) request. */
  player?: PlayerModule;
  /** Index of the testimonial whose player is open (none: undefined; who sets it renders). @internal */
  playing?: number;
  /** Index of the testimonial in view (items mode). @internal */
  current?: number;

  /**
   * The testimonials shown: `items`, or the element itself (its attributes are a testimonial's
   * fields; `video-id` stands for `id`, which is the element's HTML id).
   */
  get testimonials(): Testimonial[] {
    return this.items === undefined
      ? [this as unknown as Testimonial]
      : arrayOf<Testimonial>(this.localName, 'items', this.items).filter((i) => i && typeof i === 'object');
  }

  /**
   * Loads the player part (once). The specifier is a constant expression on purpose: bundlers
   * fold it and split the chunk as usual, but Vite then adds no preload helper (≈ 0.6 KB brotli
   * of runtime that a chunk with no CSS and only external imports does not need).
   */
  async load(): Promise<PlayerModule> {
    return (this.player ??= (await import('./player' + '.js')) as PlayerModule);
  }

  /** Opens the player of testimonial `index`: what its play button does (the player part checks its `src`). */
  async play(index = 0): Promise<void> {
    (await this.load()).play(this, index);
  }

  // Templates kept on few lines on purpose: the size check counts template whitespace.
  /** Testimonial `i`'s frame; `at` prefixes the fields its warnings name (`items[i].` in items mode). @internal */
  // prettier-ignore
  renderItem(item: Testimonial, i: number, at = ''): TemplateResult {
    const tag = this.localName;
    const src = safeUrl(tag, at + 'src', item.src);
    const poster = safeUrl(tag, at + 'poster', item.poster);
    const title = item.headline || item.customer || '';
    const given = item.rating;
    let rating = given === undefined || given === '' ? undefined : +given;
    if (!(rating! >= 0 && rating! <= 5) && rating !== undefined) {
      void extras().then((x) => x.badRating(this, at, given));
      rating = undefined;
    }
    const player = this.player;
    // Hover/focus on play: a video on another origin warms its connection (nothing to do for this origin).
    const warm = () => new URL(src!, location.href).origin != location.origin && extras().then((x) => x.warm(src!));
    return html`<figure part="item">${
      this.playing === i && player && src
        ? player.renderPlayer(this, item, src, i)
        : html`${poster ? html`<img part="poster" src=${poster} alt="">` : ''}${
            src
              ? html`<button part="play" class="play" aria-label=${this.t('play', { title })} @click=${() => this.play(i)} @pointerenter=${warm} @focus=${warm}><svg viewBox="0 0 10 12"><path d="M1 0l9 6-9 6z"/></svg></button>`
              : ''
          }<figcaption part="meta">${item.headline ? html`<b><bdi>${item.headline}</bdi></b>` : ''} ${item.customer ? html`<bdi>${item.customer}</bdi>` : ''} ${
            src || title ? '' : this.t('empty') /* nothing configured: say what to set */
          }${item.verified ? html`<span part="badge" class="badge">✓ ${this.t('verified')}</span>` : ''}${
            rating === undefined
              ? ''
              : html`<span part="rating" class="stars" role="img" aria-label=${this.t('rating', { rating: rating.toLocaleString(this.locale), max: (5).toLocaleString(this.locale) })}><span class="fill" .style=${`width:${rating * 20}%`}></span></span>`
          }</figcaption>`
    }${
      // The transcript's text and the captions reader come with the player part, on opening.
      item.transcript || item.captions || item.tracks?.length || (!at && this.querySelector('[slot=transcript]'))
        ? html`<details part="transcript" @toggle=${() => this.load().then((p) => p.openTranscript(this, item, i))}><summary>${this.t('transcript')}</summary>${player?.renderTranscript(this, item, i)}</details>`
        : ''
    }</figure>`;
  }

  /** Items mode needs the list part: the render waits for it (no flash of a single video). */
  protected override pending(): Promise<unknown> | undefined {
    // A rating's label formats numbers: ICU starts in a worker first (see base/intl-warm.ts), so
    // the first format does not hold the main thread for 30-40 ms.
    if (!intlReady && this.testimonials.some((t) => t.rating != null)) return warmIntlLazily();
    if (this.items === undefined || renderList) return undefined;
    // Offline or blocked: the first testimonial alone.
    return (listLoad ??= nextTurn()
      .then(() => import('./list' + '.js'))
      .then(
        (m: ListModule) => void (renderList = m.renderList),
        () => void (renderList = (host, items) => (items[0] ? host.renderItem(items[0], 0, 'items[0].') : html``)),
      ));
  }

  // prettier-ignore
  override render(): TemplateResult {
    return html`<div part="base" class="base">${this.items === undefined ? this.renderItem(this as Testimonial, 0) : renderList!(this, this.testimonials)}</div>`;
  }
}

declare module '../base/vitrine-element.js' {
  interface VitrineEventMap {
    'vitrine-video-play': CustomEvent<{ index: number; src: string }>;
  }
}
