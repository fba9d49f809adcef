import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { gatewayRequest, MAX_RESPONSE_BYTES } from './http';
import { GatewayError } from './types';

/**
 * A gateway URL is a tenant's input: an answer that streams without end must not fill the
 * worker's memory. A loopback server streams 5 MB (chunked, or with its length announced);
 * reading stops at 1 MB with an error that says why, on both request paths (fetch, and the
 * checked-address path used for a tenant's URL), and the call is not repeated.
 */
async function flooding(opts: { announce: boolean }, run: (url: string, stats: { requests: number }) => Promise<void>) {
  const stats = { requests: 0 };
  const chunk = Buffer.alloc(64 * 1024, 'a');
  const server = http.createServer((_req, res) => {
    stats.requests++;
    res.writeHead(200, {
      'content-type': 'application/json',
      ...(opts.announce ? { 'content-length': String(5 * 1024 * 1024) } : {}),
    });
    let sent = 0;
    const more = () => {
      while (sent < 5 * 1024 * 1024) {
        sent += chunk.length;
        if (!res.write(chunk)) return void res.once('drain', more);
      }
      res.end();
    };
    res.on('error', () => {});
    more();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    await run(`http://127.0.0.1:${(server.address() as AddressInfo).port}/status`, stats);
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

const isTooLarge = (e: unknown) =>
  e instanceof GatewayError && e.code === 'bad_response' && /larger than 1 MB/.test(e.message);

test('answers are capped at 1 MB', () => assert.equal(MAX_RESPONSE_BYTES, 1024 * 1024));

for (const announce of [false, true]) {
  test(`a 5 MB answer (${announce ? 'with content-length' : 'chunked'}) is refused at 1 MB over fetch, and not asked again`, async () => {
    await flooding({ announce }, async (url, stats) => {
      await assert.rejects(gatewayRequest({ method: 'GET', url, idempotent: true, timeoutMs: 10_000 }), isTooLarge);
      assert.equal(stats.requests, 1);
    });
  });

  test(`a 5 MB answer (${announce ? 'with content-length' : 'chunked'}) is refused at 1 MB on the checked-address path`, async () => {
    await flooding({ announce }, async (url, stats) => {
      await assert.rejects(
        gatewayRequest({
          method: 'POST',
          url,
          form: { a: 'b' },
          idempotent: true,
          timeoutMs: 10_000,
          connectTo: { address: '127.0.0.1', family: 4 },
        }),
        isTooLarge,
      );
      assert.equal(stats.requests, 1);
    });
  });
}

test('an answer under the cap is read whole on both paths', async () => {
  const body = JSON.stringify({ ok: true, pad: 'x'.repeat(900 * 1024) });
  const server = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(body));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    for (const connectTo of [undefined, { address: '127.0.0.1', family: 4 as const }]) {
      const res = await gatewayRequest({ method: 'GET', url, idempotent: true, connectTo });
      assert.equal(res.text.length, body.length);
      assert.equal((res.body as { ok: boolean }).ok, true);
    }
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});
