// Minifies the CSS of Lit's `css` tagged templates in the elements' sources, for the package
// build, the script-tag build and `pnpm size`. Bundlers minify the JavaScript around such
// templates but keep their text as written, and every element's first load carries its
// stylesheet. Templates with `${…}` interpolations or backslash escapes are left alone, and so is
// any template the minifier cannot read cleanly (with a build warning): the CSS stays the same,
// only shorter.
import { transform } from 'lightningcss';
import MagicString from 'magic-string';

/**
 * The browsers the builds' `es2022` target stands for (Chrome 94, Firefox 93, Safari 16.4):
 * nothing newer than they understand is written, and no prefix they do not need is added.
 */
const TARGETS = { chrome: 94 << 16, firefox: 93 << 16, safari: (16 << 16) | (4 << 8) };

/**
 * `text` minified, or undefined when it does not parse without warnings.
 * @param {string} text
 * @param {string} [filename]
 * @returns {string | undefined}
 */
export function minifyCss(text, filename = 'template.css') {
  try {
    const result = transform({ filename, code: Buffer.from(text), minify: true, targets: TARGETS });
    return result.warnings.length ? undefined : result.code.toString();
  } catch {
    return undefined;
  }
}

/**
 * The Vite plugin. `include` picks the modules (by default the elements' non-test sources).
 * @param {RegExp} [include]
 * @returns {import('vite').Plugin}
 */
export function minifyCssTemplates(include = /[\\/]packages[\\/]elements[\\/]src[\\/][^?]*\.ts$/) {
  return {
    name: 'vitrine-minify-css-templates',
    transform(code, id) {
      if (!include.test(id) || /\.test\.ts$/.test(id) || !code.includes('css`')) return null;
      const out = new MagicString(code);
      for (const match of code.matchAll(/\bcss`([^`]*)`/g)) {
        const text = match[1];
        if (text.includes('${') || text.includes('\\')) continue;
        const min = minifyCss(text, id);
        if (min === undefined) {
          this.warn(`a css\`\` template could not be minified; it is kept as written (${id})`);
          continue;
        }
        const start = match.index + 'css`'.length;
        out.overwrite(start, start + text.length, min);
      }
      return out.hasChanged() ? { code: out.toString(), map: out.generateMap({ hires: 'boundary' }) } : null;
    },
  };
}
