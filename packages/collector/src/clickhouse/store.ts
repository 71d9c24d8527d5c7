import { randomUUID } from 'node:crypto';
import {
  compareCurrencyCounts,
  type AppendResult,
  type CountsOptions,
  type CurrencyCounts,
  type EventStore,
  type ExperimentCounts,
  type PeriodCounts,
  type StoredEvent,
  type VariationCounts,
} from '../types.js';
import { ClickHouseHttp, DEFAULT_CLICKHOUSE_URL, identifier, quote } from './http.js';
import {
  countsQuery,
  currencyFromCode,
  existingIdsQuery,
  expiredPartitionsQuery,
  sitesQuery,
  unitEventsQuery,
  type CountsRow,
} from './queries.js';
import { createEventsTable, EVENTS_TABLE, toRow, type EventRow } from './schema.js';

export interface ClickHouseStoreOptions {
  /** ClickHouse HTTP interface, e.g. `http://user:pw@host:8123/?database=vitrine`. Default `http://127.0.0.1:8123`. */
  url?: string;
  /** Events table. Default `vitrine_events`. */
  table?: string;
  /** Per-request timeout (ms). Default 30 000. */
  timeoutMs?: number;
  /** Most events written by one INSERT (batches arriving together are grouped up to this). Default 5 000. */
  maxInsert?: number;
  /** How long `eraseUnit` waits for ClickHouse to finish the delete mutation (ms). Default 120 000. */
  mutationTimeoutMs?: number;
}

interface Pending {
  events: StoredEvent[];
  resolve: (result: AppendResult) => void;
  reject: (error: unknown) => void;
}

/** `ver` = MAX_VER − arrival sequence: the highest `ver` is the first stored copy. */
const MAX_VER = Number.MAX_SAFE_INTEGER;
/** Ids per existence check (keeps the SELECT well under ClickHouse's 256 KiB max_query_size). */
const IDS_PER_CHECK = 2000;
const PROBE_TABLE = 'vitrine_probe';
const COLUMNS = [
  'event_id',
  'site',
  'type',
  'ts',
  'received_at',
  'anonymous_id',
  'experiment',
  'variation',
  'order_id',
  'value_minor',
  'is_bot',
  'extra',
  'ver',
] satisfies (keyof EventRow)[];

/**
 * The event store on ClickHouse, over its HTTP interface (`VITRINE_STORE=clickhouse`).
 *
 * Writes — group commit, like the SQLite store: the batches handed to `append` while an INSERT is
 * in flight (or during one turn of the event loop) are written together by the next INSERT, one at
 * a time per collector (the next group's existence check overlaps the current INSERT; see `drain`).
 * For each group: drop repeated ids inside the group, ask ClickHouse which ids it already holds
 * (a SELECT on the primary key), INSERT only the new events as `JSONEachRow`, then resolve every
 * batch's promise with its own accepted/duplicates counts. Nothing resolves before ClickHouse has
 * answered the INSERT.
 *
 * The existence check makes `duplicates` right for one collector. Two collectors that receive the
 * same event at the same moment can both find it missing and both insert it: each then reports it
 * as accepted, and the table holds two copies until a merge. Results stay exact, because every
 * aggregate the queries compute gives the same answer for one copy or several (see queries.ts).
 *
 * Arrival order: each stored row gets `ver = MAX_VER − seq` where `seq` is
 * max(received_at × 1000, previous seq + 1) — strictly increasing in this process, close to
 * arrival time across processes. "First stored copy wins" (the SQLite store's INSERT OR IGNORE,
 * and the first purchase of an `order_id`) is then "highest ver wins" (`argMax(…, ver)`), which
 * is also the copy a ReplacingMergeTree(ver) merge keeps.
 */
export class ClickHouseEventStore implements EventStore {
  readonly kind = 'clickhouse';
  readonly http: ClickHouseHttp;
  readonly table: string;
  private readonly maxInsert: number;
  private readonly mutationTimeoutMs: number;
  private readonly collectorId = randomUUID();
  private queue: Pending[] = [];
  private draining: Promise<void> | null = null;
  private lastSeq = 0;
  private closed = false;

  private constructor(options: ClickHouseStoreOptions) {
    this.http = new ClickHouseHttp(options.url ?? DEFAULT_CLICKHOUSE_URL, { timeoutMs: options.timeoutMs });
    this.table = options.table ?? EVENTS_TABLE;
    identifier(this.table);
    this.maxInsert = options.maxInsert ?? 5000;
    this.mutationTimeoutMs = options.mutationTimeoutMs ?? 120_000;
  }

