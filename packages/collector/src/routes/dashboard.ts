import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';

const FILES = {
  'index.html': 'text/html; charset=utf-8',
  'app.js': 'text/javascript; charset=utf-8',
  'app.css': 'text/css; charset=utf-8',
};

// Everything is same-origin: a strict CSP holds (no inline script or style, no CDN).
const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

function assetsDir(): string {
  // src/routes → src/dashboard; from a build (dist/routes) fall back to the shipped sources
  for (const candidate of ['../dashboard/', '../../src/dashboard/']) {
    const dir = fileURLToPath(new URL(candidate, import.meta.url));
    if (existsSync(`${dir}index.html`)) return dir;
  }
  throw new Error('dashboard assets not found');
}

export function registerDashboard(app: FastifyInstance): void {
  const dir = assetsDir();
  const assets = new Map(Object.entries(FILES).map(([name, type]) => [name, { body: readFileSync(dir + name), type }]));
  const send = (name: string) => async (_request: unknown, reply: import('fastify').FastifyReply) => {
    const asset = assets.get(name)!;
    return reply
      .type(asset.type)
      .header('Content-Security-Policy', CSP)
      .header('X-Content-Type-Options', 'nosniff')
      .header('Referrer-Policy', 'no-referrer')
      .header('Cache-Control', 'no-cache')
      .send(asset.body);
  };
  app.get('/dashboard', send('index.html'));
  app.get('/dashboard/', send('index.html'));
  app.get('/dashboard/app.js', send('app.js'));
  app.get('/dashboard/app.css', send('app.css'));
}
