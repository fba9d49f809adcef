import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { messages, whatsappAuthState, whatsappSessions } from '@/db/schema';
import { usePostgresAuthState } from '@/lib/messaging/transports/baileys-auth';
import { TransportError } from '@/lib/messaging/types';
import { startWhatsAppSessions, type WhatsAppSessions } from '@/workers/whatsapp/session-manager';
import { makeOrg, testDb, waitFor } from '../helpers';
import { WhatsAppServer } from '../support/whatsapp-server';

const db = testDb();
const PHONE = '6281234567890';
const CUSTOMER = '6289876543210';
let server: WhatsAppServer;
let manager: WhatsAppSessions;
let orgId: string;

function startManager() {
  return startWhatsAppSessions(db, {
    waWebSocketUrl: server.url,
    pollMs: 200,
    ackTimeoutMs: 1500,
    logLevel: (process.env.WA_LOG as 'silent') ?? 'silent',
    organizationIds: [orgId],
  });
}

async function session(id: string) {
  const [row] = await db.select().from(whatsappSessions).where(eq(whatsappSessions.id, id));
  return row!;
}

async function authRows(id: string) {
  return db.select().from(whatsappAuthState).where(eq(whatsappAuthState.sessionId, id));
}

test('the PostgreSQL auth state round-trips Buffers, deletes with null and clears', async () => {
  const { org } = await makeOrg(db, 'wa-auth');
  const [row] = await db
    .insert(whatsappSessions)
    .values({ organizationId: org.id, name: 'Auth', transport: 'baileys', enabled: false })
    .returning();
  const auth = await usePostgresAuthState(db, row!.id);
  await auth.saveCreds();
  const preKey = { public: Buffer.from('a'.repeat(32)), private: Buffer.from('b'.repeat(32)) };
  await auth.state.keys.set({
    'pre-key': { '1': preKey, '2': preKey },
    'app-state-sync-key': { AAAA: { keyData: Buffer.from([1, 2, 3]), timestamp: 5 } },
  });
  const again = await usePostgresAuthState(db, row!.id);
  assert.deepEqual(
    again.state.creds.signedIdentityKey,
    auth.state.creds.signedIdentityKey,
    'creds come back from the row, not new ones',
  );
  const got = await again.state.keys.get('pre-key', ['1', '2', '3']);
  assert.deepEqual(Object.keys(got).sort(), ['1', '2']);
  assert.ok(Buffer.isBuffer(got['1']!.public) && got['1']!.public.equals(preKey.public));
  const sync = await again.state.keys.get('app-state-sync-key', ['AAAA']);
  assert.deepEqual(Buffer.from(sync.AAAA!.keyData!), Buffer.from([1, 2, 3]));
  await again.state.keys.set({ 'pre-key': { '1': null } });
  assert.deepEqual(Object.keys(await again.state.keys.get('pre-key', ['1', '2'])), ['2']);
  const stored = await authRows(row!.id);
  assert.deepEqual(stored.map((r) => r.key).sort(), ['app-state-sync-key:AAAA', 'creds', 'pre-key:2']);
  assert.ok(stored.every((r) => r.valueEnc.startsWith('v1.') && !r.valueEnc.includes('Buffer')));
  await again.clear();
  assert.deepEqual(await authRows(row!.id), []);
});

