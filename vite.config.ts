import { defineConfig } from 'vitest/config';

/**
 * The workspace's Vitest configuration. Packages are resolved from their TypeScript sources
 * through the `source` export condition, so tests never need a build first.
 *
 * Projects:
 * - `dom`: logic and rendering under happy-dom (client, coupons, elements, embed, react);
 * - `node`: the collector and other server code;
 * - `e2e`: cross-package tests in real browsers (puppeteer-core driving Debian's Chromium and
 *   Firefox ESR) and against real servers, one file at a time.
 */
const conditions = ['source', 'module', 'browser', 'development|production'];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions: ['source', 'node', 'development|production'], externalConditions: ['source'] } },
  test: {
    reporters: process.env.VITRINE_TEST_JSON
      ? ['default', ['json', { outputFile: process.env.VITRINE_TEST_JSON }]]
      : ['default'],
    projects: [
      {
        extends: true,
        test: {
          name: 'dom',
          environment: 'happy-dom',
          include: ['packages/{client,coupons,elements,embed,react}/{src,test}/**/*.test.ts'],
          exclude: ['**/*.browser.test.ts', '**/node_modules/**'],
        },
      },
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: ['packages/collector/{src,test}/**/*.test.ts', 'scripts/**/*.test.ts'],
          exclude: ['**/*.browser.test.ts', '**/node_modules/**'],
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
