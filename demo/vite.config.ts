import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig, type Plugin } from 'vite';

/**
 * The demo shop. `pnpm start` builds @vitrine/embed, then this page, and serves the production
 * build, proxying the collector's routes (`/v1`, `/dashboard`) so beacons and the dashboard share
 * the page's origin. The page loads Vitrine exactly as a merchant would: `/vitrine/vitrine.js`
 * and `/vitrine/vitrine.css` from the embed build (copied into `public/vitrine/`, not bundled).
 */
const collector = `http://127.0.0.1:${process.env.COLLECTOR_PORT ?? 8787}`;
const proxy = { '/v1': collector, '/dashboard': collector, '/healthz': collector };
const embedDist = join(import.meta.dirname, '..', 'packages', 'embed', 'dist');
const publicVitrine = join(import.meta.dirname, 'public', 'vitrine');

/** Copies the embed build in, and writes `no-vitrine.html` (the same page without the snippet) for Lighthouse's comparison. */
const vitrineSnippet: Plugin = {
  name: 'demo-vitrine-snippet',
  buildStart() {
    if (!existsSync(join(embedDist, 'vitrine.js'))) {
      throw new Error('Build @vitrine/embed first: pnpm --filter @vitrine/embed build (pnpm start does it).');
    }
    rmSync(publicVitrine, { recursive: true, force: true });
    cpSync(embedDist, publicVitrine, { recursive: true });
  },
  closeBundle() {
    const dist = join(import.meta.dirname, 'dist');
    const html = readFileSync(join(dist, 'index.html'), 'utf8');
    // The same page without Vitrine's script (its reservation rules stay in the shop's CSS).
    const without = html.replace(/<script type="module"[^>]* src="\/vitrine\/vitrine\.js"[^>]*><\/script>/, '');
    if (without === html) throw new Error('no-vitrine.html: the snippet was not found in index.html');
    writeFileSync(join(dist, 'no-vitrine.html'), without);
  },
};

/**
 * The shop's server renders the experiment config into the page (fresh from the collector on each
 * view, so pausing an experiment in the dashboard applies to the next shopper, and assignment
 * stays synchronous). If the collector does not answer, the config built into the page is used.
 */
const liveConfig: Plugin = {
  name: 'demo-live-config',
  configurePreviewServer(server) {
    server.middlewares.use(async (req, res, next) => {
      const path = (req.url ?? '/').split('?')[0];
      if (path !== '/' && path !== '/index.html') return next();
      let html = readFileSync(join(import.meta.dirname, 'dist', 'index.html'), 'utf8');
      try {
        const response = await fetch(`${collector}/v1/config/demo`, { signal: AbortSignal.timeout(500) });
        if (response.ok) {
          const config = JSON.stringify(await response.json()).replace(/</g, '\\u003c');
          html = html.replace(
            /(<script type="application\/json" id="vitrine-config">)[\s\S]*?(<\/script>)/,
            (_m, open: string, close: string) => `${open}${config}${close}`,
          );
        }
      } catch {
        /* collector down: the config built into the page stands */
      }
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.setHeader('cache-control', 'no-store');
      res.end(html);
    });
  },
};

export default defineConfig({
  root: import.meta.dirname,
  logLevel: 'warn',
  plugins: [vitrineSnippet, liveConfig],
  resolve: { conditions: ['source', 'module', 'browser', 'production'] },
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', modulePreload: { polyfill: false } },
  server: { proxy },
  preview: { proxy },
});
