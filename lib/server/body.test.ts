import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { bodyText, declaredBodyWithin, readBodyCapped, withCappedBody } from './body';

/** A chunked request body (no Content-Length) of `chunks` pieces of `size` bytes; counts what was pulled. */
function chunkedRequest(chunks: number, size: number) {
  const stats = { pulled: 0, cancelled: false };
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (stats.pulled === chunks) return controller.close();
      stats.pulled++;
      controller.enqueue(new Uint8Array(size).fill(0x61));
    },
    cancel() {
      stats.cancelled = true;
    },
  });
  const request = new Request('http://localhost/cb', { method: 'POST', body, duplex: 'half' } as RequestInit);
  assert.equal(request.headers.get('content-length'), null);
  return { request, stats };
}

describe('readBodyCapped', () => {
  test('a chunked body without Content-Length is read up to the limit and no further', async () => {
    const { request, stats } = chunkedRequest(10_000, 16 * 1024);
    assert.equal(await readBodyCapped(request, 256 * 1024), null);
    assert.ok(stats.pulled <= 18, `stopped after ${stats.pulled} chunks, not 10,000`);
    assert.ok(stats.cancelled);
  });

  test('a declared Content-Length over the limit is refused before anything is read', async () => {
    const request = new Request('http://localhost/cb', {
      method: 'POST',
      body: 'x',
      headers: { 'content-length': String(10 * 1024 * 1024) },
    });
    assert.equal(await readBodyCapped(request, 1024), null);
    const nonsense = new Request('http://localhost/cb', {
      method: 'POST',
      body: 'x',
      headers: { 'content-length': 'abc' },
    });
    assert.equal(await readBodyCapped(nonsense, 1024), null);
  });

  test('a body within the limit comes back whole, chunked or not, BOM kept', async () => {
    const { request } = chunkedRequest(4, 1000);
    assert.equal((await readBodyCapped(request, 4000))!.byteLength, 4000);
    const json = new Request('http://localhost/cb', { method: 'POST', body: '\uFEFF{"a":1}' });
    assert.equal(bodyText((await readBodyCapped(json))!), '\uFEFF{"a":1}');
    assert.equal((await readBodyCapped(new Request('http://localhost/cb', { method: 'POST' })))!.byteLength, 0);
  });
});

describe('declaredBodyWithin', () => {
  test('only a declared length within the limit passes; a chunked body never does', () => {
    const h = (o: Record<string, string>) => new Headers(o);
    assert.equal(declaredBodyWithin(h({ 'content-length': '1000' }), 2048), true);
    assert.equal(declaredBodyWithin(h({ 'content-length': '4096' }), 2048), false);
    assert.equal(declaredBodyWithin(h({ 'content-length': ' 12x' }), 2048), false);
    assert.equal(declaredBodyWithin(h({ 'transfer-encoding': 'chunked' }), 2048), false);
    assert.equal(declaredBodyWithin(h({}), 2048), true);
  });
});

describe('withCappedBody', () => {
  const echo = withCappedBody(
    async (request, context: { params: string }) =>
      Response.json({
        url: request.nextUrl.pathname,
        method: request.method,
        type: request.headers.get('content-type'),
        body: await request.text(),
        context,
      }),
    1024,
  );

  test('a body within the limit reaches the handler whole, with URL, method and headers', async () => {
    const request = new Request('http://localhost/api/auth/callback/credentials?x=1', {
      method: 'POST',
      body: 'email=a%40b.test',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    assert.deepEqual(await (await echo(request, { params: 'p' })).json(), {
      url: '/api/auth/callback/credentials',
      method: 'POST',
      type: 'application/x-www-form-urlencoded',
      body: 'email=a%40b.test',
      context: { params: 'p' },
    });
  });

  test('a larger body gets 413 and never reaches the handler', async () => {
    const { request, stats } = chunkedRequest(1000, 1024);
    const response = await echo(request, { params: 'p' });
    assert.equal(response.status, 413);
    assert.ok(stats.pulled <= 3, `stopped after ${stats.pulled} chunks`);
  });
});
