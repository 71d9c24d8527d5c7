/// <reference lib="es2024.string" />
import type { LogRow } from './sqlite.js';
import type { StoredEvent } from './types.js';

export const MAX_AGE_MS = 72 * 3600 * 1000;
export const MAX_AHEAD_MS = 5 * 60 * 1000;
/**
 * The shortest retention (days) that still drops every re-sent copy of an event: an event's id is
 * forgotten with it, and a copy is accepted up to `MAX_AGE_MS` after the event (on the corrected
 * clock), so ids must be kept longer than that.
 */
export const MIN_RETENTION_DAYS = 4;
/**
 * The largest device clock error a beacon batch's `sent_at` corrects (see `clockOffset`): a day,
 * so a clock set to the wrong time zone is corrected too. A larger difference is taken to be no
 * reading of the events' clock (seconds instead of milliseconds, a constant) and ignored.
 */
export const MAX_CLOCK_OFFSET_MS = 24 * 3600 * 1000;

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
/** The same in lower case, as clients send it: such an id is stored as it came (no toLowerCase). */
const UUID_V7_LOWER = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const SNAKE = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/;
const CURRENCY = /^[A-Z]{3}$/;
export const SITE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export interface EnvelopeError {
  status: 400;
  error: string;
}

export interface Envelope {
  site: string;
  events: unknown[];
  /** The client's clock when it sent the batch (ms); null when absent or not an integer. */
  sent_at: number | null;
}

/** Checks the batch envelope (`v`, `site`, `events`); per-event checks come after. */
export function parseEnvelope(body: string): Envelope | EnvelopeError {
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch {
    return { status: 400, error: 'body is not JSON' };
  }
  if (!isObject(data)) return { status: 400, error: 'body must be a JSON object' };
  if (data.v !== 1) return { status: 400, error: '"v" must be 1' };
  if (typeof data.site !== 'string' || !SITE.test(data.site))
    return { status: 400, error: '"site" must be a string of 1 to 64 letters, digits, ".", "_" or "-"' };
  if (!Array.isArray(data.events)) return { status: 400, error: '"events" must be an array' };
  if (data.events.length === 0) return { status: 400, error: '"events" must hold 1 to 100 events' };
  // optional in the schema, so a malformed one is ignored rather than refused
  const sentAt = Number.isSafeInteger(data.sent_at) ? (data.sent_at as number) : null;
  return { site: data.site, events: data.events, sent_at: sentAt };
}

/**
 * What to add to each event's `ts` of a batch: `received_at − sent_at` for a beacon batch whose
 * `sent_at` is an integer within `MAX_CLOCK_OFFSET_MS` of the collector's clock, else 0. A
 * browser stamps `ts` and `sent_at` with the same clock, so this moves its events onto the
 * collector's clock whatever that device's error (a phone 3 min fast stamped its exposure ahead
 * of the shop server's purchase). The difference also holds the request's transit time, so
 * corrected times are late by that much (usually well under a second), never early. Batches sent
 * with the server key are not corrected: server clocks are kept right, and a webhook may relay
 * times another system stamped.
 */
export function clockOffset(sentAt: number | null, now: number, source: 'beacon' | 'server'): number {
  if (sentAt === null || source !== 'beacon') return 0;
  const offset = now - sentAt;
  return offset <= MAX_CLOCK_OFFSET_MS && offset >= -MAX_CLOCK_OFFSET_MS ? offset : 0;
}

export interface EventContext {
  site: string;
  now: number;
  ip: string | null;
  uaIsBot: boolean;
  source: 'beacon' | 'server';
  /**
   * Added to every event's `ts` before the age checks (`clockOffset`); default 0. The checks
   * (72 h old, 5 min ahead) apply to the corrected time: to how long before the batch was sent
   * the event happened, on the device's own clock.
   */
  clockOffset?: number;
}

