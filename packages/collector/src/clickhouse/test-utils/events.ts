/** Deterministic traffic for the ClickHouse tests: shoppers, experiments, replays, bots, webhooks. */
import { randomBytes } from 'node:crypto';

export const NOW = Date.UTC(2026, 10, 25, 12, 0, 0);
export const ADMIN = 'admin-token-for-clickhouse-tests';
export const SERVER_KEY = 'server-key-for-clickhouse-tests';
export const BROWSER_UA =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36';
export const BOT_UA = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';

/** mulberry32: a small seeded PRNG, so a failing run can be replayed exactly. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A UUIDv7 (RFC 9562): 48-bit ms timestamp, version 7, variant 10, random rest. */
export function uuidv7(ms = NOW, random: () => number = Math.random): string {
  const bytes = randomBytes(16);
  for (let i = 6; i < 16; i++) bytes[i] = Math.floor(random() * 256);
  bytes.writeUIntBE(ms, 0, 6);
  bytes[6] = (bytes[6]! & 0x0f) | 0x70;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export type RawEvent = Record<string, unknown>;

export interface Request {
  site: string;
  events: RawEvent[];
  /** Sent with the server key (order webhook) instead of as a browser beacon. */
  server?: boolean;
  /** User agent of a beacon; a crawler's marks every event of the batch as a bot's. */
  ua?: string;
}

export function body(request: Request): string {
  return JSON.stringify({ v: 1, site: request.site, sent_at: NOW, events: request.events });
}

function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/**
 * A day of traffic on two sites with two experiments, every rule of the results exercised:
 * re-exposures, units exposed to two variations, bots (client hint and crawler user agent), funnel
 * events before the first exposure, purchases without order id, the same order reported by the
 * beacon and by the shop's webhook (sometimes with another time or value: the first stored one
 * counts), one order id reported for two shoppers, whole batches replayed, repeated events inside a
 * batch, a batch replayed to the other site, and a few invalid events. Returned in sending order.
 */
export function traffic(seed = 15, units = 400): Request[] {
  const random = prng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const at = (seconds: number) => NOW - 6 * 3_600_000 + Math.round(seconds * 1000);
  const sdk = { name: 'vitrine', version: '0.1.0' };
  const make = (fields: RawEvent, ts: number): RawEvent => ({
    event_id: uuidv7(ts, random),
    ts,
    page: { path: '/p/kettle' },
    sdk,
    ...fields,
  });
  const beacon: { site: string; event: RawEvent }[] = [];
  const webhooks: Request[] = [];
  let order = 0;
  for (let i = 0; i < units; i++) {
    const site = i % 7 === 6 ? 'other' : 'demo';
    const unit = `u-${i}-${Math.floor(random() * 1e6).toString(36)}`;
    const add = (fields: RawEvent, seconds: number) =>
      beacon.push({ site, event: make({ anonymous_id: unit, ...fields }, at(seconds)) });
    const t0 = random() * 18_000;
    const variation = random() < 0.5 ? 0 : 1;
    add({ type: 'exposure', experiment: 'spec-vs-guide', variation }, t0);
    if (random() < 0.15) add({ type: 'product_view', product_id: 'kettle' }, t0 - 60 - random() * 600);
    if (random() < 0.05) add({ type: 'purchase', order_id: `early-${i}`, value_minor: 999, currency: 'CNY' }, t0 - 30);
    if (random() < 0.1) add({ type: 'exposure', experiment: 'spec-vs-guide', variation }, t0 + 120 + random() * 900);
    if (random() < 0.06) add({ type: 'exposure', experiment: 'spec-vs-guide', variation: 1 - variation }, t0 + 300);
    if (random() < 0.05) add({ type: 'product_view', product_id: 'kettle', bot: true }, t0 + 5);
    if (random() < 0.4) {
      const hero = Math.floor(random() * 3);
      add({ type: 'exposure', experiment: 'hero-copy', variation: hero }, t0 + 2);
      if (random() < 0.04) add({ type: 'exposure', experiment: 'hero-copy', variation: (hero + 1) % 3 }, t0 + 40);
    }
    // the funnel, with rates that differ a little by variation
    const lift = variation === 1 ? 1.25 : 1;
    if (random() < 0.75) add({ type: 'product_view', product_id: 'kettle' }, t0 + 1 + random() * 60);
    if (random() < 0.35 * lift)
      add({ type: 'add_to_cart', product_id: 'kettle', quantity: 1, value_minor: 25_900, currency: 'CNY' }, t0 + 90);
    if (random() < 0.22 * lift) add({ type: 'begin_checkout', value_minor: 25_900, currency: 'CNY' }, t0 + 150);
    if (random() < 0.14 * lift) {
      const id = `o-${++order}`;
      const value = pick([25_900, 25_900, 51_800, 12_950]);
      const paid = t0 + 200 + random() * 300;
      const roll = random();
      if (roll < 0.1)
        add({ type: 'purchase', value_minor: value, currency: 'CNY' }, paid); // no order id
      else add({ type: 'purchase', order_id: id, value_minor: value, currency: 'CNY' }, paid);
      if (roll >= 0.1 && roll < 0.6) {
        // the shop's webhook reports the same order, with another event id, a bit later; sometimes another value
        const changed = random() < 0.2 ? value + 100 : value;
        webhooks.push({
          site,
          server: true,
          events: [
            make(
              { type: 'purchase', anonymous_id: unit, order_id: id, value_minor: changed, currency: 'CNY' },
              at(paid + 5),
            ),
          ],
        });
      }
      if (roll >= 0.6 && roll < 0.65) {
        // the same order id reported for another shopper (whichever is stored first counts)
        webhooks.push({
          site,
          server: true,
          events: [
            make(
              {
                type: 'purchase',
                anonymous_id: `u-${(i + 1) % units}-x`,
                order_id: id,
                value_minor: 1,
                currency: 'CNY',
              },
              at(paid - 1),
            ),
          ],
        });
      }
    }
    if (random() < 0.3)
      add({ type: 'video_start', props: { element: 'testimonial-video', "it's": 'a \\ "quote"' } }, t0 + 30);
  }

  shuffle(beacon, random);
  const requests: Request[] = [];
  for (let i = 0; i < beacon.length;) {
    const size = 1 + Math.floor(random() * 60);
    const slice = beacon.slice(i, i + size);
    i += size;
    for (const site of ['demo', 'other']) {
      const events = slice.filter((e) => e.site === site).map((e) => e.event);
      if (events.length === 0) continue;
      const request: Request = { site, events, ua: random() < 0.04 ? BOT_UA : BROWSER_UA };
      if (random() < 0.1) events.push({ ...events[0]! }); // a repeated event inside one batch
      if (random() < 0.05)
        events.push({ event_id: 'not-a-uuid', type: 'product_view', ts: NOW, anonymous_id: 'x', sdk });
      requests.push(request);
    }
  }
  // replays: whole batches again, and batches mixing replayed and new events
  const replays = requests.filter(() => random() < 0.15).map((r) => ({ ...r, events: [...r.events] }));
  const mixed = requests
    .filter(() => random() < 0.05)
    .map((r) => {
      const fresh = make({ type: 'product_view', anonymous_id: String(r.events[0]!.anonymous_id) }, NOW - 1000);
      return { ...r, events: [...r.events.slice(0, 10), fresh] };
    });
  const crossSite = requests
    .filter((r) => r.site === 'demo')
    .slice(0, 2)
    .map((r) => ({ ...r, site: 'other' }));
  const all = [...requests, ...webhooks, ...replays, ...mixed, ...crossSite];
  // first sends in random order, then webhooks, replays and cross-site resends interleaved
  return shuffle(all.slice(0, requests.length), random).concat(shuffle(all.slice(requests.length), random));
}
