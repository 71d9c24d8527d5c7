import type { StoredEvent } from './types.js';

export const MAX_AGE_MS = 72 * 3600 * 1000;
export const MAX_AHEAD_MS = 5 * 60 * 1000;

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
  return { site: data.site, events: data.events };
}

export interface EventContext {
  site: string;
  now: number;
  ip: string | null;
  uaIsBot: boolean;
  source: 'beacon' | 'server';
}

/** Validates one event; returns the stored form or the reason it was rejected. */
export function validateEvent(raw: unknown, ctx: EventContext): StoredEvent | string {
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
  const ts = e.ts as number;
  if (ts < ctx.now - MAX_AGE_MS) return 'ts is more than 72 h old';
  if (ts > ctx.now + MAX_AHEAD_MS) return 'ts is more than 5 min ahead of the collector clock';
  const idError =
    shortString(e.anonymous_id, 'anonymous_id', true) ??
    shortString(e.user_id, 'user_id', false) ??
    shortString(e.session_id, 'session_id', false);
  if (idError) return idError;
  const out: StoredEvent = {
    event_id: eventId,
    site: ctx.site,
    type: e.type,
    ts,
    received_at: ctx.now,
    anonymous_id: e.anonymous_id as string,
    is_bot: ctx.uaIsBot,
    ip: ctx.ip,
    source: ctx.source,
  };
  if (e.user_id !== undefined) out.user_id = e.user_id as string;
  if (e.session_id !== undefined) out.session_id = e.session_id as string;
  if (e.page !== undefined) {
    if (!isObject(e.page) || typeof e.page.path !== 'string' || e.page.path.length > 512)
      return 'page must be {"path": string of at most 512 characters}';
    if (/[?#]/.test(e.page.path)) return 'page.path must not hold a query string or fragment';
    out.page = { path: e.page.path };
  }
  if (e.type === 'exposure' || e.experiment !== undefined || e.variation !== undefined) {
    if (typeof e.experiment !== 'string' || e.experiment.length === 0 || e.experiment.length > 128)
      return 'experiment must be a non-empty string (required on exposure)';
    if (!Number.isSafeInteger(e.variation) || (e.variation as number) < 0 || (e.variation as number) > 99)
      return 'variation must be an integer index from 0 (required on exposure)';
    out.experiment = e.experiment;
    out.variation = e.variation as number;
  }
  if (e.product_id !== undefined) {
    if (typeof e.product_id !== 'string' || e.product_id.length === 0 || e.product_id.length > 128)
      return 'product_id must be a string of 1 to 128 characters';
    out.product_id = e.product_id;
  }
  if (e.quantity !== undefined) {
    if (!Number.isSafeInteger(e.quantity) || (e.quantity as number) < 0)
      return 'quantity must be a non-negative integer';
    out.quantity = e.quantity as number;
  }
  if (e.value_minor !== undefined) {
    if (!Number.isSafeInteger(e.value_minor)) return 'value_minor must be an integer in minor units';
    out.value_minor = e.value_minor as number;
  }
  if (e.currency !== undefined) {
    if (typeof e.currency !== 'string' || !CURRENCY.test(e.currency)) return 'currency must be an ISO 4217 code';
    out.currency = e.currency;
  }
  if (e.order_id !== undefined) {
    if (typeof e.order_id !== 'string' || e.order_id.length === 0 || e.order_id.length > 128)
      return 'order_id must be a string of 1 to 128 characters';
    out.order_id = e.order_id;
  }
  if (e.props !== undefined) {
    if (!isObject(e.props)) return 'props must be a flat object';
    const keys = Object.keys(e.props);
    if (keys.length > 20) return 'props must have at most 20 keys';
    for (const key of keys) {
      const value = e.props[key];
      if (typeof value === 'string' ? value.length > 256 : typeof value !== 'boolean' && !Number.isFinite(value))
        return `props.${key} must be a string (≤ 256), a finite number or a boolean`;
    }
    out.props = e.props as Record<string, string | number | boolean>;
  }
  if (e.bot !== undefined) {
    if (typeof e.bot !== 'boolean') return 'bot must be a boolean';
    out.bot = e.bot;
    if (e.bot) out.is_bot = true;
  }
  if (!isObject(e.sdk) || typeof e.sdk.name !== 'string' || typeof e.sdk.version !== 'string')
    return 'sdk must be {"name": string, "version": string}';
  out.sdk = { name: e.sdk.name.slice(0, 64), version: e.sdk.version.slice(0, 32) };
  return out;
}

function shortString(value: unknown, field: string, required: boolean): string | undefined {
  if (value === undefined && !required) return undefined;
  if (typeof value !== 'string' || value.length === 0 || value.length > 64)
    return `${field} must be a string of 1 to 64 characters${required ? '' : ' when present'}`;
  return undefined;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
