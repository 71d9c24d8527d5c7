#!/usr/bin/env node
// The README's test command: every check and every test of every package, in both tiers, in
// real browsers. Exits non-zero when anything fails and ends with one `N passed, N failed` line.
//
//   pnpm test                  everything
//   pnpm test -- --only unit   one step (lint, typecheck, build, unit, browser)
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { ensureBrowsers } from './browsers.mjs';
import { ensureClickHouse } from '../packages/collector/src/clickhouse/test-utils/ensure.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const reports = join(root, 'reports');
mkdirSync(reports, { recursive: true });
const onlyIndex = process.argv.indexOf('--only');
const only = onlyIndex > 0 ? process.argv[onlyIndex + 1]?.split(',') : undefined;

function run(command, args, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, FORCE_COLOR: process.env.CI ? '0' : '1', ...env },
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    child.on('error', (error) => {
      console.error(error.message);
      resolve(1);
    });
  });
}

const bin = (name) => join(root, 'node_modules', '.bin', name);
const results = [];

async function step(name, fn) {
  if (only && !only.includes(name)) return;
  const started = Date.now();
  console.log(`\n── ${name} ${'─'.repeat(Math.max(0, 60 - name.length))}`);
  let outcome;
  try {
    outcome = await fn();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    outcome = { passed: 0, failed: 1 };
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  results.push({ name, seconds, ...outcome });
}

/** A step without its own test count: one check that passes or fails. */
const check = async (command, args, env) =>
  (await run(command, args, env)) === 0 ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 };

await step('lint', async () => {
  const eslint = await run(bin('eslint'), ['.', '--max-warnings=0']);
  const prettier = await run(bin('prettier'), ['--check', '.', '--log-level=warn']);
  return { passed: (eslint === 0) + (prettier === 0), failed: (eslint !== 0) + (prettier !== 0) };
});

await step('typecheck', () => check(bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']));

// The framework hosts (test/hosts) build against the packages' dist; the browser step loads them.
await step('build', async () =>
  (await run('pnpm', ['-r', '--filter', './packages/**', 'run', 'build'])) === 0 &&
  (await run('pnpm', ['-r', '--filter', './test/hosts/**', 'run', 'build'])) === 0
    ? { passed: 1, failed: 0 }
    : { passed: 0, failed: 1 },
);

// Sizes and speeds are budgets, checked by `pnpm size` and `pnpm bench` (benchmarks that print
// each figure beside its budget), not by the test command: see the README's figures.

await step('unit', async () => {
  // The ClickHouse store's tests run a real (Debian) ClickHouse server, and the end-to-end tests
  // drive Debian's Chromium and Firefox ESR: install what is missing up front, once, before test
  // files run in parallel (one file installing while another looks for a browser fails).
  ensureClickHouse();
  ensureBrowsers();
  const file = join(reports, 'vitest.json');
  rmSync(file, { force: true });
  const code = await run(bin('vitest'), ['run'], { VITRINE_TEST_JSON: file });
  if (!existsSync(file)) return { passed: 0, failed: 1 };
  const json = JSON.parse(readFileSync(file, 'utf8'));
  const failed = json.numFailedTests + (code !== 0 && json.numFailedTests === 0 ? 1 : 0);
  return { passed: json.numPassedTests, failed, skipped: json.numPendingTests + json.numTodoTests };
});

await step('browser', async () => {
  ensureBrowsers();
  const file = join(reports, 'wtr.json');
  rmSync(file, { force: true });
  const code = await run(bin('web-test-runner'), [], { VITRINE_WTR_JSON: file });
  if (!existsSync(file)) return { passed: 0, failed: 1 };
  const json = JSON.parse(readFileSync(file, 'utf8'));
  for (const [browser, c] of Object.entries(json.byBrowser)) {
    console.log(`  ${browser}: ${c.passed} passed, ${c.failed} failed`);
  }
  const failed = json.failed + (code !== 0 && json.failed === 0 ? 1 : 0);
  return { passed: json.passed, failed, skipped: json.skipped };
});

console.log('\n── summary ' + '─'.repeat(52));
let passed = 0;
let failed = 0;
let skipped = 0;
for (const r of results) {
  passed += r.passed;
  failed += r.failed;
  skipped += r.skipped ?? 0;
  const mark = r.failed ? 'FAIL' : 'ok  ';
  console.log(
    `${mark} ${r.name.padEnd(10)} ${String(r.passed).padStart(5)} passed ${String(r.failed).padStart(4)} failed  ${r.seconds}s`,
  );
}
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed === 0 && results.length > 0 ? 0 : 1);
