import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import {
  auditLogs,
  conversationMessages,
  conversations,
  customers,
  messages,
  messagingSettings,
  tickets,
  whatsappSessions,
} from '@/db/schema';
import * as inboxOps from '@/lib/inbox/operations';
import type { ConversationRow } from '@/lib/inbox/queries';
import { recordConversationLine } from '@/lib/inbox/record';
import { executeOperation, type Operation } from '@/lib/server/operation';
import { ctxFor, makeCustomerWorld, makeMember, makeOrg, testDb } from '../helpers';

const db = testDb();

async function world() {
  const { org, admin } = await makeOrg(db, 'inbox');
  await db.insert(messagingSettings).values({ organizationId: org.id, disabled: ['payment_received'] });
  const w = await makeCustomerWorld(db, org.id, admin.user.id);
  const cs = await makeMember(db, org.id, 'operator');
  const ctx = ctxFor(db, org.id, cs.user.id, 'operator');
  // biome-ignore lint/suspicious/noExplicitAny: any operation of the module
  const run = async <T>(op: Operation<any, T>, input: unknown) => {
    const r = await executeOperation(op, ctx, input);
    assert.ok(r.ok, JSON.stringify(r));
    return r.data;
  };
  return { org, admin, cs, ctx, run, ...w };
}

const inbound = (orgId: string, phone: string, body: string, customerId?: string | null) =>
  recordConversationLine(db, { orgId, phone, author: 'customer', body, customerId });

const names = (items: ConversationRow[]) => items.map((c) => c.customerName ?? c.phone);

describe('the inbox list', () => {
  test('latest first, filtered, searched by number or name, paged by keyset, one organization only', async () => {
    const w = await world();
    const other = await makeOrg(db, 'inbox-other');
    await inbound(other.org.id, '6281299990000', 'Halo dari organisasi lain');
    const budi = await inbound(w.org.id, w.customer.phone, 'Internet mati', w.customer.id);
    const stranger = await inbound(w.org.id, '6285711112222', 'Mau pasang baru');
    await inbound(w.org.id, '6285711112222', 'Daerah Melati bisa?');
    await db
      .update(conversations)
      .set({ needsStaffAt: new Date(), assigneeUserId: w.cs.user.id })
      .where(eq(conversations.id, stranger.conversationId));
    const all = await w.run(inboxOps.listConversationsOp, {});
    assert.deepEqual(names(all.items), ['6285711112222', 'Joko Widodo']);
    assert.deepEqual(
      all.items.map((c) => c.unread),
      [2, 1],
    );
    assert.equal(all.items[0]!.lastPreview, 'Daerah Melati bisa?');
    const only = async (input: object) => names((await w.run(inboxOps.listConversationsOp, input)).items);
    assert.deepEqual(await only({ filter: 'needs_staff' }), ['6285711112222']);
    assert.deepEqual(await only({ filter: 'mine' }), ['6285711112222']);
    assert.deepEqual(await only({ filter: 'unassigned' }), ['Joko Widodo']);
    assert.deepEqual(await only({ q: 'joko' }), ['Joko Widodo']);
    assert.deepEqual(await only({ q: '0857-1111' }), ['6285711112222']);
    assert.deepEqual(await only({ q: 'lain' }), []);
    assert.deepEqual(await w.run(inboxOps.inboxCountsOp, {}), { unread: 3, needsStaff: 1 });

    await w.run(inboxOps.setConversationStatusOp, { conversationId: budi.conversationId, status: 'closed' });
    assert.deepEqual(await only({ filter: 'closed' }), ['Joko Widodo']);
    assert.deepEqual(await only({ filter: 'open' }), ['6285711112222']);

    // 30 more: pages of 25 by keyset, nothing twice, nothing lost.
    for (let i = 0; i < 30; i++) await inbound(w.org.id, `62813000000${String(i).padStart(2, '0')}`, `pesan ${i}`);
    const first = await w.run(inboxOps.listConversationsOp, {});
    const second = await w.run(inboxOps.listConversationsOp, { cursor: first.nextCursor });
    assert.equal(first.items.length, 25);
    assert.equal(second.items.length, 7);
    assert.equal(second.nextCursor, null);
    assert.equal(new Set([...first.items, ...second.items].map((c) => c.id)).size, 32);
  });
});