/** Validates one event; returns the stored form or the reason it was rejected. */
export function validateEvent(raw: unknown, ctx: EventContext): StoredEvent | string {
  const row = validateEventRow(raw, ctx);
  if (typeof row === 'string') return row;
  const out: StoredEvent = {
    event_id: row[0],
    site: ctx.site,
    type: row[1],
    ts: ctx.now + row[2],
    received_at: ctx.now,
    anonymous_id: row[3],
    is_bot: row[13] === 1,
    ip: ctx.ip,
    source: ctx.source,
  };
  if (row[4] !== null) out.user_id = row[4];
  if (row[5] !== null) out.session_id = row[5];
  if (row[14] !== null) out.page = { path: row[14] };
  if (row[6] !== null) {
    out.experiment = row[6];
    out.variation = row[7]!;
  }
  if (row[8] !== null) out.product_id = row[8];
  if (row[9] !== null) out.quantity = row[9];
  if (row[10] !== null) out.value_minor = row[10];
  if (row[11] !== null) out.currency = row[11];
  if (row[12] !== null) out.order_id = row[12];
  if (row[15] !== null) out.props = row[15];
  if (row[18] !== null) out.bot = row[18];
  out.sdk = { name: row[16]!, version: row[17]! };
  return out;
}

/**
 * The checks of `validateEvent`, producing the event's `ingest_log` row (`toLogRow` of the stored
 * form, with `ts` relative to `ctx.now`) without the intermediate object: the ingest path into
 * the SQLite store uses this directly, one allocation per event instead of two.
 */
