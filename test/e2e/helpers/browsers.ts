/**
 * Real browsers for end-to-end tests: Debian's Chromium and Firefox ESR driven by puppeteer-core
 * (Chromium over CDP, Firefox over WebDriver BiDi). Nothing is downloaded.
 */
import puppeteer, { type Browser } from 'puppeteer-core';
// @ts-expect-error -- a plain .mjs helper shared with the test command
import { CHROMIUM_ARGS, ensureBrowsers } from '../../../scripts/browsers.mjs';

export type Engine = 'chromium' | 'firefox';
export const ENGINES: Engine[] = (process.env.VITRINE_BROWSERS?.split(',') as Engine[] | undefined) ?? [
  'chromium',
  'firefox',
];

export async function launch(engine: Engine): Promise<Browser> {
  const paths = ensureBrowsers() as { chromium: string; firefox: string };
  if (engine === 'chromium') {
    return puppeteer.launch({
      executablePath: paths.chromium,
      headless: true,
      args: CHROMIUM_ARGS,
    });
  }
  return puppeteer.launch({ browser: 'firefox', executablePath: paths.firefox, headless: true });
}
