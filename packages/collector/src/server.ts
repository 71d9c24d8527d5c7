import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { RateLimiter } from './rate-limit.js';
import { isBotUserAgent, truncateIp } from './net.js';
import { openDatabase, SqliteConfigStore, SqliteEventStore, type Durability, type LogRow } from './sqlite.js';
import { SqliteThreadStore } from './sqlite-thread.js';
import type { AppendResult, ConfigStore, EventStore, StoredEvent } from './types.js';
import { clockOffset, MIN_RETENTION_DAYS, parseEnvelope, validateEvent, validateEventRow } from './validate.js';
import { registerConfigRoutes } from './routes/config.js';
import { registerResultsRoutes } from './routes/results.js';
import { registerDashboard } from './routes/dashboard.js';

export interface CollectorOptions {
  /** Folder of the SQLite file (and of the generated secrets). Default: `.vitrine/` at the repository root. */
  dataDir?: string;
  /** Allowed sites; `null`/unset allows all. */
  sites?: string[] | null;
  /** Bearer token for config writes and erasure. Default: read from / generated into `<dataDir>/secrets.json`. */
  adminToken?: string;
  /** Bearer key for server-to-server events. Default: as `adminToken`. */
  serverKey?: string;
  /** Events per minute per client address; 0 turns the limit off. Default 6000. */
  rateLimit?: number;
  /** Event store; default the SQLite store in `dataDir`. */
  store?: EventStore;
  /** Config + audit store; default SQLite in `dataDir`. */
  configStore?: ConfigStore;
  /** `full` (default): fsync at every commit; `normal`: survives process crashes, not power loss. */
  durability?: Durability;
  /** Days events are kept; 0 keeps them forever. Default 395. */
  retentionDays?: number;
  /** Clock (ms since epoch), injectable for tests. */
  now?: () => number;
  /** Which proxies' X-Forwarded-For to believe (Fastify `trustProxy`). Default: loopback only. */
  trustProxy?: boolean | string;
  /** Fastify logger. Default off. */
  logger?: boolean;
}

export interface Collector {
  app: FastifyInstance;
  store: EventStore;
  configStore: ConfigStore;
  dataDir: string;
  adminToken: string;
  serverKey: string;
  /** Listens (default 127.0.0.1:8787) and resolves with the base URL. */
  listen(options?: { port?: number; host?: string }): Promise<string>;
  close(): Promise<void>;
}

export interface ServerContext {
  store: EventStore;
  configStore: ConfigStore;
  sites: Set<string> | null;
  now: () => number;
  isAdmin(request: FastifyRequest): boolean;
}

const NOTHING_STORED: AppendResult = Object.freeze({ accepted: 0, duplicates: 0 });

export const BEACON_BODY_LIMIT = 64 * 1024;
export const BEACON_EVENT_LIMIT = 100;
export const SERVER_BODY_LIMIT = 1024 * 1024;
export const SERVER_EVENT_LIMIT = 1000;

/** The repository root (the folder holding pnpm-workspace.yaml), or the working folder. */
export function defaultDataDir(): string {
  let dir = import.meta.dirname;
  for (;;) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return join(dir, '.vitrine');
    const parent = dirname(dir);
    if (parent === dir) return resolve('.vitrine');
    dir = parent;
  }
}

function loadSecrets(dataDir: string): { adminToken: string; serverKey: string } {
  const file = join(dataDir, 'secrets.json');
  if (existsSync(file)) {
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { adminToken?: string; serverKey?: string };
    if (saved.adminToken && saved.serverKey) return { adminToken: saved.adminToken, serverKey: saved.serverKey };
  }
  const secrets = {
    adminToken: randomBytes(24).toString('base64url'),
    serverKey: randomBytes(24).toString('base64url'),
  };
  writeFileSync(file, JSON.stringify(secrets, null, 2) + '\n', { mode: 0o600 });
  return secrets;
}

const BEARER_SCHEME = /^bearer(?:\s|$)/i;

const CHARSET = /;\s*charset\s*=\s*"?([^";\s]*)"?/i;

/**
 * Why a request body cannot be read as sent, or null: a `Content-Encoding` this server does not
 * decode (it decodes none; `identity` is no encoding), or a charset other than UTF-8.
 */
function unreadableBody(encoding: string | undefined, type: string | undefined): string | null {
  if (encoding !== undefined && encoding.trim().toLowerCase() !== 'identity')
    return `Content-Encoding "${encoding}" is not supported: send the body uncompressed`;
  const charset = type === undefined ? undefined : CHARSET.exec(type)?.[1];
  if (charset !== undefined && !/^utf-?8$/i.test(charset))
    return `charset "${charset}" is not supported: send the body as UTF-8`;
  return null;
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The token of an `Authorization: Bearer …` header; '' for a malformed Bearer header; null without
 * one. Other schemes are not ours: a staging shop behind HTTP basic auth has browsers attach
 * `Authorization: Basic …` to its beacons, which must stay beacons.
 */
export function bearer(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (!header || !BEARER_SCHEME.test(header)) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1]! : '';
}

