import { css } from 'lit';

// Written compactly (the builds minify it again, scripts/css-templates.mjs): this element's
// budget (2 KB brotli with the shared base) is the tightest. Panel styles load with the panel.
// The root part and the poster fill the frame; the pill is the launch button, the Quick Look
// label (::after), the notify-me button and the "coming soon" label (whose place, at the top, is
// set in soon.ts).
// prettier-ignore
export const styles = css`:host{position:relative;overflow:hidden;content-visibility:auto;aspect-ratio:var(--vitrine-ar-try-on-aspect-ratio,1/1);border-radius:var(--vitrine-radius,10px);background:var(--vitrine-ar-try-on-background,#f2f4f6)}div,img,.ql{position:absolute;inset:0;inline-size:100%;block-size:100%;object-fit:contain}.pill,.ql:after{position:absolute;inset:auto 0 .75em;inline-size:fit-content;margin:auto;padding:.45em 1.1em;border:0;border-radius:2em;background:var(--vitrine-color-accent,#0b6e4f);color:#fff;cursor:pointer;content:attr(data-label)}.wait{visibility:hidden}`;
