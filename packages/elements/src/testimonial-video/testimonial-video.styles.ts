import { css } from 'lit';

// One rule per line, on purpose: the size check counts template whitespace, and the facade's
// budget (3 KB brotli with the shared base) is tight. The player's styles load with the player.
// prettier-ignore
export const styles = css`
:host { position: relative; overflow: hidden; aspect-ratio: var(--vitrine-testimonial-video-aspect-ratio, 16 / 9); border-radius: var(--vitrine-radius, 10px); background: var(--vitrine-testimonial-video-background, #15191d); color: #fff }
.base, .item, .list, .poster { position: absolute; inset: 0; inline-size: 100%; block-size: 100%; margin: 0; object-fit: cover; color: #fff }
.play, .nav { position: absolute; inset: 0; margin: auto; inline-size: 4rem; block-size: 4rem; border: 0; border-radius: 50%; background: var(--vitrine-testimonial-video-play-background, rgb(0 0 0 / 0.75)); cursor: pointer }
.play:hover { background: var(--vitrine-color-accent, #0b6e4f) }
svg { inline-size: 40%; fill: #fff }
.meta { position: absolute; inset: auto 0 0; display: flex; flex-wrap: wrap; gap: 0 0.6em; padding: 0.5em 0.75em; background: rgb(0 0 0 / 0.75); font-size: 0.875em }
b { flex-basis: 100% }
.badge { padding: 0 0.5em; border-radius: 1em; background: var(--vitrine-color-accent, #0b6e4f) }
.stars, .fill { position: relative; color: rgb(255 255 255 / 0.45); white-space: nowrap; overflow: hidden }
.stars::before, .fill::before { content: '★★★★★' }
.fill { position: absolute; inset-inline-start: 0; color: var(--vitrine-testimonial-video-star, #f5b301) }
details { position: absolute; inset-block-start: 0.5em; inset-inline-end: 0.5em; max-block-size: calc(100% - 1em); overflow: auto; border-radius: var(--vitrine-radius, 10px); background: rgb(0 0 0 / 0.8); font-size: 0.875em }
details[open] { inset-inline-start: 0.5em }
summary { padding: 0.2em 0.8em; cursor: pointer }
.text { padding: 0 0.8em 0.6em }
.text p { margin: 0 0 0.4em }
.list { display: flex; overflow-x: auto; scroll-snap-type: x mandatory; scroll-behavior: smooth; scrollbar-width: none; padding: 0 }
li { position: relative; flex: 0 0 100%; scroll-snap-align: start; list-style: none }
.nav { inline-size: 2.5rem; block-size: 2.5rem; margin-inline: 0.5rem; font-size: 1.5rem; color: #fff }
.nav[disabled] { opacity: 0.4; cursor: default }
.prev { margin-inline-end: auto }
.next { margin-inline-start: auto }
@media (prefers-reduced-motion: reduce) { .list { scroll-behavior: auto } }
`;
