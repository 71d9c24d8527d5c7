import { defineConfig } from 'vite';
import { libraryConfig } from '../../scripts/vite-lib.ts';

export default defineConfig(
  libraryConfig(import.meta.dirname, { index: 'src/index.ts', datalayer: 'src/datalayer.ts' }),
);
