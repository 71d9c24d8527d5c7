/**
 * Delivery, a lazy chunk of the client (loaded once consent allows sending): the persistent
 * queue in IndexedDB (idb-keyval; one record per `event_id`, UUIDv7 so keys sort oldest first)
 * and the `fetch` sender with retries. The page-hide path (sendBeacon) stays in the entry chunk so
 * it works even before this chunk has loaded; an event leaves the queue only on an answer from
 * the collector, which sendBeacon never gives.
 */
import { clear, createStore, delMany, entries, setMany } from 'idb-keyval';
import type { ClientOptions, VitrineEvent } from './client.js';
import type { Warn } from './config.js';

/** What the client shares with its delivery chunk. */
export interface DeliveryHost {
  /** The client's options: `storeName`, `fetch`, `batchSize`, `flushInterval`. */
  options: ClientOptions;
  url: string;
  /** The next batch to send (not in flight, ≤ 100 events, < 60 KB). */
  next(): VitrineEvent[];
  body(events: VitrineEvent[]): string;
  /** Ids being sent: by this chunk's fetch, or handed to sendBeacon while the page was hidden. */
  inflight: Set<string>;
  /** The client's pending events, oldest first: acknowledged (or undeliverable) ones are removed here. */
  queue: VitrineEvent[];
  granted(): boolean;
  warn: Warn;
}

export interface Delivery {
  add(events: VitrineEvent[]): Promise<void>;
  /** Stores an event just queued, then sends at once if a batch is full (and no retry waits), else later. */
  push(event: VitrineEvent): Promise<void>;
  remove(ids: string[]): Promise<void>;
  /**
   * Puts the stored events (those of earlier pages) before the queue's, keeping at most `max`
   * stored (older ones are deleted), and sends. Returns how many were deleted.
   */
  restore(max: number): Promise<number>;
  clear(): Promise<void>;
  /** Sends every pending batch; resolves when all are acknowledged or a retry is scheduled. */
  flush(retry?: boolean): Promise<void>;
  stop(): void;
}