  /** Connects, creates the database and tables when missing, and checks the table's columns. */
  static async open(options: ClickHouseStoreOptions = {}): Promise<ClickHouseEventStore> {
    const store = new ClickHouseEventStore(options);
    const { http } = store;
    if (!(await http.ping()))
      throw new Error(
        `Vitrine collector: ClickHouse does not answer at ${http.origin}/ping. Start it (Debian: ` +
          '`apt-get install -y clickhouse-server`, see packages/collector/CLICKHOUSE.md) or set VITRINE_CLICKHOUSE_URL.',
      );
    if (http.database !== 'default')
      await http.exec(`CREATE DATABASE IF NOT EXISTS ${identifier(http.database)}`, {}, { database: null });
    await http.exec(createEventsTable(store.table));
    await http.exec(
      `CREATE TABLE IF NOT EXISTS ${identifier(PROBE_TABLE)} (collector String, at Int64) ENGINE = ReplacingMergeTree(at) ORDER BY collector`,
    );
    const present = new Set(
      (
        await http.rows<{ name: string }>(
          `SELECT name FROM system.columns WHERE database = ${quote(http.database)} AND table = ${quote(store.table)}`,
        )
      ).map((r) => r.name),
    );
    const missing = COLUMNS.filter((c) => !present.has(c));
    if (missing.length > 0)
      throw new Error(
        `Vitrine collector: ClickHouse table ${http.database}.${store.table} lacks the columns ${missing.join(', ')}; ` +
          'it was made by something else or an older version. Point VITRINE_CLICKHOUSE_URL at another database (?database=…).',
      );
    return store;
  }

  append(events: StoredEvent[]): Promise<AppendResult> {
    if (this.closed) return Promise.reject(new Error('store is closed'));
    if (events.length === 0) return Promise.resolve({ accepted: 0, duplicates: 0 });
    return new Promise((resolve, reject) => {
      this.queue.push({ events, resolve, reject });
      this.draining ??= this.drain();
    });
  }

  /**
   * Writes the queue in groups, two groups overlapping: group k+1's existence check runs while
   * group k's INSERT is in flight (INSERTs themselves stay one at a time, in order). Group k+1
   * cannot see group k's rows yet, so it also counts as stored the ids group k has inserted once
   * that INSERT has succeeded — and as new the ids of a group k that failed.
   */
  private async drain(): Promise<void> {
    // Let every request parsed in this turn of the event loop join the first group.
    await new Promise((resolve) => setImmediate(resolve));
    let older: Promise<Set<string>> = Promise.resolve(new Set());
    let previous: Promise<Set<string>> = older;
    for (;;) {
      while (this.queue.length > 0) {
        await older; // every group before the previous one is written, and visible to a SELECT
        let size = 0;
        let take = 0;
        while (take < this.queue.length && (take === 0 || size + this.queue[take]!.events.length <= this.maxInsert))
          size += this.queue[take++]!.events.length;
        const group = this.queue.splice(0, take);
        older = previous;
        previous = this.write(group, previous);
      }
      await previous;
      if (this.queue.length === 0) break; // else batches arrived while the last group was written
    }
    this.draining = null;
  }

  /** Writes one group after `previous` (the ids the group before inserted); never rejects: settles the group's promises. */
  private async write(group: Pending[], previous: Promise<Set<string>>): Promise<Set<string>> {
    const ids = [...new Set(group.flatMap((p) => p.events.map((e) => e.event_id)))];
    const seen = new Set<string>();
    let failure: unknown;
    try {
      for (let i = 0; i < ids.length; i += IDS_PER_CHECK) {
        const found = await this.http.rows<{ id: string }>(
          existingIdsQuery(this.table, ids.slice(i, i + IDS_PER_CHECK)),
        );
        for (const row of found) seen.add(row.id);
      }
    } catch (error) {
      failure = error;
    }
    const before = await previous;
    if (failure !== undefined) {
      for (const pending of group) pending.reject(failure);
      return new Set();
    }
    for (const id of ids) if (before.has(id)) seen.add(id);
    const rows: EventRow[] = [];
    const inserted = new Set<string>();
    const results = group.map(({ events }) => {
      let accepted = 0;
      for (const e of events) {
        if (seen.has(e.event_id)) continue;
        seen.add(e.event_id);
        inserted.add(e.event_id);
        rows.push(toRow(e, this.nextVer(e.received_at)));
        accepted++;
      }
      return { accepted, duplicates: events.length - accepted };
    });
    try {
      await this.http.insert(this.table, rows);
    } catch (error) {
      for (const pending of group) pending.reject(error);
      return new Set();
    }
    group.forEach((pending, i) => pending.resolve(results[i]!));
    return inserted;
  }

  private nextVer(receivedAt: number): number {
    const seq = Math.max(Math.trunc(receivedAt) * 1000, this.lastSeq + 1);
    this.lastSeq = seq;
    return Math.max(1, MAX_VER - seq);
  }

