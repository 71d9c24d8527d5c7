/** One event of the v1 schema after validation, as the collector stores it. */
export interface StoredEvent {
  event_id: string;
  site: string;
  type: string;
  ts: number;
  received_at: number;
  anonymous_id: string;
  user_id?: string;
  session_id?: string;
  page?: { path: string };
  experiment?: string;
  variation?: number;
  product_id?: string;
  quantity?: number;
  value_minor?: number;
  currency?: string;
  order_id?: string;
  props?: Record<string, string | number | boolean>;
  bot?: boolean;
  sdk?: { name: string; version: string };
  /** Client hint or user-agent match. */
  is_bot: boolean;
  /** Truncated client address (IPv4 /24, IPv6 /48); null for server-to-server events. */
  ip: string | null;
  /** `beacon` from a browser, `server` when sent with the server key. */
  source: 'beacon' | 'server';
}

/** What `append` tells about each batch. */
export interface AppendResult {
  /** Events stored for the first time. */
  accepted: number;
  /** Events whose `event_id` was already stored (replays, retries). */
  duplicates: number;
}

/**
 * How long before its first exposure a unit's `product_view` still counts in the funnel: 30 min,
 * the visit that exposed it. A product page reports its view as it loads, and the experiment on
 * that page reports the exposure when it shows the variant, later in the same page view (after
 * first paint, once its code has loaded), so "after first exposure" alone would count no view of
 * a shopper's first visit. The view does not depend on the variation, so counting it cannot tilt
 * the comparison. Every other step counts from the first exposure on.
 */
export const VIEW_LOOKBACK_MS = 30 * 60 * 1000;

/** Raw per-variation counts; the statistics are computed from these in results.ts, the same for every store. */
export interface VariationCounts {
  variation: number;
  /** Non-bot units exposed to this variation only. */
  units: number;
  /**
   * Units with at least one such event at or after their first exposure; for `product_view`, from
   * `VIEW_LOOKBACK_MS` before it (see there).
   */
  product_view: number;
  add_to_cart: number;
  begin_checkout: number;
  purchase: number;
  /** Sum of `value_minor` of purchases after first exposure, one per `order_id`. */
  revenue_minor: number;
}

/**
 * Counted purchases of one variation in one currency: the orders of `VariationCounts.revenue_minor`
 * (one per `order_id`, at or after the unit's first exposure), split by the currency of the
 * order's first stored report.
 */
export interface CurrencyCounts {
  variation: number;
  /** ISO 4217 code; null for purchases with a value but no currency. */
  currency: string | null;
  orders: number;
  revenue_minor: number;
}

/** The order of `ExperimentCounts.revenue_by_currency`: by variation, then currency (none first). */
export function compareCurrencyCounts(a: CurrencyCounts, b: CurrencyCounts): number {
  const x = a.currency ?? '';
  const y = b.currency ?? '';
  return a.variation - b.variation || (x < y ? -1 : x > y ? 1 : 0);
}

export interface ExperimentCounts {
  variations: VariationCounts[];
  /** Non-bot units exposed to more than one variation (left out of `variations`). */
  multi_exposed_units: number;
  /** Exposed units flagged as bots (left out of `variations`). */
  bot_units: number;
  /**
   * The counted purchases by variation and currency (ordered by variation, then currency, null
   * first); purchases with neither a value nor a currency are not listed (they add nothing). A
   * store that does not keep currencies leaves it out, and results then report no currency.
   */
  revenue_by_currency?: CurrencyCounts[];
  /**
   * Non-bot units exposed to one variation only, by the period of their first exposure (see
   * `CountsOptions.periodStarts`), ordered by period, then variation; only when periods were asked
   * for. A store that cannot split them leaves it out (results then give no sample-ratio test).
   */
  periods?: PeriodCounts[];
}

/** Units of one variation whose first exposure falls in one period. */
export interface PeriodCounts {
  period: number;
  variation: number;
  units: number;
}

export interface CountsOptions {
  /**
   * Ascending times (ms) that split the units by their first exposure, to the minute: a unit is in
   * period i (0 before the first start) when the minute of its first exposure begins at or after
   * `periodStarts[i − 1]` and before `periodStarts[i]`. A start inside a minute thus takes effect
   * from the next whole minute (the stores keep first exposures per minute, which keeps the split
   * cheap to read however many units there are).
   */
  periodStarts?: number[];
}

/** The minute (ms / 60 000) from which a period start takes effect: its own when whole, else the next. */
export function periodStartMinute(start: number): number {
  return Math.ceil(start / 60_000);
}

/**
 * Where events go. The SQLite store is the default; a ClickHouse store implements the same
 * interface and plugs into `createServer({ store })` without touching ingest or results.
 *
 * Contract every implementation keeps:
 * - `append` resolves only once the events are durably committed (the HTTP 2xx waits for it), and
 *   stores an `event_id` seen before at most once (reporting it as a duplicate);
 * - `counts` follows the unit rules of CONTRACTS.md (first exposure, bots and multi-exposed units
 *   excluded and counted, funnel per unit after first exposure (product views from
 *   `VIEW_LOOKBACK_MS` before it), purchases deduped by `order_id`), and splits the units by the
 *   minute of their first exposure when `periodStarts` are given;
 * - `eraseUnit` removes every event and aggregate of one anonymous id.
 */
export interface EventStore {
  readonly kind: string;
  append(events: StoredEvent[]): Promise<AppendResult>;
  counts(site: string, experiment: string, options?: CountsOptions): Promise<ExperimentCounts | null>;
  /** Sites that have events (used when `site` is left out of a results request). */
  sites(): Promise<string[]>;
  eraseUnit(anonymousId: string): Promise<number>;
  /** Deletes events received before `cutoff` (ms) and aggregates of units last seen before it. */
  applyRetention(cutoff: number): Promise<number>;
  /** Throws when the store cannot take writes. */
  checkWritable(): Promise<void>;
  close(): Promise<void>;
}

/** One experiment as CONTRACTS.md describes it (after validation). */
export interface ExperimentDefinition {
  key: string;
  variations: string[];
  weights?: number[];
  coverage?: number;
  status?: 'running' | 'paused' | 'stopped';
  hashVersion?: 1 | 2;
  hashAttribute?: string;
  seed?: string;
  bucketVersion?: number;
  namespace?: [string, number, number];
  filters?: { seed: string; ranges: [number, number][]; attribute?: string; hashVersion?: 1 | 2 }[];
  targeting?: Record<string, string[]>;
  [extra: string]: unknown;
}

export interface SiteConfig {
  v: 1;
  site: string;
  experiments: ExperimentDefinition[];
}

export interface AuditEntry {
  id: number;
  at: number;
  site: string;
  summary: string;
  before: SiteConfig | null;
  after: SiteConfig;
}

/** Experiment configs and their audit log (kept in SQLite whatever the event store is). */
export interface ConfigStore {
  getConfig(site: string): SiteConfig | null;
  /** Saves and appends one audit entry in the same transaction. */
  putConfig(site: string, config: SiteConfig, summary: string, at: number): AuditEntry;
  audit(site: string, limit: number): AuditEntry[];
  configuredSites(): string[];
}
