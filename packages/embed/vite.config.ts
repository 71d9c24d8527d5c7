import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import { minifyCssTemplates } from '../../scripts/css-templates.mjs';

/**
 * The script-tag build: `dist/<version>/vitrine.js` (the loader) plus one chunk per element and
 * one shared Lit chunk. scripts/finish-build.mjs then writes the stable alias `dist/vitrine.js`,
 * `dist/vitrine.css` and `dist/sri.json`.
 */
const pkg = JSON.parse(readFileSync(join(import.meta.dirname, 'package.json'), 'utf8')) as { version: string };

/** Copies the elements' ICU warm-up worker beside the chunk that starts it (`chunks/intl-warm-*.js`). */
const intlWorker: Plugin = {
  name: 'vitrine-intl-worker',
  generateBundle() {
    const source = join(import.meta.dirname, '..', 'elements', 'src', 'base', 'intl-worker.js');
    this.emitFile({ type: 'asset', fileName: 'chunks/intl-worker.js', source: readFileSync(source, 'utf8') });
  },
};

/** Rolldown adds nothing for `undefined` (an empty string would still add a line). */
const noBanner = undefined as unknown as string;

export default defineConfig({
  root: import.meta.dirname,
  logLevel: 'warn',
  // The ICU warm-up worker ships beside the chunks (see elements/src/base/intl-warm.ts).
  define: { __VITRINE_VERSION__: JSON.stringify(pkg.version), __VITRINE_INTL_WORKER__: 'true' },
  resolve: { conditions: ['source', 'module', 'browser', 'production'] },
  plugins: [intlWorker, minifyCssTemplates()],
  build: {
    outDir: join(import.meta.dirname, 'dist', pkg.version),
    emptyOutDir: true,
    target: 'es2022',
    minify: true,
    sourcemap: true,
    // Library mode: Vite adds no preload helper to dynamic imports there (~1 KB saved in the
    // loader); everything is bundled, Lit included, because nothing is external.
    lib: { entry: { vitrine: join(import.meta.dirname, 'src/vitrine.ts') }, formats: ['es'] },
    rollupOptions: {
      output: {
        // Library mode keeps whitespace in ES output; merchants get every chunk fully minified.
        minify: true,
        // No comments: the minifier already left out the others; this also drops the bundler's
        // `/* @__PURE__ */` marks (tree-shaking is done; 24 bytes of the loader's 4 KB brotli).
        comments: false,
        format: 'es',
        entryFileNames: '[name].js',
        // V8's explicit compile hint (Chromium 136+; a plain comment elsewhere): every function of
        // a chunk is compiled with the chunk, while it streams in, instead of lazily at its first
        // call in the middle of a render. A chunk loads when its code is about to run, so little
        // compiles in vain. Main-thread compile time after first paint on the demo: 43-64 ms
        // without, 10-16 ms with. The loader is left as it is (nothing added, not even a line).
        postBanner: (chunk) => (chunk.isEntry ? noBanner : '//# allFunctionsCalledOnLoad'),
        // No content hash: the version folder names a release, whose files never change (serve
        // `<version>/` as immutable). Parts of an element carry its name (`coupon-cart-picker.js`).
        chunkFileNames(chunk) {
          const part = (chunk.facadeModuleId ?? chunk.moduleIds.at(-1))?.match(
            /elements[\\/]src[\\/]([^\\/]+)[\\/]/,
          )?.[1];
          return part && part !== 'base' && !chunk.name.startsWith('vitrine-')
            ? `chunks/${part}-[name].js`
            : 'chunks/[name].js';
        },
        manualChunks(id: string) {
          if (/[\\/]node_modules[\\/](lit|lit-html|lit-element|@lit[\\/]reactive-element)[\\/]/.test(id)) return 'lit';
          return undefined;
        },
      },
    },
  },
});
