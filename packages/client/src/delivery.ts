/**
 * Delivery, a lazy chunk of the client (loaded once consent allows sending): the persistent
 * queue in IndexedDB (idb-keyval; one record per `event_id`, UUIDv7 so keys sort oldest first)
 * and the `fetch` sender with retries. The page-hide path (sendBeacon) stays in the entry chunk so
 * it works even before this chunk has loaded.
 */
import { clear, createStore, delMany, entries, setMany } from 'idb-keyval';
import type { VitrineEvent } from './client.js';
import type { Warn } from './config.js';

/** What the client shares with its delivery chunk. */
export interface DeliveryHost {
  url: string;
  send: typeof fetch;
  /** The next batch to send (not in flight, ≤ 100 events, < 60 KB). */
  next(): VitrineEvent[];
  body(events: VitrineEvent[]): string;
  inflight: Set<string>;
  /** Forgets acknowledged (or undeliverable) events, in memory and here. */
  remove(events: VitrineEvent[]): void;
  granted(): boolean;
  warn: Warn;
}

export interface Delivery {
  add(events: VitrineEvent[]): Promise<void>;
  remove(ids: string[]): Promise<void>;
  /** Stored events, oldest first, keeping at most `max` (older ones are deleted and counted). */
  load(max: number): Promise<{ events: VitrineEvent[]; dropped: number }>;
  clear(): Promise<void>;
  /** Sends every pending batch; resolves when all are acknowledged or a retry is scheduled. */
  flush(retry?: boolean): Promise<void>;
  /** Sends after `ms` (batching window), unless a send or retry is already scheduled. */
  later(ms: number): void;
  /** Whether a retry is pending (then a full batch waits for it rather than hammering). */
  retrying(): boolean;
  stop(): void;
}

export function openDelivery(name: string, host: DeliveryHost): Delivery {
  // Without IndexedDB (old private modes, some webviews) events are still sent, just not persisted:
  // every storage step fails quietly (idb-keyval may throw synchronously) instead of blocking delivery.
  const store = createStore(name, 'events');
  const quiet = <T>(f: (s: typeof store) => Promise<T>, fallback: T): Promise<T> =>
    Promise.resolve()
      .then(() => f(store))
      .catch(() => fallback);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let attempt = 0;

  const later = (ms: number) => {
    timer ??= setTimeout(() => {
      timer = undefined;
      void flush(true);
    }, ms);
  };

  async function post(events: VitrineEvent[]): Promise<boolean> {
    let status = 0;
    let retryAfter: string | null = null;
    events.forEach((e) => host.inflight.add(e.event_id));
    try {
      // text/plain (the default for a string body): no CORS preflight. keepalive: survives navigation.
      const res = await host.send(host.url, { method: 'POST', body: host.body(events), keepalive: true });
      status = res.status;
      retryAfter = res.headers.get('Retry-After');
    } catch {
      /* network error or offline: status 0, retried */
    }
    events.forEach((e) => host.inflight.delete(e.event_id));
    if (status === 413 && events.length > 1) {
      const half = events.length >> 1;
      return (await post(events.slice(0, half))) && post(events.slice(half));
    }
    // Only 429, 5xx and network errors are retried. Other answers (400, 401, 403, 413 for a single
    // event, 415, 422) would fail again: those events are dropped, with a warning.
    if (status && status !== 429 && status < 500) {
      if (status > 299) host.warn(`[vitrine] collector answered ${status}; ${events.length} event(s) dropped`);
      attempt = 0;
      host.remove(events);
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
  addEventListener('online', () => {
    void flush(true);
  });

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

  return {
    add,
    remove: (ids) => (adding?.done ?? Promise.resolve()).then(() => quiet((s) => delMany(ids, s), undefined)),
    load: (max) =>
      quiet(
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
        { events: [], dropped: 0 },
      ),
    clear: () => quiet(clear, undefined),
    flush,
    later,
    retrying: () => attempt > 0,
    stop: () => clearTimeout(timer),
  };
}
