import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import {
  conversationMessages,
  conversations,
  customers,
  messages,
  messageTemplates,
  messagingSettings,
  whatsappSessions,
} from '@/db/schema';
import { decryptSecret, encryptSecret } from '@/lib/crypto';
import { recordConversationLine } from '@/lib/inbox/record';
import { queueConversationReply } from '@/lib/inbox/send';
import { dispatchOnce, SessionPacer } from '@/lib/messaging/dispatch';
import { createHttpTransport } from '@/lib/messaging/transports';
import { makeCustomerWorld, makeMember, makeOrg, testDb } from '../helpers';
import { type HttpGatewayFake, startFakeHttpGateway } from '../support/whatsapp-http';

const db = testDb();
let office: HttpGatewayFake;
let field: HttpGatewayFake;
before(async () => {
  office = await startFakeHttpGateway();
  field = await startFakeHttpGateway();
});
after(async () => {
  await office.close();
  await field.close();
});

/** A session row for one of the fake HTTP gateways (the real transport talks to it). */
async function session(orgId: string, gateway: HttpGatewayFake, over: Partial<typeof whatsappSessions.$inferInsert>) {
  const [s] = await db
    .insert(whatsappSessions)
    .values({
      organizationId: orgId,
      name: 'Gateway',
      transport: 'http_gateway',
      status: 'connected',
      configEnc: encryptSecret(JSON.stringify({ url: gateway.url, token: gateway.credentials.token })),
      perMinute: 60,
      ...over,
    })
    .returning();
  return s!;
}

/** The worker makes each session's transport from its own stored keys; a disconnected one has none. */
const viaConfig = (s: typeof whatsappSessions.$inferSelect) =>
  s.status === 'disconnected' || !s.configEnc
    ? null
    : createHttpTransport('http_gateway', JSON.parse(decryptSecret(s.configEnc)), { allowPrivate: true });

const deps = (orgId: string, t: number) => ({
  transportFor: viaConfig,
  pacer: new SessionPacer(() => 0.5),
  now: () => new Date(t),
  orgIds: [orgId],
});

async function world() {
  const { org, admin } = await makeOrg(db, 'inbox-send');
  await db.insert(messagingSettings).values({ organizationId: org.id, disabled: ['payment_received'] });
  const w = await makeCustomerWorld(db, org.id, admin.user.id);
  return { org, admin, ...w };
}

describe('queueConversationReply', () => {
  test('a staff reply is the inbox template signed with the member name, queued to the number, and a line of the thread', async () => {
    const w = await world();
    const cs = await makeMember(db, w.org.id, 'operator');
    const { conversationId } = await recordConversationLine(db, {
      orgId: w.org.id,
      phone: w.customer.phone,
      author: 'customer',
      body: 'Internet mati sejak pagi',
      customerId: w.customer.id,
    });
    const r = await queueConversationReply(db, {
      orgId: w.org.id,
      conversationId,
      text: 'Baik, kami cek sekarang.',
      author: 'staff',
      authorUserId: cs.user.id,
    });
    assert.equal(r.status, 'queued');
    const [m] = await db.select().from(messages).where(eq(messages.id, r.messageId));
    assert.equal(m!.category, 'inbox');
    assert.equal(m!.toPhone, '6281234567890');
    assert.equal(m!.customerId, w.customer.id);
    assert.equal(m!.body, `Baik, kami cek sekarang.\n— Test operator, ${w.org.name}`);
    const lines = await db
      .select()
      .from(conversationMessages)
      .where(eq(conversationMessages.conversationId, conversationId))
      .orderBy(conversationMessages.createdAt);
    assert.deepEqual(
      lines.map((l) => [l.author, l.body, l.messageId, l.authorUserId]),
      [
        ['customer', 'Internet mati sejak pagi', null, null],
        ['staff', 'Baik, kami cek sekarang.', r.messageId, cs.user.id],
      ],
    );
    const [c] = await db.select().from(conversations).where(eq(conversations.id, conversationId));
    assert.equal(c!.lastPreview, 'Baik, kami cek sekarang.');
  });

  test("an assistant answer uses the organization's own assistant wording in its language and keeps the matched command", async () => {
    const w = await world();
    await db.update(messagingSettings).set({ locale: 'en' }).where(eq(messagingSettings.organizationId, w.org.id));
    await db
      .insert(messageTemplates)
      .values({ organizationId: w.org.id, category: 'assistant', locale: 'en', body: '[Bot] {{reply.text}}' });
    const { conversationId } = await recordConversationLine(db, {
      orgId: w.org.id,
      phone: '6289900001111',
      author: 'customer',
      body: 'tagihan',
    });
    const r = await queueConversationReply(db, {
      orgId: w.org.id,
      conversationId,
      text: 'Your bill is Rp 150.000',
      author: 'assistant',
      intent: 'tagihan',
    });
    const [m] = await db.select().from(messages).where(eq(messages.id, r.messageId));
    assert.equal(m!.category, 'assistant');
    assert.equal(m!.body, '[Bot] Your bill is Rp 150.000');
    assert.equal(m!.customerId, null, 'a stranger is not a customer');
    const [line] = await db
      .select()
      .from(conversationMessages)
      .where(
        and(eq(conversationMessages.conversationId, conversationId), eq(conversationMessages.author, 'assistant')),
      );
    assert.equal(line!.intent, 'tagihan');
    assert.equal(line!.messageId, r.messageId);
  });

  test('a customer who opted out gets nothing: the reply is kept as cancelled (opted_out) in the thread', async () => {
    const w = await world();
    await db.update(customers).set({ whatsappOptOut: true }).where(eq(customers.id, w.customer.id));
    const { conversationId } = await recordConversationLine(db, {
      orgId: w.org.id,
      phone: w.customer.phone,
      author: 'customer',
      body: 'halo',
      customerId: w.customer.id,
    });
    const r = await queueConversationReply(db, {
      orgId: w.org.id,
      conversationId,
      text: 'Halo juga',
      author: 'staff',
      authorUserId: w.admin.user.id,
    });
    assert.deepEqual([r.status, r.reason], ['cancelled', 'opted_out']);
    const [m] = await db.select().from(messages).where(eq(messages.id, r.messageId));
    assert.deepEqual([m!.status, m!.error], ['cancelled', 'opted_out']);
    assert.ok(r.lineId, 'the line is still in the thread');
  });

  test("another organization's conversation is not found", async () => {
    const a = await makeOrg(db, 'inbox-a');
    const b = await makeOrg(db, 'inbox-b');
    const { conversationId } = await recordConversationLine(db, {
      orgId: a.org.id,
      phone: '6281200000001',
      author: 'customer',
      body: 'halo',
    });
    await assert.rejects(
      queueConversationReply(db, { orgId: b.org.id, conversationId, text: 'x', author: 'staff' }),
      /not_found/,
    );
    assert.equal((await db.select().from(messages).where(eq(messages.organizationId, b.org.id))).length, 0);
  });
});

