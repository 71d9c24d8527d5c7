#!/usr/bin/env node
// `pnpm audit:lighthouse`: Lighthouse (mobile settings, Debian's Chromium) on the demo as
// `pnpm start` serves it, against DESIGN.md's budgets; also LCP with and without the Vitrine
// snippet on the same page. JSON reports are kept in reports/lighthouse/.
//
//   pnpm audit:lighthouse            starts the shop itself (ports PORT/COLLECTOR_PORT + 100)
//   pnpm audit:lighthouse -- URL     audits a shop that is already running
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { findBrowsers } from './browsers.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'reports', 'lighthouse');
mkdirSync(out, { recursive: true });
const RUNS = Number(process.env.LIGHTHOUSE_RUNS ?? 3);

let base = process.argv.find((a) => /^https?:/.test(a));
let shop;
if (!base) {
  const port = Number(process.env.PORT ?? 5173) + 100;
  const collectorPort = Number(process.env.COLLECTOR_PORT ?? 8787) + 100;
  shop = spawn(process.execPath, [join(root, 'scripts', 'start.mjs')], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      COLLECTOR_PORT: String(collectorPort),
      VITRINE_DATA_DIR: join(out, 'data'),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  base = `http://127.0.0.1:${port}/`;
  await new Promise((resolve, reject) => {
    let text = '';
    shop.stdout.on('data', (chunk) => {
      text += chunk;
      if (text.includes('Vitrine demo shop:')) resolve();
    });
    shop.on('exit', (code) => reject(new Error(`pnpm start exited (${code})`)));
  });
}

function lighthouse(url, name) {
  const file = join(out, `${name}.json`);
  const { chromium } = findBrowsers();
  return new Promise((resolve, reject) => {
    const child = spawn(
      join(root, 'node_modules', '.bin', 'lighthouse'),
      [
        url,
        '--output=json',
        `--output-path=${file}`,
        '--quiet',
        '--only-categories=performance,accessibility,best-practices',
        '--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --no-first-run',
      ],
      { cwd: root, env: { ...process.env, CHROME_PATH: chromium }, stdio: 'inherit' },
    );
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`lighthouse exited with ${code} for ${url}`));
      const report = JSON.parse(readFileSync(file, 'utf8'));
      resolve({
        performance: report.categories.performance.score * 100,
        accessibility: report.categories.accessibility.score * 100,
        bestPractices: report.categories['best-practices'].score * 100,
        cls: report.audits['cumulative-layout-shift'].numericValue,
        tbt: report.audits['total-blocking-time'].numericValue,
        lcp: report.audits['largest-contentful-paint'].numericValue,
        fcp: report.audits['first-contentful-paint'].numericValue,
        // What blocked (Lighthouse's simulated durations): the tasks of 50 ms or more after first paint.
        blocking: (report.audits['long-tasks']?.details?.items ?? []).map((t) => ({
          url: t.url,
          ms: Math.round(t.duration),
          at: Math.round(t.startTime),
        })),
        load: loadAverage(),
        file,
      });
    });
  });
}

/** The machine's one-minute load: figures taken under load are not comparable (see the README). */
const loadAverage = () => Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
async function audit(url, name) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await lighthouse(url, `${name}-${i + 1}`));
  const m = (key) => median(runs.map((r) => r[key]));
  return {
    performance: m('performance'),
    accessibility: m('accessibility'),
    bestPractices: m('bestPractices'),
    cls: m('cls'),
    tbt: m('tbt'),
    lcp: m('lcp'),
    runs,
  };
}

let failed = 0;
try {
  const withVitrine = await audit(base, 'demo');
  const without = await audit(new URL('no-vitrine.html', base).href, 'demo-without-vitrine');
  const rows = [
    ['performance', withVitrine.performance, '= 100', withVitrine.performance >= 100],
    ['accessibility', withVitrine.accessibility, '= 100', withVitrine.accessibility >= 100],
    ['best practices', withVitrine.bestPractices, '≥ 95', withVitrine.bestPractices >= 95],
    ['CLS', withVitrine.cls.toFixed(3), '0.000', withVitrine.cls.toFixed(3) === '0.000'],
    ['TBT', `${Math.round(withVitrine.tbt)} ms`, '0 ms', Math.round(withVitrine.tbt) === 0],
    ['LCP with Vitrine', `${Math.round(withVitrine.lcp)} ms`, '–', true],
    ['LCP without Vitrine', `${Math.round(without.lcp)} ms`, '–', true],
    ['LCP cost of the snippet', `${Math.round(withVitrine.lcp - without.lcp)} ms`, '–', true],
  ];
  const table = [
    `Lighthouse ${RUNS}× (median), mobile settings, ${base}`,
    '| metric | measured | budget | |',
    '|---|---:|---:|---|',
    ...rows.map(([k, v, b, ok]) => `| ${k} | ${v} | ${b} | ${b === '–' ? '' : ok ? 'ok' : '**missed**'} |`),
  ].join('\n');
  failed = rows.filter((r) => !r[3]).length;
  console.log('\n' + table);
  // Each run's blocking time and its long tasks after first paint, so a miss can be traced.
  for (const [name, result] of [
    ['with Vitrine', withVitrine],
    ['without', without],
  ])
    for (const r of result.runs) {
      const after = r.blocking.filter((t) => t.at >= r.fcp);
      console.log(
        `  ${name}: TBT ${Math.round(r.tbt)} ms (load ${r.load})` +
          (after.length
            ? `; tasks ≥ 50 ms after FCP: ${after.map((t) => `${t.ms} ms ${t.url.replace(/^https?:\/\/[^/]+/, '')}`).join(', ')}`
            : ''),
      );
    }
  writeFileSync(join(out, 'summary.md'), table + '\n');
  writeFileSync(join(out, 'summary.json'), JSON.stringify({ withVitrine, without }, null, 2));
} finally {
  shop?.kill('SIGTERM');
}
process.exit(failed ? 1 : 0);
