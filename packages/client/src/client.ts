/**
 * `createClient()`: the browser half of Vitrine. Assigns (through the engine in core.ts), sends
 * one exposure per (unit, experiment, variation), batches events and delivers them to the
 * collector without losing or double-counting them, and respects consent.
 *
 * Kept small on purpose (the entry chunk's budget is 2.5 KB brotli): the config validator, the
 * assignment engine and remote config (load-config.ts) and the IndexedDB queue with the fetch
 * sender (delivery.ts, idb-keyval) are lazy chunks; `ready` resolves when the config chunk has run.
 */
import type { ExperimentConfig, ParsedExperiment, Warn } from './config.js';
import type { Assignment } from './core.js';
import type { Delivery } from './delivery.js';

declare const __VITRINE_VERSION__: string | undefined;
const VERSION = typeof __VITRINE_VERSION__ === 'string' ? __VITRINE_VERSION__ : '0.0.0-dev';

export type Consent = 'granted' | 'pending' | 'denied';

/** One event, schema v1 (CONTRACTS.md). */
export interface VitrineEvent {
  event_id: string;
  type: string;
  ts: number;
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
  sdk: { name: 'vitrine'; version: string };
}

/** The body of `POST /v1/batch`. */
export interface Batch {
  v: 1;
  site: string;
  sent_at: number;
  events: VitrineEvent[];
}

/** What a caller may set on an event; everything else (ids, time, page, sdk) is the client's. */
export type EventFields = Partial<
  Pick<
    VitrineEvent,
    'experiment' | 'variation' | 'product_id' | 'quantity' | 'value_minor' | 'currency' | 'order_id' | 'props'
  >
>;

export interface ClientOptions {
  site: string;
  /** Collector origin (and path prefix), e.g. `https://collect.shop.test`; default: same origin. */
  endpoint?: string;
  /** Inline config object, or the URL of a static file / `GET /v1/config/:site` (ETag-cached). */
  config?: ExperimentConfig | string;
  /** Starting consent; default `granted`. */
  consent?: Consent;
  userId?: string;
  /** Targeting attributes (`device`, `country`, `visitor`) and any other hash attribute. */
  attributes?: Record<string, string>;
  /** Preview mode (the preview panel, or `?vitrine-preview` in the URL): no exposure is sent. */
  preview?: boolean;
  /** Pending events that trigger a send at once (default 20; a batch carries at most 100). */
  batchSize?: number;
  /** Longest wait before a batch is sent, in ms (default 2000). */
  flushInterval?: number;
  /** Most events kept pending (memory and IndexedDB); the oldest are dropped first (default 500). */
  maxQueue?: number;
  /** IndexedDB database name of the queue (default `vitrine`). */
  storeName?: string;
  warn?: Warn;
  /** For tests and non-browser hosts. */
  fetch?: typeof fetch;
}

export interface VitrineClient {
  /** Resolves once the config is loaded and validated (assign before that gives variation 0). */
  readonly ready: Promise<void>;
  /** Validated experiments of the current config. */
  readonly experiments: readonly ParsedExperiment[];
  readonly anonymousId: string;
  readonly consent: Consent;
  /** Events dropped because the queue was full. */
  readonly dropped: number;
  getExperiment(key: string): ParsedExperiment | undefined;
  /** Assigns this visitor and reports the exposure once (never for forced, previewed or paused views). */
  assign(key: string): Assignment;
  /** Queues an event (`type` lower_snake_case). Returns its `event_id`, or `undefined` when not recorded. */
  track(type: string, fields?: EventFields): string | undefined;
  setConsent(consent: Consent): void;
  setUser(userId: string | undefined): void;
  /** Preview/QA: force a variation (no exposure is sent); `undefined` removes the override. */
  setForcedVariation(key: string, index: number | undefined): void;
  /** Sends everything pending now; resolves when done or when a retry has been scheduled. */
  flush(): Promise<void>;
  /**
   * Calls `listener` with every event handed to delivery (only while consent is granted; events
   * held while pending are passed on when consent is granted). Returns the unsubscribe function.
   * Used by the `./datalayer` adapter.
   */
  subscribe(listener: (event: VitrineEvent) => void): () => void;
  /** Removes listeners and timers (events stay persisted). */
  destroy(): void;
}

