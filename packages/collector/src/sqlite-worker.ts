// The SQLite writer thread (see SqliteThreadStore in sqlite-thread.ts): owns the connection that
// appends events (group commit) and folds the aggregates, and answers the store's other calls.
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase, SqliteEventStore, type Durability, type LogBatch, type SqliteStoreOptions } from './sqlite.js';
import type { CountsOptions } from './types.js';

export interface WorkerConfig {
  dataDir: string;
  durability: Durability;
  options: SqliteStoreOptions;
}

/** A call from the main thread: `id` matches the answer. */
export type WorkerCall =
  | { id: number; op: 'append'; batches: LogBatch[] }
  | { id: number; op: 'counts'; site: string; experiment: string; options?: CountsOptions }
  | { id: number; op: 'sites' | 'checkWritable' | 'close' }
  | { id: number; op: 'eraseUnit'; anonymousId: string }
  | { id: number; op: 'applyRetention'; cutoff: number };

export type WorkerAnswer = { id: number; value: unknown } | { id: number; error: string };

const port = parentPort!;
const config = workerData as WorkerConfig;
const db = openDatabase(config.dataDir, config.durability);
const store = new SqliteEventStore(db, config.options);

function run(call: WorkerCall): Promise<unknown> {
  switch (call.op) {
    case 'append':
      return store.appendBatches(call.batches);
    case 'counts':
      return store.counts(call.site, call.experiment, call.options);
    case 'sites':
      return store.sites();
    case 'eraseUnit':
      return store.eraseUnit(call.anonymousId);
    case 'applyRetention':
      return store.applyRetention(call.cutoff);
    case 'checkWritable':
      return store.checkWritable();
    case 'close':
      return store.close().then(() => db.close());
  }
}

// Answers are posted once the microtask checkpoint that produced them ends, together: the batches
// of one group commit all resolve when its fsync does, and reach the HTTP thread as one message.
let answers: WorkerAnswer[] = [];
const sendAnswers = () => {
  const out = answers;
  answers = [];
  if (out.length > 0) port.postMessage(out);
};
function answer(message: WorkerAnswer): void {
  answers.push(message);
  if (answers.length === 1) queueMicrotask(sendAnswers);
}

// The HTTP thread sends the calls of one of its event-loop turns as one message. Every append that
// arrives during one turn of this thread's event loop joins one transaction (SqliteEventStore's
// group commit); the answer is posted only after that transaction commits.
port.on('message', (calls: WorkerCall[]) => {
  for (const call of calls) {
    let pending: Promise<unknown>;
    try {
      pending = run(call);
    } catch (error) {
      pending = Promise.reject(error);
    }
    pending.then(
      (value) => {
        answer({ id: call.id, value });
        if (call.op === 'close') {
          sendAnswers();
          port.close();
        }
      },
      (error: unknown) => answer({ id: call.id, error: (error as Error)?.message ?? String(error) }),
    );
  }
});
port.postMessage([{ id: 0, value: 'ready' }] satisfies WorkerAnswer[]);
