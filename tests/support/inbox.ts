import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { conversationMessages, conversations, messages, quickReplies } from '@/db/schema';
import * as inboxOps from '@/lib/inbox/operations';
import { recordConversationLine } from '@/lib/inbox/record';
import type { Result } from '@/lib/server/operation';
import { openTicket } from '@/lib/tickets/open';

/** The inbox part of the tenant-isolation and permission-matrix tests. */

/** A customer's conversation waiting for staff, a ticket of theirs and a quick reply. */
export async function makeInboxWorld(
  db: Database,
  orgId: string,
  actorUserId: string,
  customer: { id: string; phone: string },
) {
  const { conversationId } = await recordConversationLine(db, {
    orgId,
    phone: customer.phone,
    author: 'customer',
    body: 'Internet saya mati, tolong dicek',
    customerId: customer.id,
  });
  await db.update(conversations).set({ needsStaffAt: new Date() }).where(eq(conversations.id, conversationId));
  const { ticket } = await openTicket(db, {
    orgId,
    actorUserId,
    source: 'staff',
    customerId: customer.id,
    category: 'billing',
    subject: 'Tagihan dobel',
  });
  const [quick] = await db
    .insert(quickReplies)
    .values({ organizationId: orgId, title: 'Jam kerja', body: 'Teknisi bekerja pukul 08.00–17.00.' })
    .returning();
  return { conversationId, ticketId: ticket.id, quickReplyId: quick!.id };
}

export async function inboxMatrixInputs(
  db: Database,
  orgId: string,
  adminUserId: string,
  customer: { id: string; phone: string },
) {
  const w = await makeInboxWorld(db, orgId, adminUserId, customer);
  const ref = { conversationId: w.conversationId };
  return {
    'inbox.list': { filter: 'needs_staff', q: 'Joko' },
    'inbox.counts': {},
    'inbox.get': ref,
    'inbox.markRead': ref,
    'inbox.reply': { ...ref, text: 'Baik, kami cek.' },
    'inbox.assign': { ...ref, assigneeUserId: adminUserId },
    'inbox.setStatus': { ...ref, status: 'closed' },
    'inbox.createTicket': { ...ref, subject: 'Internet mati', category: 'no_internet' },
    'inbox.linkTicket': { ...ref, ticketId: w.ticketId },
    'inbox.ofTicket': { ticketId: w.ticketId },
    'inbox.quickReplies': {},
    'inbox.saveQuickReply': { title: 'Cara bayar', body: 'Transfer ke rekening di tagihan.' },
    'inbox.deleteQuickReply': { quickReplyId: w.quickReplyId },
  } as Record<string, unknown>;
}

type Run = (op: never, input: unknown) => Promise<Result<unknown>>;
type Sides = {
  db: Database;
  run: Run;
  a: { orgId: string; userId: string };
  b: { orgId: string; userId: string; customer: { id: string; phone: string } };
};

