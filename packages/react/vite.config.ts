import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig } from 'vite';
import { libraryConfig } from '../../scripts/vite-lib.ts';

// One entry per generated wrapper (`src/<name>.ts`), so `@vitrine/react/<name>` pulls in one element.
const entry: Record<string, string> = {};
for (const file of readdirSync(join(import.meta.dirname, 'src'))) {
  if (file.endsWith('.ts') && !file.includes('.test.')) entry[file.slice(0, -3)] = `src/${file}`;
}

export default defineConfig(libraryConfig(import.meta.dirname, entry));
