import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { and, eq, like } from 'drizzle-orm';
import { auditLogs, customers, memberships, messages, tickets, users } from '@/db/schema';
import { translate } from '@/lib/i18n/translate';
import { executeOperation, type Result } from '@/lib/server/operation';
import { supportPass } from '@/lib/tickets/escalation';
import { assignableMembers } from '@/lib/tickets/mutations';
import { openTicket } from '@/lib/tickets/open';
import * as ops from '@/lib/tickets/operations';
import { ctxFor, makeCustomerWorld, makeMember, makeOrg, testDb } from '../helpers';

/** The helpdesk rules a review found missing: recipients, first response, clocks, escalation, assignees. */

const db = testDb();
const HOUR = 3_600_000;

function ok<T>(r: Result<T>): T {
  assert.ok(r.ok, JSON.stringify(r));
  return r.data;
}

async function world(label: string) {
  const { org, admin } = await makeOrg(db, label);
  const w = await makeCustomerWorld(db, org.id, admin.user.id);
  const ctx = ctxFor(db, org.id, admin.user.id, 'admin');
  const open = (p: Partial<Parameters<typeof openTicket>[1]> = {}) =>
    openTicket(db, {
      orgId: org.id,
      actorUserId: admin.user.id,
      source: 'staff',
      category: 'no_internet',
      subject: 'Internet mati',
      ...p,
    }).then((r) => r.ticket);
  return { org, admin, w, ctx, open };
}

async function ticketOf(id: string) {
  const [t] = await db.select().from(tickets).where(eq(tickets.id, id));
  return t!;
}

/** Every day, all day, so the pass's clock is the wall clock; short targets. */
async function roundTheClock(ctx: ReturnType<typeof ctxFor>, escalationUserId: string) {
  ok(
    await executeOperation(ops.saveSupportSettingsOp, ctx, {
      policies: [{ priority: 'normal', firstResponseMinutes: 30, resolutionMinutes: 60 }],
      days: [0, 1, 2, 3, 4, 5, 6],
      start: '00:00',
      end: '23:59',
      escalationUserId,
      askRating: true,
    }),
  );
}

