import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { and, eq, like } from 'drizzle-orm';
import {
  auditLogs,
  customers,
  messages,
  outageSubscriptions,
  outages,
  ticketMessages,
  tickets,
  users,
} from '@/db/schema';
import { invoiceLinkToken } from '@/lib/billing/links';
import { executeOperation, type Result } from '@/lib/server/operation';
import { supportPass } from '@/lib/tickets/escalation';
import { formatTicketNumber } from '@/lib/tickets/number';
import { openTicket } from '@/lib/tickets/open';
import * as ops from '@/lib/tickets/operations';
import { ratingPage, submitPublicComplaint, submitRating } from '@/lib/tickets/public';
import { ctxFor, makeCustomerWorld, makeMember, makeOrg, testDb } from '../helpers';

const db = testDb();

function ok<T>(r: Result<T>): T {
  assert.ok(r.ok, JSON.stringify(r));
  return r.data;
}

async function world(label: string) {
  const { org, admin } = await makeOrg(db, label);
  const w = await makeCustomerWorld(db, org.id, admin.user.id);
  const ctx = ctxFor(db, org.id, admin.user.id, 'admin');
  return { org, admin, w, ctx };
}

async function ticketMessagesOf(ticketId: string) {
  return db.select().from(ticketMessages).where(eq(ticketMessages.ticketId, ticketId));
}

