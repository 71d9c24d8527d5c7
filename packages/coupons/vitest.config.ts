import { defineConfig } from 'vitest/config';

/**
 * `pnpm --filter @vitrine/coupons exec vitest run` reads this file, not the workspace's: it
 * resolves `@vitrine/coupons` the same way (TypeScript sources through the `source` export
 * condition), so the tests never run against a stale `dist/`. Without it Vite's build config
 * beside it was used, and the tests importing the package name ran the last build.
 */
export default defineConfig({
  resolve: { conditions: ['source', 'module', 'browser', 'development|production'] },
  ssr: { resolve: { conditions: ['source', 'node', 'development|production'], externalConditions: ['source'] } },
  test: { environment: 'happy-dom', include: ['src/**/*.test.ts'] },
});
