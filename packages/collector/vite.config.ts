import { defineConfig } from 'vite';
import { libraryConfig } from '../../scripts/vite-lib.ts';

export default defineConfig(
  libraryConfig(
    import.meta.dirname,
    { index: 'src/index.ts', cli: 'src/cli.ts', 'sqlite-worker': 'src/sqlite-worker.ts' },
    { build: { ssr: true }, ssr: { target: 'node' } },
  ),
);
