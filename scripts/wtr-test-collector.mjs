// A scripted stand-in for the collector, for browser tests (@vitrine/client): under
// `/__vitrine_test/collector/<session>/` it records every batch posted to `v1/batch` (body and
// content type) and answers with the status codes a test scripted, then 200. Sessions keep
// tests and the two browsers (run concurrently) apart. In memory only; loopback only.
//
//   POST <prefix>/<session>/script   body: [{ "status": 503 }, { "status": 429, "retryAfter": "1" }]
//   POST <prefix>/<session>/v1/batch the client's endpoint is `<prefix>/<session>`
//   GET  <prefix>/<session>/batches  [{ "at": ms, "contentType": "...", "status": 200, "body": {...} }]
const PREFIX = '/__vitrine_test/collector/';
const sessions = new Map();

const session = (id) => {
  if (!sessions.has(id)) sessions.set(id, { script: [], batches: [] });
  return sessions.get(id);
};

const readBody = (req) =>
  new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });

/** Koa middleware for @web/test-runner's `middleware` option (runs before file serving). */
export async function testCollector(ctx, next) {
  if (!ctx.path.startsWith(PREFIX)) return next();
  const [id, ...rest] = ctx.path.slice(PREFIX.length).split('/');
  const route = rest.join('/');
  const s = session(id);
  if (ctx.method === 'POST' && route === 'script') {
    s.script.push(...JSON.parse(await readBody(ctx.req)));
    ctx.status = 204;
    return;
  }
  if (ctx.method === 'POST' && route === 'v1/batch') {
    const text = await readBody(ctx.req);
    let body = null;
    try {
      body = JSON.parse(text);
    } catch {
      /* recorded as null */
    }
    const reply = s.script.shift() ?? { status: 200 };
    s.batches.push({ at: Date.now(), contentType: ctx.get('content-type'), status: reply.status, body });
    ctx.status = reply.status;
    if (reply.retryAfter !== undefined) ctx.set('Retry-After', String(reply.retryAfter));
    ctx.type = 'application/json';
    ctx.body = JSON.stringify({ accepted: reply.status === 200 ? (body?.events?.length ?? 0) : 0, duplicates: 0 });
    return;
  }
  if (ctx.method === 'GET' && route === 'batches') {
    ctx.type = 'application/json';
    ctx.body = JSON.stringify(s.batches);
    return;
  }
  ctx.status = 404;
}
