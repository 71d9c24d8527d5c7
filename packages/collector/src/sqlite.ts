import { accessSync, close, constants, fdatasync, mkdirSync, open } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import {
  compareCurrencyCounts,
  periodStartMinute,
  VIEW_LOOKBACK_MS,
  type AppendResult,
  type AuditEntry,
  type CountsOptions,
  type CurrencyCounts,
  type PeriodCounts,
  type ConfigStore,
  type EventStore,
  type ExperimentCounts,
  type SiteConfig,
  type StoredEvent,
} from './types.js';

export type Durability = 'full' | 'normal';

/**
 * Opens (and creates) `<dataDir>/vitrine.sqlite` in WAL mode. Throws an error naming the folder
 * and the fix when it cannot be created or written.
 */
export function openDatabase(dataDir: string, durability: Durability = 'full'): Database.Database {
  try {
    mkdirSync(dataDir, { recursive: true });
    accessSync(dataDir, constants.W_OK);
  } catch (error) {
    throw new Error(
      `Vitrine collector: the data folder ${dataDir} is not writable (${(error as Error).message}). ` +
        'Set VITRINE_DATA_DIR to a folder this process can write to.',
      { cause: error },
    );
  }
  let db: Database.Database;
  try {
    db = new Database(join(dataDir, 'vitrine.sqlite'));
    // 16 KiB pages (a new file only; an existing one keeps its size): a commit writes a quarter of
    // the WAL frames 4 KiB pages need, which cut the insert CPU per event by about a quarter here.
    // It must be set before the file turns to WAL mode.
    db.pragma('page_size = 16384');
    db.pragma('journal_mode = WAL');
  } catch (error) {
    throw new Error(
      `Vitrine collector: cannot open the store in ${dataDir} (${(error as Error).message}). ` +
        'Set VITRINE_DATA_DIR to a writable folder.',
      { cause: error },
    );
  }
  // FULL: every commit fsyncs the WAL, so acknowledged events survive a power cut too. NORMAL would
  // still survive kill -9 (the WAL frames are in the OS page cache once the commit returns).
  db.pragma(`synchronous = ${durability === 'full' ? 'FULL' : 'NORMAL'}`);
  db.pragma('busy_timeout = 5000');
  db.pragma('temp_store = MEMORY');
  // 8 MiB: enough for a fold's aggregate pages; a larger cache only fills with log pages on the
  // ingest path, and growing it into fresh memory cost the writer about twice the CPU per event
  db.pragma('cache_size = -8192');
  // checkpoint every 32 MiB of WAL: fewer, larger fsyncs
  db.pragma(`wal_autocheckpoint = ${(32 * 1024 * 1024) / (db.pragma('page_size', { simple: true }) as number)}`);
  db.exec(SCHEMA);
  migrateEventsTable(db);
  migrateOrderCurrency(db);
  db.exec(EVENTS_VIEW);
  return db;
}

/**
 * The log one row per event, for reading and inspection (`SELECT … FROM events`): the columns of
 * the per-event table of earlier versions, with its `extra` JSON as page_path, props (JSON text),
 * sdk_name, sdk_version and bot (JSON `true`/`false` or NULL). `seq` is the log row's seq × 1024 +
 * the event's index in it.
 */
const EVENTS_VIEW = `CREATE VIEW IF NOT EXISTS events AS
SELECT l.seq * 1024 + j.key AS seq, j.value ->> 0 AS event_id, l.site AS site, j.value ->> 1 AS type,
  l.received_at + (j.value ->> 2) AS ts, l.received_at AS received_at, j.value ->> 3 AS anonymous_id, j.value ->> 4 AS user_id,
  j.value ->> 5 AS session_id, j.value ->> 6 AS experiment, j.value ->> 7 AS variation,
  j.value ->> 8 AS product_id, j.value ->> 9 AS quantity, j.value ->> 10 AS value_minor,
  j.value ->> 11 AS currency, j.value ->> 12 AS order_id, j.value ->> 13 AS is_bot, l.ip AS ip,
  l.source AS source, j.value ->> 14 AS page_path, j.value ->> 15 AS props, j.value ->> 16 AS sdk_name,
  j.value ->> 17 AS sdk_version, nullif(j.value -> 18, 'null') AS bot
FROM ingest_log l, jsonb_each(l.body) j`;

/**
 * Files written before the ingest log kept one `events` row per event. Each becomes a log row of
 * one event under the same seq (so the aggregator's watermark still holds and the aggregates stay
 * valid), its id goes into `event_ids`, and the table is dropped. Bodies are made by
 * JSON.stringify, as at ingest, so erasure finds them the same way.
 */
function migrateEventsTable(db: Database.Database): void {
  type OldEventRow = Omit<LogRowFields, 'page_path' | 'props' | 'sdk_name' | 'sdk_version' | 'bot'> & {
    seq: number;
    site: string;
    received_at: number;
    ip: string | null;
    source: string;
    extra: string | null;
  };
  const isTable = () =>
    db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'events'").get() !== undefined;
  if (!isTable()) return;
  db.transaction(() => {
    if (!isTable()) return; // another connection migrated meanwhile
    const insertLog = db.prepare(
      'INSERT INTO ingest_log (seq, site, received_at, ip, source, n, body) VALUES (?, ?, ?, ?, ?, 1, ?)',
    );
    const insertId = db.prepare('INSERT OR IGNORE INTO event_ids (id) VALUES (?)');
    // in slices (a statement cannot write while another one still iterates)
    const slice = db.prepare(
      `SELECT seq, event_id, site, type, ts, received_at, anonymous_id, user_id, session_id, experiment, variation,
         product_id, quantity, value_minor, currency, order_id, is_bot, ip, source, extra
       FROM events WHERE seq > ? ORDER BY seq LIMIT 10000`,
    );
    for (let rows = slice.all(0) as OldEventRow[]; rows.length > 0;) {
      for (const e of rows) {
        const extra = (e.extra === null ? {} : JSON.parse(e.extra)) as Partial<
          Pick<StoredEvent, 'page' | 'props' | 'sdk' | 'bot'>
        >;
        // the old columns hold null where the event had no value, which toLogRow writes as null too
        const row = toLogRow({ ...e, ...extra } as unknown as StoredEvent);
        insertLog.run(e.seq, e.site, e.received_at, e.ip, e.source, JSON.stringify([row]));
        insertId.run(e.event_id);
      }
      rows = slice.all(rows.at(-1)!.seq) as OldEventRow[];
    }
    db.exec('DROP TABLE events');
  }).immediate();
}

/**
 * Files written before orders kept their currency have no `orders.currency`: the column is added
 * and filled from the log, each order taking the currency of its first purchase in log order (the
 * copy the order was folded from). One pass over the log when such a file is first opened; an
 * order whose purchase retention has deleted keeps a null currency. The store then recounts its
 * counters (COUNTS_VERSION), which fills `experiment_revenue`.
 */
