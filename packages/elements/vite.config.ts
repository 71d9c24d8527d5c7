import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig } from 'vite';
import { libraryConfig } from '../../scripts/vite-lib.ts';
import { minifyCssTemplates } from '../../scripts/css-templates.mjs';

// One entry per element's define module (`src/<name>/vitrine-<name>.ts`), plus the class index and `all`.
const src = join(import.meta.dirname, 'src');
const entry: Record<string, string> = { index: 'src/index.ts', all: 'src/all.ts' };
for (const name of readdirSync(src)) {
  const define = join(src, name, `vitrine-${name}.ts`);
  if (existsSync(define)) entry[`${name}/vitrine-${name}`] = define;
}

// The stylesheets ship minified (see scripts/css-templates.mjs); the JavaScript is left to the app's bundler.
export default defineConfig(libraryConfig(import.meta.dirname, entry, { plugins: [minifyCssTemplates()] }));
