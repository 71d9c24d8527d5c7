/**
 * `pnpm simulate [--seed 42] [--shoppers 100] [--shop URL] [--collector URL] [--concurrency 2] [--fast]`
 * (`--help` prints the usage; an unknown option prints one line and the usage, exit code 2)
 *
 * Seeded simulated traffic for the demo, so the dashboard shows real results. Start the shop
 * first (`pnpm start`). By default headless-Chromium shoppers browse the real page; `--fast`
 * sends the same shoppers' events straight to the collector (no browser). See browser.ts for the
 * explicit simulation path and model.ts for the funnel and the true uplift.
 */
import { join } from 'node:path';
import { parseCli, USAGE } from './args.js';
import { simulateBrowser, serverKeyFromEnv } from './browser.js';
import { simulateFast, type SimConfig } from './fast.js';
import { EXPERIMENT, TRUE_UPLIFT } from './model.js';

const root = join(import.meta.dirname, '..', '..');
const action = parseCli(process.argv.slice(2));
if ('help' in action) {
  console.log(USAGE);
  process.exit(0);
}
if ('error' in action) {
  console.error(`pnpm simulate: ${action.error}\n\n${USAGE}`);
  process.exit(2);
}
const values = action.run;
const seed = values.seed;
const count = values.shoppers;

const health = await fetch(`${values.collector}/healthz`).catch(() => null);
if (!health?.ok) {
  console.error(`No collector at ${values.collector}. Start the shop first: pnpm start`);
  process.exit(1);
}
const serverKey = serverKeyFromEnv(root);
// The key must be this collector's: every simulated batch goes in with it, and a wrong one (a shop
// started with another VITRINE_DATA_DIR) would have every batch refused. An empty batch is refused
// for its body (400) once the key is accepted, and with 401 before that.
const probe = await fetch(`${values.collector}/v1/batch`, {
  method: 'POST',
  headers: { authorization: `Bearer ${serverKey}`, 'content-type': 'application/json' },
  body: '{}',
});
if (probe.status === 401) {
  console.error(
    `The collector at ${values.collector} refuses this server key. Run pnpm simulate with the same VITRINE_DATA_DIR as pnpm start (or set VITRINE_SERVER_KEY to its key).`,
  );
  process.exit(1);
}
const config = (await (await fetch(`${values.collector}/v1/config/demo`)).json()) as SimConfig;
console.log(`Simulating ${count} shoppers (seed ${seed}, true uplift of "${EXPERIMENT}" = +${TRUE_UPLIFT * 100} %)…`);
const started = Date.now();
if (values.fast) {
  await simulateFast({ seed, count, collector: values.collector, serverKey, config });
} else {
  const { seen } = await simulateBrowser({
    seed,
    count,
    shop: values.shop,
    collector: values.collector,
    serverKey,
    concurrency: values.concurrency,
    log: console.log,
  });
  console.log('Seen by the simulator (units, views, carts, checkouts, purchases):');
  seen.forEach((row, v) => console.log(`  variation ${v}: ${row.join(', ')}`));
}
const results = (await (await fetch(`${values.collector}/v1/experiments/${EXPERIMENT}/results?site=demo`)).json()) as {
  variations: Array<{
    key: string;
    units: number;
    funnel: { product_view: number; add_to_cart: number; begin_checkout: number; purchase: number };
    conversion_rate: number;
    uplift: { estimate: number; ci_low: number; ci_high: number } | null;
  }>;
};
console.log(
  `\nResults from the collector (all traffic of the demo site so far), after ${((Date.now() - started) / 1000).toFixed(1)} s:`,
);
for (const v of results.variations) {
  const u = v.uplift
    ? `uplift ${(v.uplift.estimate * 100).toFixed(1)} % [${(Math.max(v.uplift.ci_low, -1) * 100).toFixed(1)}, ${(v.uplift.ci_high * 100).toFixed(1)}]`
    : 'control';
  const f = v.funnel;
  console.log(
    `  ${v.key}: ${v.units} units (views ${f.product_view}, carts ${f.add_to_cart}, checkouts ${f.begin_checkout}, purchases ${f.purchase}), conversion ${(v.conversion_rate * 100).toFixed(2)} %, ${u}`,
  );
}
const t = results.variations[1]?.uplift;
if (t)
  console.log(
    `True uplift +${TRUE_UPLIFT * 100} % is ${t.ci_low <= TRUE_UPLIFT && TRUE_UPLIFT <= t.ci_high ? 'inside' : 'outside'} the 95 % interval.`,
  );
console.log(`Dashboard: ${values.shop}dashboard`);
