import { css } from 'lit';

/**
 * A fixed block size (the same custom property reserve.css uses before upgrade): tabs on top,
 * the panel or the table scrolls inside, so switching scenarios or modes never moves the page.
 * The image takes the panel's first row, at least the media block size and otherwise all the
 * height the proof points leave: a guide fills the space reserved for the table (the A/B's two
 * arms keep one size, so the assignment never shifts the page).
 */
// The native range input takes pointer, touch and keyboard; it is invisible over the images.
// A tab is at most 80% of the row (a longer title wraps): on a phone the next tab always shows in
// part, the sign that the row scrolls (tabs.ts scrolls a tab chosen by key wholly into view).
// prettier-ignore
export const styles = css`
:host { block-size: var(--vitrine-scenario-compare-block-size, 520px); overflow: hidden; container-type: inline-size; content-visibility: auto }
.root { display: flex; flex-direction: column; gap: 12px; block-size: 100% }
[role=tablist] { display: flex; flex: none; gap: 4px; overflow-x: auto; border-block-end: 1px solid var(--vitrine-color-border, #d9dee3); scrollbar-width: thin }
[role=tab] { flex: none; max-inline-size: 80%; padding: 10px 14px; border: 0; border-block-end: 3px solid transparent; background: none; color: var(--vitrine-color-muted, #5b6570); font-weight: 600; cursor: pointer }
[aria-selected=true] { border-color: var(--vitrine-scenario-compare-accent, var(--vitrine-color-accent, #0b6e4f)); color: var(--vitrine-color-text, #1d232a) }
[role=tabpanel] { flex: 1; min-block-size: 0; overflow: auto; display: grid; grid-template-rows: minmax(var(--vitrine-scenario-compare-media-block-size, 240px), 1fr); gap: 12px }
@container (min-width: 640px) { [role=tabpanel] { grid-template-columns: 1fr 1fr } }
.media { position: relative; overflow: hidden; border-radius: var(--vitrine-radius, 10px); background: var(--vitrine-color-border, #d9dee3) }
.media img, input { position: absolute; inset: 0; inline-size: 100%; block-size: 100%; object-fit: cover; margin: 0 }
.before { clip-path: inset(0 calc(100% - var(--p)) 0 0) }
[dir=rtl] .before { clip-path: inset(0 0 0 calc(100% - var(--p))) }
input { opacity: 0; cursor: ew-resize; touch-action: pan-y }
.handle { position: absolute; inset-block: 0; inset-inline-start: calc(var(--p) - 1px); inline-size: 2px; background: #fff; pointer-events: none }
.handle::after { content: ''; position: absolute; inset: calc(50% - 16px) -15px auto; block-size: 32px; border: 2px solid var(--vitrine-scenario-compare-accent, var(--vitrine-color-accent, #0b6e4f)); border-radius: 50%; background: #fff }
input:focus-visible + .handle::after { outline: 2px solid var(--vitrine-color-focus, #1a5fd0); outline-offset: 2px }
.tag { position: absolute; inset-block-start: 8px; inset-inline-start: 8px; padding: 2px 8px; border-radius: 4px; background: rgb(0 0 0 / 0.65); color: #fff; font-size: 0.75em; pointer-events: none }
.tag + .tag { inset-inline: auto 8px }
ul { margin: 0; padding-inline-start: 20px }
li { margin-block-end: 6px }
`;
