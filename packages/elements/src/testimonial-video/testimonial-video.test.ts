import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { TestimonialVideo } from './testimonial-video.js';
import { defineElement } from '../base/define.js';
import { resetWarnings, warned } from '../base/warn.js';
import { setDefaultClient } from '../base/client-slot.js';
import { parseSource } from './source.js';
import { embedUrl, progressOf, reportProgress, vttToText } from './player.js';
import { isoDuration, testimonialJsonLd, testimonialJsonLdScript } from './json-ld.js';

beforeAll(() => defineElement('vitrine-testimonial-video', TestimonialVideo));
afterEach(() => {
  document.body.innerHTML = '';
  resetWarnings();
  setDefaultClient(undefined);
  vi.restoreAllMocks();
});

async function mount(markup: string): Promise<TestimonialVideo> {
  document.body.innerHTML = markup;
  const el = document.body.querySelector('vitrine-testimonial-video') as TestimonialVideo;
  await el.updateComplete;
  return el;
}

const q = (el: Element, selector: string) => el.shadowRoot!.querySelector(selector);

describe('<vitrine-testimonial-video> facade', () => {
  it('shows poster, headline, customer, badge, accessible rating and a real play button, and no player', async () => {
    const el = await mount(`<vitrine-testimonial-video src="/v/quiet.mp4" poster="/p.svg" headline="So quiet"
      customer="Lena, renter" rating="4.5" verified captions="/c.vtt"></vitrine-testimonial-video>`);
    expect(q(el, 'img[part=poster]')!.getAttribute('src')).toBe('/p.svg');
    expect(q(el, 'img[part=poster]')!.getAttribute('alt')).toBe('');
    const button = q(el, 'button[part=play]')!;
    expect(button.getAttribute('aria-label')).toBe('Play video: So quiet');
    expect(q(el, '[part=meta]')!.textContent).toContain('Lena, renter');
    expect(q(el, '[part=badge]')!.textContent).toContain('Verified buyer');
    expect(q(el, '[part=rating]')!.getAttribute('aria-label')).toBe('4.5 out of 5');
    expect((q(el, '[part=rating] .fill') as HTMLElement).style.width).toBe('90%');
    expect(q(el, 'summary')!.textContent).toBe('Transcript');
    expect(q(el, 'video, iframe')).toBeNull();
    expect(el.player).toBeUndefined();
  });

  it('localises in zh-CN and Arabic', async () => {
    const zh = await mount(
      `<div lang="zh-CN"><vitrine-testimonial-video src="/a.mp4" headline="安静" rating="4" verified></vitrine-testimonial-video></div>`,
    );
    expect(q(zh, 'button')!.getAttribute('aria-label')).toBe('播放视频：安静');
    expect(q(zh, '[part=badge]')!.textContent).toContain('已验证买家');
    const ar = await mount(
      `<div lang="ar" dir="rtl"><vitrine-testimonial-video src="/a.mp4" headline="هادئ" rating="5"></vitrine-testimonial-video></div>`,
    );
    expect(q(ar, 'button')!.getAttribute('aria-label')).toBe('تشغيل الفيديو: هادئ');
    expect(q(ar, '[part=rating]')!.getAttribute('aria-label')).toBe(
      `${(5).toLocaleString('ar')} من ${(5).toLocaleString('ar')}`,
    );
  });

  it('says what to set when nothing is configured, in the page language', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const el = await mount('<vitrine-testimonial-video></vitrine-testimonial-video>');
    expect(q(el, '[part=meta]')!.textContent!.trim()).toBe('Testimonial video: set src to a video URL');
    expect(q(el, 'button[part=play]')).toBeNull();
    expect(warn).not.toHaveBeenCalled();
    const ar = await mount('<div lang="ar"><vitrine-testimonial-video></vitrine-testimonial-video></div>');
    expect(q(ar, '[part=meta]')!.textContent!.trim()).toBe('فيديو تقييم: اضبط src على رابط فيديو');
  });

  it('refuses javascript: and data: URLs with one warning naming the element and field', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const el = await mount(
      `<vitrine-testimonial-video src="javascript:alert(1)" poster="data:image/png;base64,AAAA" headline="x"></vitrine-testimonial-video>`,
    );
    expect(q(el, 'button[part=play]')).toBeNull();
    expect(q(el, 'img')).toBeNull();
    await warned();
    const messages = warn.mock.calls.map((c) => String(c[0]));
    expect(messages.some((m) => m.startsWith('<vitrine-testimonial-video> src: "javascript:alert(1)"'))).toBe(true);
    expect(messages.some((m) => m.startsWith('<vitrine-testimonial-video> poster:'))).toBe(true);
    el.requestUpdate();
    await el.updateComplete;
    await warned();
    expect(warn.mock.calls.length).toBe(messages.length); // once, not on every render
  });

  it('drops an out-of-range rating with a warning', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const el = await mount(`<vitrine-testimonial-video src="/a.mp4" rating="7"></vitrine-testimonial-video>`);
    expect(q(el, '[part=rating]')).toBeNull();
    // The warning's text comes with a small lazy part (extras.ts), not with the player.
    await vi.waitFor(() => expect(warn).toHaveBeenCalledTimes(1));
    expect(el.player).toBeUndefined();
    expect(String(warn.mock.calls[0]![0])).toMatch(
      /<vitrine-testimonial-video> rating: "7" is not a number from 0 to 5/,
    );
  });

  it('reads its settings from a JSON child', async () => {
    const el = await mount(`<vitrine-testimonial-video><script type="application/json">
      {"src": "/b.webm", "headline": "From JSON", "verified": true}</script></vitrine-testimonial-video>`);
    expect(el.headline).toBe('From JSON');
    expect(q(el, 'button')!.getAttribute('aria-label')).toBe('Play video: From JSON');
  });

  it('opens a native player with captions on play and emits vitrine-video-play', async () => {
    const el = await mount(
      `<vitrine-testimonial-video src="/v.webm" captions="/c.vtt" captions-lang="en" headline="h"></vitrine-testimonial-video>`,
    );
    const played = vi.fn();
    el.addEventListener('vitrine-video-play', (e) => played(e.detail));
    (q(el, 'button') as HTMLButtonElement).click();
    await vi.waitFor(() => expect(q(el, 'video')).not.toBeNull());
    const track = q(el, 'video track')!;
    expect(track.getAttribute('kind')).toBe('captions');
    expect(track.getAttribute('src')).toBe('/c.vtt');
    expect(track.hasAttribute('default')).toBe(true);
    expect(played).toHaveBeenCalledWith({ index: 0, src: '/v.webm' });
    expect(q(el, 'button[part=play]')).toBeNull();
  });

  it("names the video after the testimonial and its captions after their language, in the page's language", async () => {
    const el = await mount(
      `<vitrine-testimonial-video src="/v.webm" captions="/c.vtt" captions-lang="en" headline="So quiet"></vitrine-testimonial-video>`,
    );
    await el.play();
    await el.updateComplete;
    expect(q(el, 'video')!.getAttribute('aria-label')).toBe('So quiet');
    expect(q(el, 'track')!.getAttribute('label')).toBe('English');
    const zh = await mount(
      `<div lang="zh-CN"><vitrine-testimonial-video items='${JSON.stringify([
        {
          src: '/v.webm',
          tracks: [
            { src: '/en.vtt', srclang: 'en' },
            { src: '/zh.vtt', srclang: 'zh-CN' },
            { src: '/x.vtt', srclang: 'de', label: 'Deutsch (Untertitel)' },
            { src: '/y.vtt', srclang: 'not a tag' },
          ],
        },
      ])}'></vitrine-testimonial-video></div>`,
    );
    await zh.play(0);
    await zh.updateComplete;
    // No headline or customer: a generic name in the page's language.
    expect(q(zh, 'video')!.getAttribute('aria-label')).toBe('顾客视频');
    expect([...zh.shadowRoot!.querySelectorAll('track')].map((t) => t.getAttribute('label'))).toEqual([
      '英语',
      '中文（中国）',
      'Deutsch (Untertitel)', // a label given is kept
      'not a tag',
    ]);
    const ar = await mount(
      `<div lang="ar"><vitrine-testimonial-video src="/v.webm" captions="/c.vtt"></vitrine-testimonial-video></div>`,
    );
    await ar.play();
    await ar.updateComplete;
    expect(q(ar, 'video')!.getAttribute('aria-label')).toBe('فيديو العميل');
    // captions-lang unset: the element's locale.
    expect(q(ar, 'track')!.getAttribute('srclang')).toBe('ar');
    expect(q(ar, 'track')!.getAttribute('label')).toBe(new Intl.DisplayNames('ar', { type: 'language' }).of('ar'));
  });

  it('warms the connection to the player on hover and focus, once per origin, none for its own origin', async () => {
    const links = () => [...document.head.querySelectorAll('link[rel=preconnect]')].map((l) => l.getAttribute('href'));
    const before = links();
    const el = await mount(
      `<vitrine-testimonial-video items='${JSON.stringify([
        { src: 'https://youtu.be/dQw4w9WgXcQ' },
        { src: 'https://vimeo.com/76979871' },
        { src: 'https://cdn.example/a.mp4' },
        { src: '/own.mp4' },
      ])}'></vitrine-testimonial-video>`,
    );
    const buttons = [...el.shadowRoot!.querySelectorAll('button[part=play]')];
    buttons[0]!.dispatchEvent(new Event('pointerenter'));
    buttons[0]!.dispatchEvent(new FocusEvent('focus'));
    buttons[1]!.dispatchEvent(new FocusEvent('focus'));
    buttons[2]!.dispatchEvent(new Event('pointerenter'));
    buttons[3]!.dispatchEvent(new Event('pointerenter'));
    await vi.waitFor(() => expect(links().length).toBe(before.length + 3));
    await new Promise((r) => setTimeout(r, 50));
    expect(links().slice(before.length)).toEqual([
      'https://www.youtube-nocookie.com',
      'https://player.vimeo.com',
      'https://cdn.example',
    ]);
    expect(el.player).toBeUndefined();
  });

  it('play() with a refused src warns and opens nothing', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const el = await mount(
      `<vitrine-testimonial-video items='[{"src":"/ok.mp4"},{"src":"javascript:alert(1)"}]'></vitrine-testimonial-video>`,
    );
    const played = vi.fn();
    el.addEventListener('vitrine-video-play', played);
    warn.mockClear();
    resetWarnings();
    await el.play(1);
    await el.updateComplete;
    expect(played).not.toHaveBeenCalled();
    expect(el.playing).toBeUndefined();
    expect(q(el, 'video, iframe')).toBeNull();
    expect(warn.mock.calls.map((c) => String(c[0]))).toEqual([
      '<vitrine-testimonial-video> items[1].src: "javascript:alert(1)" is not an http(s) or relative URL; it was refused.',
    ]);
  });
});

