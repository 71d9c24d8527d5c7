/**
 * A minimal client for ClickHouse's HTTP interface on Node's built-in `fetch` (no driver: the
 * store needs four things — run a statement, read `JSONEachRow`, insert `JSONEachRow`, ping — and
 * the HTTP interface of ClickHouse 18.16 does all of them).
 *
 * The URL may carry credentials and a database: `http://user:secret@host:8123/?database=vitrine`.
 * Credentials travel as HTTP basic auth (fetch refuses URLs with credentials in them); every other
 * query parameter of the URL is passed on to each request as a ClickHouse setting.
 */

export const DEFAULT_CLICKHOUSE_URL = 'http://127.0.0.1:8123';

/** An error answered by ClickHouse itself (HTTP status ≥ 400), with its numeric code when given. */
export class ClickHouseError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: number | undefined,
  ) {
    super(message);
    this.name = 'ClickHouseError';
  }
}

export type Settings = Record<string, string | number>;

export interface ClickHouseHttpOptions {
  /** Per-request timeout in ms. Default 30 000. */
  timeoutMs?: number;
}

/** Errors from a reused keep-alive socket that the server had already closed: safe to retry once. */
const RETRYABLE = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED']);

export class ClickHouseHttp {
  /** The server URL without credentials or parameters (for messages). */
  readonly origin: string;
  /** The database named by the URL (`?database=`), `default` otherwise. */
  readonly database: string;
  private readonly base: URL;
  private readonly headers: Record<string, string> = {};
  private readonly params: [string, string][] = [];
  private readonly timeoutMs: number;

  constructor(url: string = DEFAULT_CLICKHOUSE_URL, options: ClickHouseHttpOptions = {}) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new Error(`VITRINE_CLICKHOUSE_URL must be an http(s) URL such as ${DEFAULT_CLICKHOUSE_URL}, got "${url}"`);
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
      throw new Error(`VITRINE_CLICKHOUSE_URL must use http: or https:, got "${parsed.protocol}"`);
    if (parsed.username || parsed.password) {
      const user = decodeURIComponent(parsed.username || 'default');
      const password = decodeURIComponent(parsed.password);
      this.headers.authorization = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
      parsed.username = '';
      parsed.password = '';
    }
    for (const [key, value] of parsed.searchParams) if (key !== 'database') this.params.push([key, value]);
    this.database = parsed.searchParams.get('database') || 'default';
    parsed.search = '';
    parsed.hash = '';
    this.base = parsed;
    this.origin = parsed.origin;
    this.timeoutMs = options.timeoutMs ?? 30_000;
  }

  /** Runs a statement (DDL, ALTER…) and returns the raw answer. */
  exec(sql: string, settings: Settings = {}, options: { database?: string | null } = {}): Promise<string> {
    return this.request(sql, settings, options.database === undefined ? this.database : options.database);
  }

  /** Runs a SELECT and returns its rows (parsed from `JSONEachRow`; 64-bit integers as numbers). */
  async rows<T>(sql: string, settings: Settings = {}): Promise<T[]> {
    const text = await this.request(
      `${sql}\nFORMAT JSONEachRow`,
      { output_format_json_quote_64bit_integers: 0, ...settings },
      this.database,
    );
    const rows: T[] = [];
    for (const line of text.split('\n')) if (line) rows.push(JSON.parse(line) as T);
    return rows;
  }

  /**
   * Inserts rows with `JSONEachRow`; resolves once ClickHouse has answered the INSERT, i.e. the
   * block is written to a data part on disk. `wait_end_of_query=1` makes the server buffer its
   * answer until the query has finished, so a failure can never hide behind an early 200.
   */
  async insert(table: string, rows: object[], settings: Settings = {}): Promise<void> {
    if (rows.length === 0) return;
    let body = '';
    for (const row of rows) body += `${JSON.stringify(row)}\n`;
    await this.request(
      body,
      { ...settings, wait_end_of_query: 1 },
      this.database,
      `INSERT INTO ${table} FORMAT JSONEachRow`,
    );
  }

  /** True when `/ping` answers `Ok.`. */
  async ping(): Promise<boolean> {
    try {
      const response = await fetch(new URL('/ping', this.base), { signal: AbortSignal.timeout(this.timeoutMs) });
      return response.ok && (await response.text()).startsWith('Ok');
    } catch {
      return false;
    }
  }

  private async request(body: string, settings: Settings, database: string | null, query?: string): Promise<string> {
    const url = new URL(this.base);
    for (const [key, value] of this.params) url.searchParams.set(key, value);
    for (const [key, value] of Object.entries(settings)) url.searchParams.set(key, String(value));
    if (database) url.searchParams.set('database', database);
    if (query) url.searchParams.set('query', query);
    for (let attempt = 0; ; attempt++) {
      let response: Response;
      try {
        response = await fetch(url, {
          method: 'POST',
          headers: { ...this.headers, 'content-type': 'text/plain; charset=utf-8' },
          body,
          signal: AbortSignal.timeout(this.timeoutMs),
        });
      } catch (error) {
        const code = networkCode(error);
        // A keep-alive socket closed by the server between two requests: retry once on a fresh one.
        // Retrying an INSERT is safe: rows are deduplicated by event_id when read.
        if (attempt === 0 && code && RETRYABLE.has(code)) continue;
        throw new Error(
          `ClickHouse at ${this.origin} is unreachable (${code ?? (error as Error).message}). ` +
            'Start it or set VITRINE_CLICKHOUSE_URL to its HTTP interface.',
          { cause: error },
        );
      }
      const text = await response.text();
      if (!response.ok) {
        const code = /^Code: (\d+)/.exec(text)?.[1];
        const what = (query ?? body).slice(0, 120).replace(/\s+/g, ' ');
        throw new ClickHouseError(
          `ClickHouse at ${this.origin} answered ${response.status} to "${what}…": ${text.trim().slice(0, 500)}`,
          response.status,
          code === undefined ? undefined : Number(code),
        );
      }
      return text;
    }
  }
}

function networkCode(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

/**
 * A ClickHouse string literal. Backslash and quote are escaped, control characters written as
 * `\xHH`; everything else (UTF-8 included) passes as is. 18.16 has no query parameters, so every
 * value interpolated into SQL goes through here.
 */
export function quote(value: string): string {
  // eslint-disable-next-line no-control-regex
  return `'${value.replace(/[\\'\u0000-\u001f\u007f]/g, (c) =>
    c === '\\' || c === "'" ? `\\${c}` : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`,
  )}'`;
}

/** A quoted identifier (database or table name). */
export function identifier(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))
    throw new Error(`ClickHouse name "${name}" must be letters, digits and "_" (not starting with a digit)`);
  return `\`${name}\``;
}