function migrateOrderCurrency(db: Database.Database): void {
  const hasColumn = () =>
    (db.prepare('SELECT name FROM pragma_table_info(?)').pluck(true).all('orders') as string[]).includes('currency');
  if (hasColumn()) return;
  db.transaction(() => {
    if (hasColumn()) return; // another connection migrated meanwhile
    db.exec(`ALTER TABLE orders ADD COLUMN currency TEXT;
      CREATE TEMP TABLE order_currency AS
        SELECT l.site AS site, coalesce(j.value ->> 12, j.value ->> 0) AS order_id, j.value ->> 11 AS currency,
          min(l.seq * 1024 + j.key) AS k
        FROM ingest_log l, jsonb_each(l.body) j WHERE j.value ->> 1 = 'purchase' GROUP BY 1, 2;
      UPDATE orders SET currency =
        (SELECT c.currency FROM temp.order_currency c WHERE c.site = orders.site AND c.order_id = orders.order_id);
      DROP TABLE temp.order_currency;`);
  }).immediate();
}

const SCHEMA = `
-- The event log: one row per request (per run of events with the same site, received_at, ip and
-- source), its valid events as one JSON array of LogRow arrays. seq orders the log; the aggregator
-- folds rows after its watermark in seq order.
CREATE TABLE IF NOT EXISTS ingest_log (
  seq INTEGER PRIMARY KEY,
  site TEXT NOT NULL,
  received_at INTEGER NOT NULL,
  ip TEXT,
  source TEXT NOT NULL,
  n INTEGER NOT NULL,
  body TEXT NOT NULL
);
-- Every stored event_id, once: dedupe for ingest (exact: the key is the whole id).
CREATE TABLE IF NOT EXISTS event_ids (id TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
-- One row per unit: the latest time of each funnel event (-1: none), so "after first exposure"
-- is a comparison with the exposure's first_ts (an event at or after it exists iff the latest is;
-- product views count from VIEW_LOOKBACK_MS before it).
CREATE TABLE IF NOT EXISTS units (
  site TEXT NOT NULL,
  unit TEXT NOT NULL,
  product_view INTEGER NOT NULL,
  add_to_cart INTEGER NOT NULL,
  begin_checkout INTEGER NOT NULL,
  purchase INTEGER NOT NULL,
  bot INTEGER NOT NULL,
  last_seen INTEGER NOT NULL,
  PRIMARY KEY (site, unit)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS exposures (
  site TEXT NOT NULL,
  experiment TEXT NOT NULL,
  unit TEXT NOT NULL,
  variation INTEGER NOT NULL,
  first_ts INTEGER NOT NULL,
  multi INTEGER NOT NULL,
  PRIMARY KEY (site, experiment, unit)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS orders (
  site TEXT NOT NULL,
  order_id TEXT NOT NULL,
  unit TEXT NOT NULL,
  ts INTEGER NOT NULL,
  value_minor INTEGER NOT NULL,
  currency TEXT,
  PRIMARY KEY (site, order_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS configs (
  site TEXT PRIMARY KEY,
  body TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS audit (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at INTEGER NOT NULL,
  site TEXT NOT NULL,
  summary TEXT NOT NULL,
  before TEXT,
  after TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS probe (id INTEGER PRIMARY KEY, at INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS exposures_by_unit ON exposures (site, unit);
CREATE INDEX IF NOT EXISTS orders_by_unit ON orders (site, unit);
-- Results counters, kept exact by the aggregator: every (unit, experiment) adds to one bucket —
-- its variation (>= 0), MULTI (-1: non-bot unit exposed to several variations) or BOT (-2).
-- revenue_minor is 0 since counts version 3: revenue is counted by currency in experiment_revenue.
CREATE TABLE IF NOT EXISTS experiment_counts (
  site TEXT NOT NULL,
  experiment TEXT NOT NULL,
  bucket INTEGER NOT NULL,
  units INTEGER NOT NULL,
  product_view INTEGER NOT NULL,
  add_to_cart INTEGER NOT NULL,
  begin_checkout INTEGER NOT NULL,
  purchase INTEGER NOT NULL,
  revenue_minor INTEGER NOT NULL,
  PRIMARY KEY (site, experiment, bucket)
) WITHOUT ROWID;
-- The counted orders (variation buckets only) and their revenue by currency ('' for purchases
-- with a value and no currency), kept exact by the aggregator like experiment_counts.
CREATE TABLE IF NOT EXISTS experiment_revenue (
  site TEXT NOT NULL,
  experiment TEXT NOT NULL,
  bucket INTEGER NOT NULL,
  currency TEXT NOT NULL,
  orders INTEGER NOT NULL,
  revenue_minor INTEGER NOT NULL,
  PRIMARY KEY (site, experiment, bucket, currency)
) WITHOUT ROWID;
-- Units of the variation buckets by the minute of their first exposure (first_ts / 60000), kept
-- exact like experiment_counts: the sample-ratio test splits them into weight periods from these.
CREATE TABLE IF NOT EXISTS experiment_starts (
  site TEXT NOT NULL,
  experiment TEXT NOT NULL,
  bucket INTEGER NOT NULL,
  minute INTEGER NOT NULL,
  units INTEGER NOT NULL,
  PRIMARY KEY (site, experiment, bucket, minute)
) WITHOUT ROWID;
`;

/** The rules the results counters are kept under; a change of rules recounts them on opening. */
const COUNTS_VERSION = 4;
const MULTI = -1;
const BOT = -2;

/**
 * Each exposed (unit, experiment)'s contribution to the results counters, grouped by bucket: the
 * variation, MULTI (a non-bot unit exposed to several variations) or BOT. Funnel steps count only
 * for the variation buckets and only at or after the first exposure (product views from
 * VIEW_LOOKBACK_MS before it: the page view that exposed the unit reported its view first); revenue
 * is counted by currency apart (`revenueContributions`). `from` names the exposures `e` to count:
 * all of them (CONTRIBUTIONS), or those of the touched units, read from `temp.touched` outwards (a
 * plain join let SQLite scan every exposure of the store once per fold). Callers group by
 * `e.site, e.experiment, bucket`.
 */
const contributions = (from: string) => `SELECT e.site AS site, e.experiment AS experiment,
    CASE WHEN u.bot THEN ${BOT} WHEN e.multi THEN ${MULTI} ELSE e.variation END AS bucket,
    count(*) AS units,
    sum(u.bot = 0 AND e.multi = 0 AND u.product_view >= e.first_ts - ${VIEW_LOOKBACK_MS}) AS product_view,
    sum(u.bot = 0 AND e.multi = 0 AND u.add_to_cart >= e.first_ts) AS add_to_cart,
    sum(u.bot = 0 AND e.multi = 0 AND u.begin_checkout >= e.first_ts) AS begin_checkout,
    sum(u.bot = 0 AND e.multi = 0 AND u.purchase >= e.first_ts) AS purchase,
    0 AS revenue_minor
  FROM ${from} JOIN units u ON u.site = e.site AND u.unit = e.unit`;
