/**
 * schema.org JSON-LD for a testimonial video, for the merchant's server-rendered HTML: a
 * `Review` of the product whose `video` is a `VideoObject`. Pure and DOM-free (runs in Node).
 */
import { parseSource } from './source.js';

export interface TestimonialJsonLdInput {
  /** The product reviewed. */
  product: { name: string; url?: string; sku?: string; image?: string };
  /** The customer's name as shown (the review's author). */
  customer: string;
  headline?: string;
  /** 0–5. */
  rating?: number;
  /** What the customer says (e.g. the transcript). */
  transcript?: string;
  /** ISO 8601 date of the review. */
  datePublished?: string;
  video: {
    src: string;
    poster?: string;
    /** ISO 8601 date (required by search engines for a VideoObject). */
    uploadDate: string;
    /** Length in seconds. */
    duration?: number;
    name?: string;
    description?: string;
  };
  /** Resolves relative URLs (the page's URL); required when URLs are relative. */
  baseUrl?: string;
}

/** Seconds as an ISO 8601 duration: 95 → "PT1M35S". */
export function isoDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return `PT${h ? `${h}H` : ''}${m ? `${m}M` : ''}${s % 60 || !(h || m) ? `${s % 60}S` : ''}`;
}

function absolute(url: string | undefined, base?: string): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url, base).href;
  } catch {
    throw new TypeError(`testimonialJsonLd: "${url}" is not an absolute URL; pass baseUrl to resolve it.`);
  }
}

/** The JSON-LD object (a schema.org `Review` with a `VideoObject`), without `undefined` fields. */
export function testimonialJsonLd(input: TestimonialJsonLdInput): Record<string, unknown> {
  const { video, baseUrl } = input;
  const source = parseSource(absolute(video.src, baseUrl)!);
  if (!source) throw new TypeError(`testimonialJsonLd: video.src "${video.src}" is not an http(s) video URL.`);
  const embed =
    source.kind === 'youtube'
      ? `https://www.youtube-nocookie.com/embed/${source.id}`
      : source.kind === 'vimeo'
        ? `https://player.vimeo.com/video/${source.id}`
        : undefined;
  const name = video.name ?? input.headline ?? `${input.customer} on ${input.product.name}`;
  const data = {
    '@context': 'https://schema.org',
    '@type': 'Review',
    name: input.headline,
    author: { '@type': 'Person', name: input.customer },
    datePublished: input.datePublished,
    reviewBody: input.transcript,
    reviewRating:
      input.rating === undefined
        ? undefined
        : { '@type': 'Rating', ratingValue: input.rating, bestRating: 5, worstRating: 0 },
    itemReviewed: {
      '@type': 'Product',
      name: input.product.name,
      url: absolute(input.product.url, baseUrl),
      sku: input.product.sku,
      image: absolute(input.product.image, baseUrl),
    },
    video: {
      '@type': 'VideoObject',
      name,
      description: video.description ?? input.transcript ?? name,
      thumbnailUrl: absolute(video.poster, baseUrl),
      uploadDate: video.uploadDate,
      duration: video.duration === undefined ? undefined : isoDuration(video.duration),
      contentUrl: embed ? undefined : source.url,
      embedUrl: embed,
    },
  };
  return JSON.parse(JSON.stringify(data)) as Record<string, unknown>;
}

/**
 * The `<script type="application/ld+json">` element as HTML text. `<` is escaped so a customer's
 * words can never close the script early.
 */
export function testimonialJsonLdScript(input: TestimonialJsonLdInput): string {
  const json = JSON.stringify(testimonialJsonLd(input)).replace(/</g, '\\u003c');
  return `<script type="application/ld+json">${json}</script>`;
}
