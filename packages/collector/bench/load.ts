// The ingest benchmark's load generator: keep-alive HTTP/1.1 connections over loopback, each
// sending its next request as soon as the previous answer is complete. Every request (request
// line, headers and body) is one Buffer made before the run, so a request costs the generator one
// socket write and the parsing of a small answer, the same for every server it drives.
//
// Why not autocannon (used until 26 Nov 2026): with a `setupRequest` that varies the body (the
// batches must differ, or every batch after the first is a duplicate), it rebuilds each ~31 KB
// request into a fresh Buffer, and measured here it spent 1.4 to 6 CPU-µs per event depending on
// the run: in some runs every request took ~8-10 minor page faults (its buffer landed in fresh
// pages) and in others none, whichever server it drove. On two shared cores that CPU is taken
// from the server under test, and it took more from the slower run (more of it overlaps the load).
import { connect, type Socket } from 'node:net';

export interface LoadResult {
  /** Answers received (complete HTTP responses). */
  requests: number;
  /** From the first request to the last answer. */
  seconds: number;
  non2xx: number;
  /** Connections that failed or closed with a request in flight (the request is counted here). */
  errors: number;
  latency: { p50: number; p90: number; p99: number; max: number };
}

/** One request per body: `POST <path>` with the given headers and a Content-Length. */
export function buildRequests(url: string, path: string, headers: Record<string, string>, bodies: string[]): Buffer[] {
  const { host } = new URL(url);
  const head = Object.entries({ host, ...headers })
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  return bodies.map((body) => {
    const bytes = Buffer.from(body);
    return Buffer.concat([
      Buffer.from(`POST ${path} HTTP/1.1\r\n${head}content-length: ${bytes.length}\r\n\r\n`),
      bytes,
    ]);
  });
}

const HEADER_END = Buffer.from('\r\n\r\n');
const CRLF = Buffer.from('\r\n');

/**
 * Length of the first complete response in `buf` and its status, or null when more bytes are
 * needed. Handles Content-Length and chunked bodies (no trailers), which is what node:http and
 * Fastify send; anything else throws.
 */
export function completeResponse(buf: Buffer): { length: number; status: number } | null {
  const headerEnd = buf.indexOf(HEADER_END);
  if (headerEnd < 0) return null;
  const head = buf.toString('latin1', 0, headerEnd).toLowerCase();
  const status = Number(head.slice(9, 12));
  const length = /\r\ncontent-length: *(\d+)/.exec(head);
  if (length) {
    const total = headerEnd + 4 + Number(length[1]);
    return buf.length >= total ? { length: total, status } : null;
  }
  if (!/\r\ntransfer-encoding: *chunked/.test(head)) throw new Error(`unsupported response: ${head.split('\r\n')[0]}`);
  let at = headerEnd + 4;
  for (;;) {
    const lineEnd = buf.indexOf(CRLF, at);
    if (lineEnd < 0) return null;
    const size = parseInt(buf.toString('latin1', at, lineEnd), 16);
    if (Number.isNaN(size)) throw new Error('bad chunk size');
    if (size === 0) return buf.length >= lineEnd + 4 ? { length: lineEnd + 4, status } : null;
    at = lineEnd + 2 + size + 2;
    if (buf.length < at) return null;
  }
}

/** Sends every request once over `connections` keep-alive connections; resolves when all are answered. */
export function load(url: string, requests: Buffer[], connections: number): Promise<LoadResult> {
  const { hostname, port } = new URL(url);
  const latencies: number[] = [];
  let next = 0;
  let answered = 0;
  let non2xx = 0;
  let errors = 0;
  let open = 0;
  const start = performance.now();
  let last = start;
  return new Promise((resolve, reject) => {
    const finish = () => {
      latencies.sort((a, b) => a - b);
      const at = (q: number) =>
        Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0);
      resolve({
        requests: answered,
        seconds: (last - start) / 1000,
        non2xx,
        errors,
        latency: { p50: at(0.5), p90: at(0.9), p99: at(0.99), max: Math.round(latencies.at(-1) ?? 0) },
      });
    };
    const connection = () => {
      open++;
      const socket: Socket = connect(Number(port), hostname);
      socket.setNoDelay(true);
      let pending: Buffer | null = null;
      let sentAt = 0;
      let inFlight = false;
      const send = () => {
        if (next >= requests.length) {
          socket.end();
          return;
        }
        inFlight = true;
        sentAt = performance.now();
        socket.write(requests[next++]!);
      };
      socket.on('connect', send);
      socket.on('data', (chunk: Buffer) => {
        pending = pending ? Buffer.concat([pending, chunk]) : chunk;
        let response;
        try {
          response = completeResponse(pending);
        } catch (error) {
          socket.destroy();
          reject(error as Error);
          return;
        }
        if (!response) return;
        if (response.length !== pending.length) {
          socket.destroy();
          reject(new Error('bytes after a response nobody asked for'));
          return;
        }
        pending = null;
        inFlight = false;
        last = performance.now();
        latencies.push(last - sentAt);
        answered++;
        if (response.status < 200 || response.status >= 300) non2xx++;
        send();
      });
      socket.on('error', () => {}); // 'close' follows
      socket.on('close', () => {
        open--;
        if (inFlight) {
          errors++; // that request is lost; carry on over a new connection
          if (next < requests.length) return connection();
        }
        if (open === 0) finish();
      });
    };
    for (let i = 0; i < Math.min(connections, requests.length); i++) connection();
  });
}
