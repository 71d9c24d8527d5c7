/**
 * Cold start: what the FIRST `solve` of a page costs. V8 runs it in its interpreter and
 * compiles every function it meets on the way, so it costs many times a warm solve, and on a
 * shop's page it runs on the main thread, inside the cart's first render task.
 *
 * The child (cold-child.ts, with the demo cart from packages/elements) is bundled and minified
 * by Vite, as a shop gets it, then run in `runs` fresh Node processes per case; medians.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';

export interface ColdCase {
  name: string;
  /** First solve in a fresh process, ms: median, fastest, slowest. */
  first: { median: number; min: number; max: number };
  /** The second solve, and a warm one (median of 300 after it), same processes, ms (medians). */
  second: number;
  warm: number;
  runs: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

export async function coldStart(runs: number): Promise<ColdCase[]> {
  const dir = mkdtempSync(join(tmpdir(), 'vitrine-coupons-cold-'));
  try {
    await build({
      configFile: false,
      logLevel: 'silent',
      resolve: { conditions: ['source', 'module', 'browser', 'production'] },
      build: {
        outDir: dir,
        minify: true,
        target: 'es2022',
        ssr: join(import.meta.dirname, 'cold-child.ts'),
        rollupOptions: { output: { entryFileNames: 'cold-child.mjs' } },
      },
    });
    const file = join(dir, 'cold-child.mjs');
    const cases: [string, string, string][] = [
      ['demo cart at 14:00 (3 coupons usable), ICU started first as on the page', 'afternoon', 'icu'],
      ['demo cart at 23:30 (all 4 usable), ICU started first as on the page', 'late', 'icu'],
      ['demo cart at 14:00, the process’s first Intl formatter made inside the solve', 'afternoon', 'no-icu'],
    ];
    return cases.map(([name, when, icu]) => {
      const rows: { first: number; second: number; warm: number }[] = [];
      // Interleaved with nothing else: each run is a new process, so nothing is warm.
      for (let i = 0; i < runs; i++) {
        const out = spawnSync(process.execPath, [file, when, icu], { encoding: 'utf8' });
        if (out.status !== 0) throw new Error(`cold-start child failed: ${out.stderr}`);
        rows.push(JSON.parse(out.stdout) as { first: number; second: number; warm: number });
      }
      const first = rows.map((r) => r.first);
      return {
        name,
        first: { median: median(first), min: Math.min(...first), max: Math.max(...first) },
        second: median(rows.map((r) => r.second)),
        warm: median(rows.map((r) => r.warm)),
        runs,
      };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
