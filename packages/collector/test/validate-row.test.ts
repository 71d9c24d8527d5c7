// The ingest path into the SQLite store validates straight into log rows (validateEventRow); other
// stores get StoredEvent objects (validateEvent). Both must accept, reject and store alike.
import { describe, expect, it } from 'vitest';
import { toLogRow } from '../src/sqlite.js';
import { validateEvent, validateEventRow, type EventContext } from '../src/validate.js';
import { NOW, uuidv7 } from './helpers.js';

const base = {
  event_id: uuidv7(NOW),
  type: 'product_view',
  ts: NOW - 1000,
  anonymous_id: 'a1',
  sdk: { name: 'vitrine', version: '0.1.0' },
};

// valid events with every optional field, and one invalid value for each check
const cases: unknown[] = [
  base,
  { ...base, event_id: base.event_id.toUpperCase() },
  {
    ...base,
    type: 'purchase',
    user_id: 'u1',
    session_id: 's1',
    page: { path: '/p/kettle' },
    product_id: 'kettle',
    quantity: 2,
    value_minor: 4900,
    currency: 'EUR',
    order_id: 'o-1',
    props: { color: 'red', size: 2, gift: false },
    bot: false,
    sdk: { name: 'n'.repeat(80), version: 'v'.repeat(40) },
  },
  { ...base, type: 'exposure', experiment: 'x', variation: 1 },
  { ...base, experiment: 'x', variation: 0, bot: true },
  null,
  [base],
  { ...base, event_id: 'nope' },
  { ...base, event_id: 7 },
  { ...base, type: 'Product View' },
  { ...base, ts: 1.5 },
  { ...base, ts: NOW - 73 * 3600_000 },
  { ...base, ts: NOW + 6 * 60_000 },
  { ...base, anonymous_id: '' },
  { ...base, user_id: null },
  { ...base, session_id: 'x'.repeat(65) },
  { ...base, page: { path: '/p?q=1' } },
  { ...base, page: '/p' },
  { ...base, type: 'exposure' },
  { ...base, experiment: 'x', variation: 100 },
  { ...base, product_id: '' },
  { ...base, quantity: -1 },
  { ...base, value_minor: 1.5 },
  { ...base, currency: 'eur' },
  { ...base, order_id: 5 },
  { ...base, props: [] },
  { ...base, props: { a: {} } },
  { ...base, props: Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`k${i}`, i])) },
  { ...base, bot: 'yes' },
  { ...base, sdk: { name: 'vitrine' } },
  { ...base, sdk: undefined },
];

describe('validateEventRow', () => {
  for (const uaIsBot of [false, true]) {
    it(`gives the log row of validateEvent's stored event, or the same reason (bot user agent: ${uaIsBot})`, () => {
      const ctx: EventContext = { site: 'demo', now: NOW, ip: '203.0.113.0', uaIsBot, source: 'beacon' };
      let valid = 0;
      for (const raw of cases) {
        const stored = validateEvent(raw, ctx);
        const row = validateEventRow(raw, ctx);
        if (typeof stored === 'string') expect(row).toBe(stored);
        else {
          valid++;
          expect(row).toEqual(toLogRow(stored));
        }
      }
      expect(valid).toBe(5);
    });
  }
});
