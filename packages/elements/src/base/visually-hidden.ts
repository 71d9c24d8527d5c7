import { css } from 'lit';

/**
 * Text for screen readers only (a live region): the elements that have one add these styles to
 * theirs, so the others do not carry them.
 */
// prettier-ignore
export const visuallyHidden = css`
.visually-hidden { position: absolute !important; inline-size: 1px; block-size: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap }
`;