describe('items mode', () => {
  const items = [
    { src: '/1.mp4', headline: 'One', customer: 'A' },
    { src: '/2.mp4', headline: 'Two', customer: 'B', rating: 5 },
    { src: 'javascript:void 0', headline: 'Bad' },
  ];

  it('renders a labelled list with previous/next buttons and a position', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const el = await mount(`<vitrine-testimonial-video items='${JSON.stringify(items)}'></vitrine-testimonial-video>`);
    expect(q(el, 'ul')!.getAttribute('aria-label')).toBe('Customer videos');
    expect(el.shadowRoot!.querySelectorAll('li')).toHaveLength(3);
    expect(el.shadowRoot!.querySelectorAll('li button[part=play]')).toHaveLength(2);
    const [prev, next] = el.shadowRoot!.querySelectorAll('button[part=nav]') as NodeListOf<HTMLButtonElement>;
    // At an end: aria-disabled, so a focused button keeps the focus.
    expect(prev!.getAttribute('aria-disabled')).toBe('true');
    expect(next!.getAttribute('aria-disabled')).toBe('false');
    expect(prev!.disabled || next!.disabled).toBe(false);
    expect(q(el, '[aria-live]')!.textContent).toBe('1 of 3');
    await warned();
    expect(String(warn.mock.calls[0]![0])).toContain('items[2].src');
  });

  it('says what to set when the list is empty, as with nothing configured', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    for (const items of ['[]', '[1, "two", null]']) {
      const el = await mount(`<vitrine-testimonial-video items='${items}'></vitrine-testimonial-video>`);
      expect(q(el, '[part=meta]')!.textContent!.trim(), items).toBe('Testimonial video: set src to a video URL');
      expect(el.shadowRoot!.querySelectorAll('li, button')).toHaveLength(0);
    }
    document.documentElement.lang = 'zh-CN';
    try {
      const zh = await mount(`<vitrine-testimonial-video items="[]"></vitrine-testimonial-video>`);
      expect(q(zh, '[part=meta]')!.textContent!.trim()).toBe('顾客视频：请把 src 设为视频地址');
    } finally {
      document.documentElement.removeAttribute('lang');
    }
    await warned();
    expect(warn).not.toHaveBeenCalled();
  });

  it('warns about items that are not JSON and says what to set', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const el = await mount(`<vitrine-testimonial-video items="[nope"></vitrine-testimonial-video>`);
    expect(el.shadowRoot!.querySelectorAll('li')).toHaveLength(0);
    expect(q(el, '[part=meta]')!.textContent!.trim()).toBe('Testimonial video: set src to a video URL');
    await warned();
    expect(String(warn.mock.calls[0]![0])).toBe(
      '<vitrine-testimonial-video> items: is not valid JSON; expected an array.',
    );
  });
});