const CONTRIBUTIONS = contributions('exposures e');
const TOUCHED_EXPOSURES =
  'temp.touched t CROSS JOIN exposures e INDEXED BY exposures_by_unit ON e.site = t.site AND e.unit = t.unit';

/**
 * Each exposed (unit, experiment)'s counted orders by currency — the variation buckets only (no
 * bot, not multi-exposed), orders at or after the first exposure — grouped by
 * (site, experiment, bucket, currency). An order with neither a currency nor a value is left out
 * (it adds nothing, and must not make a currency look used). `touched`: only the units in
 * `temp.touched`, read from there (CROSS JOIN fixes the order: the touched units' orders, then their
 * exposures, so a fold reads no other unit's rows); `where` narrows to one experiment.
 */
function revenueContributions(touched: boolean, where = 'true'): string {
  const from = touched
    ? `temp.touched t CROSS JOIN orders o INDEXED BY orders_by_unit ON o.site = t.site AND o.unit = t.unit
    CROSS JOIN exposures e INDEXED BY exposures_by_unit ON e.site = o.site AND e.unit = o.unit`
    : 'orders o JOIN exposures e ON e.site = o.site AND e.unit = o.unit';
  return `SELECT e.site AS site, e.experiment AS experiment, e.variation AS bucket, coalesce(o.currency, '') AS currency,
    count(*) AS orders, sum(o.value_minor) AS revenue_minor
  FROM ${from} JOIN units u ON u.site = e.site AND u.unit = e.unit
  WHERE o.ts >= e.first_ts AND u.bot = 0 AND e.multi = 0 AND (o.currency IS NOT NULL OR o.value_minor != 0) AND ${where}
  GROUP BY e.site, e.experiment, e.variation, coalesce(o.currency, '')`;
}

/** Each exposed unit's variation bucket and first-exposure minute, grouped (see experiment_starts). */
const startContributions = (from: string) => `SELECT e.site AS site, e.experiment AS experiment, e.variation AS bucket,
    e.first_ts / 60000 AS minute, count(*) AS units
  FROM ${from} JOIN units u ON u.site = e.site AND u.unit = e.unit
  WHERE u.bot = 0 AND e.multi = 0
  GROUP BY e.site, e.experiment, e.variation, e.first_ts / 60000`;

interface RevenueRow {
  bucket: number;
  currency: string;
  orders: number;
  revenue_minor: number;
}

/** `ExperimentCounts.revenue_by_currency` from revenue rows ('' is "no currency"), in its order. */
function currencyCounts(rows: RevenueRow[]): CurrencyCounts[] {
  return rows
    .filter((r) => r.orders !== 0)
    .map((r) => ({
      variation: r.bucket,
      currency: r.currency === '' ? null : r.currency,
      orders: r.orders,
      revenue_minor: r.revenue_minor,
    }))
    .sort(compareCurrencyCounts);
}

interface CountRow {
  bucket: number;
  units: number;
  product_view: number;
  add_to_cart: number;
  begin_checkout: number;
  purchase: number;
  revenue_minor: number;
}

/**
 * One event in the log, as a flat JSON array in this order (`bot`: the client's hint; `is_bot`:
 * that hint or the user agent). Site, received_at, ip and source are the same for a whole request
 * and are columns of its `ingest_log` row.
 */
interface LogRowFields {
  event_id: string;
  type: string;
  ts: number;
  anonymous_id: string;
  user_id: string | null;
  session_id: string | null;
  experiment: string | null;
  variation: number | null;
  product_id: string | null;
  quantity: number | null;
  value_minor: number | null;
  currency: string | null;
  order_id: string | null;
  is_bot: 0 | 1;
}

export type LogRow = [
  event_id: string,
  type: string,
  /** ts − received_at: a small integer, which V8 writes without the double formatting a 13-digit time takes */
  ts_offset: number,
  anonymous_id: string,
  user_id: string | null,
  session_id: string | null,
  experiment: string | null,
  variation: number | null,
  product_id: string | null,
  quantity: number | null,
  value_minor: number | null,
  currency: string | null,
  order_id: string | null,
  is_bot: 0 | 1,
  page_path: string | null,
  props: Record<string, string | number | boolean> | null,
  sdk_name: string | null,
  sdk_version: string | null,
  bot: boolean | null,
];

export function toLogRow(e: StoredEvent): LogRow {
  return [
    e.event_id,
    e.type,
    e.ts - e.received_at,
    e.anonymous_id,
    e.user_id ?? null,
    e.session_id ?? null,
    e.experiment ?? null,
    e.variation ?? null,
    e.product_id ?? null,
    e.quantity ?? null,
    e.value_minor ?? null,
    e.currency ?? null,
    e.order_id ?? null,
    e.is_bot ? 1 : 0,
    e.page?.path ?? null,
    e.props ?? null,
    e.sdk?.name ?? null,
    e.sdk?.version ?? null,
    e.bot ?? null,
  ];
}

/**
 * Events that share site, received_at, ip and source (a request's valid events), ready for one
 * `ingest_log` row: `body` is the JSON array of their LogRows and `ids` the JSON array of their
 * event_ids, both made on the HTTP thread so the writer thread parses nothing.
 */
export interface LogBatch {
  site: string;
  received_at: number;
  ip: string | null;
  source: 'beacon' | 'server';
  n: number;
  ids: string;
  body: string;
}

/** Events in one log row at most (the index in the row is the low 10 bits of an event's place). */
const MAX_LOG_ROW_EVENTS = 1000;

/** Splits events into LogBatches (one per run of equal site, received_at, ip and source, ≤ 1000 events). */
export function toLogBatches(events: StoredEvent[]): LogBatch[] {
  const batches: LogBatch[] = [];
  for (let start = 0; start < events.length;) {
    const first = events[start]!;
    let end = start + 1;
    while (
      end < events.length &&
      events[end]!.site === first.site &&
      events[end]!.received_at === first.received_at &&
      events[end]!.ip === first.ip &&
      events[end]!.source === first.source
    )
      end++;
    batches.push(...rowsToLogBatches(first, events.slice(start, end).map(toLogRow)));
    start = end;
  }
  return batches;
}

/** What the events of one request share: the columns of their `ingest_log` row. */
export type LogRequest = Pick<StoredEvent, 'site' | 'received_at' | 'ip' | 'source'>;

/** A request's LogRows (`ts` relative to `received_at`) as LogBatches of at most 1000 events. */
export function rowsToLogBatches(request: LogRequest, rows: LogRow[]): LogBatch[] {
  const batches: LogBatch[] = [];
  for (let start = 0; start < rows.length; start += MAX_LOG_ROW_EVENTS) {
    const run = start === 0 && rows.length <= MAX_LOG_ROW_EVENTS ? rows : rows.slice(start, start + MAX_LOG_ROW_EVENTS);
    batches.push({
      site: request.site,
      received_at: request.received_at,
      ip: request.ip,
      source: request.source,
      n: run.length,
      ids: JSON.stringify(run.map((row) => row[0])),
      body: JSON.stringify(run),
    });
  }
  return batches;
}

