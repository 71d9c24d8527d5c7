/**
 * The command line of `pnpm simulate`, apart from cli.ts so it can be tested without a shop:
 * `parseCli` never throws; it says what to do (run, print the usage, or fail with one line).
 */
import { parseArgs } from 'node:util';

export const USAGE = `Usage: pnpm simulate [options]

Seeded simulated shoppers for the demo, so the dashboard shows real results.
Start the shop first (pnpm start).

Options:
  --seed N          seed of the simulation (default 42)
  --shoppers N      how many shoppers (default 100)
  --shop URL        the demo shop (default http://127.0.0.1:$PORT/, PORT 5173)
  --collector URL   the collector (default http://127.0.0.1:$COLLECTOR_PORT, 8787)
  --concurrency N   browsers at once, without --fast (default 2)
  --fast            send the shoppers' events straight to the collector (no browser)
  -h, --help        print this help`;

export interface CliOptions {
  seed: number;
  shoppers: number;
  shop: string;
  collector: string;
  concurrency: number;
  fast: boolean;
}

export type CliAction = { run: CliOptions } | { help: true } | { error: string };

/** Reads `argv` (without node and the script); `env` gives the default ports. */
export function parseCli(argv: string[], env: NodeJS.ProcessEnv = process.env): CliAction {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        seed: { type: 'string', default: '42' },
        shoppers: { type: 'string', default: '100' },
        shop: { type: 'string', default: `http://127.0.0.1:${env.PORT ?? 5173}/` },
        collector: { type: 'string', default: `http://127.0.0.1:${env.COLLECTOR_PORT ?? 8787}` },
        concurrency: { type: 'string', default: '2' },
        fast: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (error) {
    // parseArgs's messages name the option ("Unknown option '--bogus'"); the rest of them is advice
    // for the programmer ("To specify a positional argument…"), not for this command's user
    return { error: (error as Error).message.split('. ')[0]!.replace(/\.$/, '') };
  }
  if (values.help) return { help: true };
  const whole = (name: 'seed' | 'shoppers' | 'concurrency', min: number) => {
    const n = Number(values[name]);
    return Number.isSafeInteger(n) && n >= min && values[name]!.trim() !== '' ? n : null;
  };
  const seed = whole('seed', Number.MIN_SAFE_INTEGER);
  const shoppers = whole('shoppers', 1);
  const concurrency = whole('concurrency', 1);
  if (seed === null) return { error: `--seed must be a whole number, got "${values.seed}"` };
  if (shoppers === null) return { error: `--shoppers must be a whole number ≥ 1, got "${values.shoppers}"` };
  if (concurrency === null) return { error: `--concurrency must be a whole number ≥ 1, got "${values.concurrency}"` };
  return {
    run: { seed, shoppers, shop: values.shop!, collector: values.collector!, concurrency, fast: values.fast! },
  };
}