describe('progress events', () => {
  it('sends start, 25/50/75 and complete once each per view, counting skipped milestones', async () => {
    const track = vi.fn();
    setDefaultClient({ track });
    const el = await mount(`<vitrine-testimonial-video src="/v.mp4"></vitrine-testimonial-video>`);
    reportProgress(el, 'v1', 0);
    reportProgress(el, 'v1', 10);
    reportProgress(el, 'v1', 60);
    reportProgress(el, 'v1', 55);
    reportProgress(el, 'v1', 99);
    reportProgress(el, 'v1', 100);
    reportProgress(el, 'v1', 100);
    expect(track.mock.calls).toEqual([
      ['video_start', { props: { video: 'v1', percent: 0 } }],
      ['video_progress', { props: { video: 'v1', percent: 25 } }],
      ['video_progress', { props: { video: 'v1', percent: 50 } }],
      ['video_progress', { props: { video: 'v1', percent: 75 } }],
      ['video_complete', { props: { video: 'v1', percent: 100 } }],
    ]);
    reportProgress(el, 'v2', 30); // another video of the same list counts apart
    expect(track).toHaveBeenCalledTimes(7);
  });

  it('reads YouTube and Vimeo player messages', () => {
    const last = { duration: 0 };
    expect(progressOf('youtube', '{"event":"infoDelivery","info":{"playerState":1,"duration":40}}', last)).toBe(0);
    expect(last.duration).toBe(40);
    expect(progressOf('youtube', '{"event":"infoDelivery","info":{"currentTime":20}}', last)).toBe(50);
    expect(progressOf('youtube', '{"event":"infoDelivery","info":{"playerState":0}}', last)).toBe(100);
    expect(progressOf('youtube', 'not json', last)).toBeUndefined();
    expect(progressOf('youtube', '{"event":"onReady"}', last)).toBeUndefined();
    expect(progressOf('vimeo', '{"event":"play"}', last)).toBe(0);
    expect(progressOf('vimeo', { event: 'timeupdate', data: { percent: 0.76 } }, last)).toBe(76);
    expect(progressOf('vimeo', '{"event":"ended"}', last)).toBe(100);
    expect(progressOf('vimeo', null, last)).toBeUndefined();
  });
});

