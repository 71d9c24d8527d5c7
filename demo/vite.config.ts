import { defineConfig } from 'vite';

/**
 * The demo shop. `pnpm start` builds it and serves the production build, proxying the
 * collector's routes (`/v1`, `/dashboard`) so beacons and the dashboard share the page's origin.
 */
const collector = `http://127.0.0.1:${process.env.COLLECTOR_PORT ?? 8787}`;
const proxy = { '/v1': collector, '/dashboard': collector, '/healthz': collector };

export default defineConfig({
  root: import.meta.dirname,
  logLevel: 'warn',
  resolve: { conditions: ['source', 'module', 'browser', 'production'] },
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', modulePreload: { polyfill: false } },
  server: { proxy },
  preview: { proxy },
});