describe('a conversation', () => {
  test('opening it reads it; a reply queues the inbox template and shows in the thread with its status; all audited', async () => {
    const w = await world();
    const { conversationId } = await inbound(w.org.id, w.customer.phone, 'Internet mati sejak pagi', w.customer.id);
    await db.update(conversations).set({ needsStaffAt: new Date() }).where(eq(conversations.id, conversationId));
    const before = await w.run(inboxOps.getConversationOp, { conversationId });
    assert.equal(before.customer!.name, 'Joko Widodo');
    assert.ok(before.customer!.unpaid > 0, 'the unpaid November invoice');
    assert.equal(before.customer!.subscriptions.length, 1);
    assert.deepEqual(await w.run(inboxOps.markConversationReadOp, { conversationId }), { changed: true });
    assert.deepEqual(await w.run(inboxOps.markConversationReadOp, { conversationId }), { changed: false });
    const [read] = await db.select().from(conversations).where(eq(conversations.id, conversationId));
    assert.deepEqual([read!.unread, read!.needsStaffAt], [0, null]);

    const r = await w.run(inboxOps.replyToConversationOp, { conversationId, text: '  Baik, kami cek sekarang.  ' });
    assert.equal(r.status, 'queued');
    const [m] = await db.select().from(messages).where(eq(messages.id, r.messageId));
    assert.equal(m!.category, 'inbox');
    assert.equal(m!.body, `Baik, kami cek sekarang.\n— Test operator, ${w.org.name}`);
    const after = await w.run(inboxOps.getConversationOp, { conversationId });
    assert.deepEqual(
      after.lines.map((l) => [l.author, l.body, l.authorName, l.messageStatus]),
      [
        ['customer', 'Internet mati sejak pagi', null, null],
        ['staff', 'Baik, kami cek sekarang.', 'Test operator', 'queued'],
      ],
    );
    const actions = await db
      .select({ action: auditLogs.action, actor: auditLogs.actorUserId })
      .from(auditLogs)
      .where(and(eq(auditLogs.organizationId, w.org.id), eq(auditLogs.entityId, conversationId)));
    assert.deepEqual(actions.map((a) => a.action).sort(), ['conversation.attended', 'conversation.replied']);
    assert.ok(actions.every((a) => a.actor === w.cs.user.id));
  });

  test('a customer who opted out: the reply is cancelled and the thread says why', async () => {
    const w = await world();
    await db.update(customers).set({ whatsappOptOut: true }).where(eq(customers.id, w.customer.id));
    const { conversationId } = await inbound(w.org.id, w.customer.phone, 'halo', w.customer.id);
    const r = await w.run(inboxOps.replyToConversationOp, { conversationId, text: 'Halo juga' });
    assert.deepEqual([r.status, r.reason], ['cancelled', 'opted_out']);
    const d = await w.run(inboxOps.getConversationOp, { conversationId });
    assert.deepEqual(
      d.lines.filter((l) => l.author === 'staff').map((l) => [l.messageStatus, l.messageError]),
      [['cancelled', 'opted_out']],
    );
  });

  test('assign to a member or to me, close and reopen; a member of no inbox role cannot be assigned', async () => {
    const w = await world();
    const tech = await makeMember(db, w.org.id, 'technician');
    const { conversationId } = await inbound(w.org.id, '6281277776666', 'halo');
    await w.run(inboxOps.assignConversationOp, { conversationId, assigneeUserId: w.admin.user.id });
    await w.run(inboxOps.assignConversationOp, { conversationId, assigneeUserId: w.cs.user.id });
    const bad = await executeOperation(inboxOps.assignConversationOp, w.ctx, {
      conversationId,
      assigneeUserId: tech.user.id,
    });
    assert.equal(!bad.ok && bad.fieldErrors?.assigneeUserId, 'Pilih anggota tim yang menangani kotak masuk WhatsApp.');
    const members = (await w.run(inboxOps.getConversationOp, { conversationId })).members.map((m) => m.id);
    assert.ok(members.includes(w.cs.user.id) && !members.includes(tech.user.id));
    await w.run(inboxOps.setConversationStatusOp, { conversationId, status: 'closed' });
    let [c] = await db.select().from(conversations).where(eq(conversations.id, conversationId));
    assert.deepEqual([c!.status, c!.assigneeUserId, c!.unread], ['closed', w.cs.user.id, 0]);
    // The customer writes again: open again, unread again.
    await inbound(w.org.id, '6281277776666', 'masih mati');
    [c] = await db.select().from(conversations).where(eq(conversations.id, conversationId));
    assert.deepEqual([c!.status, c!.unread], ['open', 1]);
    await w.run(inboxOps.setConversationStatusOp, { conversationId, status: 'closed' });
    await w.run(inboxOps.setConversationStatusOp, { conversationId, status: 'open' });
    const actions = await db
      .select({ action: auditLogs.action })
      .from(auditLogs)
      .where(and(eq(auditLogs.organizationId, w.org.id), eq(auditLogs.entityId, conversationId)));
    assert.deepEqual(actions.map((a) => a.action).sort(), [
      'conversation.assigned',
      'conversation.assigned',
      'conversation.closed',
      'conversation.closed',
      'conversation.reopened',
    ]);
  });

  test("a ticket from the conversation (source WhatsApp, the customer's last message) or an existing one linked", async () => {
    const w = await world();
    const { conversationId } = await inbound(w.org.id, w.customer.phone, 'Internet mati', w.customer.id);
    await inbound(w.org.id, w.customer.phone, 'Lampu LOS merah berkedip', w.customer.id);
    const t = await w.run(inboxOps.createConversationTicketOp, {
      conversationId,
      subject: 'Internet mati',
      category: 'no_internet',
    });
    const [ticket] = await db.select().from(tickets).where(eq(tickets.id, t.ticketId));
    assert.deepEqual(
      [ticket!.source, ticket!.customerId, ticket!.description],
      ['whatsapp', w.customer.id, 'Lampu LOS merah berkedip'],
    );
    const d = await w.run(inboxOps.getConversationOp, { conversationId });
    assert.equal(d.ticket!.id, t.ticketId);
    assert.deepEqual(await w.run(inboxOps.conversationOfTicketOp, { ticketId: t.ticketId }), { id: conversationId });
    assert.deepEqual(
      d.customerTickets.map((x) => x.id),
      [t.ticketId],
    );

    // A stranger's ticket carries the number as the reporter's.
    const stranger = await inbound(w.org.id, '6285600001111', 'Wifi tetangga saya mati');
    const s = await w.run(inboxOps.createConversationTicketOp, {
      conversationId: stranger.conversationId,
      subject: 'Laporan warga',
      category: 'other',
    });
    const [st] = await db.select().from(tickets).where(eq(tickets.id, s.ticketId));
    assert.deepEqual([st!.customerId, st!.reporterPhone], [null, '6285600001111']);

    // Linking: the customer's own ticket, not another customer's.
    await w.run(inboxOps.linkConversationTicketOp, { conversationId, ticketId: t.ticketId });
    const wrong = await executeOperation(inboxOps.linkConversationTicketOp, w.ctx, {
      conversationId,
      ticketId: s.ticketId,
    });
    assert.equal(!wrong.ok && wrong.code, 'validation');
  });

  test('the Cloud API 24-hour window: the reply box warns once the last inbound line is older', async () => {
    const w = await world();
    const [cloud] = await db
      .insert(whatsappSessions)
      .values({ organizationId: w.org.id, name: 'Meta', transport: 'cloud_api', status: 'connected' })
      .returning();
    const { conversationId } = await recordConversationLine(db, {
      orgId: w.org.id,
      phone: '6281344445555',
      author: 'customer',
      body: 'halo',
      sessionId: cloud!.id,
    });
    assert.equal((await w.run(inboxOps.getConversationOp, { conversationId })).windowClosed, false);
    await db
      .update(conversations)
      .set({ lastInboundAt: new Date(Date.now() - 25 * 3600_000) })
      .where(eq(conversations.id, conversationId));
    assert.equal((await w.run(inboxOps.getConversationOp, { conversationId })).windowClosed, true);
    const r = await w.run(inboxOps.replyToConversationOp, { conversationId, text: 'Maaf baru dibalas' });
    assert.equal(r.status, 'queued', 'it still queues');
    const [line] = await db
      .select()
      .from(conversationMessages)
      .where(and(eq(conversationMessages.conversationId, conversationId), eq(conversationMessages.author, 'staff')));
    assert.equal(line!.messageId, r.messageId);
  });
});

