// The benchmark's load generator (bench/load.ts): its figures are only as good as its counting.
import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { buildRequests, completeResponse, load } from '../bench/load.js';

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

describe('bench load generator', () => {
  it('finds the end of Content-Length and chunked responses, and waits for missing bytes', () => {
    const sized = Buffer.from('HTTP/1.1 422 Unprocessable\r\nContent-Length: 5\r\n\r\nhello');
    expect(completeResponse(sized)).toEqual({ length: sized.length, status: 422 });
    expect(completeResponse(sized.subarray(0, sized.length - 1))).toBeNull();
    const chunked = Buffer.from(
      'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nb\r\n{"ok":true}\r\n3\r\nabc\r\n0\r\n\r\n',
    );
    expect(completeResponse(chunked)).toEqual({ length: chunked.length, status: 200 });
    for (let cut = 1; cut < chunked.length; cut++) expect(completeResponse(chunked.subarray(0, cut))).toBeNull();
    expect(() => completeResponse(Buffer.from('HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n'))).toThrow(/unsupported/);
  });

  it('sends every body once, byte for byte, and counts answers and non-2xx', async () => {
    const received: string[] = [];
    server = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (body += chunk));
      req.on('end', () => {
        received.push(`${req.method} ${req.url} ${req.headers['content-type']} ${body}`);
        // chunked answers from some, Content-Length from others, one failure
        if (body === 'b7') res.writeHead(500).end('no');
        else if (Number(body.slice(1)) % 2)
          res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
        else res.writeHead(200, { 'content-length': '2' }).end('ok');
      });
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    const bodies = Array.from({ length: 40 }, (_, i) => `b${i}`);
    const result = await load(url, buildRequests(url, '/v1/batch', { 'content-type': 'text/plain' }, bodies), 3);
    expect(result).toMatchObject({ requests: 40, non2xx: 1, errors: 0 });
    expect(result.seconds).toBeGreaterThan(0);
    expect(received.sort()).toEqual(bodies.map((b) => `POST /v1/batch text/plain ${b}`).sort());
  });
});
