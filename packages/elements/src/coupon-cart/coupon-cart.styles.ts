import { css } from 'lit';

// One rule per line: the size check counts template whitespace. The host's block size is the
// same custom property reserve.css reserves before upgrade, so loading shifts nothing; lines and
// coupons scroll inside it while the summary and checkout stay in view.
// prettier-ignore
export const styles = css`
:host { block-size: var(--vitrine-coupon-cart-block-size, 420px); overflow: hidden; border: 1px solid var(--vitrine-color-border, #d9dee3); border-radius: var(--vitrine-radius, 10px); background: var(--vitrine-color-surface, #fff) }
.base { display: flex; flex-direction: column; block-size: 100% }
h2 { margin: 0; padding: 10px 16px 4px; font-size: 1.05em }
.body { flex: 1; min-block-size: 0; overflow-y: auto; padding: 0 16px }
ul { margin: 0; padding: 0; list-style: none }
li { display: grid; grid-template-columns: 48px 1fr auto; gap: 4px 12px; align-items: center; padding-block: 8px; border-block-end: 1px solid var(--vitrine-color-border, #d9dee3) }
img, .ph { grid-row: span 2; inline-size: 48px; block-size: 48px; border-radius: 6px; object-fit: cover; background: var(--vitrine-color-border, #d9dee3) }
.name { font-weight: 600 }
.muted, .reason { color: var(--vitrine-color-muted, #5b6570); font-size: 0.8125em }
.end { text-align: end; font-variant-numeric: tabular-nums }
.step { display: inline-flex; align-items: center; border: 1px solid var(--vitrine-color-border, #d9dee3); border-radius: 6px; justify-self: start }
.step button, .x { inline-size: 32px; block-size: 32px; border: 0; background: none; cursor: pointer; font-size: 1.1em }
[aria-disabled='true'] { opacity: 0.45; cursor: default }
input[type='number'] { inline-size: 3em; block-size: 32px; border: 0; text-align: center; font: inherit; background: none; -moz-appearance: textfield; appearance: textfield }
.x { justify-self: end; color: var(--vitrine-color-muted, #5b6570) }
fieldset { margin: 8px 0; padding: 0; border: 0 }
legend { padding: 0; font-weight: 600 }
label { display: grid; grid-template-columns: auto 1fr auto; gap: 0 8px; padding-block: 4px; cursor: pointer }
label .reason { grid-column: 2 / -1 }
.save, .nudge { color: var(--vitrine-color-accent, #0b6e4f); font-weight: 600 }
.link { border: 0; background: none; padding: 4px 0; color: var(--vitrine-color-focus, #1a5fd0); text-decoration: underline; cursor: pointer; font-size: 0.875em }
.foot { padding: 6px 16px 12px; border-block-start: 1px solid var(--vitrine-color-border, #d9dee3) }
[part='summary'], .nudge, .foot .save { font-size: 0.875em }
.nudge { margin: 0 0 4px }
dl { display: grid; grid-template-columns: 1fr auto; gap: 0 8px; margin: 0 0 8px }
dd { margin: 0 }
.total { font-weight: 700 }
.foot dl { margin: 0 }
.go { inline-size: 100%; block-size: 44px; margin-block-start: 8px; border: 0; border-radius: var(--vitrine-radius, 10px); background: var(--vitrine-coupon-cart-accent, var(--vitrine-color-accent, #0b6e4f)); color: #fff; font-weight: 600; cursor: pointer }
.go:disabled { opacity: 0.5; cursor: default }
.warn { margin: 0 16px 4px; padding: 4px 8px; border-radius: 6px; background: #fff4e5; color: var(--vitrine-color-warning, #8a4b00); font-size: 0.8125em }
`;
