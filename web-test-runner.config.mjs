// Browser tier: every `*.browser.test.ts` in real headless Chromium and Firefox ESR (Debian's
// packages; nothing is downloaded). See scripts/browsers.mjs for how the binaries are found.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher, puppeteerCore } from '@web/test-runner-chrome';
import { CHROMIUM_ARGS, findBrowsers } from './scripts/browsers.mjs';
import { countingReporter } from './scripts/wtr-counting-reporter.mjs';
import { testCollector } from './scripts/wtr-test-collector.mjs';
import { defaultReporter, summaryReporter } from '@web/test-runner';

const { chromium, firefox } = findBrowsers();
const only = process.env.VITRINE_BROWSERS?.split(',') ?? ['chromium', 'firefox'];

const browsers = [];
if (only.includes('chromium')) {
  browsers.push(
    chromeLauncher({
      launchOptions: {
        executablePath: chromium,
        headless: true,
        args: CHROMIUM_ARGS,
      },
    }),
  );
}
if (only.includes('firefox')) {
  browsers.push(
    chromeLauncher({
      puppeteer: puppeteerCore,
      launchOptions: { browser: 'firefox', executablePath: firefox, headless: true },
    }),
  );
}

export default {
  files: ['packages/*/src/**/*.browser.test.ts', 'test/browser/**/*.browser.test.ts'],
  nodeResolve: { exportConditions: ['source', 'browser', 'development'] },
  browsers,
  concurrency: 1,
  concurrentBrowsers: 2,
  testFramework: { config: { timeout: 10000 } },
  testsFinishTimeout: 300000,
  // Firefox can take long to open its first page on a loaded 2-core machine.
  browserStartTimeout: 120000,
  testsStartTimeout: 120000,
  middleware: [testCollector],
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.base.json' })],
  reporters: [
    process.env.CI ? summaryReporter({ flatten: true }) : defaultReporter(),
    countingReporter(process.env.VITRINE_WTR_JSON),
  ],
};
