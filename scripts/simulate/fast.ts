/**
 * The fast simulation path: the same shoppers and decisions as the browser simulator, assigned by
 * the real `assign()` of @vitrine/client, sent to a real collector as server-to-server events
 * (server key), and read back from the results API. Used for the coverage check across seeds.
 */
import { randomBytes } from 'node:crypto';
import { assign } from '@vitrine/client';
import { EXPERIMENT, PRODUCT, journey, shoppers } from './model.js';

export interface SimConfig {
  v: 1;
  site: string;
  experiments: Array<{ key: string; variations: string[]; weights?: number[] }>;
}

let lastMs = 0;
let seq = 0;
/** UUIDv7 (the collector requires it): 48-bit time, version 7, variant 10, random rest. */
export function uuidv7(): string {
  let ms = Date.now();
  if (ms <= lastMs) ms = lastMs + (++seq > 0xfff ? ((seq = 0), 1) : 0);
  else seq = 0;
  lastMs = ms;
  const bytes = randomBytes(16);
  bytes.writeUIntBE(ms, 0, 6);
  bytes[6] = 0x70 | (bytes[6]! & 0x0f);
  bytes[8] = 0x80 | (bytes[8]! & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export interface FastRun {
  seed: number;
  units: number;
  results: Results;
}

export interface Results {
  variations: Array<{
    variation: number;
    units: number;
    conversion_rate: number;
    uplift: { estimate: number; ci_low: number; ci_high: number } | null;
    p_value: number | null;
  }>;
  srm_p_value: number | null;
}

/** Sends one seed's shoppers to `collector` (a base URL) and returns the experiment's results. */
export async function simulateFast(options: {
  seed: number;
  count: number;
  collector: string;
  serverKey: string;
  config: SimConfig;
}): Promise<FastRun> {
  const experiment = options.config.experiments.find((e) => e.key === EXPERIMENT);
  if (!experiment) throw new Error(`the config has no "${EXPERIMENT}" experiment`);
  const site = options.config.site;
  const now = Date.now();
  const events: Record<string, unknown>[] = [];
  for (const shopper of shoppers(options.seed, options.count)) {
    const a = assign(experiment, shopper.anonymousId);
    const base = {
      anonymous_id: shopper.anonymousId,
      page: { path: '/' },
      props: { simulated: true },
      sdk: { name: 'vitrine-simulator', version: '1' },
    };
    let ts = now - 60_000 + shopper.index;
    const exposure = () =>
      a.inExperiment &&
      events.push({
        ...base,
        event_id: uuidv7(),
        type: 'exposure',
        ts: ts++,
        experiment: EXPERIMENT,
        variation: a.variation,
      });
    // In the order a real page sends them: the product view as the page loads, the exposure once
    // the experiment shows its variant, then the shopper's actions.
    for (const step of journey(shopper, a.variation)) {
      const commerce =
        step === 'product_view'
          ? { product_id: PRODUCT.id }
          : { product_id: PRODUCT.id, quantity: 1, value_minor: PRODUCT.priceMinor, currency: PRODUCT.currency };
      events.push({
        ...base,
        ...commerce,
        event_id: uuidv7(),
        type: step,
        ts: ts++,
        ...(step === 'purchase' ? { order_id: `sim-${options.seed}-${shopper.index}` } : {}),
      });
      if (step === 'product_view') exposure();
    }
  }
  for (let i = 0; i < events.length; i += 1000) {
    const response = await fetch(`${options.collector}/v1/batch`, {
      method: 'POST',
      headers: { authorization: `Bearer ${options.serverKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ v: 1, site, sent_at: Date.now(), events: events.slice(i, i + 1000) }),
    });
    if (!response.ok) throw new Error(`the collector answered ${response.status}: ${await response.text()}`);
  }
  const response = await fetch(`${options.collector}/v1/experiments/${EXPERIMENT}/results?site=${site}`);
  if (!response.ok) throw new Error(`results: ${response.status} ${await response.text()}`);
  return { seed: options.seed, units: options.count, results: (await response.json()) as Results };
}
