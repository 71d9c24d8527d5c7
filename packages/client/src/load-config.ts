/**
 * Config loading, a lazy chunk of the client: the validator (parse-config), the assignment engine
 * (core: no variation can be assigned before the config is parsed, so it travels with it) and, for
 * a URL, the fetch with ETag caching (`If-None-Match`, 304 reuses the cached copy). A failed fetch
 * falls back to the cached copy, then to no experiments, with a warning; nothing throws. Also the
 * merge of a page's assignments into the stored identity when consent is granted (adopt.ts).
 */
import type { ExperimentConfig, ParsedConfig, Warn } from './config.js';
import { parseConfig } from './parse-config.js';

export { run } from './core.js';
export { adopt } from './adopt.js';

/** `cache` is where the last config and its ETag are kept (`null`: nowhere, e.g. consent denied). */
export async function loadConfig(
  source: string | ExperimentConfig | unknown,
  warn: Warn,
  cache: Storage | null,
  fetcher: typeof fetch = fetch,
): Promise<ParsedConfig> {
  if (typeof source !== 'string') return parseConfig(source, warn);
  const key = `vitrine:config:${source}`;
  let cached: { etag?: string; body?: unknown } = {};
  try {
    cached = JSON.parse(cache?.getItem(key) ?? '{}') as typeof cached;
  } catch {
    /* unreadable cache: fetch afresh */
  }
  try {
    const res = await fetcher(source, { headers: cached.etag ? { 'If-None-Match': cached.etag } : {} });
    if (res.status === 304 && cached.body) return parseConfig(cached.body, warn);
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const body: unknown = await res.json();
    const etag = res.headers.get('ETag');
    try {
      if (etag) cache?.setItem(key, JSON.stringify({ etag, body }));
    } catch {
      /* storage full or blocked: no cache */
    }
    return parseConfig(body, warn);
  } catch (error) {
    warn(
      `[vitrine] config: could not load ${source} (${String(error)})${cached.body ? '; using the cached copy' : ''}`,
    );
    return parseConfig(cached.body ?? { v: 1, site: '', experiments: [] }, warn);
  }
}