export function validateEventRow(raw: unknown, ctx: EventContext): LogRow | string {
  if (!isObject(raw)) return 'event must be an object';
  const e = raw;
  if (typeof e.event_id !== 'string') return 'event_id must be a UUIDv7 string';
  let eventId = e.event_id;
  if (!UUID_V7_LOWER.test(eventId)) {
    if (!UUID_V7.test(eventId)) return 'event_id must be a UUIDv7 string';
    eventId = eventId.toLowerCase();
  }
  if (typeof e.type !== 'string' || e.type.length > 64 || !SNAKE.test(e.type))
    return 'type must be a lower_snake_case name of at most 64 characters';
  if (!Number.isSafeInteger(e.ts)) return 'ts must be an integer (ms)';
  const ts = (e.ts as number) + (ctx.clockOffset ?? 0);
  if (ts < ctx.now - MAX_AGE_MS) return 'ts is more than 72 h old';
  if (ts > ctx.now + MAX_AHEAD_MS) return 'ts is more than 5 min ahead of the collector clock';
  const idError =
    shortString(e.anonymous_id, 'anonymous_id', true) ??
    shortString(e.user_id, 'user_id', false) ??
    shortString(e.session_id, 'session_id', false);
  if (idError) return idError;
  let pagePath: string | null = null;
  if (e.page !== undefined) {
    if (!isObject(e.page) || typeof e.page.path !== 'string' || e.page.path.length > 512)
      return 'page must be {"path": string of at most 512 characters}';
    if (/[?#]/.test(e.page.path)) return 'page.path must not hold a query string or fragment';
    if (!e.page.path.isWellFormed()) return notUnicode('page.path');
    pagePath = e.page.path;
  }
  let experiment: string | null = null;
  let variation: number | null = null;
  if (e.type === 'exposure' || e.experiment !== undefined || e.variation !== undefined) {
    if (typeof e.experiment !== 'string' || e.experiment.length === 0 || e.experiment.length > 128)
      return 'experiment must be a non-empty string (required on exposure)';
    if (!e.experiment.isWellFormed()) return notUnicode('experiment');
    if (!Number.isSafeInteger(e.variation) || (e.variation as number) < 0 || (e.variation as number) > 99)
      return 'variation must be an integer index from 0 to 99 (required on exposure)';
    experiment = e.experiment;
    variation = e.variation as number;
  }
  if (
    e.product_id !== undefined &&
    (typeof e.product_id !== 'string' || e.product_id.length === 0 || e.product_id.length > 128)
  )
    return 'product_id must be a string of 1 to 128 characters';
  if (e.product_id !== undefined && !(e.product_id as string).isWellFormed()) return notUnicode('product_id');
  if (e.quantity !== undefined && (!Number.isSafeInteger(e.quantity) || (e.quantity as number) < 0))
    return 'quantity must be a non-negative integer';
  if (e.value_minor !== undefined && !Number.isSafeInteger(e.value_minor))
    return 'value_minor must be an integer in minor units';
  if (e.currency !== undefined && (typeof e.currency !== 'string' || !CURRENCY.test(e.currency)))
    return 'currency must be an ISO 4217 code';
  if (
    e.order_id !== undefined &&
    (typeof e.order_id !== 'string' || e.order_id.length === 0 || e.order_id.length > 128)
  )
    return 'order_id must be a string of 1 to 128 characters';
  if (e.order_id !== undefined && !(e.order_id as string).isWellFormed()) return notUnicode('order_id');
  if (e.props !== undefined) {
    if (!isObject(e.props)) return 'props must be a flat object';
    const keys = Object.keys(e.props);
    if (keys.length > 20) return 'props must have at most 20 keys';
    for (const key of keys) {
      const value = e.props[key];
      if (typeof value === 'string' ? value.length > 256 : typeof value !== 'boolean' && !Number.isFinite(value))
        return `props.${key} must be a string (≤ 256), a finite number or a boolean`;
      if (!key.isWellFormed() || (typeof value === 'string' && !value.isWellFormed()))
        return notUnicode(`props.${key.toWellFormed()}`);
    }
  }
  if (e.bot !== undefined && typeof e.bot !== 'boolean') return 'bot must be a boolean';
  if (!isObject(e.sdk) || typeof e.sdk.name !== 'string' || typeof e.sdk.version !== 'string')
    return 'sdk must be {"name": string, "version": string}';
  if (!e.sdk.name.isWellFormed() || !e.sdk.version.isWellFormed()) return notUnicode('sdk');
  return [
    eventId,
    e.type,
    ts - ctx.now,
    e.anonymous_id as string,
    (e.user_id as string | undefined) ?? null,
    (e.session_id as string | undefined) ?? null,
    experiment,
    variation,
    (e.product_id as string | undefined) ?? null,
    (e.quantity as number | undefined) ?? null,
    (e.value_minor as number | undefined) ?? null,
    (e.currency as string | undefined) ?? null,
    (e.order_id as string | undefined) ?? null,
    ctx.uaIsBot || e.bot === true ? 1 : 0,
    pagePath,
    (e.props as Record<string, string | number | boolean> | undefined) ?? null,
    cut(e.sdk.name, 64),
    cut(e.sdk.version, 32),
    (e.bot as boolean | undefined) ?? null,
  ];
}

function shortString(value: unknown, field: string, required: boolean): string | undefined {
  if (value === undefined && !required) return undefined;
  if (typeof value !== 'string' || value.length === 0 || value.length > 64)
    return `${field} must be a string of 1 to 64 characters${required ? '' : ' when present'}`;
  if (!value.isWellFormed()) return notUnicode(field);
  return undefined;
}

/**
 * The reason for a string holding a lone surrogate (JSON can carry one as `"\ud800"`): it cannot be
 * written as UTF-8, so such an id could never be named in a URL again (erasure) nor sent on as is.
 * The check is cheap: V8 answers at once for strings of one-byte characters, the usual case.
 */
function notUnicode(field: string): string {
  return `${field} must be well-formed Unicode (it holds a lone surrogate)`;
}

/** The first `max` UTF-16 units of a well-formed string, never ending in half a surrogate pair. */
function cut(value: string, max: number): string {
  if (value.length <= max) return value;
  const code = value.charCodeAt(max - 1);
  return value.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
