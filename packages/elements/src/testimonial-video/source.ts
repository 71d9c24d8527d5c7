/**
 * Where a testimonial video lives, read from its URL. Pure: no DOM, works on a server too.
 * YouTube and Vimeo are recognised by host and path; `.m3u8` is HLS; anything else is a file.
 */
export type SourceKind = 'youtube' | 'vimeo' | 'hls' | 'file';

export interface VideoSource {
  kind: SourceKind;
  /** The provider's video id, or the URL of a file. */
  id: string;
  /** The URL as given (files) or resolved (providers). */
  url: string;
}

const YT_HOSTS = /^(?:www\.|m\.)?(?:youtube\.com|youtube-nocookie\.com|youtu\.be)$/;
const YT_ID = /^[\w-]{11}$/;

/** Reads a video URL; `undefined` when it is not http(s)/relative or a provider URL without a valid id. */
export function parseSource(src: string, base = 'https://example.invalid/'): VideoSource | undefined {
  let url: URL;
  try {
    url = new URL(src, base);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  const host = url.hostname;
  const parts = url.pathname.split('/').filter(Boolean);
  if (YT_HOSTS.test(host)) {
    const id = host.endsWith('youtu.be')
      ? parts[0]
      : parts[0] === 'watch'
        ? url.searchParams.get('v')
        : ['embed', 'shorts', 'live', 'v'].includes(parts[0] ?? '')
          ? parts[1]
          : undefined;
    return id && YT_ID.test(id) ? { kind: 'youtube', id, url: url.href } : undefined;
  }
  if (host === 'vimeo.com' || host === 'www.vimeo.com' || host === 'player.vimeo.com') {
    const id = parts.find((p) => /^\d+$/.test(p));
    return id ? { kind: 'vimeo', id, url: url.href } : undefined;
  }
  return { kind: url.pathname.endsWith('.m3u8') ? 'hls' : 'file', id: src, url: src };
}
