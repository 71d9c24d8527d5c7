import { accessSync, constants, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type {
  AppendResult,
  AuditEntry,
  ConfigStore,
  EventStore,
  ExperimentCounts,
  SiteConfig,
  StoredEvent,
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
  db.pragma('cache_size = -65536'); // 64 MiB: keeps the aggregate tables' pages hot
  db.pragma('wal_autocheckpoint = 8192'); // checkpoint every 32 MiB of WAL: fewer, larger fsyncs
  db.exec(SCHEMA);
  return db;
}

const SCHEMA = `
-- seq orders the log; the aggregator reads events after its watermark in seq order.
CREATE TABLE IF NOT EXISTS events (
  seq INTEGER PRIMARY KEY,
  event_id TEXT NOT NULL UNIQUE,
  site TEXT NOT NULL,
  type TEXT NOT NULL,
  ts INTEGER NOT NULL,
  received_at INTEGER NOT NULL,
  anonymous_id TEXT NOT NULL,
  user_id TEXT,
  session_id TEXT,
  experiment TEXT,
  variation INTEGER,
  product_id TEXT,
  quantity INTEGER,
  value_minor INTEGER,
  currency TEXT,
  order_id TEXT,
  is_bot INTEGER NOT NULL,
  ip TEXT,
  source TEXT NOT NULL,
  extra TEXT
);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
-- One row per unit: the latest time of each funnel event (-1: none), so "after first exposure"
-- is a comparison with the exposure's first_ts (an event at or after it exists iff the latest is).
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
`;

const FUNNEL = ['product_view', 'add_to_cart', 'begin_checkout', 'purchase'] as const;
const MULTI = -1;
const BOT = -2;

interface CountRow {
  site: string;
  experiment: string;
  bucket: number;
  units: number;
  product_view: number;
  add_to_cart: number;
  begin_checkout: number;
  purchase: number;
  revenue_minor: number;
}
type FunnelType = (typeof FUNNEL)[number];

interface Pending {
  events: StoredEvent[];
  resolve: (result: AppendResult) => void;
  reject: (error: unknown) => void;
}

interface UnitDelta {
  site: string;
  unit: string;
  product_view: number;
  add_to_cart: number;
  begin_checkout: number;
  purchase: number;
  bot: number;
  last_seen: number;
}

/** Columns the aggregator reads back from the log. */
type LogRow = [
  seq: number,
  site: string,
  type: string,
  ts: number,
  received_at: number,
  anonymous_id: string,
  experiment: string | null,
  variation: number | null,
  order_id: string | null,
  value_minor: number | null,
  is_bot: number,
  event_id: string,
];

export interface SqliteStoreOptions {
  /** Milliseconds between aggregator runs (results also catch up before answering). Default 1000. */
  aggregateEvery?: number;
  /** Events folded into the aggregates per transaction. Default 50 000. */
  aggregateChunk?: number;
}

/**
 * The embedded store, in two layers:
 *
 * 1. The event log (`events`): one writer (this process, one connection) and group commit. Every
 *    batch handed to `append` during one turn of the event loop is inserted in a single
 *    transaction, and their promises resolve after that transaction has committed. Dedupe is the
 *    UNIQUE `event_id` (INSERT OR IGNORE). UUIDv7 ids and the `seq` key are time-ordered, so
 *    inserts touch the right edge of both b-trees and a commit writes few pages.
 * 2. The aggregates (`units`, `exposures`, `orders`) are folded from the log by an aggregator that
 *    runs every `aggregateEvery` ms (and before every results query) in large transactions, up to a
 *    watermark kept in the same transaction. Their keys are random shopper ids, so updating them per
 *    request would dirty a page per row; per 50 000 events, a page holds many updates. After a
 *    crash the aggregator resumes from its watermark: nothing is folded twice or skipped.
 */
export class SqliteEventStore implements EventStore {
  readonly kind = 'sqlite';
  private queue: Pending[] = [];
  private scheduled = false;
  private closed = false;
  private timer: NodeJS.Timeout | undefined;
  private readonly writeGroup: (group: Pending[]) => AppendResult[];
  private readonly foldChunk: () => number;
  private readonly stmts;
  private readonly chunk: number;

  constructor(
    private readonly db: Database.Database,
    options: SqliteStoreOptions = {},
  ) {
    this.chunk = options.aggregateChunk ?? 50_000;
    this.stmts = {
      insertEvent: db.prepare(
        `INSERT OR IGNORE INTO events (event_id, site, type, ts, received_at, anonymous_id, user_id, session_id,
          experiment, variation, product_id, quantity, value_minor, currency, order_id, is_bot, ip, source, extra)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      backlog: db
        .prepare(
          `SELECT seq, site, type, ts, received_at, anonymous_id, experiment, variation, order_id, value_minor, is_bot, event_id
           FROM events WHERE seq > ? ORDER BY seq LIMIT ?`,
        )
        .raw(true),
      watermark: db.prepare("SELECT value FROM meta WHERE key = 'aggregated_seq'").pluck(true),
      setWatermark: db.prepare(
        "INSERT INTO meta (key, value) VALUES ('aggregated_seq', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
      ),
      upsertUnit: db.prepare(
        `INSERT INTO units (site, unit, product_view, add_to_cart, begin_checkout, purchase, bot, last_seen)
         VALUES (@site, @unit, @product_view, @add_to_cart, @begin_checkout, @purchase, @bot, @last_seen)
         ON CONFLICT (site, unit) DO UPDATE SET
           product_view = max(product_view, excluded.product_view),
           add_to_cart = max(add_to_cart, excluded.add_to_cart),
           begin_checkout = max(begin_checkout, excluded.begin_checkout),
           purchase = max(purchase, excluded.purchase),
           bot = max(bot, excluded.bot),
           last_seen = max(last_seen, excluded.last_seen)`,
      ),
      upsertExposure: db.prepare(
        `INSERT INTO exposures (site, experiment, unit, variation, first_ts, multi) VALUES (?, ?, ?, ?, ?, 0)
         ON CONFLICT (site, experiment, unit) DO UPDATE SET
           multi = max(multi, variation != excluded.variation),
           first_ts = min(first_ts, excluded.first_ts)`,
      ),
      insertOrder: db.prepare(
        'INSERT OR IGNORE INTO orders (site, order_id, unit, ts, value_minor) VALUES (?, ?, ?, ?, ?)',
      ),
      counts: db.prepare(
        `SELECT e.variation AS variation, count(*) AS units,
           sum(u.product_view >= e.first_ts) AS product_view,
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
      unitRow: db.prepare(
        'SELECT product_view, add_to_cart, begin_checkout, purchase, bot FROM units WHERE site = ? AND unit = ?',
      ),
      unitExposures: db.prepare(
        'SELECT experiment, variation, first_ts, multi FROM exposures INDEXED BY exposures_by_unit WHERE site = ? AND unit = ?',
      ),
      unitOrders: db.prepare(
        'SELECT ts, value_minor FROM orders INDEXED BY orders_by_unit WHERE site = ? AND unit = ?',
      ),
      addCounts: db.prepare(
        `INSERT INTO experiment_counts (site, experiment, bucket, units, product_view, add_to_cart, begin_checkout, purchase, revenue_minor)
         VALUES (@site, @experiment, @bucket, @units, @product_view, @add_to_cart, @begin_checkout, @purchase, @revenue_minor)
         ON CONFLICT (site, experiment, bucket) DO UPDATE SET
           units = units + excluded.units,
           product_view = product_view + excluded.product_view,
           add_to_cart = add_to_cart + excluded.add_to_cart,
           begin_checkout = begin_checkout + excluded.begin_checkout,
           purchase = purchase + excluded.purchase,
           revenue_minor = revenue_minor + excluded.revenue_minor`,
      ),
      readCounts: db.prepare(
        'SELECT bucket, units, product_view, add_to_cart, begin_checkout, purchase, revenue_minor FROM experiment_counts WHERE site = ? AND experiment = ? ORDER BY bucket',
      ),
      sites: db.prepare('SELECT DISTINCT site FROM units ORDER BY site'),
      probe: db.prepare('INSERT OR REPLACE INTO probe (id, at) VALUES (1, ?)'),
    };
    this.writeGroup = db.transaction((group: Pending[]) => group.map((pending) => this.write(pending.events)));
    const fold = db.transaction(() => this.fold());
    const full = db.pragma('synchronous', { simple: true }) === 2;
    // Aggregates can always be refolded from the durable log (the watermark commits with them), so
    // their commits skip the fsync; the next ingest commit's fsync covers these WAL frames as well.
    this.foldChunk = () => {
      if (full) db.pragma('synchronous = NORMAL');
      try {
        return fold();
      } finally {
        if (full) db.pragma('synchronous = FULL');
      }
    };
    if (!db.prepare("SELECT 1 FROM meta WHERE key = 'counts_version'").get()) {
      db.transaction(() => {
        this.rebuildCounts();
        db.prepare("INSERT INTO meta (key, value) VALUES ('counts_version', 1)").run();
      })();
    }
    const every = options.aggregateEvery ?? 1000;
    if (every > 0) {
      this.timer = setInterval(() => {
        try {
          this.foldChunk();
        } catch {
          // retried on the next tick; results fold synchronously and report errors themselves
        }
      }, every);
      this.timer.unref();
    }
  }

  append(events: StoredEvent[]): Promise<AppendResult> {
    if (this.closed) return Promise.reject(new Error('store is closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ events, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        // setImmediate runs after this turn's I/O callbacks: every request parsed in this turn joins the group.
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
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
    group.forEach((pending, i) => pending.resolve(results[i]!));
  }

  /** Runs inside the group transaction. */
  private write(events: StoredEvent[]): AppendResult {
    let accepted = 0;
    const insert = this.stmts.insertEvent;
    for (const e of events) {
      const extra =
        e.page || e.props || e.sdk || e.bot !== undefined
          ? JSON.stringify({ page: e.page, props: e.props, sdk: e.sdk, bot: e.bot })
          : null;
      accepted += insert.run(
        e.event_id,
        e.site,
        e.type,
        e.ts,
        e.received_at,
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
        e.ip,
        e.source,
        extra,
      ).changes;
    }
    return { accepted, duplicates: events.length - accepted };
  }

  /** Folds up to one chunk of the log into the aggregates; runs inside a transaction. Returns events folded. */
  private fold(): number {
    const from = (this.stmts.watermark.get() as number | undefined) ?? 0;
    const rows = this.stmts.backlog.all(from, this.chunk) as LogRow[];
    if (rows.length === 0) return 0;
    const units = new Map<string, UnitDelta>();
    // the units this chunk touches: their contributions are taken out before and put back after
    const touched = new Map<string, [string, string]>();
    for (const row of rows) touched.set(`${row[1]}\u0000${row[5]}`, [row[1], row[5]]);
    const delta = new Map<string, CountRow>();
    for (const [site, unit] of touched.values()) this.contribute(site, unit, -1, delta);
    for (const [
      ,
      site,
      type,
      ts,
      received_at,
      anonymous_id,
      experiment,
      variation,
      order_id,
      value_minor,
      is_bot,
      event_id,
    ] of rows) {
      const key = `${site}\u0000${anonymous_id}`;
      let unit = units.get(key);
      if (!unit) {
        unit = {
          site,
          unit: anonymous_id,
          product_view: -1,
          add_to_cart: -1,
          begin_checkout: -1,
          purchase: -1,
          bot: 0,
          last_seen: 0,
        };
        units.set(key, unit);
      }
      if (is_bot) unit.bot = 1;
      if (received_at > unit.last_seen) unit.last_seen = received_at;
      if ((FUNNEL as readonly string[]).includes(type)) {
        const funnel = type as FunnelType;
        if (ts > unit[funnel]) unit[funnel] = ts;
      }
      if (type === 'exposure' && experiment !== null && variation !== null)
        this.stmts.upsertExposure.run(site, experiment, anonymous_id, variation, ts);
      if (type === 'purchase')
        this.stmts.insertOrder.run(site, order_id ?? event_id, anonymous_id, ts, value_minor ?? 0);
    }
    for (const unit of units.values()) this.stmts.upsertUnit.run(unit);
    for (const [site, unit] of touched.values()) this.contribute(site, unit, 1, delta);
    this.applyDelta(delta);
    this.stmts.setWatermark.run(rows.at(-1)![0]);
    return rows.length;
  }

  /** Adds (sign 1) or removes (sign −1) one unit's contribution to every experiment it was exposed to. */
  private contribute(site: string, unit: string, sign: 1 | -1, delta: Map<string, CountRow>): void {
    const exposures = this.stmts.unitExposures.all(site, unit) as {
      experiment: string;
      variation: number;
      first_ts: number;
      multi: number;
    }[];
    if (exposures.length === 0) return;
    const u = this.stmts.unitRow.get(site, unit) as Record<FunnelType | 'bot', number> | undefined;
    const orders = this.stmts.unitOrders.all(site, unit) as { ts: number; value_minor: number }[];
    for (const e of exposures) {
      const bucket = u?.bot ? BOT : e.multi ? MULTI : e.variation;
      const key = `${site}\u0000${e.experiment}\u0000${bucket}`;
      let row = delta.get(key);
      if (!row) {
        row = {
          site,
          experiment: e.experiment,
          bucket,
          units: 0,
          product_view: 0,
          add_to_cart: 0,
          begin_checkout: 0,
          purchase: 0,
          revenue_minor: 0,
        };
        delta.set(key, row);
      }
      row.units += sign;
      if (bucket < 0 || !u) continue;
      for (const type of FUNNEL) if (u[type] >= e.first_ts) row[type] += sign;
      for (const o of orders) if (o.ts >= e.first_ts) row.revenue_minor += sign * o.value_minor;
    }
  }

  private applyDelta(delta: Map<string, CountRow>): void {
    for (const row of delta.values())
      if (row.units || row.product_view || row.add_to_cart || row.begin_checkout || row.purchase || row.revenue_minor)
        this.stmts.addCounts.run(row);
  }

  /** Recomputes every counter from the aggregates (after retention, and when opening an older file). */
  private rebuildCounts(): void {
    this.db.exec(`DELETE FROM experiment_counts;
      INSERT INTO experiment_counts (site, experiment, bucket, units, product_view, add_to_cart, begin_checkout, purchase, revenue_minor)
      SELECT e.site, e.experiment,
        CASE WHEN u.bot THEN ${BOT} WHEN e.multi THEN ${MULTI} ELSE e.variation END AS bucket,
        count(*),
        sum(u.bot = 0 AND e.multi = 0 AND u.product_view >= e.first_ts),
        sum(u.bot = 0 AND e.multi = 0 AND u.add_to_cart >= e.first_ts),
        sum(u.bot = 0 AND e.multi = 0 AND u.begin_checkout >= e.first_ts),
        sum(u.bot = 0 AND e.multi = 0 AND u.purchase >= e.first_ts),
        coalesce(sum(CASE WHEN u.bot = 0 AND e.multi = 0 THEN
          (SELECT sum(o.value_minor) FROM orders o INDEXED BY orders_by_unit WHERE o.site = e.site AND o.unit = e.unit AND o.ts >= e.first_ts) END), 0)
      FROM exposures e JOIN units u ON u.site = e.site AND u.unit = e.unit
      GROUP BY e.site, e.experiment, bucket;`);
  }

  /** Folds the whole backlog into the aggregates (results call this first, so they are never stale). */
  catchUp(): number {
    let total = 0;
    for (let n = this.foldChunk(); n > 0; n = this.foldChunk()) total += n;
    return total;
  }

  async counts(site: string, experiment: string): Promise<ExperimentCounts | null> {
    this.catchUp();
    if (!this.stmts.exists.get(site, experiment)) return null;
    const rows = this.stmts.readCounts.all(site, experiment) as Omit<CountRow, 'site' | 'experiment'>[];
    const excluded = (bucket: number) => rows.find((r) => r.bucket === bucket)?.units ?? 0;
    return {
      variations: rows
        .filter((r) => r.bucket >= 0 && r.units > 0)
        .map(({ bucket, ...r }) => ({ variation: bucket, ...r })),
      multi_exposed_units: excluded(MULTI),
      bot_units: excluded(BOT),
    };
  }

  /** The same counts computed from scratch with joins (slow; tests compare it with the maintained counters). */
  recount(site: string, experiment: string): ExperimentCounts {
    this.catchUp();
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
    };
  }

  async sites(): Promise<string[]> {
    this.catchUp();
    return (this.stmts.sites.all() as { site: string }[]).map((r) => r.site);
  }

  async eraseUnit(anonymousId: string): Promise<number> {
    this.catchUp();
    return this.db.transaction(() => {
      const delta = new Map<string, CountRow>();
      const sites = this.db.prepare('SELECT site FROM units WHERE unit = ?').pluck(true).all(anonymousId) as string[];
      for (const site of sites) this.contribute(site, anonymousId, -1, delta);
      this.applyDelta(delta);
      const { changes } = this.db.prepare('DELETE FROM events WHERE anonymous_id = ?').run(anonymousId);
      for (const table of ['units', 'exposures', 'orders'])
        this.db.prepare(`DELETE FROM ${table} WHERE unit = ?`).run(anonymousId);
      return changes;
    })();
  }

  async applyRetention(cutoff: number): Promise<number> {
    this.catchUp();
    return this.db.transaction(() => {
      const { changes } = this.db.prepare('DELETE FROM events WHERE received_at < ?').run(cutoff);
      // uncorrelated: SQLite builds the stale set once (a correlated subquery would scan units per row)
      for (const table of ['exposures', 'orders'])
        this.db
          .prepare(`DELETE FROM ${table} WHERE (site, unit) IN (SELECT site, unit FROM units WHERE last_seen < ?)`)
          .run(cutoff);
      const stale = this.db.prepare('DELETE FROM units WHERE last_seen < ?').run(cutoff).changes;
      if (stale > 0) this.rebuildCounts();
      return changes;
    })();
  }

  async checkWritable(): Promise<void> {
    this.stmts.probe.run(Date.now());
  }

  async close(): Promise<void> {
    if (this.closed) return;
    clearInterval(this.timer);
    this.flush();
    this.closed = true;
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
    return this.db.transaction(() => {
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
    })();
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