interface Pending {
  batches: LogBatch[];
  resolve: (result: AppendResult) => void;
  reject: (error: unknown) => void;
}

export interface SqliteStoreOptions {
  /** Milliseconds between aggregator runs (results also catch up before answering). Default 1000. */
  aggregateEvery?: number;
  /** Events folded into the aggregates per transaction (at least one log row). Default 50 000. */
  aggregateChunk?: number;
  /**
   * While batches keep arriving (one within the last `aggregateEvery` ms), the aggregator waits
   * until this many events are unfolded, so ingest keeps the writer; then it folds a chunk per
   * tick again. Results never wait for it: they fold the backlog first. Default 250 000.
   */
  aggregateBacklog?: number;
}

/** Thrown inside the bulk dedupe savepoint to roll it back when a batch holds a known event_id. */
const SEEN_BEFORE = Symbol('seen before');

/**
 * The embedded store, in two layers:
 *
 * 1. The event log: one writer (this thread, one connection) and group commit. Every batch handed
 *    to `append` during one turn of the event loop is written in a single transaction, and their
 *    promises resolve after that transaction has committed (with `synchronous=FULL` on a WAL file:
 *    and after an fsync of the WAL that started after the commit, see `durable`). A request's events are ONE
 *    `ingest_log` row (a JSON array), so the per-event work on the ingest path is one entry in
 *    `event_ids`, the exact dedupe index (INSERT OR IGNORE of the batch's ids in one statement; a
 *    batch that holds an id seen before — a retry — is redone id by id and only its new events are
 *    logged). UUIDv7 ids and `seq` are time-ordered, so inserts touch the right edge of both
 *    b-trees and a commit writes few pages. The `events` view shows the log one row per event.
 * 2. The aggregates (`units`, `exposures`, `orders`, `experiment_counts`) are folded from the log
 *    by an aggregator that runs every `aggregateEvery` ms (and before every results query) in large
 *    transactions, up to a watermark kept in the same transaction. It expands a chunk of log rows
 *    into an in-memory table and folds that with SQL. Their keys are random shopper ids, so updating
 *    them per request would dirty a page per row; per 50 000 events, a page holds many updates.
 *    After a crash the aggregator resumes from its watermark: nothing is folded twice or skipped.
 */
export class SqliteEventStore implements EventStore {
  readonly kind = 'sqlite';
  private queue: Pending[] = [];
  private scheduled = false;
  private lastAppend = -Infinity;
  private closed = false;
  private timer: NodeJS.Timeout | undefined;
  private readonly writeGroup: (group: Pending[]) => AppendResult[];
  private readonly bulkIds: (batch: LogBatch) => void;
  private readonly foldChunk: (limit?: number) => number;
  private readonly stmts;
  private readonly chunk: number;
  /**
   * `synchronous=FULL` on a WAL file: the connection commits with NORMAL (the commit only writes
   * the WAL) and `durable()` fdatasyncs the WAL file on libuv's thread pool; answers wait for it.
   */
  private readonly walPath: string | null;
  private syncInFlight: Promise<void> | null = null;
  private syncQueued: Promise<void> | null = null;

