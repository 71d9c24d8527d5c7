import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig } from 'vite';

/**
 * The script-tag build: `dist/<version>/vitrine.js` (the loader) plus one chunk per element and
 * one shared Lit chunk. scripts/finish-build.mjs then writes the stable alias `dist/vitrine.js`,
 * `dist/vitrine.css` and `dist/sri.json`.
 */
const pkg = JSON.parse(readFileSync(join(import.meta.dirname, 'package.json'), 'utf8')) as { version: string };

export default defineConfig({
  root: import.meta.dirname,
  logLevel: 'warn',
  define: { __VITRINE_VERSION__: JSON.stringify(pkg.version) },
  resolve: { conditions: ['source', 'module', 'browser', 'production'] },
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
        format: 'es',
        entryFileNames: '[name].js',
        chunkFileNames: 'chunks/[name]-[hash].js',
        manualChunks(id: string) {
          if (/[\\/]node_modules[\\/](lit|lit-html|lit-element|@lit[\\/]reactive-element)[\\/]/.test(id)) return 'lit';
          return undefined;
        },
      },
    },
  },
});
