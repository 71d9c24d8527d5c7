import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';

export const NOW = Date.UTC(2026, 10, 25, 12, 0, 0);
export const ADMIN = 'admin-token-for-tests';
export const SERVER_KEY = 'server-key-for-tests';
export const BROWSER_UA =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36';

export function tempDir(prefix = 'vitrine-collector-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A UUIDv7 (RFC 9562): 48-bit ms timestamp, version 7, variant 10, random rest. */
export function uuidv7(ms = Date.now()): string {
  const bytes = randomBytes(16);
  bytes.writeUIntBE(ms, 0, 6);
  bytes[6] = (bytes[6]! & 0x0f) | 0x70;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function event(fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    event_id: uuidv7(NOW),
    type: 'product_view',
    ts: NOW - 1000,
    anonymous_id: 'anon-1',
    page: { path: '/p/kettle' },
    sdk: { name: 'vitrine', version: '0.1.0' },
    ...fields,
  };
}

export function batch(events: unknown[], site = 'demo'): string {
  return JSON.stringify({ v: 1, site, sent_at: NOW, events });
}