  constructor(
    private readonly db: Database.Database,
    options: SqliteStoreOptions = {},
  ) {
    this.chunk = Math.max(1, options.aggregateChunk ?? 50_000);
    // per connection, in memory: the units a fold or an erasure touches, and the chunk being folded
    db.exec(`CREATE TEMP TABLE IF NOT EXISTS touched (site TEXT NOT NULL, unit TEXT NOT NULL, PRIMARY KEY (site, unit)) WITHOUT ROWID;
      CREATE TEMP TABLE IF NOT EXISTS chunk (k INTEGER PRIMARY KEY, event_id TEXT NOT NULL, site TEXT NOT NULL,
        type TEXT NOT NULL, ts INTEGER NOT NULL, received_at INTEGER NOT NULL, anonymous_id TEXT NOT NULL,
        experiment TEXT, variation INTEGER, value_minor INTEGER, currency TEXT, order_id TEXT, is_bot INTEGER NOT NULL);`);
    this.stmts = {
      insertIds: db.prepare('INSERT OR IGNORE INTO event_ids (id) SELECT value FROM json_each(?)'),
      insertId: db.prepare('INSERT OR IGNORE INTO event_ids (id) VALUES (?)'),
      insertLog: db.prepare(
        'INSERT INTO ingest_log (site, received_at, ip, source, n, body) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      logAfter: db.prepare('SELECT seq, n FROM ingest_log WHERE seq > ? ORDER BY seq'),
      // SQLite gives the seq of deleted newest rows out again: after deleting events, the watermark
      // comes down to the newest remaining one, so events stored later are still folded
      lowerWatermark: db.prepare(
        `UPDATE meta SET value = coalesce((SELECT max(seq) FROM ingest_log), 0)
         WHERE key = 'aggregated_seq' AND value > coalesce((SELECT max(seq) FROM ingest_log), 0)`,
      ),
      backlog: db
        .prepare(
          `SELECT coalesce(sum(n), 0) FROM ingest_log
           WHERE seq > coalesce((SELECT value FROM meta WHERE key = 'aggregated_seq'), 0)`,
        )
        .pluck(true),
      watermark: db.prepare("SELECT value FROM meta WHERE key = 'aggregated_seq'").pluck(true),
      setWatermark: db.prepare(
        "INSERT INTO meta (key, value) VALUES ('aggregated_seq', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
      ),
      clearChunk: db.prepare('DELETE FROM temp.chunk'),
      // the log rows' events in log order (k)
      fillChunk: db.prepare(
        `INSERT INTO temp.chunk (k, event_id, site, type, ts, received_at, anonymous_id, experiment, variation, value_minor, currency, order_id, is_bot)
         SELECT l.seq * 1024 + j.key, j.value ->> 0, l.site, j.value ->> 1, l.received_at + (j.value ->> 2), l.received_at,
           j.value ->> 3, j.value ->> 6, j.value ->> 7, j.value ->> 10, j.value ->> 11, j.value ->> 12, j.value ->> 13
         FROM ingest_log l, jsonb_each(l.body) j WHERE l.seq > ? AND l.seq <= ?`,
      ),
      clearTouched: db.prepare('DELETE FROM temp.touched'),
      touchChunk: db.prepare(
        'INSERT OR IGNORE INTO temp.touched (site, unit) SELECT site, anonymous_id FROM temp.chunk',
      ),
      touchUnit: db.prepare(
        'INSERT OR IGNORE INTO temp.touched (site, unit) SELECT site, unit FROM units WHERE unit = ?',
      ),
      // the latest time of each funnel event per unit (-1: none); max() keeps folds order-free
      foldUnits: db.prepare(
        `INSERT INTO units (site, unit, product_view, add_to_cart, begin_checkout, purchase, bot, last_seen)
         SELECT site, anonymous_id,
           max(CASE type WHEN 'product_view' THEN ts ELSE -1 END),
           max(CASE type WHEN 'add_to_cart' THEN ts ELSE -1 END),
           max(CASE type WHEN 'begin_checkout' THEN ts ELSE -1 END),
           max(CASE type WHEN 'purchase' THEN ts ELSE -1 END),
           max(is_bot), max(received_at)
         FROM temp.chunk WHERE true GROUP BY site, anonymous_id
         ON CONFLICT (site, unit) DO UPDATE SET
           product_view = max(product_view, excluded.product_view),
           add_to_cart = max(add_to_cart, excluded.add_to_cart),
           begin_checkout = max(begin_checkout, excluded.begin_checkout),
           purchase = max(purchase, excluded.purchase),
           bot = max(bot, excluded.bot),
           last_seen = max(last_seen, excluded.last_seen)`,
      ),
      // in log order: the first exposure's variation stays, a different one later marks the unit multi-exposed
      foldExposures: db.prepare(
        `INSERT INTO exposures (site, experiment, unit, variation, first_ts, multi)
         SELECT site, experiment, anonymous_id, variation, ts, 0 FROM temp.chunk
         WHERE type = 'exposure' AND experiment IS NOT NULL AND variation IS NOT NULL
         ORDER BY k
         ON CONFLICT (site, experiment, unit) DO UPDATE SET
           multi = max(multi, variation != excluded.variation),
           first_ts = min(first_ts, excluded.first_ts)`,
      ),
      // one order per order_id (the first reported wins); a purchase without one is its own order
      foldOrders: db.prepare(
        `INSERT OR IGNORE INTO orders (site, order_id, unit, ts, value_minor, currency)
         SELECT site, coalesce(order_id, event_id), anonymous_id, ts, coalesce(value_minor, 0), currency FROM temp.chunk
         WHERE type = 'purchase' ORDER BY k`,
      ),
      // adds (sign 1) or takes out (sign -1) the touched units' contributions to every counter
      contribute: db.prepare(
        `INSERT INTO experiment_counts (site, experiment, bucket, units, product_view, add_to_cart, begin_checkout, purchase, revenue_minor)
         SELECT site, experiment, bucket, $sign * units, $sign * product_view, $sign * add_to_cart,
           $sign * begin_checkout, $sign * purchase, $sign * revenue_minor
         FROM (${contributions(TOUCHED_EXPOSURES)} GROUP BY e.site, e.experiment, bucket)
         WHERE true
         ON CONFLICT (site, experiment, bucket) DO UPDATE SET
           units = units + excluded.units,
           product_view = product_view + excluded.product_view,
           add_to_cart = add_to_cart + excluded.add_to_cart,
           begin_checkout = begin_checkout + excluded.begin_checkout,
           purchase = purchase + excluded.purchase,
           revenue_minor = revenue_minor + excluded.revenue_minor`,
      ),
      // the same for the counted orders by currency
      contributeRevenue: db.prepare(
        `INSERT INTO experiment_revenue (site, experiment, bucket, currency, orders, revenue_minor)
         SELECT site, experiment, bucket, currency, $sign * orders, $sign * revenue_minor
         FROM (${revenueContributions(true)})
         WHERE true
         ON CONFLICT (site, experiment, bucket, currency) DO UPDATE SET
           orders = orders + excluded.orders,
           revenue_minor = revenue_minor + excluded.revenue_minor`,
      ),
      contributeStarts: db.prepare(
        `INSERT INTO experiment_starts (site, experiment, bucket, minute, units)
         SELECT site, experiment, bucket, minute, $sign * units FROM (${startContributions(TOUCHED_EXPOSURES)})
         WHERE true
         ON CONFLICT (site, experiment, bucket, minute) DO UPDATE SET units = units + excluded.units`,
      ),
      periodUnits: db
        .prepare(
          `SELECT coalesce(sum(units), 0) FROM experiment_starts
           WHERE site = ? AND experiment = ? AND bucket = ? AND minute >= ? AND minute < ?`,
        )
        .pluck(true),
      readRevenue: db.prepare(
        'SELECT bucket, currency, orders, revenue_minor FROM experiment_revenue WHERE site = ? AND experiment = ? AND orders != 0',
      ),
      recountRevenue: db.prepare(revenueContributions(false, 'e.site = ? AND e.experiment = ?')),
      counts: db.prepare(
        `SELECT e.variation AS variation, count(*) AS units,
           sum(u.product_view >= e.first_ts - ${VIEW_LOOKBACK_MS}) AS product_view,
           sum(u.add_to_cart >= e.first_ts) AS add_to_cart,
           sum(u.begin_checkout >= e.first_ts) AS begin_checkout,
           sum(u.purchase >= e.first_ts) AS purchase
         FROM exposures e JOIN units u ON u.site = e.site AND u.unit = e.unit
         WHERE e.site = ? AND e.experiment = ? AND e.multi = 0 AND u.bot = 0
         GROUP BY e.variation ORDER BY e.variation`,
      ),
      revenue: db.prepare(
        `SELECT e.variation AS variation, sum(o.value_minor) AS revenue
         FROM exposures e JOIN units u ON u.site = e.site AND u.unit = e.unit
           JOIN orders o INDEXED BY orders_by_unit ON o.site = e.site AND o.unit = e.unit AND o.ts >= e.first_ts
         WHERE e.site = ? AND e.experiment = ? AND e.multi = 0 AND u.bot = 0
         GROUP BY e.variation`,
      ),
      excluded: db.prepare(
        `SELECT sum(u.bot) AS bots, sum(u.bot = 0 AND e.multi = 1) AS multi
         FROM exposures e JOIN units u ON u.site = e.site AND u.unit = e.unit
         WHERE e.site = ? AND e.experiment = ?`,
      ),
      exists: db.prepare('SELECT 1 FROM exposures WHERE site = ? AND experiment = ? LIMIT 1'),
      readCounts: db.prepare(
        'SELECT bucket, units, product_view, add_to_cart, begin_checkout, purchase, revenue_minor FROM experiment_counts WHERE site = ? AND experiment = ? ORDER BY bucket',
      ),
      sites: db.prepare('SELECT DISTINCT site FROM units ORDER BY site'),
      probe: db.prepare('INSERT OR REPLACE INTO probe (id, at) VALUES (1, ?)'),
      // erasure: the log rows that may hold a unit's events (the exact test is done in JavaScript)
      mayHold: db.prepare('SELECT seq, body FROM ingest_log WHERE instr(body, ?) > 0'),
      deleteId: db.prepare('DELETE FROM event_ids WHERE id = ?'),
      deleteLog: db.prepare('DELETE FROM ingest_log WHERE seq = ?'),
      rewriteLog: db.prepare('UPDATE ingest_log SET n = ?, body = ? WHERE seq = ?'),
      // retention: whole log rows (received_at is per request)
      expiredIds: db.prepare(
        `DELETE FROM event_ids WHERE id IN
           (SELECT j.value ->> 0 FROM ingest_log l, jsonb_each(l.body) j WHERE l.received_at < ?)`,
      ),
      expiredCount: db.prepare('SELECT coalesce(sum(n), 0) FROM ingest_log WHERE received_at < ?').pluck(true),
      deleteExpired: db.prepare('DELETE FROM ingest_log WHERE received_at < ?'),
    };
    // IMMEDIATE: take the write lock at BEGIN (waiting up to busy_timeout), so a transaction that
    // reads before it writes never fails because another connection (the config store) committed
    const writeGroup = db.transaction((group: Pending[]) => group.map((pending) => this.write(pending.batches)));
    this.writeGroup = (group) => writeGroup.immediate(group);
    // a nested transaction is a savepoint: a batch with an id seen before leaves no trace of it
    this.bulkIds = db.transaction((batch: LogBatch) => {
      if (this.stmts.insertIds.run(batch.ids).changes !== batch.n) throw SEEN_BEFORE;
    });
    const fold = db.transaction((limit: number) => this.fold(limit)).immediate;
    const full = db.pragma('synchronous', { simple: true }) === 2;
    const wal = db.pragma('journal_mode', { simple: true }) === 'wal' && !db.memory;
    // Group commit with the fsync off the writer: a commit writes its WAL frames (NORMAL) and the
    // answers wait for an fdatasync of the WAL file that started after it, run on the thread pool
    // while this thread already writes the next group. One fsync covers every commit before it, so
    // it is what FULL promises (an acknowledged event survives a power cut), without the writer
    // sitting idle during each fsync (under load it committed groups of one or two requests, each
    // waiting for its own fsync).
    this.walPath = full && wal ? `${db.name}-wal` : null;
    if (this.walPath) db.pragma('synchronous = NORMAL');
    // Aggregates can always be refolded from the durable log (the watermark commits with them), so
    // their commits skip the fsync; the next ingest commit's fsync covers these WAL frames as well.
    const toggle = full && !this.walPath;
    this.foldChunk = (limit = this.chunk) => {
      if (toggle) db.pragma('synchronous = NORMAL');
      try {
        return fold(limit);
      } finally {
        if (toggle) db.pragma('synchronous = FULL');
      }
    };
    // The counters follow the counting rules of their version: a file kept under other rules (none:
    // older than the counters; 1: product views only from the first exposure on) is recounted.
    const version = db.prepare("SELECT value FROM meta WHERE key = 'counts_version'").pluck(true).get();
    if (version !== COUNTS_VERSION) {
      db.transaction(() => {
        this.rebuildCounts();
        db.prepare(
          "INSERT INTO meta (key, value) VALUES ('counts_version', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        ).run(COUNTS_VERSION);
      }).immediate();
    }
    const every = options.aggregateEvery ?? 1000;
    const maxBacklog = options.aggregateBacklog ?? 250_000;
    if (every > 0) {
      let chained = false;
      // Under load, a tick's chunk is folded in five slices with batches committed in between: a
      // whole 50 000-event fold holds the writer for about 300 ms, and with every connection waiting
      // for its answer the HTTP thread and the clients would idle all that time.
      const slices = 5;
      let slicesLeft = 0;
      const tick = (fromChain: boolean) => {
        if (this.closed || (chained && !fromChain)) return;
        chained = false;
        const busy = performance.now() - this.lastAppend < every;
        if (!fromChain) slicesLeft = 0;
        if (busy && slicesLeft === 0 && this.backlog() < maxBacklog) return;
        const limit = busy ? Math.ceil(this.chunk / slices) : this.chunk;
        let folded: number;
        try {
          folded = this.foldChunk(limit);
        } catch {
          return; // retried on the next tick; results fold synchronously and report errors themselves
        }
        if (folded < limit) return; // caught up
        if (busy) {
          if (slicesLeft === 0) slicesLeft = slices;
          if (--slicesLeft === 0) return; // this tick's chunk is done
        }
        // chunk after chunk until caught up, or the rest of this tick's slices (batches still get the
        // writer in between)
        chained = true;
        setImmediate(() => tick(true));
      };
      this.timer = setInterval(() => tick(false), every);
      this.timer.unref();
    }
  }

  append(events: StoredEvent[]): Promise<AppendResult> {
    return this.appendBatches(toLogBatches(events));
  }

  /** `append` for the rows of one request (`validateEventRow`), without the StoredEvent objects. */
  appendRows(request: LogRequest, rows: LogRow[]): Promise<AppendResult> {
    return this.appendBatches(rowsToLogBatches(request, rows));
  }

  /** `append` for batches made by `toLogBatches` (the writer thread receives batches). */
  appendBatches(batches: LogBatch[]): Promise<AppendResult> {
    if (this.closed) return Promise.reject(new Error('store is closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ batches, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        // setImmediate runs after this turn's I/O callbacks: every request parsed in this turn joins the group.
        setImmediate(() => this.flush());
      }
    });
  }

  /** Events in the log not yet folded into the aggregates. */
  backlog(): number {
    return this.stmts.backlog.get() as number;
  }

  private flush(force = false): void {
    if (!force && this.syncInFlight && this.queue.length > 0) {
      // The answers of a commit made now would wait for the fsync after the one in flight anyway:
      // commit when that one ends, together with every batch that arrives meanwhile (fewer, larger
      // transactions; the answers leave no later than the fsync that follows allows).
      const inFlight = this.syncInFlight;
      const later = () => setImmediate(() => this.flush(true)); // waits for one fsync at most
      void inFlight.then(later, later);
      return; // `scheduled` stays true: later batches join this group
    }
    this.scheduled = false;
    this.lastAppend = performance.now();
    const group = this.queue;
    this.queue = [];
    if (group.length === 0) return;
    let results: AppendResult[];
    try {
      results = this.writeGroup(group);
    } catch (error) {
      for (const pending of group) pending.reject(error);
      return;
    }
    const synced = this.durable();
    group.forEach((pending, i) => synced.then(() => pending.resolve(results[i]!), pending.reject));
  }

  /**
   * Resolves once every transaction committed before the call is on disk: at once without the
   * WAL fsync mode, else after an fdatasync of the WAL that starts after the call (one in flight
   * may have started before this commit, so callers meanwhile share one more after it).
   */
  private durable(): Promise<void> {
    if (!this.walPath) return Promise.resolve();
    if (!this.syncInFlight) {
      const sync = this.fsyncWal().finally(() => {
        if (this.syncInFlight === sync) this.syncInFlight = null;
      });
      this.syncInFlight = sync;
      return sync;
    }
    this.syncQueued ??= this.syncInFlight
      .catch(() => {})
      .then(() => {
        this.syncQueued = null;
        return this.durable();
      });
    return this.syncQueued;
  }

  /**
   * The WAL file stays open between fsyncs: opening and closing it around each one were two more
   * trips through the thread pool per fsync. SQLite removes the WAL only when the last connection
   * to the file closes, and this store's connection is open until `close`, so the descriptor
   * always names the live WAL (a checkpoint rewrites it from the start, same file).
   */
  private wal: { path: string; fd: Promise<number | null> } | null = null;

  private walFd(): Promise<number | null> {
    const path = this.walPath!;
    if (this.wal?.path === path) return this.wal.fd;
    const previous = this.wal;
    const fd = new Promise<number | null>((resolve, reject) => {
      open(path, 'r+', (error, fd) => {
        // no WAL file (yet): nothing was written since the (synced) database file was checkpointed
        if (error) return error.code === 'ENOENT' ? resolve(null) : reject(error);
        resolve(fd);
      });
    });
    this.wal = { path, fd };
    // an open that failed, or found no WAL, is tried again next time
    fd.then(
      (n) => n === null && this.wal?.fd === fd && (this.wal = null),
      () => this.wal?.fd === fd && (this.wal = null),
    );
    if (previous)
      void previous.fd.then(
        (n) => n !== null && close(n, () => {}),
        () => {},
      );
    return fd;
  }

  private fsyncWal(): Promise<void> {
    return this.walFd().then((fd) =>
      fd === null
        ? undefined
        : new Promise<void>((resolve, reject) => fdatasync(fd, (error) => (error ? reject(error) : resolve()))),
    );
  }

  /** Runs inside the group transaction. */
  private write(batches: LogBatch[]): AppendResult {
    let accepted = 0;
    let duplicates = 0;
    for (const batch of batches) {
      const stored = this.writeBatch(batch);
      accepted += stored;
      duplicates += batch.n - stored;
    }
    return { accepted, duplicates };
  }

  /** Logs the batch's events whose event_id is new (the first of equal ids in it); returns how many. */
  private writeBatch(batch: LogBatch): number {
    const { site, received_at, ip, source } = batch;
    try {
      this.bulkIds(batch);
      this.stmts.insertLog.run(site, received_at, ip, source, batch.n, batch.body);
      return batch.n;
    } catch (error) {
      if (error !== SEEN_BEFORE) throw error;
    }
    // a retry or a replay: id by id, keeping the events whose id was not stored before
    const rows = JSON.parse(batch.body) as LogRow[];
    const fresh = rows.filter((row) => this.stmts.insertId.run(row[0]).changes === 1);
    if (fresh.length > 0) this.stmts.insertLog.run(site, received_at, ip, source, fresh.length, JSON.stringify(fresh));
    return fresh.length;
  }

  /**
   * Folds up to one chunk of the log into the aggregates; runs inside a transaction. Returns the
   * number of events folded. All in SQL: the chunk's log rows are expanded into `temp.chunk`, the
   * touched units' contributions are taken out of the counters, the chunk is folded into units,
   * exposures and orders, and the new contributions are added back, so the counters stay exact
   * without reading rows into JavaScript.
   */
  private fold(limit: number): number {
    const from = (this.stmts.watermark.get() as number | undefined) ?? 0;
    let hi = from;
    let n = 0;
    for (const row of this.stmts.logAfter.iterate(from) as IterableIterator<{ seq: number; n: number }>) {
      hi = row.seq;
      n += row.n;
      if (n >= limit) break;
    }
    if (hi === from) return 0;
    this.stmts.clearChunk.run();
    this.stmts.fillChunk.run(from, hi);
    this.stmts.clearTouched.run();
    this.stmts.touchChunk.run();
    this.contribute(-1);
    this.stmts.foldUnits.run();
    this.stmts.foldExposures.run();
    this.stmts.foldOrders.run();
    this.contribute(1);
    this.stmts.setWatermark.run(hi);
    this.stmts.clearChunk.run();
    return n;
  }

  /** Adds (1) or takes out (-1) the contributions of the units in `temp.touched` to every counter. */
  private contribute(sign: 1 | -1): void {
    this.stmts.contribute.run({ sign });
    this.stmts.contributeRevenue.run({ sign });
    this.stmts.contributeStarts.run({ sign });
  }

  /** Recomputes every counter from the aggregates (after retention, and when opening an older file). */
  private rebuildCounts(): void {
    this.db.exec(`DELETE FROM experiment_counts;
      INSERT INTO experiment_counts (site, experiment, bucket, units, product_view, add_to_cart, begin_checkout, purchase, revenue_minor)
      ${CONTRIBUTIONS} GROUP BY e.site, e.experiment, bucket;
      DELETE FROM experiment_revenue;
      INSERT INTO experiment_revenue (site, experiment, bucket, currency, orders, revenue_minor)
      ${revenueContributions(false)};
      DELETE FROM experiment_starts;
      INSERT INTO experiment_starts (site, experiment, bucket, minute, units) ${startContributions('exposures e')};`);
  }

  /** Folds the whole backlog into the aggregates (results call this first, so they are never stale). */
  catchUp(): number {
    let total = 0;
    for (let n = this.foldChunk(); n > 0; n = this.foldChunk()) total += n;
    return total;
  }

  /**
   * The units by period of first exposure (`CountsOptions.periodStarts`) of each variation bucket,
   * from the per-minute counters: one range of the primary key per (bucket, period), so every row
   * is read once (a month of minutes of two variations, 86 400 rows, in about 11 ms here; one
   * grouped statement with a CASE per row took 55-60).
   */
  private periodCounts(site: string, experiment: string, starts: number[], buckets: number[]): PeriodCounts[] {
    const bounds = [Number.MIN_SAFE_INTEGER, ...starts.map(periodStartMinute), Number.MAX_SAFE_INTEGER];
    const periods: PeriodCounts[] = [];
    for (let period = 0; period + 1 < bounds.length; period++)
      for (const variation of buckets) {
        const units = this.stmts.periodUnits.get(site, experiment, variation, bounds[period], bounds[period + 1]);
        if (units !== 0) periods.push({ period, variation, units: units as number });
      }
    return periods;
  }

  /** `periodCounts` from the exposures themselves (`recount`: tests compare the two). */
  private recountPeriods(site: string, experiment: string, starts: number[]): PeriodCounts[] {
    const cases = starts.map((_, i) => `WHEN e.first_ts / 60000 >= $m${i + 1} THEN ${i + 1}`).reverse();
    const params: Record<string, string | number> = { site, experiment };
    starts.forEach((start, i) => (params[`m${i + 1}`] = periodStartMinute(start)));
    return this.db
      .prepare(
        `SELECT CASE ${cases.join(' ')} ELSE 0 END AS period, e.variation AS variation, count(*) AS units
         FROM exposures e JOIN units u ON u.site = e.site AND u.unit = e.unit
         WHERE e.site = $site AND e.experiment = $experiment AND u.bot = 0 AND e.multi = 0
         GROUP BY period, variation ORDER BY period, variation`,
      )
      .all(params) as PeriodCounts[];
  }

  async counts(site: string, experiment: string, options: CountsOptions = {}): Promise<ExperimentCounts | null> {
    this.catchUp();
    if (!this.stmts.exists.get(site, experiment)) return null;
    const starts = options.periodStarts ?? [];
    const rows = this.stmts.readCounts.all(site, experiment) as CountRow[];
    const excluded = (bucket: number) => rows.find((r) => r.bucket === bucket)?.units ?? 0;
    const revenue = currencyCounts(this.stmts.readRevenue.all(site, experiment) as RevenueRow[]);
    return {
      variations: rows
        .filter((r) => r.bucket >= 0 && r.units > 0)
        .map(({ bucket, ...r }) => ({
          variation: bucket,
          ...r,
          revenue_minor: revenue.reduce((sum, c) => (c.variation === bucket ? sum + c.revenue_minor : sum), 0),
        })),
      multi_exposed_units: excluded(MULTI),
      bot_units: excluded(BOT),
      revenue_by_currency: revenue,
      ...(starts.length > 0
        ? {
            periods: this.periodCounts(
              site,
              experiment,
              starts,
              rows.filter((r) => r.bucket >= 0 && r.units > 0).map((r) => r.bucket),
            ),
          }
        : {}),
    };
  }

  /** The same counts computed from scratch with joins (slow; tests compare it with the maintained counters). */
  recount(site: string, experiment: string, options: CountsOptions = {}): ExperimentCounts {
    this.catchUp();
    const starts = options.periodStarts ?? [];
    const rows = this.stmts.counts.all(site, experiment) as Record<string, number>[];
    const revenue = new Map(
      (this.stmts.revenue.all(site, experiment) as { variation: number; revenue: number }[]).map((r) => [
        r.variation,
        r.revenue,
      ]),
    );
    const excluded = this.stmts.excluded.get(site, experiment) as { bots: number | null; multi: number | null };
    return {
      variations: rows.map((r) => ({
        variation: r.variation!,
        units: r.units!,
        product_view: r.product_view ?? 0,
        add_to_cart: r.add_to_cart ?? 0,
        begin_checkout: r.begin_checkout ?? 0,
        purchase: r.purchase ?? 0,
        revenue_minor: revenue.get(r.variation!) ?? 0,
      })),
      multi_exposed_units: excluded.multi ?? 0,
      bot_units: excluded.bots ?? 0,
      revenue_by_currency: currencyCounts(this.stmts.recountRevenue.all(site, experiment) as RevenueRow[]),
      ...(starts.length > 0 ? { periods: this.recountPeriods(site, experiment, starts) } : {}),
    };
  }

  async sites(): Promise<string[]> {
    this.catchUp();
    return (this.stmts.sites.all() as { site: string }[]).map((r) => r.site);
  }

  /**
   * Deletes every event of the unit from the log (and its ids from the dedupe index) and every
   * aggregate of it. The backlog is folded first, in this thread, so no event of the unit is left
   * unfolded elsewhere; log rows holding other units' events are rewritten without the unit's.
   */
  async eraseUnit(anonymousId: string): Promise<number> {
    this.catchUp();
    const erased = this.db
      .transaction(() => {
        this.stmts.clearTouched.run();
        this.stmts.touchUnit.run(anonymousId);
        this.contribute(-1);
        let erased = 0;
        // bodies are JSON.stringify output, so a row holding the unit contains its id stringified
        const candidates = this.stmts.mayHold.all(JSON.stringify(anonymousId)) as { seq: number; body: string }[];
        for (const { seq, body } of candidates) {
          const rows = JSON.parse(body) as LogRow[];
          const keep = rows.filter((row) => row[3] !== anonymousId);
          if (keep.length === rows.length) continue;
          for (const row of rows) if (row[3] === anonymousId) this.stmts.deleteId.run(row[0]);
          erased += rows.length - keep.length;
          if (keep.length === 0) this.stmts.deleteLog.run(seq);
          else this.stmts.rewriteLog.run(keep.length, JSON.stringify(keep), seq);
        }
        for (const table of ['units', 'exposures', 'orders'])
          this.db.prepare(`DELETE FROM ${table} WHERE unit = ?`).run(anonymousId);
        this.stmts.lowerWatermark.run();
        return erased;
      })
      .immediate();
    await this.durable();
    return erased;
  }

  async applyRetention(cutoff: number): Promise<number> {
    this.catchUp();
    const expired = this.db
      .transaction(() => {
        const expired = this.stmts.expiredCount.get(cutoff) as number;
        if (expired > 0) {
          this.stmts.expiredIds.run(cutoff);
          this.stmts.deleteExpired.run(cutoff);
        }
        // uncorrelated: SQLite builds the stale set once (a correlated subquery would scan units per row)
        for (const table of ['exposures', 'orders'])
          this.db
            .prepare(`DELETE FROM ${table} WHERE (site, unit) IN (SELECT site, unit FROM units WHERE last_seen < ?)`)
            .run(cutoff);
        const stale = this.db.prepare('DELETE FROM units WHERE last_seen < ?').run(cutoff).changes;
        if (stale > 0) this.rebuildCounts();
        this.stmts.lowerWatermark.run();
        return expired;
      })
      .immediate();
    await this.durable();
    return expired;
  }

  async checkWritable(): Promise<void> {
    this.stmts.probe.run(Date.now());
    await this.durable();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    clearInterval(this.timer);
    this.flush(true);
    this.closed = true;
    await this.durable(); // the last group's answers are sent before the connection closes
    const wal = this.wal;
    this.wal = null;
    const fd = await wal?.fd.catch(() => null);
    if (fd != null) await new Promise((resolve) => close(fd, resolve));
  }
}

/** Experiment configs and the audit log, in the same SQLite file. */
export class SqliteConfigStore implements ConfigStore {
  constructor(private readonly db: Database.Database) {}

