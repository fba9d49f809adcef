import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, describe, test } from 'node:test';
import { count } from 'drizzle-orm';
import { NextRequest } from 'next/server';
import { POST as paymentCallback } from '@/app/api/payments/[id]/callback/route';
import { POST as whatsappWebhook } from '@/app/api/whatsapp/cloud/[id]/webhook/route';
import { getDb } from '@/db/client';
import { paymentCallbacks } from '@/db/schema';
import { proxy } from '@/proxy';
import { testDb } from '../helpers';

const db = testDb();
after(async () => {
  // The route handlers use the process-wide pool.
  await (
    globalThis as unknown as { jaringDb?: { client: { end(o: { timeout: number }): Promise<void> } } }
  ).jaringDb?.client.end({ timeout: 1 });
});

/** A JSON body of about `bytes` bytes sent in 16 KB chunks with no Content-Length; counts what was pulled. */
function chunkedJson(bytes: number) {
  const stats = { pulled: 0 };
  const head = new TextEncoder().encode('{"order_id":"INV-X","padding":"');
  const total = Math.ceil(bytes / 16384);
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (stats.pulled === total) {
        controller.enqueue(new TextEncoder().encode('"}'));
        return controller.close();
      }
      controller.enqueue(stats.pulled === 0 ? head : new Uint8Array(16384).fill(0x61));
      stats.pulled++;
    },
  });
  return { body, stats, chunks: total };
}

const callbacks = async () => Number((await db.select({ n: count() }).from(paymentCallbacks))[0]!.n);
const params = (id: string) => ({ params: Promise.resolve({ id }) });

describe('public endpoints cap the body they read', () => {
  test('payment callback: a chunked body past the cap is answered 413 and not stored or processed', async () => {
    getDb();
    const before = await callbacks();
    const { body, stats, chunks } = chunkedJson(20 * 1024 * 1024);
    const res = await paymentCallback(
      new Request('http://localhost/api/payments/midtrans/callback', {
        method: 'POST',
        body,
        duplex: 'half',
      } as RequestInit),
      params('midtrans'),
    );
    assert.equal(res.status, 413);
    assert.ok(stats.pulled < 10, `read ${stats.pulled} of ${chunks} chunks`);
    assert.equal(await callbacks(), before, 'nothing stored');
  });

  test('payment callback: a Content-Length over the cap is answered 413 before reading', async () => {
    const before = await callbacks();
    const { body, stats } = chunkedJson(1024 * 1024);
    const res = await paymentCallback(
      new Request('http://localhost/api/payments/midtrans/callback', {
        method: 'POST',
        body,
        duplex: 'half',
        headers: { 'content-length': String(1024 * 1024) },
      } as RequestInit),
      params('midtrans'),
    );
    assert.equal(res.status, 413);
    assert.equal(stats.pulled <= 1, true);
    assert.equal(await callbacks(), before);
  });

  test('payment callback: a small body still reaches the gateway module (stored, refused as unknown order)', async () => {
    const before = await callbacks();
    const res = await paymentCallback(
      new Request('http://localhost/api/payments/midtrans/callback', { method: 'POST', body: '{"order_id":"nope"}' }),
      params('midtrans'),
    );
    assert.notEqual(res.status, 413);
    assert.equal(await callbacks(), before + 1);
  });

  test('WhatsApp webhook: a chunked body past 256 KB is answered 413 without reading the rest', async () => {
    const { body, stats, chunks } = chunkedJson(50 * 1024 * 1024);
    const res = await whatsappWebhook(
      new Request('http://localhost/api/whatsapp/cloud/x/webhook', {
        method: 'POST',
        body,
        duplex: 'half',
      } as RequestInit),
      params(randomUUID()),
    );
    assert.equal(res.status, 413);
    assert.ok(stats.pulled < 20, `read ${stats.pulled} of ${chunks} chunks`);
    const small = await whatsappWebhook(
      new Request('http://localhost/api/whatsapp/cloud/x/webhook', { method: 'POST', body: '{}' }),
      params(randomUUID()),
    );
    assert.notEqual(small.status, 413);
  });
});

describe('public pages cap the forms posted to them before Next reads them', () => {
  const post = (path: string, init: RequestInit & { duplex?: 'half' }) =>
    proxy(
      new NextRequest(`http://127.0.0.1${path}`, { method: 'POST', ...init } as ConstructorParameters<
        typeof NextRequest
      >[1]),
    );

  test('a pay-button post to a public invoice page over 256 KB, or chunked without a length, is answered 413', async () => {
    const big = await post('/i/0b7c2d3e.signature', {
      headers: { 'content-length': String(300 * 1024), 'next-action': 'x' },
    });
    assert.equal(big.status, 413);
    const { body } = chunkedJson(20 * 1024 * 1024);
    const chunked = await post('/i/0b7c2d3e.signature', {
      body,
      duplex: 'half',
      headers: { 'transfer-encoding': 'chunked' },
    });
    assert.equal(chunked.status, 413);
    for (const path of ['/login', '/signup', '/setup', '/invite/abc', '/forgot-password', '/reset/abc']) {
      assert.equal((await post(path, { headers: { 'content-length': String(1024 * 1024) } })).status, 413, path);
    }
  });

  test('a small form still reaches the page', async () => {
    const small = await post('/i/0b7c2d3e.signature', { body: '["x"]', headers: { 'content-type': 'text/plain' } });
    assert.notEqual(small.status, 413);
    assert.equal(small.headers.get('x-content-type-options'), 'nosniff');
  });
});