describe('helpdesk tickets', () => {
  test('staff open, reply (WhatsApp with the ticket number), note, resolve (rating asked), rate, reopen', async () => {
    const { org, w, ctx } = await world('tix');
    const created = ok(
      await executeOperation(ops.createTicketOp, ctx, {
        subject: 'Internet mati sejak pagi',
        category: 'no_internet',
        priority: 'high',
        customerId: w.customer.id,
        subscriptionId: w.subscription.id,
        description: 'Lampu LOS merah',
      }),
    );
    assert.equal(created.number, 1);
    assert.equal(formatTicketNumber(created.number), 'T-000001');
    const [t] = await db.select().from(tickets).where(eq(tickets.id, created.id));
    assert.ok(t!.firstResponseDueAt && t!.resolutionDueAt && t!.firstResponseDueAt < t!.resolutionDueAt);

    // A note stays internal: no WhatsApp message, the first-response clock still runs.
    ok(await executeOperation(ops.addTicketMessageOp, ctx, { ticketId: t!.id, kind: 'note', body: 'Cek ODP dulu' }));
    const afterNote = await db.select().from(messages).where(eq(messages.organizationId, org.id));
    assert.equal(afterNote.filter((m) => m.category === 'support').length, 0);

    const reply = ok(
      await executeOperation(ops.addTicketMessageOp, ctx, {
        ticketId: t!.id,
        kind: 'reply',
        body: 'Teknisi kami menuju lokasi.',
      }),
    );
    assert.equal(reply.sent, true);
    const [sent] = await db
      .select()
      .from(messages)
      .where(and(eq(messages.organizationId, org.id), eq(messages.category, 'support')));
    assert.match(sent!.body, /T-000001/);
    assert.match(sent!.body, /Teknisi kami menuju lokasi\./);
    assert.equal(sent!.toPhone, '6281234567890');
    assert.equal(sent!.customerId, w.customer.id);
    const [replied] = await db.select().from(tickets).where(eq(tickets.id, t!.id));
    assert.ok(replied!.firstRespondedAt);
    assert.equal(replied!.status, 'in_progress');

    // Closing straight from in progress is not a step of the flow.
    const skip = await executeOperation(ops.changeTicketStatusOp, ctx, { ticketId: t!.id, status: 'closed' });
    assert.equal(!skip.ok && skip.code, 'invalid_transition');

    const resolved = ok(await executeOperation(ops.changeTicketStatusOp, ctx, { ticketId: t!.id, status: 'resolved' }));
    assert.equal(resolved.ratingAsked, true);
    const [done] = await db.select().from(tickets).where(eq(tickets.id, t!.id));
    assert.ok(done!.resolvedAt && done!.ratingToken);
    const ask = await db
      .select()
      .from(messages)
      .where(and(eq(messages.organizationId, org.id), like(messages.eventKey, 'ticket_rating:%')));
    assert.equal(ask.length, 1);
    assert.ok(ask[0]!.body.includes(`/r/${done!.ratingToken}`));

    // The rating link: shows only the org and number; one rating, then closed.
    const page = await ratingPage(db, done!.ratingToken!);
    assert.deepEqual(Object.keys(page!).sort(), ['number', 'orgName', 'rating', 'subject']);
    assert.equal(page!.number, 'T-000001');
    await submitRating(db, { token: done!.ratingToken!, rating: 4, comment: 'Cepat', ip: '198.51.100.9' });
    await assert.rejects(
      submitRating(db, { token: done!.ratingToken!, rating: 1, ip: '198.51.100.9' }),
      /rating_closed/,
    );
    const [rated] = await db.select().from(tickets).where(eq(tickets.id, t!.id));
    assert.equal(rated!.rating, 4);
    assert.equal(await ratingPage(db, 'x'.repeat(10)), null);

    // Reopen: back to open, resolution clock from now, escalation cleared. The ticket is made
    // two days old first: out of working hours, a clock started now and one started a second
    // ago both end at the next working morning.
    const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000);
    await db.update(tickets).set({ resolutionDueAt: twoDaysAgo }).where(eq(tickets.id, t!.id));
    ok(await executeOperation(ops.changeTicketStatusOp, ctx, { ticketId: t!.id, status: 'open' }));
    const [reopened] = await db.select().from(tickets).where(eq(tickets.id, t!.id));
    assert.equal(reopened!.status, 'open');
    assert.equal(reopened!.resolvedAt, null);
    assert.ok(reopened!.resolutionDueAt! > new Date());

    // The page's view: conversation in order, the secret token never leaves.
    const d = ok(await executeOperation(ops.getTicketOp, ctx, { ticketId: t!.id }));
    assert.deepEqual(
      d.conversation.map((m) => m.kind),
      ['event', 'note', 'reply', 'event', 'event'],
    );
    assert.equal(d.conversation[2]!.delivery, 'queued');
    assert.ok(!JSON.stringify(d).includes(done!.ratingToken!));
    const audit = await db.select().from(auditLogs).where(eq(auditLogs.entityId, t!.id));
    assert.deepEqual([...new Set(audit.map((a) => a.action))].sort(), [
      'ticket.noted',
      'ticket.opened',
      'ticket.rated',
      'ticket.reopened',
      'ticket.replied',
      'ticket.status_changed',
    ]);
  });

  test('a complaint from an affected customer joins the incident instead of opening a ticket', async () => {
    const { org, admin, w } = await world('incident');
    const { ticket: incident } = await openTicket(db, {
      orgId: org.id,
      actorUserId: admin.user.id,
      source: 'outage',
      kind: 'incident',
      category: 'no_internet',
      subject: 'ODP-01 mati',
    });
    assert.equal(incident.priority, 'urgent');
    const [outage] = await db
      .insert(outages)
      .values({
        organizationId: org.id,
        elementType: 'odp',
        elementId: w.odp.id,
        elementLabel: 'ODP-01',
        status: 'open',
        source: 'manual',
        startedAt: new Date(),
        ticketId: incident.id,
        affectedCount: 1,
      })
      .returning();
    await db.update(tickets).set({ outageId: outage!.id }).where(eq(tickets.id, incident.id));
    await db.insert(outageSubscriptions).values({
      organizationId: org.id,
      outageId: outage!.id,
      subscriptionId: w.subscription.id,
      customerId: w.customer.id,
    });
    const before = (await db.select().from(tickets).where(eq(tickets.organizationId, org.id))).length;

    // From the public form on the invoice page (the customer has no login).
    const r = await submitPublicComplaint(db, {
      token: invoiceLinkToken(w.invoice.id),
      category: 'no_internet',
      description: 'Internet mati total',
      ip: '198.51.100.21',
    });
    assert.deepEqual(r, { number: null, joinedIncident: true });
    // And from staff with only the customer known.
    const joined = await openTicket(db, {
      orgId: org.id,
      actorUserId: admin.user.id,
      source: 'staff',
      customerId: w.customer.id,
      category: 'no_internet',
      subject: 'Telepon: internet mati',
    });
    assert.equal(joined.joinedIncident, true);
    assert.equal(joined.ticket.id, incident.id);
    assert.equal((await db.select().from(tickets).where(eq(tickets.organizationId, org.id))).length, before);
    const words = (await ticketMessagesOf(incident.id)).filter((m) => m.kind === 'customer').map((m) => m.body);
    assert.equal(words.length, 2);
    assert.ok(words.some((b) => b.includes('Internet mati total')));

    // Once the outage is resolved, the same customer's complaint is a ticket of its own.
    await db.update(outages).set({ status: 'resolved', resolvedAt: new Date() }).where(eq(outages.id, outage!.id));
    const own = await openTicket(db, {
      orgId: org.id,
      actorUserId: admin.user.id,
      source: 'staff',
      customerId: w.customer.id,
      category: 'slow',
      subject: 'Masih lambat',
    });
    assert.equal(own.joinedIncident, false);
    assert.notEqual(own.ticket.id, incident.id);
  });

  test('the public complaint form: the invoice link decides who, rate-limited, answers only the number', async () => {
    const { org, w } = await world('public');
    const token = invoiceLinkToken(w.invoice.id);
    const ip = `198.51.100.${Math.floor(Math.random() * 200) + 30}`;
    const r = await submitPublicComplaint(db, { token, category: 'slow', description: 'Lambat malam hari', ip });
    assert.deepEqual(Object.keys(r).sort(), ['joinedIncident', 'number']);
    assert.match(r.number!, /^T-\d{6}$/);
    const [t] = await db.select().from(tickets).where(eq(tickets.organizationId, org.id));
    assert.equal(t!.source, 'public_form');
    assert.equal(t!.customerId, w.customer.id);
    assert.equal(t!.subscriptionId, w.subscription.id);
    assert.equal(t!.subject, 'Internet lambat');
    // The receipt went out on WhatsApp with the number.
    const [ack] = await db
      .select()
      .from(messages)
      .where(and(eq(messages.organizationId, org.id), like(messages.eventKey, 'ticket_reply:ack:%')));
    assert.ok(ack!.body.includes(r.number!));

    // A forged link is not found; three per invoice per hour, then refused with a clear code.
    await assert.rejects(
      submitPublicComplaint(db, { token: `${token}x`, category: 'slow', description: 'x', ip }),
      /not_found/,
    );
    await submitPublicComplaint(db, { token, category: 'other', description: 'dua', ip });
    await submitPublicComplaint(db, { token, category: 'other', description: 'tiga', ip });
    await assert.rejects(
      submitPublicComplaint(db, { token, category: 'other', description: 'empat', ip }),
      /too_many_complaints/,
    );
  });

  test('the SLA pass escalates an overdue ticket once and tells the NOC lead on WhatsApp', async () => {
    const { org, admin, w, ctx } = await world('escalate');
    const lead = await makeMember(db, org.id, 'noc');
    await db.update(users).set({ phone: '081299990001' }).where(eq(users.id, lead.user.id));
    ok(
      await executeOperation(ops.saveSupportSettingsOp, ctx, {
        policies: [{ priority: 'normal', firstResponseMinutes: 30, resolutionMinutes: 60 }],
        days: [0, 1, 2, 3, 4, 5, 6],
        start: '00:00',
        end: '23:59',
        escalationUserId: lead.user.id,
        askRating: true,
      }),
    );
    const { ticket } = await openTicket(db, {
      orgId: org.id,
      actorUserId: admin.user.id,
      source: 'staff',
      customerId: w.customer.id,
      category: 'no_internet',
      subject: 'Mati',
    });
    // Not yet due: nothing happens.
    let r = await supportPass(db, { orgIds: [org.id] });
    assert.equal(r.escalated, 0);
    const later = new Date(Date.now() + 2 * 3_600_000);
    r = await supportPass(db, { orgIds: [org.id], now: later });
    assert.equal(r.escalated, 1);
    r = await supportPass(db, { orgIds: [org.id], now: later });
    assert.equal(r.escalated, 0);
    const notices = await db
      .select()
      .from(messages)
      .where(and(eq(messages.organizationId, org.id), like(messages.eventKey, 'ticket_escalation:%')));
    assert.equal(notices.length, 1);
    assert.equal(notices[0]!.toPhone, '6281299990001');
    assert.equal(notices[0]!.customerId, null);
    assert.ok(notices[0]!.body.includes(formatTicketNumber(ticket.number)));
    const counts = ok(await executeOperation(ops.ticketCountsOp, ctx, {}));
    assert.deepEqual(
      counts.escalated.map((e) => e.id),
      [ticket.id],
    );
  });

  test('list: breach filter, search by number or name, team and assignee filters, keyset pages', async () => {
    const { org, admin, w, ctx } = await world('list');
    const finance = await makeMember(db, org.id, 'finance');
    const open = (subject: string) =>
      openTicket(db, { orgId: org.id, actorUserId: admin.user.id, source: 'staff', category: 'other', subject });
    const ids: string[] = [];
    for (let i = 0; i < 27; i++) ids.push((await open(`Tiket ${i}`)).ticket.id);
    const late = ids[3]!;
    await db
      .update(tickets)
      .set({ firstResponseDueAt: new Date(Date.now() - 60_000) })
      .where(eq(tickets.id, late));
    const breached = ok(await executeOperation(ops.listTicketsOp, ctx, { status: 'active', sla: 'breached' }));
    assert.deepEqual(
      breached.items.map((t) => t.id),
      [late],
    );
    const first = ok(await executeOperation(ops.listTicketsOp, ctx, {}));
    assert.equal(first.items.length, 25);
    const second = ok(await executeOperation(ops.listTicketsOp, ctx, { cursor: first.nextCursor! }));
    assert.equal(second.items.length, 2);
    assert.equal(second.nextCursor, null);
    assert.equal(new Set([...first.items, ...second.items].map((t) => t.id)).size, 27);
    const byNumber = ok(await executeOperation(ops.listTicketsOp, ctx, { q: 'T-000004' }));
    assert.deepEqual(
      byNumber.items.map((t) => t.id),
      [late],
    );

    ok(
      await executeOperation(ops.assignTicketOp, ctx, {
        ticketId: late,
        assigneeUserId: finance.user.id,
        team: 'finance',
      }),
    );
    const mine = ok(
      await executeOperation(ops.listTicketsOp, ctxFor(db, org.id, finance.user.id, 'finance'), { assignee: 'me' }),
    );
    assert.deepEqual(
      mine.items.map((t) => t.id),
      [late],
    );
    const team = ok(await executeOperation(ops.listTicketsOp, ctx, { team: 'finance' }));
    assert.equal(team.items.length, 1);
    // A member of another organization cannot be assigned.
    const other = await makeOrg(db, 'other');
    const refused = await executeOperation(ops.assignTicketOp, ctx, {
      ticketId: late,
      assigneeUserId: other.admin.user.id,
    });
    assert.equal(
      !refused.ok && refused.fieldErrors?.assigneeUserId,
      'Pilih anggota aktif organisasi ini yang boleh menangani tiket.',
    );

    // A customer's name finds their tickets.
    await openTicket(db, {
      orgId: org.id,
      actorUserId: admin.user.id,
      source: 'staff',
      customerId: w.customer.id,
      category: 'billing',
      subject: 'Tagihan dobel',
    });
    const [c] = await db.select({ name: customers.name }).from(customers).where(eq(customers.id, w.customer.id));
    const byName = ok(await executeOperation(ops.listTicketsOp, ctx, { q: c!.name }));
    assert.equal(byName.items.length, 1);
    assert.equal(byName.items[0]!.subject, 'Tagihan dobel');
  });

  test('attachments: a photo by its bytes; anything else refused; read back only in its organization', async () => {
    const { org, admin, ctx } = await world('files');
    const { ticket } = await openTicket(db, {
      orgId: org.id,
      actorUserId: admin.user.id,
      source: 'staff',
      category: 'other',
      subject: 'Foto modem',
    });
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
      'base64',
    );
    const added = ok(
      await executeOperation(ops.addTicketAttachmentOp, ctx, {
        ticketId: ticket.id,
        file: new File([png], 'modem.png', { type: 'image/png' }),
      }),
    );
    const file = ok(await executeOperation(ops.ticketAttachmentOp, ctx, { attachmentId: added.id }));
    assert.ok(file.path.startsWith(`${org.id}/tickets/`));
    const bad = await executeOperation(ops.addTicketAttachmentOp, ctx, {
      ticketId: ticket.id,
      file: new File(['<script>'], 'x.png', { type: 'image/png' }),
    });
    assert.equal(!bad.ok && bad.fieldErrors?.file, 'Lampiran harus foto JPG, PNG, WEBP atau PDF.');
    const other = await makeOrg(db, 'files-other');
    const cross = await executeOperation(
      ops.ticketAttachmentOp,
      ctxFor(db, other.org.id, other.admin.user.id, 'admin'),
      { attachmentId: added.id },
    );
    assert.equal(!cross.ok && cross.code, 'not_found');
  });
});