  async counts(site: string, experiment: string, options: CountsOptions = {}): Promise<ExperimentCounts | null> {
    const starts = options.periodStarts ?? [];
    const rows = await this.http.rows<CountsRow>(countsQuery(this.table, site, experiment, starts));
    if (rows.length === 0) return null;
    const result: ExperimentCounts = { variations: [], multi_exposed_units: 0, bot_units: 0 };
    // one row per (variation or multi-exposed, bot, period): the counts of a variation are summed
    // over its periods, its orders by currency merged
    const variations = new Map<number, VariationCounts>();
    const currencies = new Map<string, CurrencyCounts>();
    const periods: PeriodCounts[] = [];
    for (const r of rows) {
      if (r.bot) result.bot_units += r.units;
      else if (r.v < 0) result.multi_exposed_units += r.units;
      else {
        let v = variations.get(r.v);
        if (!v) {
          v = {
            variation: r.v,
            units: 0,
            product_view: 0,
            add_to_cart: 0,
            begin_checkout: 0,
            purchase: 0,
            revenue_minor: 0,
          };
          variations.set(r.v, v);
        }
        v.units += r.units;
        v.product_view += r.product_view;
        v.add_to_cart += r.add_to_cart;
        v.begin_checkout += r.begin_checkout;
        v.purchase += r.purchase;
        v.revenue_minor += r.revenue;
        periods.push({ period: r.period, variation: r.v, units: r.units });
        const [codes, orders] = r.cur_orders;
        const [revenueCodes, revenue] = r.cur_revenue;
        codes.forEach((code, i) => {
          const key = `${r.v} ${code}`;
          const c = currencies.get(key) ?? {
            variation: r.v,
            currency: currencyFromCode(code),
            orders: 0,
            revenue_minor: 0,
          };
          c.orders += orders[i]!;
          c.revenue_minor += revenue[revenueCodes.indexOf(code)] ?? 0;
          currencies.set(key, c);
        });
      }
    }
    result.variations = [...variations.values()].sort((a, b) => a.variation - b.variation);
    result.revenue_by_currency = [...currencies.values()].sort(compareCurrencyCounts);
    if (starts.length > 0) result.periods = periods.sort((a, b) => a.period - b.period || a.variation - b.variation);
    return result;
  }

  async sites(): Promise<string[]> {
    return (await this.http.rows<{ site: string }>(sitesQuery(this.table))).map((r) => r.site);
  }

  /**
   * Deletes every stored copy of the shopper's events (an `ALTER TABLE … DELETE` mutation) and waits
   * until ClickHouse has applied it, so results no longer see them when this resolves.
   */
  async eraseUnit(anonymousId: string): Promise<number> {
    const [{ n }] = (await this.http.rows<{ n: number }>(unitEventsQuery(this.table, anonymousId))) as [{ n: number }];
    if (n > 0) {
      await this.http.exec(`ALTER TABLE ${identifier(this.table)} DELETE WHERE anonymous_id = ${quote(anonymousId)}`);
      await this.waitForMutations();
    }
    return n;
  }

  private async waitForMutations(): Promise<void> {
    const deadline = Date.now() + this.mutationTimeoutMs;
    const sql = `SELECT count() AS n FROM system.mutations WHERE database = ${quote(this.http.database)} AND table = ${quote(this.table)} AND is_done = 0`;
    for (;;) {
      const [row] = await this.http.rows<{ n: number }>(sql);
      if (row!.n === 0) return;
      if (Date.now() > deadline)
        throw new Error(
          `ClickHouse has not finished deleting after ${this.mutationTimeoutMs} ms (see system.mutations)`,
        );
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /**
   * Drops the day partitions (UTC) whose events were all received before `cutoff`: whole days,
   * without rewriting data, so events are kept at most one day past the cutoff. Returns the events dropped.
   */
  async applyRetention(cutoff: number): Promise<number> {
    const days = await this.http.rows<{ day: number; n: number }>(expiredPartitionsQuery(this.table, cutoff));
    let dropped = 0;
    for (const { day, n } of days) {
      await this.http.exec(`ALTER TABLE ${identifier(this.table)} DROP PARTITION ${Math.trunc(day)}`);
      dropped += n;
    }
    return dropped;
  }

  /** Writes one row (per collector, replaced on merge) to a probe table: fails when ClickHouse cannot take writes. */
  async checkWritable(): Promise<void> {
    await this.http.insert(PROBE_TABLE, [{ collector: this.collectorId, at: Date.now() }]);
  }

  /** Waits for the writes in flight; later appends are refused. */
  async close(): Promise<void> {
    this.closed = true;
    while (this.draining) await this.draining;
  }
}

/** The factory behind `VITRINE_STORE=clickhouse`: `VITRINE_CLICKHOUSE_URL`, default http://127.0.0.1:8123. */
export function clickHouseStoreFromEnv(env: NodeJS.ProcessEnv): Promise<ClickHouseEventStore> {
  return ClickHouseEventStore.open({ url: env.VITRINE_CLICKHOUSE_URL || DEFAULT_CLICKHOUSE_URL });
}
