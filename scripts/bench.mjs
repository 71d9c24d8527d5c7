#!/usr/bin/env node
// `pnpm bench`: every package's benchmarks (each package's `bench` script), one after another so
// they do not compete for the two cores. Each prints its figures against DESIGN.md's budgets and
// exits non-zero when it misses one; this script reports which did.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const filter = process.argv[2];
const results = [];
for (const dir of readdirSync(join(root, 'packages'))) {
  const file = join(root, 'packages', dir, 'package.json');
  if (!existsSync(file)) continue;
  const pkg = JSON.parse(readFileSync(file, 'utf8'));
  if (!pkg.scripts?.bench || (filter && !pkg.name.includes(filter))) continue;
  console.log(`\n══ ${pkg.name} ${'═'.repeat(50)}`);
  const run = spawnSync('pnpm', ['--filter', pkg.name, 'run', 'bench'], { cwd: root, stdio: 'inherit' });
  results.push({ name: pkg.name, ok: run.status === 0 });
}
console.log('\n══ summary');
for (const r of results) console.log(`${r.ok ? 'within budget' : 'MISSED A BUDGET'}  ${r.name}`);
process.exit(results.every((r) => r.ok) ? 0 : 1);