describe('sources', () => {
  it('recognises YouTube, Vimeo, HLS and files, and builds privacy-friendly embed URLs', () => {
    for (const url of [
      'https://www.youtube.com/watch?v=dQw4w9WgXcQ',
      'https://youtu.be/dQw4w9WgXcQ',
      'https://www.youtube.com/shorts/dQw4w9WgXcQ',
      'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ',
    ]) {
      const s = parseSource(url)!;
      expect(s.kind).toBe('youtube');
      expect(embedUrl(s)).toBe('https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1&enablejsapi=1');
    }
    const vimeo = parseSource('https://vimeo.com/76979871')!;
    expect(embedUrl(vimeo)).toBe('https://player.vimeo.com/video/76979871?autoplay=1&dnt=1');
    expect(parseSource('https://player.vimeo.com/video/76979871')!.id).toBe('76979871');
    expect(parseSource('/media/a.m3u8?token=1')!.kind).toBe('hls');
    expect(parseSource('media/a.mp4')).toEqual({ kind: 'file', id: 'media/a.mp4', url: 'media/a.mp4' });
    expect(parseSource('https://www.youtube.com/watch?v=short')).toBeUndefined();
    expect(parseSource('https://vimeo.com/channels/staff')).toBeUndefined();
    expect(parseSource('javascript:alert(1)')).toBeUndefined();
  });

  it('turns WebVTT into a transcript', () => {
    const vtt =
      'WEBVTT\n\nNOTE a note\n\n1\n00:00.000 --> 00:01.000 align:start\n<v Lena>So quiet &amp; small</v>\n\n00:01.000 --> 00:02.000\nSo quiet &amp; small\nI love it';
    expect(vttToText(vtt)).toBe('So quiet & small\nI love it');
  });
});

