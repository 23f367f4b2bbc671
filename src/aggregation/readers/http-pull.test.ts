import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openHttpJson } from './http-pull.ts';
import { toGbk } from './sample-data.ts';
import { readAll, readError } from './test-helpers.ts';

// Art. 18: scheduled pulls from a department interface, against a local server (no internet).

const PEOPLE = [
  { xm: '张三', sfzh: '110101199003077777' },
  { xm: '李四', sfzh: '23010219700101001X' },
];
let server: http.Server;
let base = '';
const seen: Record<string, string | undefined> = {};

beforeAll(async () => {
  server = http.createServer((req, res) => {
    seen[req.url ?? ''] = req.headers.authorization;
    const body = JSON.stringify({ code: 0, data: { records: PEOPLE } });
    switch (req.url) {
      case '/people':
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
        // Written in two pieces, cut inside a character.
        res.write(Buffer.from(body).subarray(0, 40));
        setTimeout(() => res.end(Buffer.from(body).subarray(40)), 10);
        return;
      case '/nd':
        res.writeHead(200, { 'content-type': 'application/x-ndjson' });
        res.end(PEOPLE.map((p) => JSON.stringify(p)).join('\n'));
        return;
      case '/gbk':
        res.writeHead(200, { 'content-type': 'application/json; charset=GBK' });
        res.end(toGbk('[{"xm":"张王"}]'));
        return;
      case '/fail':
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end('boom');
        return;
      case '/silent':
        return; // never answers
      case '/stall':
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('[{"a":1},');
        return; // the body never ends
      case '/declared-big':
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': 10_000_000 });
        res.write('[');
        return;
      case '/endless': {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('[');
        const more = () => {
          if (res.destroyed) return;
          if (res.write(`${JSON.stringify(PEOPLE[0])},`.repeat(100))) setImmediate(more);
          else res.once('drain', more);
        };
        more();
        res.on('error', () => {});
        return;
      }
      default:
        res.writeHead(404);
        res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('openHttpJson', () => {
  it('streams a wrapped JSON body into rows, sending the given headers', async () => {
    const src = await openHttpJson({ url: `${base}/people`, headers: { authorization: 'Bearer t' } });
    const body = JSON.stringify({ code: 0, data: { records: PEOPLE } });
    expect(src.totalBytes).toBe(Buffer.byteLength(body));
    const r = await readAll(src);
    expect(r.header).toEqual(['xm', 'sfzh']);
    expect(r.rows).toEqual([
      [1, ['张三', '110101199003077777']],
      [2, ['李四', '23010219700101001X']],
    ]);
    expect(r.batches.at(-1)?.bytesRead).toBe(Buffer.byteLength(body));
    expect(seen['/people']).toBe('Bearer t');
  });

  it('reads NDJSON by Content-Type and the charset it names', async () => {
    const nd = await readAll(await openHttpJson({ url: `${base}/nd` }));
    expect(nd.rows.map(([n, c]) => [n, c[0]])).toEqual([
      [1, '张三'],
      [2, '李四'],
    ]);
    const gbk = await readAll(await openHttpJson({ url: `${base}/gbk` }));
    expect(gbk.rows).toEqual([[1, ['张王']]]);
  });

  it('refuses a non-2xx answer, naming the status', async () => {
    const err = await readError(() => openHttpJson({ url: `${base}/fail` }));
    expect(err.message).toBe('数据接口返回 HTTP 500 Internal Server Error');
    expect(err.status).toBe(502);
    expect(err.code).toBe('aggregation-pull-failed');
  });

  it('only pulls http and https', async () => {
    for (const url of ['file:///etc/passwd', 'ftp://example.org/a.json', 'not a url']) {
      const err = await readError(() => openHttpJson({ url }));
      expect(err.status).toBe(400);
    }
    expect((await readError(() => openHttpJson({ url: 'file:///etc/passwd' }))).message).toBe(
      '只支持 http 或 https 接口地址，不支持“file:”',
    );
  });

  it('aborts on timeout, before the answer and during the body', async () => {
    const silent = await readError(() => openHttpJson({ url: `${base}/silent`, timeoutMs: 200 }));
    expect(silent.message).toBe('数据接口在 0.2 秒内没有完成响应，已中止');
    expect(silent.status).toBe(504);
    const stall = await readError(() => openHttpJson({ url: `${base}/stall`, timeoutMs: 300 }));
    expect(stall.message).toBe('数据接口在 0.3 秒内没有完成响应，已中止');
  });

  it('aborts past maxBytes, declared or streamed', async () => {
    const declared = await readError(() => openHttpJson({ url: `${base}/declared-big`, maxBytes: 1000 }));
    expect(declared.message).toBe('响应超过 1000 字节的上限，已中止');
    const endless = await readError(() => openHttpJson({ url: `${base}/endless`, maxBytes: 100_000 }));
    expect(endless.message).toBe('响应超过 100000 字节的上限，已中止');
  });

  it('reports a refused connection in Chinese', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const err = await readError(() => openHttpJson({ url: `http://127.0.0.1:${port}/x` }));
    expect(err.message).toBe('无法从数据接口读取数据（ECONNREFUSED）');
  });

  it('uses the fetch it is given', async () => {
    const fake = (async () =>
      new Response('[{"a":"1"}]', {
        status: 200,
        headers: { 'content-type': 'application/json' },
      })) as typeof fetch;
    const r = await readAll(await openHttpJson({ url: 'https://example.invalid/x', fetchImpl: fake }));
    expect(r.rows).toEqual([[1, ['1']]]);
  });
});