const FIELDS = [
  'experiment',
  'variation',
  'product_id',
  'quantity',
  'value_minor',
  'currency',
  'order_id',
  'props',
] as const;
const MAX_BYTES = 60_000;
const noop = () => {};
const safe = <T>(f: (x: T) => void, x: T) => {
  try {
    f(x);
  } catch {
    /* ignored */
  }
};

/**
 * UUIDv7: 48-bit millisecond time, version 7, variant 10, then the random bits of a random UUID
 * (v4) after its version digit (74, variant included). `randomUUID` costs the page's first call
 * 0.5 ms where `getRandomValues` cost 1-1.5 ms (Chromium, measured). It exists in secure contexts
 * only; on plain http each `x` of `xxx-8xxx-xxxxxxxxxxxx` is a random hex digit (72 random bits).
 */
export function uuidv7(): string {
  const t = Date.now().toString(16).padStart(12, '0');
  const random =
    crypto.randomUUID?.().slice(15) ??
    'xxx-8xxx-xxxxxxxxxxxx'.replace(/x/g, () => (crypto.getRandomValues(new Uint8Array(1))[0]! & 15).toString(16));
  return `${t.slice(0, 8)}-${t.slice(8)}-7${random}`;
}

/** What is kept in localStorage (only with consent): identity, exposures sent, sticky assignments. */
export interface Saved {
  id?: string;
  /** Exposures already sent: "unit|experiment|variation". */
  seen?: string[];
  /** Sticky assignments: "unit|experiment__bucketVersion" → variation key. */
  sticky?: Record<string, string>;
}
const STATE = 'vitrine';
// Never throws: storage can be blocked (privacy modes) or full.
// A value damaged by hand or by another script keeps what is sound of it: a wrong type here threw
// later, in assign(), or sent every event with an id the collector refuses.
const read = (): Saved => {
  try {
    const { id, seen, sticky } = JSON.parse(localStorage.getItem(STATE)!) as Saved;
    return {
      id: typeof id == 'string' && id.length < 65 ? id : undefined,
      seen: Array.isArray(seen) ? seen : [],
      sticky: sticky?.constructor == Object ? sticky : {},
    };
  } catch {
    return {};
  }
};
// Reading `localStorage` itself throws where storage is blocked (sandboxed frames, some privacy settings).
const storage = (): Storage | null => {
  try {
    return localStorage;
  } catch {
    return null;
  }
};
// Start-up's two chunk imports (1-3 ms of main thread each, on a phone) wait for tasks of their
// own, so createClient's task stays short; their promises exist at once, so what waits on them
// keeps its order.
const nextTask = () => new Promise((resolve) => setTimeout(resolve));
const write = (value?: Saved) => {
  try {
    if (value) localStorage.setItem(STATE, JSON.stringify(value));
    else localStorage.removeItem(STATE);
  } catch {
    /* storage unavailable: keep going in memory */
  }
};

