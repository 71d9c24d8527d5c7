import type { StoredEvent } from '../types.js';
import { identifier } from './http.js';

/** Default table name; several collectors writing to one ClickHouse share it. */
export const EVENTS_TABLE = 'vitrine_events';

/**
 * The events table, in types ClickHouse 18.16 has (no DateTime64: times are Int64 milliseconds;
 * plain `String` rather than the then-experimental `LowCardinality`).
 *
 * - Columns for what the queries read; everything else about an event (ids, page, product,
 *   props, sdk, truncated ip, source) in one JSON `extra` column, as the SQLite store does. Each
 *   column is two files per data part (a Nullable one four), and every INSERT writes a new part:
 *   with 24 columns an INSERT cost about 3× as much as with these 13.
 * - `experiment`, `order_id` are '' and `variation` is -1 when the event has none (the collector
 *   never accepts an empty experiment or order id, nor a negative variation); `value_minor` stays
 *   Nullable because 0 is a value.
 * - `ReplacingMergeTree(ver)` ORDER BY `event_id`: the sorting key is the dedupe key, and it is
 *   `event_id` alone because an `event_id` is unique across sites (the SQLite store's UNIQUE
 *   constraint is global too). Background merges keep the row with the highest `ver`, and `ver`
 *   decreases with arrival order (see `ClickHouseEventStore`), so a merge keeps the FIRST stored
 *   copy. Merges only save space: the queries count every event once whether or not its copies
 *   have been merged (see queries.ts).
 * - Partitioned by the UTC day of `received_at`: retention drops whole days (`DROP PARTITION`,
 *   no rewrite). Merges never cross partitions, so two copies of one `event_id` received on
 *   different days stay two rows; the queries deduplicate them anyway, so this changes storage,
 *   not results.
 */
export function createEventsTable(table = EVENTS_TABLE): string {
  return `CREATE TABLE IF NOT EXISTS ${identifier(table)} (
  event_id String,
  site String,
  type String,
  ts Int64,
  received_at Int64,
  anonymous_id String,
  experiment String,
  variation Int32,
  order_id String,
  value_minor Nullable(Int64),
  is_bot UInt8,
  extra String,
  ver UInt64
) ENGINE = ReplacingMergeTree(ver)
PARTITION BY toYYYYMMDD(toDateTime(intDiv(received_at, 1000), 'UTC'))
ORDER BY event_id`;
}

/** One row of the events table as sent in `JSONEachRow`. */
export interface EventRow {
  event_id: string;
  site: string;
  type: string;
  ts: number;
  received_at: number;
  anonymous_id: string;
  experiment: string;
  variation: number;
  order_id: string;
  value_minor: number | null;
  is_bot: 0 | 1;
  extra: string;
  ver: number;
}

/** The fields of a stored event kept in `extra`. */
type Extra = Pick<
  StoredEvent,
  'user_id' | 'session_id' | 'page' | 'product_id' | 'quantity' | 'currency' | 'props' | 'bot' | 'sdk' | 'ip' | 'source'
>;

export function toRow(e: StoredEvent, ver: number): EventRow {
  const extra: Extra = {
    user_id: e.user_id,
    session_id: e.session_id,
    page: e.page,
    product_id: e.product_id,
    quantity: e.quantity,
    currency: e.currency,
    props: e.props,
    bot: e.bot,
    sdk: e.sdk,
    ip: e.ip,
    source: e.source,
  };
  return {
    event_id: e.event_id,
    site: e.site,
    type: e.type,
    ts: e.ts,
    received_at: e.received_at,
    anonymous_id: e.anonymous_id,
    experiment: e.experiment ?? '',
    variation: e.variation ?? -1,
    order_id: e.order_id ?? '',
    value_minor: e.value_minor ?? null,
    is_bot: e.is_bot ? 1 : 0,
    extra: JSON.stringify(extra),
    ver,
  };
}

/** The stored event back from a row (for exports and tests; the results never read whole rows). */
export function fromRow(row: EventRow): StoredEvent {
  const extra = JSON.parse(row.extra) as Extra;
  const e: StoredEvent = {
    event_id: row.event_id,
    site: row.site,
    type: row.type,
    ts: row.ts,
    received_at: row.received_at,
    anonymous_id: row.anonymous_id,
    is_bot: row.is_bot === 1,
    ip: extra.ip ?? null,
    source: extra.source === 'server' ? 'server' : 'beacon',
  };
  for (const key of [
    'user_id',
    'session_id',
    'page',
    'product_id',
    'quantity',
    'currency',
    'props',
    'bot',
    'sdk',
  ] as const)
    if (extra[key] !== undefined) Object.assign(e, { [key]: extra[key] });
  if (row.experiment !== '') e.experiment = row.experiment;
  if (row.variation >= 0) e.variation = row.variation;
  if (row.order_id !== '') e.order_id = row.order_id;
  if (row.value_minor !== null) e.value_minor = row.value_minor;
  return e;
}
