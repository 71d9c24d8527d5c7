import type { Plugin } from 'vite';

/** `text` minified, or undefined when it does not parse without warnings. */
export function minifyCss(text: string, filename?: string): string | undefined;
/** The Vite plugin; `include` picks the modules (by default the elements' non-test sources). */
export function minifyCssTemplates(include?: RegExp): Plugin;
