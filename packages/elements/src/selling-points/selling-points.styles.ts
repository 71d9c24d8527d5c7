import { css } from 'lit';

/**
 * The host's block size is fixed by the same custom property reserve.css uses before upgrade,
 * and every row inside is clamped (one-line titles, two-line texts), so the element ends at
 * exactly the reserved height at any width: nothing below it moves when it upgrades or ticks.
 */
// Full-width rows: one line of text, so up to six items fit the default 264px. A card with a
// live countdown is wider (its styles come with its code, countdown.ts), so "Order within 6 h
// 15 min — ships today" fits its two lines. The icon box is sized itself: the built-in drawings
// arrive after the first render (icons.ts) and move nothing. The tooltip's own styles load with
// its code (tooltip.ts), before it first opens: until it is placed it is fixed and invisible, so
// opening it never moves the row.
// Titles and texts are the merchant's words, each a <bdi> (a title button has dir=auto): English
// on an Arabic page keeps its order and its ellipsis at its end, and is still aligned to the
// element's start (match-parent: Firefox knows it unprefixed, Chromium only with -webkit-).
// prettier-ignore
export const styles = css`
:host { block-size: var(--vitrine-selling-points-block-size, 88px); overflow: hidden }
:host([layout=vertical]) { block-size: var(--vitrine-selling-points-block-size, 264px) }
ul { display: flex; gap: var(--vitrine-selling-points-gap, 8px); block-size: 100%; margin: 0; padding: 0; list-style: none; overflow: auto hidden; scroll-snap-type: x proximity; scrollbar-width: thin }
li { flex: 1 0 var(--vitrine-selling-points-item-inline-size, 176px); display: flex; align-items: center; gap: 10px; padding: 8px 12px; border: 1px solid var(--vitrine-color-border, #d9dee3); border-radius: var(--vitrine-radius, 10px); background: var(--vitrine-color-surface, #fff); scroll-snap-align: start; overflow: hidden }
.v { flex-direction: column; gap: 0 }
.v li { flex: 1 1 0; padding-block: 2px; border-width: 0 0 1px; border-radius: 0 }
.v li:last-child { border: 0 }
.icon { flex: none; inline-size: 28px; block-size: 28px; color: var(--vitrine-selling-points-icon-color, var(--vitrine-color-accent, #0b6e4f)) }
.icon > * { display: block; inline-size: 100%; block-size: 100% }
svg { fill: none; stroke: currentColor; stroke-width: 1.75; stroke-linecap: round; stroke-linejoin: round }
.body { flex: 1; min-inline-size: 0 }
.title, .text { overflow: hidden; text-align: match-parent; text-align: -webkit-match-parent }
.title { display: block; max-inline-size: 100%; white-space: nowrap; text-overflow: ellipsis; font-size: 0.9375em; font-weight: 600; line-height: 20px }
button.title { padding: 0; border: 0; background: none; cursor: help; text-decoration: underline dotted; text-underline-offset: 3px }
.text { display: -webkit-box; -webkit-box-orient: vertical; -webkit-line-clamp: 2; font-size: 0.8125em; line-height: 18px; color: var(--vitrine-color-muted, #5b6570) }
.v .text { -webkit-line-clamp: 1 }
`;