/** A's admin reads, answers, assigns or links none of B's conversations, tickets or quick replies. */
export function inboxIsolationCases(sides: () => Sides): Record<string, () => Promise<void>> {
  const run = (op: unknown, input: unknown) => sides().run(op as never, input);
  let bWorld: ReturnType<typeof makeInboxWorld> | undefined;
  const b = () => (bWorld ??= makeInboxWorld(sides().db, sides().b.orgId, sides().b.userId, sides().b.customer));
  const notFound = (r: Result<unknown>) => assert.equal(!r.ok && r.code, 'not_found', JSON.stringify(r));
  const bUnchanged = async () => {
    const { conversationId } = await b();
    const [c] = await sides().db.select().from(conversations).where(eq(conversations.id, conversationId));
    assert.deepEqual(
      [c!.status, c!.unread, c!.assigneeUserId, c!.ticketId, c!.needsStaffAt !== null],
      ['open', 1, null, null, true],
    );
    const lines = await sides()
      .db.select()
      .from(conversationMessages)
      .where(eq(conversationMessages.conversationId, conversationId));
    assert.equal(lines.length, 1);
    const sent = await sides().db.select().from(messages).where(eq(messages.organizationId, sides().b.orgId));
    assert.ok(sent.every((m) => m.category !== 'inbox'));
  };
  const ref = async () => ({ conversationId: (await b()).conversationId });
  return {
    'inbox.list': async () => {
      const { conversationId } = await b();
      for (const input of [{}, { filter: 'needs_staff' }, { q: sides().b.customer.phone.slice(-6) }]) {
        const r = await run(inboxOps.listConversationsOp, input);
        assert.ok(r.ok);
        assert.ok(!JSON.stringify(r.data).includes(conversationId));
      }
    },
    'inbox.counts': async () => {
      await b();
      const r = await run(inboxOps.inboxCountsOp, {});
      assert.ok(r.ok);
      const own = await sides()
        .db.select()
        .from(conversations)
        .where(eq(conversations.organizationId, sides().a.orgId));
      assert.equal(
        (r.data as { unread: number }).unread,
        own.reduce((n, c) => n + c.unread, 0),
      );
    },
    'inbox.get': async () => notFound(await run(inboxOps.getConversationOp, await ref())),
    'inbox.markRead': async () => {
      notFound(await run(inboxOps.markConversationReadOp, await ref()));
      await bUnchanged();
    },
    'inbox.reply': async () => {
      notFound(await run(inboxOps.replyToConversationOp, { ...(await ref()), text: 'halo' }));
      await bUnchanged();
    },
    'inbox.assign': async () => {
      notFound(await run(inboxOps.assignConversationOp, { ...(await ref()), assigneeUserId: sides().a.userId }));
      // Nor is one of A's conversations given to B's member.
      const { conversationId } = await recordConversationLine(sides().db, {
        orgId: sides().a.orgId,
        phone: '6281355550000',
        author: 'customer',
        body: 'halo',
      });
      const r = await run(inboxOps.assignConversationOp, { conversationId, assigneeUserId: sides().b.userId });
      assert.equal(!r.ok && r.code, 'validation');
      await bUnchanged();
    },
    'inbox.setStatus': async () => {
      notFound(await run(inboxOps.setConversationStatusOp, { ...(await ref()), status: 'closed' }));
      await bUnchanged();
    },
    'inbox.createTicket': async () => {
      notFound(await run(inboxOps.createConversationTicketOp, { ...(await ref()), subject: 'x', category: 'other' }));
      await bUnchanged();
    },
    'inbox.linkTicket': async () => {
      const w = await b();
      notFound(
        await run(inboxOps.linkConversationTicketOp, { conversationId: w.conversationId, ticketId: w.ticketId }),
      );
      // A's own conversation cannot be linked to B's ticket either.
      const { conversationId } = await recordConversationLine(sides().db, {
        orgId: sides().a.orgId,
        phone: '6281355550001',
        author: 'customer',
        body: 'halo',
      });
      const r = await run(inboxOps.linkConversationTicketOp, { conversationId, ticketId: w.ticketId });
      assert.equal(!r.ok && r.code, 'validation');
      await bUnchanged();
    },
    'inbox.ofTicket': async () => {
      const w = await b();
      await sides()
        .db.update(conversations)
        .set({ ticketId: w.ticketId })
        .where(eq(conversations.id, w.conversationId));
      try {
        const r = await run(inboxOps.conversationOfTicketOp, { ticketId: w.ticketId });
        assert.ok(r.ok);
        assert.equal(r.data, null);
      } finally {
        await sides().db.update(conversations).set({ ticketId: null }).where(eq(conversations.id, w.conversationId));
      }
    },
    'inbox.quickReplies': async () => {
      const { quickReplyId } = await b();
      const r = await run(inboxOps.listQuickRepliesOp, {});
      assert.ok(r.ok);
      assert.ok(!JSON.stringify(r.data).includes(quickReplyId));
    },
    'inbox.saveQuickReply': async () => {
      const { quickReplyId } = await b();
      notFound(await run(inboxOps.saveQuickReplyOp, { quickReplyId, title: 'x', body: 'y' }));
      const [q] = await sides().db.select().from(quickReplies).where(eq(quickReplies.id, quickReplyId));
      assert.equal(q!.title, 'Jam kerja');
    },
    'inbox.deleteQuickReply': async () => {
      const { quickReplyId } = await b();
      notFound(await run(inboxOps.deleteQuickReplyOp, { quickReplyId }));
      assert.equal((await sides().db.select().from(quickReplies).where(eq(quickReplies.id, quickReplyId))).length, 1);
    },
  };
}
