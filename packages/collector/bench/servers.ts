// Servers the ingest benchmark starts in their own processes:
//   collector <dataDir>  — the real collector (SQLite store, rate limit off)
//   bare <file>          — node:http that reads each body, write()s it to one file opened for
//                          appending, fsync()s it and then answers 200 {"ok":true}. Both calls run
//                          on libuv's thread pool, so concurrent requests' fsyncs overlap (the
//                          file system merges them), the bare server's own form of group commit.
import { createServer as createHttpServer } from 'node:http';
import { fsync, openSync, write } from 'node:fs';
import { createServer } from '../src/index.js';

const [mode, path] = process.argv.slice(2);
process.on('SIGTERM', () => process.exit(0));
if (mode === 'collector') {
  const collector = createServer({
    dataDir: path!,
    adminToken: 'bench-admin',
    serverKey: 'bench-server',
    rateLimit: 0,
    durability: (process.env.VITRINE_DURABILITY as 'full' | 'normal' | undefined) ?? 'full',
  });
  const url = await collector.listen({ port: 0 });
  process.stdout.write(`READY ${url}\n`);
} else {
  const fd = openSync(path!, 'a');
  const server = createHttpServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      write(fd, Buffer.concat(chunks), (err) => {
        if (err) return res.writeHead(500).end();
        fsync(fd, (err2) => {
          if (err2) return res.writeHead(500).end();
          res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
        });
      });
    });
  });
  server.listen(0, '127.0.0.1', () => {
    const address = server.address() as { port: number };
    process.stdout.write(`READY http://127.0.0.1:${address.port}\n`);
  });
}