describe('preferred session', () => {
  test('a reply goes out through the session the customer wrote to while it is connected, else by priority; other messages keep priority', async () => {
    const w = await world();
    const main = await session(w.org.id, office, { name: 'Kantor', priority: 1 });
    const second = await session(w.org.id, field, { name: 'CS', priority: 2 });
    const { conversationId } = await recordConversationLine(db, {
      orgId: w.org.id,
      phone: '6281377778888',
      author: 'customer',
      body: 'halo',
      sessionId: second.id,
    });
    const reply = await queueConversationReply(db, {
      orgId: w.org.id,
      conversationId,
      text: 'Halo, ada yang bisa dibantu?',
      author: 'assistant',
    });
    // An ordinary message that happens to carry a session (one that last tried it) is not bound to it.
    const [other] = await db
      .insert(messages)
      .values({
        organizationId: w.org.id,
        customerId: w.customer.id,
        sessionId: second.id,
        toPhone: '6281234567890',
        category: 'support',
        body: 'Tiket Anda sudah selesai',
      })
      .returning();
    const r = await dispatchOnce(db, deps(w.org.id, Date.now() + 1000));
    assert.equal(r.sent, 2);
    const [sentReply] = await db.select().from(messages).where(eq(messages.id, reply.messageId));
    const [sentOther] = await db.select().from(messages).where(eq(messages.id, other!.id));
    assert.equal(sentReply!.sessionId, second.id);
    assert.ok(field.sent.some((m) => m.id === sentReply!.transportMessageId && m.to === '6281377778888'));
    assert.equal(sentOther!.sessionId, main.id);
    assert.ok(office.sent.some((m) => m.id === sentOther!.transportMessageId));

    // The customer's session is offline: the next reply goes through the first connected one.
    await db.update(whatsappSessions).set({ status: 'disconnected' }).where(eq(whatsappSessions.id, second.id));
    const next = await queueConversationReply(db, {
      orgId: w.org.id,
      conversationId,
      text: 'Masih di sana?',
      author: 'assistant',
    });
    await dispatchOnce(db, deps(w.org.id, Date.now() + 120_000));
    const [m] = await db.select().from(messages).where(eq(messages.id, next.messageId));
    assert.deepEqual([m!.status, m!.sessionId], ['sent', main.id]);
    assert.ok(office.sent.some((x) => x.id === m!.transportMessageId && x.text.startsWith('Masih di sana?')));
  });
});
