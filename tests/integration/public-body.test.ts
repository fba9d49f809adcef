import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, describe, test } from 'node:test';
import { count } from 'drizzle-orm';
import { POST as paymentCallback } from '@/app/api/payments/[id]/callback/route';
import { POST as whatsappWebhook } from '@/app/api/whatsapp/cloud/[id]/webhook/route';
import { getDb } from '@/db/client';
import { paymentCallbacks } from '@/db/schema';
import { testDb } from '../helpers';

const db = testDb();
after(async () => {
  // The route handlers use the process-wide pool.
  await (globalThis as unknown as { jaringDb?: { client: { end(o: { timeout: number }): Promise<void> } } }).jaringDb?.client.end({ timeout: 1 });
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
    const res = await paymentCallback(new Request('http://localhost/api/payments/midtrans/callback', { method: 'POST', body, duplex: 'half' } as RequestInit), params('midtrans'));
    assert.equal(res.status, 413);
    assert.ok(stats.pulled < 10, `read ${stats.pulled} of ${chunks} chunks`);
    assert.equal(await callbacks(), before, 'nothing stored');
  });

  test('payment callback: a Content-Length over the cap is answered 413 before reading', async () => {
    const before = await callbacks();
    const { body, stats } = chunkedJson(1024 * 1024);
    const res = await paymentCallback(
      new Request('http://localhost/api/payments/midtrans/callback', { method: 'POST', body, duplex: 'half', headers: { 'content-length': String(1024 * 1024) } } as RequestInit),
      params('midtrans'),
    );
    assert.equal(res.status, 413);
    assert.equal(stats.pulled <= 1, true);
    assert.equal(await callbacks(), before);
  });

  test('payment callback: a small body still reaches the gateway module (stored, refused as unknown order)', async () => {
    const before = await callbacks();
    const res = await paymentCallback(new Request('http://localhost/api/payments/midtrans/callback', { method: 'POST', body: '{"order_id":"nope"}' }), params('midtrans'));
    assert.notEqual(res.status, 413);
    assert.equal(await callbacks(), before + 1);
  });

  test('WhatsApp webhook: a chunked body past 256 KB is answered 413 without reading the rest', async () => {
    const { body, stats, chunks } = chunkedJson(50 * 1024 * 1024);
    const res = await whatsappWebhook(new Request('http://localhost/api/whatsapp/cloud/x/webhook', { method: 'POST', body, duplex: 'half' } as RequestInit), params(randomUUID()));
    assert.equal(res.status, 413);
    assert.ok(stats.pulled < 20, `read ${stats.pulled} of ${chunks} chunks`);
    const small = await whatsappWebhook(new Request('http://localhost/api/whatsapp/cloud/x/webhook', { method: 'POST', body: '{}' }), params(randomUUID()));
    assert.notEqual(small.status, 413);
  });
});
