import { css } from 'lit';

/**
 * Styles every element starts from. Colours, radii and type come from global `--vitrine-*`
 * tokens with built-in defaults, so a theme sets a handful of properties once on `:root`.
 * Sizes are set explicitly inside the shadow root, so a host page's global font or reset
 * rules reach the element only through the tokens.
 */
// One rule per line, for reading; the builds minify it (scripts/css-templates.mjs). The root part
// restates the type so that hostile page rules such as '* { font-size: 40px !important }', which
// match the host but never the shadow content, cannot resize the element.
// prettier-ignore
export const base = css`
:host { display: block; box-sizing: border-box; color: var(--vitrine-color-text, #1d232a); font-family: var(--vitrine-font-family, system-ui, sans-serif); font-size: var(--vitrine-font-size, 16px); line-height: 1.45; -webkit-text-size-adjust: 100% }
[part~='base'] { font-size: var(--vitrine-font-size, 16px); line-height: 1.45; color: var(--vitrine-color-text, #1d232a); letter-spacing: normal; text-align: start }
:host([hidden]), [hidden] { display: none !important }
*, ::before, ::after { box-sizing: border-box }
button { font: inherit; color: inherit }
:focus-visible { outline: 2px solid var(--vitrine-color-focus, #1a5fd0); outline-offset: 2px }
@media (prefers-reduced-motion: reduce) { *, ::before, ::after { animation-duration: 0.01ms !important; transition-duration: 0.01ms !important } }
`;

/** The default values of the global tokens, documented in the elements README. */
export const TOKENS = {
  '--vitrine-color-text': '#1d232a',
  '--vitrine-color-muted': '#5b6570',
  '--vitrine-color-accent': '#0b6e4f',
  '--vitrine-color-surface': '#ffffff',
  '--vitrine-color-border': '#d9dee3',
  '--vitrine-color-focus': '#1a5fd0',
  '--vitrine-color-warning': '#8a4b00',
  '--vitrine-radius': '10px',
  '--vitrine-font-family': 'system-ui, sans-serif',
  '--vitrine-font-size': '16px',
} as const;