describe('helpdesk rules', () => {
  test("a reporter's number that is an opted-out customer's gets nothing; the reply and rating say so", async () => {
    const { org, w, ctx, open } = await world('optout');
    await db.update(customers).set({ whatsappOptOut: true }).where(eq(customers.id, w.customer.id));

    // Opened with the customer's number as typed: linked to the one customer who has it.
    const linked = await open({ reporterName: 'Budi', reporterPhone: '0812-3456-7890' });
    assert.equal(linked.customerId, w.customer.id);

    // Not linked (two customers shared it, or an older ticket): the opt-out still holds.
    const loose = await open({ reporterName: 'Budi', reporterPhone: '+62 812 3456 7890' });
    await db.update(tickets).set({ customerId: null }).where(eq(tickets.id, loose.id));
    const reply = ok(
      await executeOperation(ops.addTicketMessageOp, ctx, { ticketId: loose.id, kind: 'reply', body: 'Sedang dicek.' }),
    );
    assert.equal(reply.sent, false);
    const [msg] = await db
      .select()
      .from(messages)
      .where(and(eq(messages.organizationId, org.id), like(messages.eventKey, 'ticket_reply:%')));
    assert.equal(msg!.status, 'cancelled');
    assert.equal(msg!.error, 'opted_out');
    assert.equal(msg!.customerId, w.customer.id);
    const [audit] = await db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.entityId, loose.id), eq(auditLogs.action, 'ticket.replied')));
    assert.equal((audit!.data as { sent: boolean }).sent, false);

    // Resolving does not claim a rating was asked when the message was cancelled.
    const resolved = ok(
      await executeOperation(ops.changeTicketStatusOp, ctx, { ticketId: loose.id, status: 'resolved' }),
    );
    assert.equal(resolved.ratingAsked, false);
  });

  test('an impossible move names both statuses in words', async () => {
    const { w, ctx, open } = await world('transition');
    const t = await open({ customerId: w.customer.id });
    const r = await executeOperation(ops.changeTicketStatusOp, ctx, { ticketId: t.id, status: 'closed' });
    assert.ok(!r.ok);
    assert.equal(r.code, 'invalid_transition');
    assert.doesNotMatch(r.message, /[{}]/);
    assert.ok(r.message.includes(translate('id', 'tickets.statuses.open')), r.message);
    assert.ok(r.message.includes(translate('id', 'tickets.statuses.closed')), r.message);
  });

  test('no one to reply to: the first note or taking it in progress is the first response', async () => {
    const { w, ctx, open } = await world('firstresp');
    const walkIn = await open({ reporterName: 'Pak RT' });
    ok(await executeOperation(ops.addTicketMessageOp, ctx, { ticketId: walkIn.id, kind: 'note', body: 'Dicek' }));
    assert.ok((await ticketOf(walkIn.id)).firstRespondedAt);

    const incident = await open({ kind: 'incident', source: 'outage', subject: 'ODP-01 mati' });
    ok(await executeOperation(ops.changeTicketStatusOp, ctx, { ticketId: incident.id, status: 'in_progress' }));
    assert.ok((await ticketOf(incident.id)).firstRespondedAt);

    // A customer who can be answered still needs a reply.
    const customer = await open({ customerId: w.customer.id });
    ok(await executeOperation(ops.addTicketMessageOp, ctx, { ticketId: customer.id, kind: 'note', body: 'Dicek' }));
    ok(await executeOperation(ops.changeTicketStatusOp, ctx, { ticketId: customer.id, status: 'in_progress' }));
    assert.equal((await ticketOf(customer.id)).firstRespondedAt, null);
  });

  test("search finds a customer's ticket by their phone typed as 0812… or 62812…", async () => {
    const { w, ctx, open } = await world('search');
    const t = await open({ customerId: w.customer.id });
    await open({ subject: 'Lain' });
    for (const q of ['0812-3456-7890', '6281234567890', '34567890']) {
      const r = ok(await executeOperation(ops.listTicketsOp, ctx, { q }));
      assert.deepEqual(
        r.items.map((i) => i.id),
        [t.id],
        q,
      );
    }
  });

  test('a new priority after a reopen counts from the reopening, not the opening', async () => {
    const { w, ctx, open } = await world('reprio');
    const t = await open({ customerId: w.customer.id });
    const longAgo = new Date(Date.now() - 20 * 24 * HOUR);
    await db
      .update(tickets)
      .set({ createdAt: longAgo, firstResponseDueAt: longAgo, resolutionDueAt: longAgo })
      .where(eq(tickets.id, t.id));
    ok(await executeOperation(ops.changeTicketStatusOp, ctx, { ticketId: t.id, status: 'resolved' }));
    ok(await executeOperation(ops.changeTicketStatusOp, ctx, { ticketId: t.id, status: 'open' }));
    ok(await executeOperation(ops.updateTicketOp, ctx, { ticketId: t.id, priority: 'high', category: 'no_internet' }));
    const after = await ticketOf(t.id);
    assert.ok(after.resolutionDueAt! > new Date(), 'resolution due after now');
    // The first response still counts from the opening.
    assert.ok(after.firstResponseDueAt! < new Date(Date.now() - 10 * 24 * HOUR));
  });

  test('waiting for the customer pauses the clock: not escalated, not listed as breached', async () => {
    const { org, admin, w, ctx, open } = await world('waiting');
    await roundTheClock(ctx, admin.user.id);
    const t = await open({ customerId: w.customer.id });
    ok(await executeOperation(ops.changeTicketStatusOp, ctx, { ticketId: t.id, status: 'waiting' }));
    const later = new Date(Date.now() + 3 * HOUR);
    assert.equal((await supportPass(db, { orgIds: [org.id], now: later })).escalated, 0);
    const past = new Date(Date.now() - HOUR);
    await db.update(tickets).set({ firstResponseDueAt: past, resolutionDueAt: past }).where(eq(tickets.id, t.id));
    const listed = ok(await executeOperation(ops.listTicketsOp, ctx, { sla: 'breached' }));
    assert.equal(listed.items.length, 0);
    assert.equal(ok(await executeOperation(ops.ticketCountsOp, ctx, {})).breached, 0);
    // Work resumes: the clock runs again.
    ok(await executeOperation(ops.changeTicketStatusOp, ctx, { ticketId: t.id, status: 'in_progress' }));
    assert.equal(ok(await executeOperation(ops.listTicketsOp, ctx, { sla: 'breached' })).items.length, 1);
    assert.equal((await supportPass(db, { orgIds: [org.id], now: later })).escalated, 1);
  });

  test('a second escalation notifies again; a lead who left is not told', async () => {
    const { org, w, ctx, open } = await world('reescalate');
    const lead = await makeMember(db, org.id, 'noc');
    await db.update(users).set({ phone: '081299990002' }).where(eq(users.id, lead.user.id));
    await roundTheClock(ctx, lead.user.id);
    const t = await open({ customerId: w.customer.id });
    const notices = () =>
      db
        .select()
        .from(messages)
        .where(and(eq(messages.organizationId, org.id), like(messages.eventKey, `ticket_escalation:${t.id}:%`)));

    let r = await supportPass(db, { orgIds: [org.id], now: new Date(Date.now() + 2 * HOUR) });
    assert.equal(r.escalated, 1);
    ok(await executeOperation(ops.changeTicketStatusOp, ctx, { ticketId: t.id, status: 'resolved' }));
    ok(await executeOperation(ops.changeTicketStatusOp, ctx, { ticketId: t.id, status: 'open' }));
    r = await supportPass(db, { orgIds: [org.id], now: new Date(Date.now() + 4 * HOUR) });
    assert.equal(r.escalated, 1);
    assert.equal((await notices()).length, 2);

    await db
      .update(memberships)
      .set({ active: false })
      .where(and(eq(memberships.organizationId, org.id), eq(memberships.userId, lead.user.id)));
    await open({ customerId: w.customer.id, subject: 'Lagi' });
    const before = (await db.select().from(messages).where(like(messages.eventKey, 'ticket_escalation:%'))).filter(
      (m) => m.organizationId === org.id,
    ).length;
    r = await supportPass(db, { orgIds: [org.id], now: new Date(Date.now() + 6 * HOUR) });
    assert.equal(r.escalated, 1);
    const after = (await db.select().from(messages).where(eq(messages.organizationId, org.id))).filter((m) =>
      m.eventKey?.startsWith('ticket_escalation:'),
    ).length;
    assert.equal(after, before);
  });

  test('assignees are members who may work tickets: finance yes, technicians no', async () => {
    const { org, ctx, open } = await world('assignees');
    const finance = await makeMember(db, org.id, 'finance');
    const tech = await makeMember(db, org.id, 'technician');
    const ids = (await assignableMembers(db, org.id)).map((m) => m.id);
    assert.ok(ids.includes(finance.user.id));
    assert.ok(!ids.includes(tech.user.id));
    const t = await open();
    const refused = await executeOperation(ops.assignTicketOp, ctx, { ticketId: t.id, assigneeUserId: tech.user.id });
    assert.equal(!refused.ok && refused.code, 'validation');
    ok(
      await executeOperation(ops.assignTicketOp, ctx, {
        ticketId: t.id,
        assigneeUserId: finance.user.id,
        team: 'finance',
      }),
    );
    // Finance can act on what is assigned to them.
    const financeCtx = ctxFor(db, org.id, finance.user.id, 'finance');
    ok(
      await executeOperation(ops.addTicketMessageOp, financeCtx, { ticketId: t.id, kind: 'note', body: 'Cek mutasi' }),
    );
    ok(await executeOperation(ops.changeTicketStatusOp, financeCtx, { ticketId: t.id, status: 'resolved' }));
  });
});
