#!/usr/bin/env node
// `pnpm bench`: every package's benchmarks (each package's `bench` script), one after another so
// they do not compete for the two cores. Each prints its figures against DESIGN.md's budgets and
// exits non-zero when it misses one; this script reports which did.
//
//   pnpm bench                        all of them
//   pnpm bench collector              the packages whose name holds "collector"
//   pnpm bench collector ingest       …with "ingest" handed to their bench (here: one half of it)
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [filter, ...args] = process.argv.slice(2);
const results = [];
for (const dir of readdirSync(join(root, 'packages'))) {
  const file = join(root, 'packages', dir, 'package.json');
  if (!existsSync(file)) continue;
  const pkg = JSON.parse(readFileSync(file, 'utf8'));
  if (!pkg.scripts?.bench || (filter && !pkg.name.includes(filter))) continue;
  console.log(`\n══ ${pkg.name} ${'═'.repeat(50)}`);
  const run = spawnSync('pnpm', ['--filter', pkg.name, 'run', 'bench', ...args], { cwd: root, stdio: 'inherit' });
  results.push({ name: pkg.name, ok: run.status === 0 });
}
if (!results.length) {
  console.error(`No package with a benchmark matches "${filter}" (client, collector, coupons).`);
  process.exit(1);
}
console.log('\n══ summary');
for (const r of results) console.log(`${r.ok ? 'within budget' : 'MISSED A BUDGET'}  ${r.name}`);
process.exit(results.every((r) => r.ok) ? 0 : 1);
