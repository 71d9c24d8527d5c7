import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { promisify } from 'node:util';
import { createServer } from '@vitrine/collector';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCli, USAGE } from './args.js';

const root = join(import.meta.dirname, '..', '..');
/** Runs the real command (`pnpm simulate` is `tsx scripts/simulate/cli.ts`). */
function simulate(...args: string[]) {
  const tsx = join(root, 'node_modules', '.bin', 'tsx');
  // a port nothing listens on: a run that got past the arguments would fail fast, not simulate
  const env = { ...process.env, COLLECTOR_PORT: '9', PORT: '9' };
  return spawnSync(tsx, [join(root, 'scripts/simulate/cli.ts'), ...args], { encoding: 'utf8', env, timeout: 60_000 });
}

describe('pnpm simulate command line', () => {
  it('prints the usage for --help and -h, and exits 0', () => {
    const run = simulate('--help');
    expect(run.stderr).toBe('');
    expect(run.stdout.trim()).toBe(USAGE);
    expect(run.status).toBe(0);
    expect(parseCli(['-h'])).toEqual({ help: true });
  });

  it('answers an unknown option with one line and the usage, exit 2, no stack trace', () => {
    const run = simulate('--bogus');
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    const [first, ...rest] = run.stderr.trimEnd().split('\n');
    expect(first).toBe("pnpm simulate: Unknown option '--bogus'");
    expect(rest.join('\n').trim()).toBe(USAGE);
    expect(run.stderr).not.toMatch(/ERR_PARSE_ARGS|at .*node:internal/);
  });

  it('refuses stray arguments and bad numbers the same way', () => {
    expect(parseCli(['extra'])).toEqual({ error: expect.stringMatching(/^Unexpected argument 'extra'/) });
    expect(parseCli(['--seed'])).toEqual({ error: expect.stringMatching(/^Option '--seed <value>' argument missing/) });
    expect(parseCli(['--shoppers', '0'])).toEqual({ error: '--shoppers must be a whole number ≥ 1, got "0"' });
    expect(parseCli(['--seed', '1.5'])).toEqual({ error: '--seed must be a whole number, got "1.5"' });
    expect(parseCli(['--concurrency', ''])).toEqual({ error: '--concurrency must be a whole number ≥ 1, got ""' });
  });

  it('reads the options and their defaults', () => {
    expect(parseCli([], { COLLECTOR_PORT: '9000' })).toEqual({
      run: {
        seed: 42,
        shoppers: 100,
        shop: 'http://127.0.0.1:5173/',
        collector: 'http://127.0.0.1:9000',
        concurrency: 2,
        fast: false,
      },
    });
    expect(parseCli(['--seed', '7', '--shoppers=3', '--fast', '--collector', 'http://c:1'], {})).toMatchObject({
      run: { seed: 7, shoppers: 3, fast: true, collector: 'http://c:1' },
    });
  });

  it('stops with a clear message when the collector refuses its server key', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vitrine-sim-key-'));
    const collector = createServer({ dataDir: dir, adminToken: 'a', serverKey: 'right', durability: 'normal' });
    try {
      const url = await collector.listen({ port: 0, host: '127.0.0.1' });
      const tsx = join(root, 'node_modules', '.bin', 'tsx');
      const env = { ...process.env, VITRINE_SERVER_KEY: 'wrong' };
      const run = await promisify(execFile)(
        tsx,
        [join(root, 'scripts/simulate/cli.ts'), '--fast', '--collector', url],
        {
          encoding: 'utf8',
          env,
          timeout: 60_000,
        },
      ).then(
        () => ({ code: 0, stderr: '' }),
        (e: { code: number; stderr: string }) => e,
      );
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/refuses this server key\. Run pnpm simulate with the same VITRINE_DATA_DIR/);
    } finally {
      await collector.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
