// A @web/test-runner reporter that writes how many tests passed and failed per browser, so the
// test command can print one honest total.
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

function collect(suite, counts) {
  for (const test of suite.tests ?? []) {
    if (test.skipped) counts.skipped++;
    else if (test.passed) counts.passed++;
    else counts.failed++;
  }
  for (const child of suite.suites ?? []) collect(child, counts);
}

export function countingReporter(outputFile) {
  return {
    onTestRunFinished({ sessions }) {
      const counts = { passed: 0, failed: 0, skipped: 0, erroredFiles: 0, byBrowser: {} };
      for (const session of sessions) {
        const own = { passed: 0, failed: 0, skipped: 0 };
        if (session.testResults) collect(session.testResults, own);
        // A file that failed to load or threw outside a test counts as one failure.
        if (!session.passed && own.failed === 0) {
          own.failed++;
          counts.erroredFiles++;
        }
        const name = session.browser.name;
        const b = (counts.byBrowser[name] ??= { passed: 0, failed: 0, skipped: 0 });
        for (const key of ['passed', 'failed', 'skipped']) {
          b[key] += own[key];
          counts[key] += own[key];
        }
      }
      if (outputFile) {
        mkdirSync(dirname(outputFile), { recursive: true });
        writeFileSync(outputFile, JSON.stringify(counts, null, 2));
      }
    },
  };
}
