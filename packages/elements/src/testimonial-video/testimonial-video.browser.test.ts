import { expect, fixture, html, nextFrame, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { TestimonialVideo } from './testimonial-video.js';
import { defineElement } from '../base/define.js';
import { resetWarnings, warned } from '../base/warn.js';
import { setDefaultClient } from '../base/client-slot.js';
import { drawnLeftOf } from '../test-utils/bidi.js';
import { recordShifts } from '../test-utils/layout-shift.js';

const asset = (name: string) => new URL(`./test-assets/${name}`, import.meta.url).href;
const POSTER = asset('poster.svg');
const CLIP = asset('clip.webm');
const VTT = asset('captions.vtt');

/** Resources fetched since `since` (ms on the performance timeline). */
const fetchedSince = (since: number) =>
  (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
    .filter((e) => e.startTime >= since)
    .map((e) => e.name);

async function loadReserveCss(): Promise<HTMLLinkElement> {
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = new URL('../styles/reserve.css', import.meta.url).href;
  const loaded = new Promise((resolve) => (link.onload = resolve));
  document.head.append(link);
  await loaded;
  return link;
}

function single() {
  return html`<vitrine-testimonial-video
    src=${CLIP}
    poster=${POSTER}
    headline="Quiet enough for my studio flat"
    customer="Lena, renter"
    rating="4.5"
    verified
    captions=${VTT}
    captions-lang="en"
    video-id="lena"
  ></vitrine-testimonial-video>`;
}

/** A list of `n` testimonials in a box `width` px wide, laid out `dir`, with its parts. */
async function listOf(n: number, dir: string, width: number) {
  const items = JSON.stringify(Array.from({ length: n }, (_, i) => ({ src: CLIP, poster: POSTER, headline: `H${i}` })));
  const box = await fixture(
    html`<div dir=${dir} style="width: ${width}px">
      <vitrine-testimonial-video items=${items}></vitrine-testimonial-video>
    </div>`,
  );
  const el = box.firstElementChild as TestimonialVideo;
  await el.updateComplete;
  const root = el.shadowRoot!;
  const [prev, next] = Array.from(root.querySelectorAll('button[part=nav]')) as HTMLButtonElement[];
  return { el, prev: prev!, next: next!, list: root.querySelector('ul')!, live: root.querySelector('[aria-live]')! };
}

describe('<vitrine-testimonial-video> in a real browser', () => {
  afterEach(() => {
    resetWarnings();
    setDefaultClient(undefined);
  });

  it('keeps the reserved size while upgrading and when the player opens: nothing moves', async () => {
    const link = await loadReserveCss();
    const box = await fixture(
      html`<div style="width: 320px">
        ${single()}
        <p id="below">Below</p>
      </div>`,
    );
    const el = box.querySelector('vitrine-testimonial-video') as TestimonialVideo;
    const below = box.querySelector('#below')!;
    expect(customElements.get('vitrine-testimonial-video')).to.equal(undefined);
    const top = below.getBoundingClientRect().top;
    expect(el.getBoundingClientRect().height).to.equal(180);
    const shifts = recordShifts();
    defineElement('vitrine-testimonial-video', TestimonialVideo);
    await el.updateComplete;
    await nextFrame();
    expect(el.shadowRoot).to.exist;
    expect(below.getBoundingClientRect().top).to.equal(top);
    expect(await shifts.stop()).to.equal(0);
    await el.play();
    await el.updateComplete;
    const video = el.shadowRoot!.querySelector('video')!;
    if (video.readyState < 1) await oneEvent(video, 'loadedmetadata');
    await nextFrame();
    expect(el.getBoundingClientRect().height).to.equal(180);
    expect(below.getBoundingClientRect().top).to.equal(top);
    link.remove();
  });

  it('requests nothing but the poster before the shopper interacts, then the player on click', async () => {
    defineElement('vitrine-testimonial-video', TestimonialVideo);
    // A fresh poster URL, so an earlier test's cached image cannot hide the request.
    const poster = `${POSTER}?fresh=${Math.random()}`;
    const since = performance.now();
    const el = (await fixture(
      html`<vitrine-testimonial-video
        src=${`${CLIP}?fresh=${Math.random()}`}
        poster=${poster}
        headline="Quiet"
        captions=${VTT}
      ></vitrine-testimonial-video>`,
    )) as TestimonialVideo;
    const img = el.shadowRoot!.querySelector('img')!;
    if (!img.complete) await oneEvent(img, 'load');
    const button = el.shadowRoot!.querySelector('button')!;
    button.focus(); // hover/focus may warm a connection; it must not fetch anything
    await new Promise((r) => setTimeout(r, 300));
    expect(fetchedSince(since)).to.deep.equal([poster]);
    expect(el.player, 'player code').to.equal(undefined);

    button.click();
    await waitUntil(() => el.shadowRoot!.querySelector('video'), 'player opened', { timeout: 5000 });
    const video = el.shadowRoot!.querySelector('video')!;
    expect(video).to.exist;
    if (video.readyState < 1) await oneEvent(video, 'loadedmetadata');
    // A media fetch gets its resource-timing entry when its response ends, possibly after metadata.
    await waitUntil(() => fetchedSince(since).some((n) => n.includes('clip.webm')), 'video requested', {
      timeout: 5000,
    });
    const fetched = fetchedSince(since);
    expect(
      fetched.every((n) => new URL(n).origin === location.origin),
      'no third-party request',
    ).to.equal(true);
    expect(el.shadowRoot!.activeElement).to.equal(video);
  });

  it('warms the connection to YouTube on focus with no third-party request and no player code', async () => {
    defineElement('vitrine-testimonial-video', TestimonialVideo);
    const since = performance.now();
    const el = (await fixture(
      html`<vitrine-testimonial-video src="https://youtu.be/dQw4w9WgXcQ" headline="YT"></vitrine-testimonial-video>`,
    )) as TestimonialVideo;
    el.shadowRoot!.querySelector('button')!.focus();
    const preconnect = 'link[rel=preconnect][href="https://www.youtube-nocookie.com"]';
    await waitUntil(() => document.head.querySelector(preconnect), 'preconnect added', { timeout: 5000 });
    await new Promise((r) => setTimeout(r, 300));
    expect(
      fetchedSince(since).every((n) => new URL(n).origin === location.origin),
      'no third-party request',
    ).to.equal(true);
    expect(el.player, 'player code').to.equal(undefined);
    document.head.querySelector(preconnect)!.remove();
  });

  it('shows WebVTT captions after play', async () => {
    defineElement('vitrine-testimonial-video', TestimonialVideo);
    const el = (await fixture(single())) as TestimonialVideo;
    el.shadowRoot!.querySelector('button')!.click();
    await waitUntil(() => el.shadowRoot!.querySelector('video'), 'player opened', { timeout: 5000 });
    const video = el.shadowRoot!.querySelector('video')!;
    const track = video.querySelector('track')!;
    expect(track.kind).to.equal('captions');
    expect(video.textTracks.length).to.equal(1);
    // The default track is switched on by the media element's own (asynchronous) track selection.
    await waitUntil(() => video.textTracks[0]!.mode === 'showing', 'captions showing', { timeout: 5000 });
    if (track.readyState !== 2) await oneEvent(track, 'load');
    expect(video.textTracks[0]!.cues!.length).to.equal(2);
    expect((video.textTracks[0]!.cues![0] as VTTCue).text).to.equal('It is so quiet I forget it is running.');
  });

  it('sends each progress event once per view as the real video plays and is replayed', async () => {
    defineElement('vitrine-testimonial-video', TestimonialVideo);
    const events: [string, unknown][] = [];
    setDefaultClient({ track: (type, fields) => events.push([type, fields]) });
    const el = (await fixture(single())) as TestimonialVideo;
    await el.play();
    await el.updateComplete;
    const video = el.shadowRoot!.querySelector('video')!;
    video.muted = true;
    if (video.readyState < 1) await oneEvent(video, 'loadedmetadata');
    video.pause();
    const seek = async (t: number) => {
      const done = oneEvent(video, 'timeupdate');
      video.currentTime = t;
      await done;
    };
    await seek(0.6); // 30 %
    await seek(0.7);
    await seek(1.2); // 60 %
    await seek(1.6); // 80 %
    await seek(1.7);
    const ended = oneEvent(video, 'ended');
    await video.play();
    await ended;
    video.currentTime = 0; // replay in the same view: nothing new
    await video.play();
    await new Promise((r) => setTimeout(r, 200));
    const names = events.map(([t, f]) => `${t}:${(f as { props: { percent: number } }).props.percent}`);
    expect(names).to.deep.equal([
      'video_start:0',
      'video_progress:25',
      'video_progress:50',
      'video_progress:75',
      'video_complete:100',
    ]);
    expect((events[0]![1] as { props: { video: string } }).props.video).to.equal('lena');
  });

  it('is accessible (axe) as a facade, with the transcript open, and as a list', async () => {
    defineElement('vitrine-testimonial-video', TestimonialVideo);
    const el = (await fixture(
      html`<vitrine-testimonial-video
        src=${CLIP}
        poster=${POSTER}
        headline="Quiet"
        customer="Lena"
        rating="4"
        verified
        transcript="It is so quiet."
      ></vitrine-testimonial-video>`,
    )) as TestimonialVideo;
    await expect(el).to.be.accessible();
    el.shadowRoot!.querySelector('details')!.open = true;
    await expect(el).to.be.accessible();
    const items = JSON.stringify([
      { src: CLIP, poster: POSTER, headline: 'One', customer: 'A', rating: 5 },
      { src: CLIP, poster: POSTER, headline: 'Two', customer: 'B', verified: true },
    ]);
    const list = await fixture(html`<vitrine-testimonial-video items=${items}></vitrine-testimonial-video>`);
    await expect(list).to.be.accessible();
  });

  it("draws the transcript toggle's keyboard focus ring inside its scrolling box (not clipped away)", async () => {
    defineElement('vitrine-testimonial-video', TestimonialVideo);
    const el = (await fixture(single())) as TestimonialVideo;
    const details = el.shadowRoot!.querySelector('details')!;
    const summary = details.querySelector('summary')!;
    summary.focus({ focusVisible: true } as FocusOptions);
    expect(summary.matches(':focus-visible')).to.equal(true);
    const style = getComputedStyle(summary);
    expect(style.outlineStyle).to.equal('solid');
    // The ring reaches outline-width + outline-offset beyond the toggle's box; the <details>
    // scrolls (overflow: auto), so anything beyond its own box is cut off.
    const reach = parseFloat(style.outlineWidth) + parseFloat(style.outlineOffset);
    const ring = summary.getBoundingClientRect();
    const box = details.getBoundingClientRect();
    expect(ring.left - reach).to.be.at.least(box.left);
    expect(ring.top - reach).to.be.at.least(box.top);
    expect(ring.right + reach).to.be.at.most(box.right);
    expect(ring.bottom + reach).to.be.at.most(box.bottom);
  });

  it('reads the transcript from the captions when opened', async () => {
    defineElement('vitrine-testimonial-video', TestimonialVideo);
    const el = (await fixture(single())) as TestimonialVideo;
    const details = el.shadowRoot!.querySelector('details')!;
    details.open = true;
    await waitUntil(() => details.textContent!.includes('It is so quiet'), 'transcript read', { timeout: 5000 });
    expect(details.textContent).to.contain('It is so quiet I forget it is running.');
    expect(details.textContent).to.contain('And it fits on the counter of my tiny flat.');
  });

  it("keeps the headline and the customer's name in their own direction in RTL", async () => {
    defineElement('vitrine-testimonial-video', TestimonialVideo);
    const box = await fixture(
      html`<div dir="rtl" lang="ar" style="width: 480px">
        <vitrine-testimonial-video
          src=${CLIP}
          poster=${POSTER}
          headline="38 dB: quiet enough"
          customer="Mei (Shanghai)"
        ></vitrine-testimonial-video>
      </div>`,
    );
    const el = box.firstElementChild as TestimonialVideo;
    await el.updateComplete;
    expect(drawnLeftOf(el.shadowRoot!, '38 dB: quiet enough', '38', 'quiet')).to.equal(true);
    expect(drawnLeftOf(el.shadowRoot!, 'Mei (Shanghai)', 'Shanghai', ')')).to.equal(true);
  });

  it('moves through a list with previous/next, mirrored under dir=rtl', async () => {
    defineElement('vitrine-testimonial-video', TestimonialVideo);
    for (const dir of ['ltr', 'rtl']) {
      const { el, prev, next, live, list } = await listOf(3, dir, 320);
      expect(prev!.getBoundingClientRect().left < next!.getBoundingClientRect().left).to.equal(dir === 'ltr');
      next!.click();
      await el.updateComplete;
      expect(live.textContent).to.equal('2 of 3');
      await waitUntil(() => Math.abs(Math.abs(list.scrollLeft) - list.clientWidth) < 2, 'scrolled one frame', {
        timeout: 5000,
      });
      expect(prev!.getAttribute('aria-disabled')).to.equal('false');
      // Play the second, then go back: the video scrolled out of view stops.
      await el.play(1);
      await el.updateComplete;
      expect(el.shadowRoot!.querySelectorAll('video')).to.have.length(1);
      prev!.click();
      await waitUntil(() => Math.abs(list.scrollLeft) < 2, 'scrolled back', { timeout: 5000 });
      await waitUntil(() => !el.shadowRoot!.querySelector('video'), 'player closed', { timeout: 5000 });
    }
  });

  it('keeps the focus on previous/next at the ends of the list, by keyboard', async () => {
    defineElement('vitrine-testimonial-video', TestimonialVideo);
    for (const dir of ['ltr', 'rtl']) {
      const { el, prev, next, live, list } = await listOf(2, dir, 390);
      const root = el.shadowRoot!;
      expect(prev!.getAttribute('aria-disabled')).to.equal('true');
      next!.focus();
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(live.textContent).to.equal('2 of 2');
      await waitUntil(() => Math.abs(Math.abs(list.scrollLeft) - list.clientWidth) < 2, 'scrolled', { timeout: 5000 });
      await el.updateComplete;
      expect(next!.getAttribute('aria-disabled'), 'at the end').to.equal('true');
      expect(document.activeElement, 'not <body>').to.equal(el);
      expect(root.activeElement).to.equal(next);
      // Enter at the end does nothing; the focus stays.
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(live.textContent).to.equal('2 of 2');
      expect(root.activeElement).to.equal(next);
      // Back to the first with the other button: the same at that end.
      prev!.focus();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => Math.abs(list.scrollLeft) < 2, 'scrolled back', { timeout: 5000 });
      await el.updateComplete;
      expect(live.textContent).to.equal('1 of 2');
      expect(prev!.getAttribute('aria-disabled')).to.equal('true');
      expect(root.activeElement).to.equal(prev);
    }
  });

  it('names the video that takes the focus after play', async () => {
    defineElement('vitrine-testimonial-video', TestimonialVideo);
    const el = (await fixture(single())) as TestimonialVideo;
    el.shadowRoot!.querySelector<HTMLElement>('button[part=play]')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => el.shadowRoot!.activeElement?.localName === 'video', 'the video has the focus', {
      timeout: 5000,
    });
    const video = el.shadowRoot!.querySelector('video')!;
    expect(video.getAttribute('aria-label')).to.equal('Quiet enough for my studio flat');
    expect(video.querySelector('track')!.label).to.equal('English');
    await expect(el).to.be.accessible();
  });

  it('refuses bad URLs with a warning and never plays them', async () => {
    defineElement('vitrine-testimonial-video', TestimonialVideo);
    const warnings: string[] = [];
    const original = console.warn;
    console.warn = (m: unknown) => warnings.push(String(m));
    try {
      const el = (await fixture(
        html`<vitrine-testimonial-video
          src="javascript:alert(1)"
          poster=${'data:image/svg+xml,%3Csvg/%3E'}
          headline="Bad"
        ></vitrine-testimonial-video>`,
      )) as TestimonialVideo;
      expect(el.shadowRoot!.querySelector('button, img, video, iframe')).to.equal(null);
      await warned();
      expect(warnings.some((w) => w.startsWith('<vitrine-testimonial-video> src:'))).to.equal(true);
      expect(warnings.some((w) => w.startsWith('<vitrine-testimonial-video> poster:'))).to.equal(true);
    } finally {
      console.warn = original;
    }
  });

  it('offers a link where the browser cannot play HLS, and plays the fallback file when given', async () => {
    defineElement('vitrine-testimonial-video', TestimonialVideo);
    const hls = document.createElement('video').canPlayType('application/vnd.apple.mpegurl') !== '';
    const el = (await fixture(
      html`<vitrine-testimonial-video src="/media/none.m3u8" headline="HLS"></vitrine-testimonial-video>`,
    )) as TestimonialVideo;
    await el.play();
    await el.updateComplete;
    if (hls) {
      expect(el.shadowRoot!.querySelector('video')).to.exist;
    } else {
      const status = el.shadowRoot!.querySelector('[role=status]')!;
      expect(status.textContent).to.contain('This browser cannot play this video stream.');
      expect(status.querySelector('a')!.getAttribute('href')).to.equal('/media/none.m3u8');
      const withFallback = (await fixture(
        html`<vitrine-testimonial-video src="/media/none.m3u8" fallback-src=${CLIP}></vitrine-testimonial-video>`,
      )) as TestimonialVideo;
      await withFallback.play();
      await withFallback.updateComplete;
      expect(withFallback.shadowRoot!.querySelector('video')!.getAttribute('src')).to.equal(CLIP);
    }
  });
});