describe('quick replies', () => {
  test('created, edited, listed by title, deleted; each change audited', async () => {
    const w = await world();
    const admin = ctxFor(db, w.org.id, w.admin.user.id, 'admin');
    const ok = async <T>(p: Promise<{ ok: boolean; data?: T }>) => {
      const r = await p;
      assert.ok(r.ok, JSON.stringify(r));
      return r.data as T;
    };
    const { id } = await ok<{ id: string }>(
      executeOperation(inboxOps.saveQuickReplyOp, admin, { title: 'Jam kerja', body: 'Kami buka 08.00–17.00.' }),
    );
    await ok(executeOperation(inboxOps.saveQuickReplyOp, admin, { title: 'Cara bayar', body: 'Transfer BCA.' }));
    await ok(
      executeOperation(inboxOps.saveQuickReplyOp, admin, {
        quickReplyId: id,
        title: 'Jam kerja',
        body: 'Kami buka 08.00–20.00.',
      }),
    );
    const list = await w.run(inboxOps.listQuickRepliesOp, {});
    assert.deepEqual(
      list.map((q) => [q.title, q.body]),
      [
        ['Cara bayar', 'Transfer BCA.'],
        ['Jam kerja', 'Kami buka 08.00–20.00.'],
      ],
    );
    const empty = await executeOperation(inboxOps.saveQuickReplyOp, admin, { title: ' ', body: '' });
    assert.ok(!empty.ok && empty.fieldErrors?.title && empty.fieldErrors?.body);
    const refused = await executeOperation(inboxOps.deleteQuickReplyOp, w.ctx, { quickReplyId: id });
    assert.equal(!refused.ok && refused.code, 'forbidden', 'customer service picks, the admin manages');
    await ok(executeOperation(inboxOps.deleteQuickReplyOp, admin, { quickReplyId: id }));
    assert.equal((await w.run(inboxOps.listQuickRepliesOp, {})).length, 1);
    const actions = await db
      .select({ action: auditLogs.action })
      .from(auditLogs)
      .where(and(eq(auditLogs.organizationId, w.org.id), eq(auditLogs.entityType, 'quick_reply')));
    assert.deepEqual(actions.map((a) => a.action).sort(), [
      'quick_reply.created',
      'quick_reply.created',
      'quick_reply.deleted',
      'quick_reply.updated',
    ]);
  });
});
