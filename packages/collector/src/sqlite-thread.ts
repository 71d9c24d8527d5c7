import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import {
  rowsToLogBatches,
  toLogBatches,
  type Durability,
  type LogRequest,
  type LogRow,
  type SqliteStoreOptions,
} from './sqlite.js';
import type { WorkerAnswer, WorkerCall, WorkerConfig } from './sqlite-worker.js';
import type { AppendResult, CountsOptions, EventStore, ExperimentCounts, StoredEvent } from './types.js';

type Call = WorkerCall extends infer C ? (C extends WorkerCall ? Omit<C, 'id'> : never) : never;

/**
 * The SQLite event store on its own thread (the collector's default). A worker thread owns the
 * writer connection — the same `SqliteEventStore`, group commit and aggregator — so the commits'
 * fsyncs and the folding never block the HTTP thread, which keeps parsing and validating requests
 * while a transaction commits. `append` resolves when the worker reports that the transaction
 * holding the batch has committed, so "2xx only after commit" holds exactly as in-thread.
 */
export class SqliteThreadStore implements EventStore {
  readonly kind = 'sqlite';
  private worker!: Worker;
  private readonly calls = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  private nextId = 1;
  private failure: Error | null = null;
  private closing: Promise<void> | null = null;
  private restarts = 0;
  /** Calls of this turn of the event loop, posted together (see `call`). */
  private outbox: WorkerCall[] = [];
  private readonly post = () => {
    const calls = this.outbox;
    this.outbox = [];
    if (calls.length > 0) this.worker.postMessage(calls);
  };
  /** Resolves once the writer thread has opened the store (rejects when it cannot). */
  readonly ready: Promise<void>;

  constructor(
    private readonly dataDir: string,
    private readonly durability: Durability,
    private readonly options: SqliteStoreOptions = {},
  ) {
    this.ready = this.spawn();
    this.ready.catch(() => {}); // also reported by every call; awaited by the server's onReady
  }

  /**
   * Starts a writer thread. One that dies (an exception outside a call, a native crash) is
   * replaced: the calls it held are rejected — their batches were not acknowledged, so clients
   * send them again and `event_id` dedupe stores them once — ingest answers 503 meanwhile, and a
   * new thread starts after a pause that grows from 0.5 s to 30 s while restarts keep failing.
   */
  private spawn(): Promise<void> {
    const workerData: WorkerConfig = { dataDir: this.dataDir, durability: this.durability, options: this.options };
    let worker: Worker;
    if (import.meta.url.endsWith('.ts')) {
      // from TypeScript sources (tests, `pnpm start`): the worker registers tsx itself, then loads
      // the worker module (Node 20 does not carry a parent's loader hooks into worker threads)
      const tsxDir = dirname(createRequire(import.meta.url).resolve('tsx/package.json'));
      const tsx = pathToFileURL(join(tsxDir, 'dist/esm/api/index.mjs')).href; // the "import" entry of tsx/esm/api
      const entry = new URL('./sqlite-worker.ts', import.meta.url).href;
      worker = new Worker(
        `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(entry)}); });`,
        { eval: true, workerData },
      );
    } else {
      worker = new Worker(new URL('./sqlite-worker.js', import.meta.url), { workerData });
    }
    this.worker = worker;
    worker.unref();
    // the writer posts the answers it has at the end of a microtask checkpoint as one message (every
    // batch of a group commit is answered at once: one wake-up of this thread instead of one each)
    worker.on('message', (answers: WorkerAnswer[]) => {
      for (const answer of answers) {
        const call = this.calls.get(answer.id);
        if (!call) continue;
        this.calls.delete(answer.id);
        if ('error' in answer) call.reject(new Error(answer.error));
        else call.resolve(answer.value);
      }
      if (this.calls.size === 0) worker.unref();
    });
    let failed = false;
    let started = false;
    const fail = (error: Error) => {
      if (failed) return; // 'error' is followed by 'exit'
      failed = true;
      this.failure = error;
      this.outbox = []; // their calls are rejected below; never posted to the next thread
      for (const call of this.calls.values()) call.reject(error);
      this.calls.clear();
      // A thread that never opened the store (a configuration error: the directory is not
      // writable, say) is not retried on the first start: `ready` rejects and the server says why.
      if (this.closing || (!started && this.restarts === 0)) return;
      const pause = Math.min(30_000, 500 * 2 ** this.restarts++);
      setTimeout(() => {
        if (!this.closing) this.spawn().catch(() => {}); // the next failure schedules the next try
      }, pause).unref();
    };
    worker.on('error', (error) => fail(new Error(`SQLite writer thread failed: ${error.message}`, { cause: error })));
    worker.on('exit', (code) => fail(new Error(`SQLite writer thread exited (${code})`)));
    const ready = new Promise<void>((resolve, reject) => {
      this.calls.set(0, { resolve: () => resolve(), reject }); // the worker's "ready"
    }).then(() => {
      started = true;
      this.failure = null;
      this.restarts = 0;
    });
    worker.ref();
    return ready;
  }

  private call<T>(call: Call): Promise<T> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      if (this.calls.size === 0) this.worker.ref();
      this.calls.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.outbox.push({ ...call, id } as WorkerCall);
      // Calls made during one turn of the event loop (every request parsed in it) go to the writer
      // as one message after the turn's I/O: one copy and one wake-up of the writer per turn, and
      // they join one group commit there anyway.
      if (this.outbox.length === 1) setImmediate(this.post);
    });
  }

  append(events: StoredEvent[]): Promise<AppendResult> {
    if (this.closing) return Promise.reject(new Error('store is closed'));
    // the log row's JSON (and the ids') is made here, so the writer thread parses nothing; strings
    // are cheaper to copy across threads than a structured clone of the event objects
    return this.call({ op: 'append', batches: toLogBatches(events) });
  }

  /** `append` for the rows of one request (`validateEventRow`), without the StoredEvent objects. */
  appendRows(request: LogRequest, rows: LogRow[]): Promise<AppendResult> {
    if (this.closing) return Promise.reject(new Error('store is closed'));
    return this.call({ op: 'append', batches: rowsToLogBatches(request, rows) });
  }

  counts(site: string, experiment: string, options?: CountsOptions): Promise<ExperimentCounts | null> {
    return this.call({ op: 'counts', site, experiment, options });
  }

  sites(): Promise<string[]> {
    return this.call({ op: 'sites' });
  }

  eraseUnit(anonymousId: string): Promise<number> {
    return this.call({ op: 'eraseUnit', anonymousId });
  }

  applyRetention(cutoff: number): Promise<number> {
    return this.call({ op: 'applyRetention', cutoff });
  }

  checkWritable(): Promise<void> {
    return this.call({ op: 'checkWritable' });
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      try {
        if (!this.failure) await this.call({ op: 'close' });
      } finally {
        await this.worker.terminate();
      }
    })();
    return this.closing;
  }
}
