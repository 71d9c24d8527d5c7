/**
 * A small static server for end-to-end pages, with per-page headers (e.g. a strict CSP) and a
 * fake collector at `/v1/batch` that records every event it is sent.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import type { AddressInfo } from 'node:net';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.map': 'application/json',
};

export interface Recorded {
  events: Array<Record<string, unknown>>;
  batches: number;
  /** Every path requested, in order. */
  requests: string[];
  /** CSP violation reports (`report-uri /csp-report`). */
  cspReports: unknown[];
}

export interface TestServer {
  url: string;
  recorded: Recorded;
  close(): Promise<void>;
}

/**
 * `mounts` maps URL prefixes to folders (`{ '/vitrine/': 'packages/embed/dist' }`);
 * `pages` maps paths to HTML and headers.
 */
export async function serve(options: {
  mounts: Record<string, string>;
  pages?: Record<string, { html: string; headers?: Record<string, string> }>;
  /** Pages sent in parts, each `wait` ms after the one before: a slow server or a long page. */
  streams?: Record<string, Array<{ html: string; wait: number }>>;
}): Promise<TestServer> {
  const recorded: Recorded = { events: [], batches: 0, requests: [], cspReports: [] };
  const handler = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    recorded.requests.push(url.pathname);
    if (url.pathname === '/csp-report' && req.method === 'POST') {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      try {
        recorded.cspReports.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch {
        recorded.cspReports.push(Buffer.concat(chunks).toString('utf8'));
      }
      res.writeHead(204).end();
      return;
    }
    if (url.pathname === '/v1/batch' && req.method === 'POST') {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { events: Array<Record<string, unknown>> };
        recorded.batches++;
        recorded.events.push(...body.events);
        res.writeHead(200, { 'content-type': 'application/json', 'access-control-allow-origin': '*' });
        res.end(JSON.stringify({ accepted: body.events.length, duplicates: 0 }));
      } catch {
        res.writeHead(400).end();
      }
      return;
    }
    const parts = options.streams?.[url.pathname];
    if (parts) {
      res.writeHead(200, { 'content-type': TYPES['.html']!, 'cache-control': 'no-store' });
      for (const part of parts) {
        await new Promise((resolve) => setTimeout(resolve, part.wait));
        res.write(part.html);
      }
      res.end();
      return;
    }
    const page = options.pages?.[url.pathname];
    if (page) {
      res.writeHead(200, { 'content-type': TYPES['.html']!, 'cache-control': 'no-store', ...page.headers });
      res.end(page.html);
      return;
    }
    for (const [prefix, dir] of Object.entries(options.mounts)) {
      if (!url.pathname.startsWith(prefix)) continue;
      const rel = normalize(decodeURIComponent(url.pathname.slice(prefix.length)));
      if (rel.startsWith('..')) break;
      try {
        const body = await readFile(join(dir, rel));
        res.writeHead(200, {
          'content-type': TYPES[extname(rel)] ?? 'application/octet-stream',
          'cache-control': 'no-store',
        });
        res.end(body);
        return;
      } catch {
        break;
      }
    }
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  };
  const server: Server = createServer((req, res) => {
    handler(req, res).catch(() => res.writeHead(500).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    recorded,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