export function createClient(options: ClientOptions): VitrineClient {
  options = Object(options) as ClientOptions;
  const warn: Warn = options.warn ?? console.warn;
  if (typeof options.site != 'string')
    warn('[vitrine] createClient: "site" must be a string; the collector will refuse events');
  const url = `${options.endpoint ?? ''}/v1/batch`;
  const maxQueue = options.maxQueue ?? 500;
  const preview = options.preview ?? /vitrine-preview/.test(location.search);
  const bot = !!navigator.webdriver || /bot|crawl|spider|headless/i.test(navigator.userAgent);
  const attributes: Record<string, string> = options.attributes ?? {};
  const forced: Record<string, number> = {};

  let consent: Consent = options.consent ?? 'granted';
  let userId = options.userId;
  const saved = consent === 'granted' ? read() : {};
  let anonymousId = saved.id || uuidv7();
  let seen = saved.seen || [];
  let sticky = saved.sticky || {};
  let experiments: ParsedExperiment[] = [];
  let byKey = new Map<string, ParsedExperiment>();
  // Pending events (not yet acknowledged), oldest first, changed in place (delivery.ts removes the
  // acknowledged ones and puts those of earlier pages first); `inflight` holds the ids being sent
  // (by fetch, or handed to sendBeacon while the page was hidden).
  const queue: VitrineEvent[] = [];
  const inflight = new Set<string>();
  let dropped = 0;
  let lastView: EventFields | undefined;
  let db: Promise<Delivery> | undefined;
  let engine: typeof import('./load-config.js') | undefined;
  const subscribers = new Set<(event: VitrineEvent) => void>();
  // A subscriber is host code: its errors must not stop delivery.
  const emit = (events: VitrineEvent[]) =>
    granted() && events.forEach((e) => subscribers.forEach((f) => void safe(f, e)));

  const granted = () => consent === 'granted';
  // The identity (id, exposures sent, sticky assignments) is written in a task of its own, once
  // for all of a task's changes: a localStorage write cost 0.1-12 ms (two per new assignment, in
  // the task that stamps the page's experiments). A page going away writes at once (`beacon`).
  let saving: ReturnType<typeof setTimeout> | undefined;
  const save = () => {
    clearTimeout(saving);
    saving = undefined;
    if (granted()) write({ id: anonymousId, seen: seen.slice(-200), sticky });
  };
  const persistIdentity = () => void (saving ??= setTimeout(save));
  const body = (events: VitrineEvent[]) =>
    JSON.stringify({ v: 1, site: options.site, sent_at: Date.now(), events } satisfies Batch);
  // The next batch: up to 100 events not in flight, halved until it is under 60 KB even if each of
  // its characters took 3 bytes of UTF-8 (the most a UTF-16 unit takes). Measuring the bytes
  // exactly (a Blob) cost a send task 1-2 ms of main thread; a batch of 20 events is ~7 000 chars.
  const nextBatch = () => {
    let events = queue.filter((e) => !inflight.has(e.event_id)).slice(0, 100);
    while (events.length > 1 && body(events).length * 3 > MAX_BYTES) events = events.slice(0, events.length >> 1);
    return events;
  };
  const idb = () =>
    (db ??= nextTask()
      .then(() => import('./delivery.js'))
      .then((m) =>
        m.openDelivery({
          options,
          url,
          next: nextBatch,
          body,
          inflight,
          queue,
          granted,
          warn,
        }),
      ));
  // IndexedDB unavailable or blocked: the memory queue still works.
  const stored = (f: (d: Delivery) => unknown) => granted() && idb().then(f).catch(noop);

  async function flush(): Promise<void> {
    await stored((d) => d.flush());
  }

  // Page going away: hand what is pending to the browser with sendBeacon (not while offline).
  // sendBeacon tells nothing of the answer, so the events stay queued and in IndexedDB, marked in
  // flight, until a fetch is acknowledged: the next page sends them again, or this one once it is
  // visible again (delivery.ts). The collector stores an event_id once.
  const beacon = () => {
    if (saving) save();
    let events: VitrineEvent[];
    while (granted() && navigator.onLine !== false && (events = nextBatch()).length) {
      if (!navigator.sendBeacon?.(url, body(events))) return;
      events.map((e) => inflight.add(e.event_id));
    }
  };
  const listeners = new AbortController();
  document.addEventListener('visibilitychange', () => document.visibilityState === 'hidden' && beacon(), listeners);
  addEventListener('pagehide', beacon, listeners);
  // A page restored from the back/forward cache is a new view of the product, not a new exposure.
  addEventListener('pageshow', (e) => e.persisted && lastView && track('product_view', lastView), listeners);

  function enqueue(event: VitrineEvent) {
    queue.push(event);
    if (queue.length > maxQueue) {
      const old = queue.splice(0, queue.length - maxQueue);
      dropped += old.length;
      stored((d) => d.remove(old.map((e) => e.event_id)));
    }
    emit([event]);
    stored((d) => d.push(event));
  }

  function track(type: string, fields?: EventFields): string | undefined {
    if (consent === 'denied') return undefined;
    fields = Object(fields) as EventFields; // null or a primitive from untyped callers: no fields
    if (typeof type !== 'string' || !/^[a-z][a-z0-9_]*$/.test(type)) {
      warn(
        `[vitrine] track(${typeof type == 'string' ? `"${type}"` : typeof type}): not a lower_snake_case type; ignored`,
      );
      return undefined;
    }
    const event: VitrineEvent = {
      event_id: uuidv7(),
      type,
      ts: Date.now(),
      anonymous_id: anonymousId,
      page: { path: location.pathname },
      sdk: { name: 'vitrine', version: VERSION },
      // Undefined fields are left out by JSON.stringify.
      user_id: userId || undefined,
      bot: bot || undefined,
    };
    // Only schema fields: nothing else (e-mail, names…) can ride along.
    for (const f of FIELDS) (event as unknown as Record<string, unknown>)[f] = fields[f];
    // Money is integer minor units; props are flat (string/number/boolean), at most 20 keys.
    if (event.value_minor !== undefined && !Number.isInteger(event.value_minor)) {
      warn(`[vitrine] track("${type}"): value_minor must be an integer of minor units; rounded`);
      event.value_minor = Math.round(event.value_minor);
    }
    if (event.props !== undefined)
      event.props = Object.fromEntries(
        Object.entries(Object(event.props) as object)
          .filter(([, v]) => ['string', 'number', 'boolean'].includes(typeof v))
          .slice(0, 20),
      );
    if (type === 'product_view') lastView = fields;
    enqueue(event);
    return event.event_id;
  }

  function assign(key: string): Assignment {
    const exp = byKey.get(key);
    if (!exp || !engine || consent === 'denied')
      return {
        variation: 0,
        key: exp?.variations[0] ?? '',
        inExperiment: false,
        reason: exp ? 'not-eligible' : 'invalid',
      };
    const a = exp.hashAttribute;
    // One experiment hashes one attribute only: anonymous and user ids are never mixed in it.
    const unit = a === 'anonymous_id' ? anonymousId : ((a === 'user_id' ? userId : attributes[a]) ?? '');
    const r = engine.run(exp, unit, {
      url: location.href,
      forcedVariations: forced,
      attributes,
      sticky: {
        get: (u, k) => sticky[`${u}|${k}`],
        set: (u, k, v) => {
          sticky[`${u}|${k}`] = v;
          persistIdentity();
        },
      },
    });
    const id = `${unit}|${key}|${r.variation}`;
    if (r.inExperiment && r.reason !== 'forced' && !preview && !seen.includes(id)) {
      seen.push(id);
      persistIdentity();
      track('exposure', { experiment: key, variation: r.variation });
    }
    return r;
  }

  function setConsent(next: Consent) {
    const was = consent;
    consent = next;
    if (next === 'denied') {
      // Nothing stored, nothing sent; what was held is dropped, and what was stored is erased.
      queue.length = 0;
      seen = [];
      sticky = {};
      anonymousId = uuidv7();
      write();
      if (db || was === 'granted') idb().then((d) => d.clear(), noop);
    } else if (next === 'granted' && was !== 'granted') {
      // Adopt the stored identity, if any (it could not be read while pending): its id, exposures
      // and sticky assignments, merged with this page's (adopt.ts); held events move to its id.
      const s = read();
      const t = anonymousId;
      if (s.id && s.id != t) {
        // Without the config chunk nothing was assigned: the stored state is taken as it is.
        [seen, sticky] = engine ? engine.adopt(s, t, sticky, queue, byKey, attributes) : [s.seen!, s.sticky!];
        queue.map((e) => e.anonymous_id == t && (e.anonymous_id = s.id!));
        anonymousId = s.id;
      }
      persistIdentity();
      const held = queue;
      emit(held);
      stored((d) => d.add(held).then(() => d.flush()));
      restore();
    }
  }

  // Events a previous page (or an offline period) left in IndexedDB, then send.
  const restore = () => stored(async (d) => (dropped += await d.restore(maxQueue)));
  // A new visitor's id is stored in a task of its own, keeping start-up short (a returning
  // visitor's is stored already); save() checks consent again then.
  if (!saved.id) persistIdentity();
  if (granted()) {
    // At once: the stored events must be read before anything this page tracks is stored or sent.
    restore();
  }

  const ready = options.config
    ? nextTask()
        .then(() => import('./load-config.js'))
        .then((m) =>
          m.loadConfig(options.config, warn, consent === 'denied' ? null : storage(), options.fetch).then((c) => {
            engine = m;
            experiments = c.experiments;
            byKey = new Map(experiments.map((e) => [e.key, e]));
          }),
        )
        .catch((e: unknown) => warn(`[vitrine] config: ${String(e)}`))
    : Promise.resolve();

  return {
    ready,
    get experiments() {
      return experiments;
    },
    get anonymousId() {
      return anonymousId;
    },
    get consent() {
      return consent;
    },
    get dropped() {
      return dropped;
    },
    getExperiment: (key) => byKey.get(key),
    subscribe(listener) {
      subscribers.add(listener);
      return () => void subscribers.delete(listener);
    },
    assign,
    track,
    setConsent,
    setUser: (id) => void (userId = id),
    // An undefined entry is ignored by the engine, which is how an override is removed.
    setForcedVariation: (key, index) => void (forced[key] = index!),
    flush,
    destroy() {
      clearTimeout(saving);
      listeners.abort();
      void db?.then((d) => d.stop(), noop);
    },
  };
}
