import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import type { Runner } from 'graphile-worker';
import {
  conversationMessages,
  conversations,
  customers,
  invoices,
  messages,
  tickets,
  whatsappSessions,
} from '@/db/schema';
import { assistantReply } from '@/lib/assistant/jobs';
import { dispatchOnce, SessionPacer } from '@/lib/messaging/dispatch';
import { startWorker } from '@/workers/runner';
import { inboundText, startWhatsAppSessions, type WhatsAppSessions } from '@/workers/whatsapp/session-manager';
import { makeOrg, makePlan, makeSubscriber, testDb, waitFor } from '../helpers';
import { WhatsAppServer } from '../support/whatsapp-server';

/**
 * The assistant end to end over real Baileys: a customer's phone (the socket-level stand-in)
 * Signal-encrypts a text to the organization's linked device, Baileys decrypts it and acks
 * it, the session manager stores it, the assistant-reply job answers, the dispatcher sends
 * the answer through the same linked device, and the customer's phone decrypts it.
 */
const db = testDb();
const PHONE = `62811${String(Date.now()).slice(-7)}`;
const CUSTOMER = `62812${String(Date.now()).slice(-7)}`;
const STRANGER = `62813${String(Date.now()).slice(-7)}`;
let server: WhatsAppServer;
let manager: WhatsAppSessions;
let runner: Runner;
let orgId: string;
let orgName: string;
let sessionId: string;
const pacer = new SessionPacer(() => 0);

/** The customer's phone writes; resolves with the text the assistant's answer arrived as on that phone. */
async function converse(from: string, text: string) {
  const id = await server.sendFromPhone(from, PHONE, text);
  const line = await waitFor(async () => {
    const [l] = await db
      .select()
      .from(conversationMessages)
      .where(and(eq(conversationMessages.organizationId, orgId), eq(conversationMessages.transportMessageId, id)));
    return l;
  });
  const reply = await waitFor(async () => {
    const [m] = await db
      .select()
      .from(messages)
      .where(and(eq(messages.organizationId, orgId), eq(messages.eventKey, `assistant:${line.id}`)));
    return m;
  });
  const sent = await waitFor(async () => {
    await dispatchOnce(db, { transportFor: (s) => manager.transportFor(s.id), pacer, orgIds: [orgId] });
    const [m] = await db.select().from(messages).where(eq(messages.id, reply.id));
    return m?.status === 'sent' ? m : null;
  });
  const got = server.received.find((r) => r.id === sent.transportMessageId);
  assert.ok(got, 'the reply reached WhatsApp');
  assert.equal(got.to, `${from}@s.whatsapp.net`);
  return { id, line, text: got.text ?? '' };
}

