import { css } from 'lit';

// One rule per line, for reading; the builds minify it (scripts/css-templates.mjs). The host's block size is the
// same custom property reserve.css reserves before upgrade, so loading shifts nothing; lines and
// coupons scroll inside it while the nudge, the total and checkout stay in view. The coupon
// list's own rules come with it (picker.ts). Names and coupon labels may break anywhere: a long one
// without spaces (a URL, a German compound) would otherwise widen its column and push the line's
// total and its remove button out of the cart (amounts still do not break: their columns take
// their full width first).
// prettier-ignore
export const styles = css`
:host { block-size: var(--vitrine-coupon-cart-block-size, 420px); overflow: hidden; content-visibility: auto; border: 1px solid var(--vitrine-color-border, #d9dee3); border-radius: var(--vitrine-radius, 10px); background: var(--vitrine-color-surface, #fff) }
.base { display: flex; flex-direction: column; block-size: 100% }
h2 { margin: 0; padding: 10px 16px 4px; font-size: 1.125em }
.body { flex: 1; overflow-y: auto; padding: 0 16px; overflow-wrap: anywhere }
ul, dl, p { margin: 0; padding: 0; list-style: none }
li, dl { display: grid; grid-template-columns: 48px 1fr auto; gap: 4px 12px; align-items: center; padding-block: 8px; border-block-end: 1px solid var(--vitrine-color-border, #d9dee3) }
dl { grid-template-columns: 1fr auto; gap: 0 8px; padding: 0 0 8px; border: 0 }
img, .ph { grid-row: span 2; inline-size: 48px; block-size: 48px; border-radius: 6px; object-fit: cover; background: var(--vitrine-color-border, #d9dee3) }
.muted { color: var(--vitrine-color-muted, #5b6570) }
li .muted, .nudge, dl { font-size: 0.875em }
.name, .save, .nudge { font-weight: 600 }
.total { font-weight: 700; font-size: 1.125em }
dd, .end { text-align: end; font-variant-numeric: tabular-nums }
.step { display: inline-flex; border: 1px solid var(--vitrine-color-border, #d9dee3); border-radius: 6px; justify-self: start }
button { border: 0; background: none; cursor: pointer; padding: 0 }
.step button, .x { inline-size: 32px; block-size: 32px; font-size: 1.125em }
.step input { inline-size: 3em; border: 0; text-align: center; font: inherit; appearance: textfield }
.x { justify-self: end; color: var(--vitrine-color-muted, #5b6570) }
[aria-disabled='true'], :disabled { opacity: 0.45; cursor: default }
.save, .nudge { color: var(--vitrine-color-accent, #0b6e4f) }
.link { padding-block: 4px; color: var(--vitrine-color-focus, #1a5fd0); text-decoration: underline; font-size: 0.875em }
.foot { padding: 6px 16px 12px; border-block-start: 1px solid var(--vitrine-color-border, #d9dee3) }
.go { inline-size: 100%; block-size: 44px; border-radius: var(--vitrine-radius, 10px); background: var(--vitrine-coupon-cart-accent, var(--vitrine-color-accent, #0b6e4f)); color: #fff; font-weight: 600 }
`;