/** Builds the collector (not yet listening). */
export function createServer(options: CollectorOptions = {}): Collector {
  const retentionDays = options.retentionDays ?? 395;
  // Event ids are forgotten with their events; a copy of an event (a client sends again what a
  // beacon may or may not have delivered) is accepted up to 72 h after it happened, so ids must
  // outlive that: a shorter retention would count such a copy twice.
  if (!(retentionDays === 0 || retentionDays >= MIN_RETENTION_DAYS))
    throw new Error(
      `retention must be 0 (keep everything) or at least ${MIN_RETENTION_DAYS} days, got ${retentionDays}: event ids are needed that long to drop re-sent copies`,
    );
  const retentionMs = retentionDays * 86_400_000;
  const now = options.now ?? Date.now;
  const dataDir = resolve(options.dataDir ?? defaultDataDir());
  // opened here even when only the writer thread writes events: a folder that is not writable then
  // fails createServer itself, with a clear message, and the schema exists before the thread starts
  const needsDb = !options.store || !options.configStore;
  const db = needsDb ? openDatabase(dataDir, options.durability ?? 'full') : null;
  const store = options.store ?? new SqliteThreadStore(dataDir, options.durability ?? 'full');
  const configStore = options.configStore ?? new SqliteConfigStore(db!);
  const secrets =
    options.adminToken && options.serverKey
      ? { adminToken: options.adminToken, serverKey: options.serverKey }
      : { ...loadSecrets(dataDir), ...definedOnly({ adminToken: options.adminToken, serverKey: options.serverKey }) };
  const rowStore = store instanceof SqliteThreadStore || store instanceof SqliteEventStore ? store : null;
  const sites = options.sites && options.sites.length > 0 ? new Set(options.sites) : null;
  const limiter = new RateLimiter(options.rateLimit ?? 6000, now);

  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: SERVER_BODY_LIMIT,
    trustProxy: options.trustProxy ?? 'loopback',
    forceCloseConnections: true,
  });

  const ctx: ServerContext = {
    store,
    configStore,
    sites,
    now,
    isAdmin: (request) => {
      const token = bearer(request);
      return token !== null && sameSecret(token, secrets.adminToken);
    },
  };

  // Bodies arrive as strings (beacons are text/plain); JSON is parsed by the handlers so they can
  // answer 400 with a reason and tell the 64 KiB beacon limit from the larger server-key limit.
  app.removeAllContentTypeParsers();
  // A UTF-8 byte-order mark (some HTTP libraries and editors write one) is not part of the JSON.
  app.addContentTypeParser(['text/plain', 'application/json'], { parseAs: 'string' }, (_req, body, done) =>
    done(null, typeof body === 'string' && body.charCodeAt(0) === 0xfeff ? body.slice(1) : body),
  );

  // CORS: beacons are simple requests (text/plain POST, no preflight); config reads with
  // If-None-Match and writes with Authorization are preflighted and answered below.
  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/v1/')) return;
    const origin = request.headers.origin;
    reply.header('Access-Control-Allow-Origin', origin ?? '*');
    if (origin) reply.header('Vary', 'Origin');
    reply.header('Access-Control-Expose-Headers', 'ETag, Retry-After');
    // before the body is read: bytes this server would misread are refused, not parsed as UTF-8 text
    if (request.method === 'POST' || request.method === 'PUT') {
      const problem = unreadableBody(request.headers['content-encoding'], request.headers['content-type']);
      if (problem) return reply.code(415).send({ error: problem });
    }
  });
  app.options('/v1/*', async (_request, reply) => {
    reply
      .header('Access-Control-Allow-Methods', 'GET, POST, PUT, DELETE, OPTIONS')
      .header('Access-Control-Allow-Headers', 'Content-Type, Authorization, If-None-Match, If-Match')
      .header('Access-Control-Max-Age', '86400')
      .code(204)
      .send();
  });

  app.setErrorHandler((error: Error & { statusCode?: number; code?: string }, _request, reply) => {
    const status = error.statusCode ?? 500;
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
      return reply.code(413).send({ error: `body larger than ${SERVER_BODY_LIMIT} bytes` });
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || status === 415)
      return reply.code(415).send({ error: 'Content-Type must be text/plain or application/json' });
    if (status >= 400 && status < 500) return reply.code(status).send({ error: error.message });
    app.log.error(error);
    return reply.code(503).send({ error: 'store unavailable, retry later' });
  });

  /**
   * Checks a batch and hands its valid events to the store; returns the answer to send now, or the
   * store's pending append and the rejected events. Synchronous on purpose: the parsed body and the
   * event objects are garbage once it returns, so the many requests waiting for a commit hold only
   * their small results (objects that outlive a young-generation collection cost a copy each).
   */
  const takeBatch = (
    request: FastifyRequest<{ Body: string | undefined }>,
    source: 'beacon' | 'server',
  ):
    | { status: number; body: object; retryAfter?: number }
    | { pending: Promise<AppendResult>; rejected: { index: number; reason: string }[] } => {
    const body = request.body;
    request.body = undefined; // not needed once parsed (and a 30 KB string is costly to keep alive)
    if (typeof body !== 'string' || body.length === 0) return { status: 400, body: { error: 'empty body' } };
    const bodyLimit = source === 'server' ? SERVER_BODY_LIMIT : BEACON_BODY_LIMIT;
    if (Buffer.byteLength(body) > bodyLimit)
      return { status: 413, body: { error: `body larger than ${bodyLimit} bytes` } };
    const envelope = parseEnvelope(body);
    if ('error' in envelope) return { status: 400, body: { error: envelope.error } };
    if (sites && !sites.has(envelope.site))
      return { status: 403, body: { error: `site "${envelope.site}" is not allowed` } };
    const eventLimit = source === 'server' ? SERVER_EVENT_LIMIT : BEACON_EVENT_LIMIT;
    if (envelope.events.length > eventLimit)
      return { status: 413, body: { error: `more than ${eventLimit} events in one batch` } };
    if (source === 'beacon') {
      const wait = limiter.take(request.ip, envelope.events.length);
      if (wait > 0) return { status: 429, body: { error: 'rate limit', retry_after: wait }, retryAfter: wait };
    }
    const receivedAt = now();
    const ctxEvent = {
      site: envelope.site,
      now: receivedAt,
      ip: source === 'server' ? null : truncateIp(request.ip),
      uaIsBot: source === 'beacon' && isBotUserAgent(request.headers['user-agent']),
      source,
      clockOffset: clockOffset(envelope.sent_at, receivedAt, source),
    };
    const rejected: { index: number; reason: string }[] = [];
    const events = envelope.events;
    if (rowStore) {
      // the SQLite stores take the log rows straight from validation (no StoredEvent objects)
      const rows: LogRow[] = [];
      for (let index = 0; index < events.length; index++) {
        const result = validateEventRow(events[index], ctxEvent);
        if (typeof result === 'string') rejected.push({ index, reason: result });
        else rows.push(result);
      }
      const request = { site: ctxEvent.site, received_at: ctxEvent.now, ip: ctxEvent.ip, source };
      const pending = rows.length > 0 ? rowStore.appendRows(request, rows) : Promise.resolve(NOTHING_STORED);
      return { pending, rejected };
    }
    const valid: StoredEvent[] = [];
    for (let index = 0; index < events.length; index++) {
      const result = validateEvent(events[index], ctxEvent);
      if (typeof result === 'string') rejected.push({ index, reason: result });
      else valid.push(result);
    }
    const pending = valid.length > 0 ? store.append(valid) : Promise.resolve(NOTHING_STORED);
    return { pending, rejected };
  };

  app.post('/v1/batch', async (request: FastifyRequest<{ Body: string | undefined }>, reply: FastifyReply) => {
    const token = bearer(request);
    let source: 'beacon' | 'server' = 'beacon';
    if (token !== null) {
      if (!sameSecret(token, secrets.serverKey)) return reply.code(401).send({ error: 'wrong server key' });
      source = 'server';
    }
    const taken = takeBatch(request, source);
    if ('status' in taken) {
      if (taken.retryAfter !== undefined) reply.header('Retry-After', String(taken.retryAfter));
      return reply.code(taken.status).send(taken.body);
    }
    const { accepted, duplicates } = await taken.pending;
    if (taken.rejected.length > 0) return reply.code(422).send({ accepted, duplicates, rejected: taken.rejected });
    return reply.code(200).send({ accepted, duplicates });
  });

  app.delete(
    '/v1/units/:anonymous_id',
    async (request: FastifyRequest<{ Params: { anonymous_id: string } }>, reply) => {
      if (!ctx.isAdmin(request)) return reply.code(401).send({ error: 'admin token required' });
      const erased = await store.eraseUnit(request.params.anonymous_id);
      return reply.send({ erased });
    },
  );

  app.get('/healthz', async (_request, reply) => {
    try {
      await store.checkWritable();
      return reply.send({ ok: true, store: store.kind });
    } catch (error) {
      return reply.code(503).send({ ok: false, store: store.kind, error: (error as Error).message });
    }
  });

  registerConfigRoutes(app, ctx);
  registerResultsRoutes(app, ctx);
  registerDashboard(app);

  let retentionTimer: NodeJS.Timeout | undefined;
  const runRetention = () => {
    if (retentionMs > 0) store.applyRetention(now() - retentionMs).catch((error) => app.log.error(error));
  };
  app.addHook('onReady', async () => {
    if (store instanceof SqliteThreadStore) await store.ready; // listen only once the writer is up
    runRetention();
    retentionTimer = setInterval(runRetention, 3_600_000);
    retentionTimer.unref();
  });
  app.addHook('onClose', async () => {
    clearInterval(retentionTimer);
    await store.close();
    db?.close();
  });

  return {
    app,
    store,
    configStore,
    dataDir,
    adminToken: secrets.adminToken,
    serverKey: secrets.serverKey,
    async listen({ port = 8787, host = '127.0.0.1' } = {}) {
      await app.listen({ port, host });
      const address = app.server.address();
      const actual = typeof address === 'object' && address ? address.port : port;
      return `http://${host.includes(':') ? `[${host}]` : host}:${actual}`;
    },
    close: () => app.close(),
  };
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