export function openDelivery(host: DeliveryHost): Delivery {
  const { options } = host;
  // Looked up at each call, as a page's own wrapper of fetch may be installed later.
  const send = options.fetch ?? ((...a: Parameters<typeof fetch>) => fetch(...a));
  // Without IndexedDB (old private modes, some webviews) events are still sent, just not persisted:
  // every storage step fails quietly (idb-keyval may throw synchronously) instead of blocking delivery.
  const store = createStore(options.storeName ?? 'vitrine', 'events');
  const quiet = <T>(f: (s: typeof store) => Promise<T>, fallback: T): Promise<T> =>
    Promise.resolve()
      .then(() => f(store))
      .catch(() => fallback);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let attempt = 0;
  // The ids of `host.inflight` this chunk is sending by fetch; the others were beaconed.
  const fetching = new Set<string>();

  const later = (ms: number) => {
    timer ??= setTimeout(() => {
      timer = undefined;
      void flush(true);
    }, ms);
  };

  async function post(events: VitrineEvent[]): Promise<boolean> {
    let status = 0;
    let retryAfter: string | null = null;
    events.forEach((e) => (host.inflight.add(e.event_id), fetching.add(e.event_id)));
    try {
      // text/plain (the default for a string body): no CORS preflight. keepalive: survives navigation.
      const res = await send(host.url, { method: 'POST', body: host.body(events), keepalive: true });
      status = res.status;
      retryAfter = res.headers.get('Retry-After');
    } catch {
      /* network error or offline: status 0, retried */
    }
    events.forEach((e) => (host.inflight.delete(e.event_id), fetching.delete(e.event_id)));
    if (status === 413 && events.length > 1) {
      const half = events.length >> 1;
      return (await post(events.slice(0, half))) && post(events.slice(half));
    }
    // Only 429, 5xx and network errors are retried. Other answers (400, 401, 403, 413 for a single
    // event, 415, 422) would fail again: those events are dropped, with a warning.
    if (status && status !== 429 && status < 500) {
      if (status > 299) host.warn(`[vitrine] collector answered ${status}; ${events.length} event(s) dropped`);
      attempt = 0;
      host.queue.splice(0, Infinity, ...host.queue.filter((e) => !events.includes(e)));
      void remove(events.map((e) => e.event_id));
      return true;
    }
    // Exponential backoff (1 s, 2 s, 4 s … 60 s) with jitter, never sooner than Retry-After.
    const after = Number(retryAfter) * 1000 || Date.parse(retryAfter ?? '') - Date.now() || 0;
    clearTimeout(timer);
    timer = undefined;
    later(Math.max(after, Math.min(60_000, 1000 * 2 ** attempt++) * (0.5 + Math.random() / 2)));
    return false;
  }

  // One sending loop at a time (concurrent callers share it), and none while a retry waits for
  // its backoff, unless it is that retry (or the browser just came back online).
  let running: Promise<void> | undefined;
  function flush(retry = false): Promise<void> {
    if (attempt && !retry) return running ?? Promise.resolve();
    return (running ??= (async () => {
      let events: VitrineEvent[];
      while (host.granted() && (events = host.next()).length && (await post(events)));
    })().finally(() => (running = undefined)));
  }

  // Back online: send at once rather than at the next backoff step.
  const listeners = new AbortController();
  const signal = listeners.signal;
  addEventListener('online', () => void flush(true), { signal });
  // Visible again (a tab switched back, a page restored from the back/forward cache): what was
  // beaconed meanwhile (in flight, not by this chunk) is sent once more, by fetch: the beacon may
  // have been refused, e.g. by a collector outage, and a duplicate is stored once. Once per hide
  // only: while hidden, neither the beacon of a second hide nor a retry sends them again; a
  // running backoff is respected.
  const visible = () => {
    if (document.visibilityState != 'visible') return;
    const before = host.inflight.size;
    host.inflight.forEach((id) => fetching.has(id) || host.inflight.delete(id));
    if (host.inflight.size < before) void flush();
  };
  document.addEventListener('visibilitychange', visible, { signal });
  addEventListener('pageshow', visible, { signal });

  // Events added in one task share one IndexedDB transaction: a page's start tracks several at
  // once (the view, the exposures, the impressions), and each transaction's callbacks were a task
  // of their own on the main thread. A removal waits for the adds made before it, so a record
  // acknowledged at once is never written back after its deletion.
  let adding: { events: VitrineEvent[]; done: Promise<void> } | undefined;
  function add(events: VitrineEvent[]): Promise<void> {
    if (!adding) {
      const batch: { events: VitrineEvent[]; done: Promise<void> } = { events: [], done: Promise.resolve() };
      batch.done = batch.done.then(() => {
        adding = undefined;
        return quiet(
          (s) =>
            setMany(
              batch.events.map((e) => [e.event_id, e]),
              s,
            ),
          undefined,
        );
      });
      adding = batch;
    }
    adding.events.push(...events);
    return adding.done;
  }

  const remove = (ids: string[]) =>
    (adding?.done ?? Promise.resolve()).then(() => quiet((s) => delMany(ids, s), undefined));

  return {
    add,
    async push(event) {
      await add([event]);
      // A full batch waits for a pending retry rather than hammering the collector.
      if (host.queue.length >= (options.batchSize ?? 20) && !attempt) await flush();
      else later(options.flushInterval ?? 2000);
    },
    remove,
    async restore(max) {
      const { events, dropped } = await quiet(
        async (s) => {
          const all = (await entries<string, VitrineEvent>(s)).sort((a, b) => (a[0] < b[0] ? -1 : 1));
          const extra = Math.max(0, all.length - max);
          if (extra)
            await delMany(
              all.slice(0, extra).map((e) => e[0]),
              s,
            );
          return { events: all.slice(extra).map((e) => e[1]), dropped: extra };
        },
        { events: [] as VitrineEvent[], dropped: 0 },
      );
      const ids = new Set(host.queue.map((e) => e.event_id));
      host.queue.unshift(...events.filter((e) => !ids.has(e.event_id)));
      if (events.length) await flush();
      return dropped;
    },
    clear: () => quiet(clear, undefined),
    flush,
    stop: () => {
      clearTimeout(timer);
      listeners.abort();
    },
  };
}