describe('WhatsApp linked device (Baileys against a socket-level stand-in)', () => {
  let sessionId: string;

  before(async () => {
    orgId = (await makeOrg(db, 'wa')).org.id;
    server = await new WhatsAppServer().start();
    manager = startManager();
  });
  after(async () => {
    await manager.stop();
    await server.stop();
    // A worker serving every organization would pick these up: leave none enabled.
    await db.update(whatsappSessions).set({ enabled: false }).where(eq(whatsappSessions.organizationId, orgId));
  });

  test('a new session gets a QR in its row; sending before pairing is refused', async () => {
    const [row] = await db
      .insert(whatsappSessions)
      .values({ organizationId: orgId, name: 'Kantor', transport: 'baileys' })
      .returning();
    sessionId = row!.id;
    const withQr = await waitFor(async () => {
      const s = await session(sessionId);
      return s.status === 'qr' && s.qr ? s : null;
    });
    assert.ok(withQr.qrAt);
    assert.equal(withQr.qr!.split(',').length, 4, 'ref, noise key, identity key, ADV secret');
    await assert.rejects(
      manager.transportFor(sessionId)!.sendText(CUSTOMER, 'halo'),
      (e: unknown) => e instanceof TransportError && e.code === 'not_connected' && e.retryable,
    );
  });

  test('after the phone scans, the session is connected with its number and the auth state is in PostgreSQL, encrypted', async () => {
    const { qr } = await session(sessionId);
    assert.equal(await server.scan(qr!, PHONE), `${PHONE}:1@s.whatsapp.net`);
    const connected = await waitFor(async () => {
      const s = await session(sessionId);
      return s.status === 'connected' ? s : null;
    });
    assert.equal(connected.phone, PHONE);
    assert.equal(connected.qr, null);
    assert.ok(connected.lastActivityAt);
    const rows = await waitFor(async () => {
      const r = await authRows(sessionId);
      return r.some((x) => x.key.startsWith('pre-key:')) ? r : null;
    });
    assert.ok(rows.find((r) => r.key === 'creds'));
    for (const r of rows) {
      assert.match(r.valueEnc, /^v1\./);
      assert.ok(!r.valueEnc.includes(PHONE));
    }
  });

  test('sendText resolves with the id the server acked, and the recipient decrypts the text', async () => {
    const text = 'Tagihan Juli Rp 150.000 sudah terbit.';
    const { messageId } = await manager.transportFor(sessionId)!.sendText(CUSTOMER, text);
    const got = server.received.find((m) => m.id === messageId);
    assert.ok(got, 'the stand-in received the message node');
    assert.equal(got.to, `${CUSTOMER}@s.whatsapp.net`);
    assert.equal(got.text, text);
  });

  test('a server that never acks: timeout, not "sent"', async () => {
    server.ackMessages = false;
    try {
      const before = server.received.length;
      await assert.rejects(
        manager.transportFor(sessionId)!.sendText(CUSTOMER, 'tanpa ack'),
        (e: unknown) => e instanceof TransportError && e.code === 'timeout' && e.retryable,
      );
      assert.equal(server.received.length, before + 1, 'the node reached the server, which stayed silent');
    } finally {
      server.ackMessages = true;
    }
  });

  test('receipts move the messages row to delivered, then read, never back', async () => {
    const { messageId } = await manager.transportFor(sessionId)!.sendText(CUSTOMER, 'Terima kasih');
    const [msg] = await db
      .insert(messages)
      .values({
        organizationId: orgId,
        sessionId,
        toPhone: CUSTOMER,
        category: 'invoice',
        body: 'Terima kasih',
        status: 'sent',
        transportMessageId: messageId,
        sentAt: new Date(),
      })
      .returning();
    const row = async () => (await db.select().from(messages).where(eq(messages.id, msg!.id)))[0]!;
    server.sendReceipt(messageId!, `${CUSTOMER}@s.whatsapp.net`, 'delivered');
    const delivered = await waitFor(async () => ((await row()).status === 'delivered' ? row() : null));
    assert.ok(delivered.deliveredAt);
    server.sendReceipt(messageId!, `${CUSTOMER}@s.whatsapp.net`, 'read');
    const read = await waitFor(async () => ((await row()).status === 'read' ? row() : null));
    assert.ok(read.readAt);
    assert.equal(read.deliveredAt?.getTime(), delivered.deliveredAt!.getTime());
    server.sendReceipt(messageId!, `${CUSTOMER}@s.whatsapp.net`, 'delivered');
    await new Promise((r) => setTimeout(r, 300));
    assert.equal((await row()).status, 'read');
  });

  test('a restarted manager resumes from the PostgreSQL auth state without a new QR', async () => {
    await manager.stop();
    assert.equal((await session(sessionId)).status, 'disconnected');
    const pairings = server.pairingRequests;
    manager = startManager();
    await waitFor(async () => (await session(sessionId)).status === 'connected');
    assert.equal(server.pairingRequests, pairings, 'no new QR');
    assert.equal(server.linkedDevices(PHONE).length, 1, 'the same linked device, no second pairing');
    assert.equal((await session(sessionId)).qr, null);
    const { messageId } = await manager.transportFor(sessionId)!.sendText(CUSTOMER, 'Setelah restart');
    assert.equal(server.received.find((m) => m.id === messageId)?.text, 'Setelah restart');
  });

  test('a second worker leaves the device to the one holding it, and takes it over when that one stops', async () => {
    const first = manager;
    manager = startManager();
    await new Promise((r) => setTimeout(r, 1000)); // several polls of the second worker
    assert.equal(manager.transportFor(sessionId), null, 'the second worker does not connect a held device');
    assert.ok(first.transportFor(sessionId));
    assert.equal(server.linkedDevices(PHONE).length, 1);
    await first.stop();
    await waitFor(
      async () => manager.transportFor(sessionId) !== null && (await session(sessionId)).status === 'connected',
    );
    const { messageId } = await manager.transportFor(sessionId)!.sendText(CUSTOMER, 'Dari pekerja kedua');
    assert.equal(server.received.find((m) => m.id === messageId)?.text, 'Dari pekerja kedua');
    assert.equal(server.linkedDevices(PHONE).length, 1, 'still one linked device');
  });

  test('a disabled session is closed', async () => {
    const [row] = await db
      .insert(whatsappSessions)
      .values({ organizationId: orgId, name: 'Cadangan', transport: 'baileys' })
      .returning();
    await waitFor(async () => (await session(row!.id)).status === 'qr');
    assert.ok(manager.transportFor(row!.id));
    await db.update(whatsappSessions).set({ enabled: false }).where(eq(whatsappSessions.id, row!.id));
    await waitFor(async () => manager.transportFor(row!.id) === null);
    assert.equal((await session(row!.id)).status, 'disconnected');
  });

  test('logout unlinks the device at WhatsApp and clears the auth state', async () => {
    assert.equal(server.linkedDevices(PHONE).length, 1);
    await db.update(whatsappSessions).set({ logoutRequestedAt: new Date() }).where(eq(whatsappSessions.id, sessionId));
    const out = await waitFor(async () => {
      const s = await session(sessionId);
      return s.status === 'logged_out' ? s : null;
    });
    assert.equal(out.logoutRequestedAt, null);
    assert.deepEqual(await authRows(sessionId), []);
    await waitFor(async () => server.linkedDevices(PHONE).length === 0);
    assert.equal(manager.transportFor(sessionId), null);
  });

  test('a device unlinked from the phone ends logged out, its auth state cleared', async () => {
    const [row] = await db
      .insert(whatsappSessions)
      .values({ organizationId: orgId, name: 'HP lama', transport: 'baileys' })
      .returning();
    const { qr } = await waitFor(async () => {
      const s = await session(row!.id);
      return s.status === 'qr' ? s : null;
    });
    const jid = await server.scan(qr!, '6285700000001');
    await waitFor(async () => (await session(row!.id)).status === 'connected');
    server.unlink(jid);
    const out = await waitFor(async () => {
      const s = await session(row!.id);
      return s.status === 'logged_out' ? s : null;
    });
    assert.ok(out.lastError);
    assert.deepEqual(await authRows(row!.id), []);
    assert.deepEqual(server.errors, []);
  });
});