  getConfig(site: string): SiteConfig | null {
    const row = this.db.prepare('SELECT body FROM configs WHERE site = ?').get(site) as { body: string } | undefined;
    return row ? (JSON.parse(row.body) as SiteConfig) : null;
  }

  putConfig(site: string, config: SiteConfig, summary: string, at: number): AuditEntry {
    return this.db
      .transaction(() => {
        const before = this.getConfig(site);
        const body = JSON.stringify(config);
        this.db
          .prepare(
            'INSERT INTO configs (site, body, updated_at) VALUES (?, ?, ?) ON CONFLICT (site) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at',
          )
          .run(site, body, at);
        const { lastInsertRowid } = this.db
          .prepare('INSERT INTO audit (at, site, summary, before, after) VALUES (?, ?, ?, ?, ?)')
          .run(at, site, summary, before ? JSON.stringify(before) : null, body);
        return { id: Number(lastInsertRowid), at, site, summary, before, after: config };
      })
      .immediate();
  }

  audit(site: string, limit: number): AuditEntry[] {
    const rows = this.db
      .prepare('SELECT id, at, site, summary, before, after FROM audit WHERE site = ? ORDER BY id DESC LIMIT ?')
      .all(site, limit) as {
      id: number;
      at: number;
      site: string;
      summary: string;
      before: string | null;
      after: string;
    }[];
    return rows.map((r) => ({
      id: r.id,
      at: r.at,
      site: r.site,
      summary: r.summary,
      before: r.before ? (JSON.parse(r.before) as SiteConfig) : null,
      after: JSON.parse(r.after) as SiteConfig,
    }));
  }

  configuredSites(): string[] {
    return (this.db.prepare('SELECT site FROM configs ORDER BY site').all() as { site: string }[]).map((r) => r.site);
  }
}
