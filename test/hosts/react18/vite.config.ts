import { defineConfig } from 'vite';

// A plain React 18 app as a developer would set it up: the published packages (dist, not the
// workspace sources), one copy of React (the wrappers' own dev copy is deduped away), and Vite's
// built-in JSX transform instead of a plugin.
export default defineConfig({
  base: './',
  logLevel: 'warn',
  resolve: { dedupe: ['react', 'react-dom'] },
  oxc: { jsx: { runtime: 'automatic' } },
  build: { target: 'es2022', sourcemap: true },
});
