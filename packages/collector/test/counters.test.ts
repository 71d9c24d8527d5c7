import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { openDatabase, SqliteEventStore, type StoredEvent } from '../src/index.js';
import { NOW, tempDir, uuidv7 } from './helpers.js';

// The results counters are maintained incrementally by the aggregator; here they must equal a
// from-scratch recount (joins over the aggregates) after any sequence of events, folded in chunks
// of any size, with erasures and retention in between.
const TYPES = ['exposure', 'exposure', 'product_view', 'add_to_cart', 'begin_checkout', 'purchase', 'impression'];

const eventArb = fc.record({
  unit: fc.integer({ min: 0, max: 11 }),
  type: fc.constantFrom(...TYPES),
  experiment: fc.constantFrom('a', 'b'),
  variation: fc.integer({ min: 0, max: 2 }),
  // seconds: mostly within a minute, some about 30 min apart (the product-view lookback's edge)
  at: fc.oneof(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 1_790, max: 1_850 })),
  order: fc.integer({ min: 0, max: 8 }),
  value: fc.option(fc.integer({ min: 0, max: 5000 })),
  currency: fc.constantFrom(undefined, 'JPY', 'USD'),
  bot: fc.boolean().map((b) => b && Math.random() < 0.2),
});

function toEvent(e: fc.RecordValue<typeof eventArb> extends infer T ? T : never, receivedAt: number): StoredEvent {
  const event: StoredEvent = {
    event_id: uuidv7(NOW),
    site: 'demo',
    type: e.type,
    ts: NOW - 2_000_000 + e.at * 1000,
    received_at: receivedAt,
    anonymous_id: `u${e.unit}`,
    is_bot: e.bot,
    ip: null,
    source: 'beacon',
  };
  if (e.type === 'exposure') Object.assign(event, { experiment: e.experiment, variation: e.variation });
  if (e.type === 'purchase')
    Object.assign(event, { order_id: `o${e.order}`, value_minor: e.value ?? undefined, currency: e.currency });
  return event;
}

describe('maintained results counters', () => {
  it('equal a recount after any events, chunk sizes, erasures and retention', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(eventArb, { minLength: 1, maxLength: 30 }), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 1, max: 40 }),
        fc.option(fc.integer({ min: 0, max: 11 })),
        // weight-change times across the events' two time ranges, anywhere inside a minute
        fc
          .uniqueArray(fc.integer({ min: -60_000, max: 1_900_000 }), { maxLength: 3 })
          .map((starts) => starts.sort((a, b) => a - b).map((start) => NOW - 2_000_000 + start)),
        async (batches, chunk, erase, periodStarts) => {
          const db = openDatabase(tempDir('vitrine-counters-'), 'normal');
          const store = new SqliteEventStore(db, { aggregateEvery: 0, aggregateChunk: chunk });
          const same = async () => {
            for (const experiment of ['a', 'b']) {
              const maintained = await store.counts('demo', experiment, { periodStarts });
              if (maintained) expect(maintained).toEqual(store.recount('demo', experiment, { periodStarts }));
            }
          };
          try {
            for (const [i, batch] of batches.entries()) {
              await store.append(batch.map((e) => toEvent(e, NOW + i * 1000)));
              if (i % 2 === 1) store.catchUp();
            }
            await same();
            if (erase !== null) {
              await store.eraseUnit(`u${erase}`);
              await same();
            }
            await store.applyRetention(NOW + 1500); // drops the units last seen in the first two batches
            await same();
          } finally {
            await store.close();
            db.close();
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('folds events stored after the newest events were erased (their seq values are handed out again)', async () => {
    const db = openDatabase(tempDir('vitrine-counters-'), 'normal');
    const store = new SqliteEventStore(db, { aggregateEvery: 0 });
    const exposure = (unit: string, variation: number): StoredEvent => ({
      event_id: uuidv7(NOW),
      site: 'demo',
      type: 'exposure',
      ts: NOW - 1000,
      received_at: NOW,
      anonymous_id: unit,
      experiment: 'a',
      variation,
      is_bot: false,
      ip: null,
      source: 'beacon',
    });
    try {
      await store.append([exposure('u1', 0), exposure('u2', 1)]);
      expect((await store.counts('demo', 'a'))?.variations.map((v) => v.units)).toEqual([1, 1]);
      await store.eraseUnit('u2'); // the newest event
      await store.append([exposure('u3', 1), exposure('u4', 1)]);
      expect((await store.counts('demo', 'a'))?.variations.map((v) => v.units)).toEqual([1, 2]);
      expect(await store.counts('demo', 'a')).toEqual(store.recount('demo', 'a'));
    } finally {
      await store.close();
      db.close();
    }
  });

  it('are recounted when a file kept under older rules is opened', async () => {
    const db = openDatabase(tempDir('vitrine-counters-'), 'normal');
    const at = (type: string, ts: number, fields: Partial<StoredEvent> = {}): StoredEvent => ({
      event_id: uuidv7(NOW),
      site: 'demo',
      type,
      ts,
      received_at: NOW,
      anonymous_id: 'u1',
      is_bot: false,
      ip: null,
      source: 'beacon',
      ...fields,
    });
    const first = new SqliteEventStore(db, { aggregateEvery: 0 });
    // the page's view as it loads, then the exposure as its variant shows
    await first.append([at('product_view', NOW - 3000), at('exposure', NOW - 1000, { experiment: 'a', variation: 0 })]);
    expect((await first.counts('demo', 'a'))?.variations[0]?.product_view).toBe(1);
    await first.close();
    // as a collector of counts_version 1 left it: that view was not counted then
    db.exec("UPDATE experiment_counts SET product_view = 0; UPDATE meta SET value = 1 WHERE key = 'counts_version'");
    const second = new SqliteEventStore(db, { aggregateEvery: 0 });
    try {
      expect((await second.counts('demo', 'a'))?.variations[0]?.product_view).toBe(1);
      expect(await second.counts('demo', 'a')).toEqual(second.recount('demo', 'a'));
    } finally {
      await second.close();
      db.close();
    }
  });
});