describe('testimonialJsonLd', () => {
  const input = {
    product: { name: 'Hush Mini Cooker', url: '/p/hush-mini', sku: 'HM-1' },
    customer: 'Lena',
    headline: 'Quiet enough for a studio flat',
    rating: 4.5,
    transcript: 'It is so quiet </script><b>',
    datePublished: '2026-10-02',
    video: { src: '/media/lena.mp4', poster: '/media/lena.svg', uploadDate: '2026-10-01', duration: 95 },
    baseUrl: 'https://shop.example/p/hush-mini',
  };

  it('produces a schema.org Review with a VideoObject', () => {
    const ld = testimonialJsonLd(input);
    expect(ld).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'Review',
      name: 'Quiet enough for a studio flat',
      author: { '@type': 'Person', name: 'Lena' },
      reviewRating: { '@type': 'Rating', ratingValue: 4.5, bestRating: 5, worstRating: 0 },
      itemReviewed: {
        '@type': 'Product',
        name: 'Hush Mini Cooker',
        url: 'https://shop.example/p/hush-mini',
        sku: 'HM-1',
      },
      video: {
        '@type': 'VideoObject',
        thumbnailUrl: 'https://shop.example/media/lena.svg',
        uploadDate: '2026-10-01',
        duration: 'PT1M35S',
        contentUrl: 'https://shop.example/media/lena.mp4',
      },
    });
    expect(JSON.stringify(ld)).not.toContain('undefined');
  });

  it('uses embedUrl for YouTube and escapes < in the script', () => {
    const ld = testimonialJsonLd({ ...input, video: { ...input.video, src: 'https://youtu.be/dQw4w9WgXcQ' } });
    expect((ld.video as Record<string, unknown>).embedUrl).toBe('https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ');
    expect((ld.video as Record<string, unknown>).contentUrl).toBeUndefined();
    const script = testimonialJsonLdScript(input);
    expect(script.startsWith('<script type="application/ld+json">')).toBe(true);
    expect(script.match(/<\/script>/g)).toHaveLength(1);
    expect(JSON.parse(script.slice(35, -9)).reviewBody).toBe('It is so quiet </script><b>');
  });

  it('formats durations and rejects unusable video URLs', () => {
    expect(isoDuration(0)).toBe('PT0S');
    expect(isoDuration(3600)).toBe('PT1H');
    expect(isoDuration(3725)).toBe('PT1H2M5S');
    expect(() => testimonialJsonLd({ ...input, baseUrl: undefined })).toThrow(/pass baseUrl/);
    expect(() => testimonialJsonLd({ ...input, video: { ...input.video, src: 'javascript:x' } })).toThrow(TypeError);
  });
});