describe('a customer writes to the linked device', () => {
  before(async () => {
    const o = await makeOrg(db, 'as-wa');
    orgId = o.org.id;
    orgName = o.org.name;
    const plan = await makePlan(db, orgId, { priceRupiah: 200_000 });
    const { customer, subscription } = await makeSubscriber(db, orgId, { planId: plan.id, routerId: null });
    await db.update(customers).set({ phone: CUSTOMER }).where(eq(customers.id, customer.id));
    await db.insert(invoices).values({
      organizationId: orgId,
      number: `INV/${randomUUID().slice(0, 6)}`,
      customerId: customer.id,
      subscriptionId: subscription.id,
      period: '2026-12-01',
      issueDate: '2026-12-01',
      dueDate: '2026-12-20',
      billingType: 'postpaid',
      subtotal: 200_000,
      tax: 0,
      total: 200_000,
    });
    server = await new WhatsAppServer().start();
    manager = startWhatsAppSessions(db, {
      waWebSocketUrl: server.url,
      pollMs: 200,
      ackTimeoutMs: 3000,
      logLevel: (process.env.WA_LOG as 'silent') ?? 'silent',
      organizationIds: [orgId],
    });
    runner = await startWorker({
      connectionString: process.env.DATABASE_URL!,
      db,
      only: [assistantReply.name],
      log: false,
      schedule: false,
    });
    const [row] = await db
      .insert(whatsappSessions)
      .values({ organizationId: orgId, name: 'Kantor', transport: 'baileys', perMinute: 600 })
      .returning();
    sessionId = row!.id;
    const { qr } = await waitFor(async () => {
      const [s] = await db.select().from(whatsappSessions).where(eq(whatsappSessions.id, sessionId));
      return s?.status === 'qr' && s.qr ? s : null;
    });
    await server.scan(qr!, PHONE);
    await waitFor(async () => {
      const [s] = await db.select().from(whatsappSessions).where(eq(whatsappSessions.id, sessionId));
      return s?.status === 'connected';
    });
  });

  after(async () => {
    await runner?.stop();
    await manager?.stop();
    await server?.stop();
    await db.update(whatsappSessions).set({ enabled: false }).where(eq(whatsappSessions.organizationId, orgId));
  });

  test('tagihan: stored with the transport id, acked by the device, answered with the bill on the phone', async () => {
    const { id, line, text } = await converse(CUSTOMER, 'tagihan');
    assert.equal(line.author, 'customer');
    assert.equal(line.body, 'tagihan');
    assert.ok(
      server.deviceReceipts.some((r) => r.id === id),
      'Baileys sent the delivery receipt',
    );
    assert.match(text, /Tagihan yang belum dibayar/);
    assert.match(text, /Rp\s?200\.000, jatuh tempo 20 Des/);
    assert.match(text, /\/i\/[0-9a-f-]{36}\./);
    assert.ok(text.endsWith(`— ${orgName}`));
    const [c] = await db
      .select()
      .from(conversations)
      .where(and(eq(conversations.organizationId, orgId), eq(conversations.phone, CUSTOMER)));
    assert.equal(c!.sessionId, sessionId, 'replies go out through the session the customer wrote to');
    assert.deepEqual(server.errors, []);
  });

  test('lapor opens a WhatsApp ticket and the phone reads its number', async () => {
    const { text } = await converse(CUSTOMER, 'lapor internet putus sejak jam 7');
    const [ticket] = await db
      .select()
      .from(tickets)
      .where(and(eq(tickets.organizationId, orgId), eq(tickets.source, 'whatsapp')));
    assert.equal(ticket!.subject, 'internet putus sejak jam 7');
    assert.ok(text.includes(`T-${String(ticket!.number).padStart(6, '0')}`), text);
  });

  test('an unknown number gets the contact text', async () => {
    const { text } = await converse(STRANGER, 'halo, mau pasang wifi');
    assert.match(text, /belum terdaftar sebagai pelanggan/);
  });

  test('a redelivered message is stored once', async () => {
    const { id } = await converse(CUSTOMER, 'paket');
    await server.sendFromPhone(CUSTOMER, PHONE, 'paket', { id });
    await waitFor(async () => server.deviceReceipts.filter((r) => r.id === id).length >= 2);
    const lines = await db
      .select()
      .from(conversationMessages)
      .where(and(eq(conversationMessages.organizationId, orgId), eq(conversationMessages.transportMessageId, id)));
    assert.equal(lines.length, 1);
  });
});

test('only 1:1 texts from others reach the assistant: not our own, groups, broadcasts, status or media', () => {
  const base = {
    key: { id: 'A1', fromMe: false, remoteJid: `${CUSTOMER}@s.whatsapp.net` },
    messageTimestamp: 1_800_000_000,
  };
  assert.deepEqual(inboundText({ ...base, message: { conversation: 'menu' } }), {
    fromPhone: CUSTOMER,
    text: 'menu',
    id: 'A1',
    at: new Date(1_800_000_000_000),
  });
  assert.equal(inboundText({ ...base, message: { extendedTextMessage: { text: 'status' } } })?.text, 'status');
  assert.equal(inboundText({ ...base, key: { ...base.key, fromMe: true }, message: { conversation: 'x' } }), null);
  for (const remoteJid of ['120363@g.us', 'status@broadcast', '123@broadcast'])
    assert.equal(inboundText({ ...base, key: { ...base.key, remoteJid }, message: { conversation: 'menu' } }), null);
  assert.equal(inboundText({ ...base, message: { imageMessage: {} } }), null);
});
