import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { supportSettings, ticketMessages, tickets } from '@/db/schema';
import type { Result } from '@/lib/server/operation';
import { addTicketAttachment } from '@/lib/tickets/attachments';
import { openTicket } from '@/lib/tickets/open';
import * as ticketOps from '@/lib/tickets/operations';

/** The helpdesk part of the tenant-isolation and permission-matrix tests (kept here, small). */

// A 1×1 PNG: a ticket's photo.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
const photo = () => new File([PNG], 'modem.png', { type: 'image/png' });

/** A ticket about the customer, with one photo. */
export async function makeTicketWorld(db: Database, orgId: string, actorUserId: string, customerId: string) {
  const { ticket } = await openTicket(db, {
    orgId,
    actorUserId,
    source: 'staff',
    customerId,
    category: 'no_internet',
    subject: 'Internet mati',
  });
  const attachment = await addTicketAttachment(db, {
    orgId,
    actorUserId,
    ip: null,
    ticketId: ticket.id,
    file: photo(),
  });
  return { ticket, attachmentId: attachment.id };
}

/** Inputs for the permission matrix: one ticket, walked through a reply, resolving, assignment. */
export async function ticketMatrixInputs(db: Database, orgId: string, adminUserId: string, customerId: string) {
  const { ticket, attachmentId } = await makeTicketWorld(db, orgId, adminUserId, customerId);
  return {
    'tickets.list': { status: 'active', sla: 'breached' },
    'tickets.get': { ticketId: ticket.id },
    'tickets.counts': {},
    'tickets.create': { subject: 'Lambat', category: 'slow', customerId },
    'tickets.addMessage': { ticketId: ticket.id, kind: 'reply', body: 'Sedang dicek.' },
    'tickets.changeStatus': { ticketId: ticket.id, status: 'resolved' },
    'tickets.assign': { ticketId: ticket.id, assigneeUserId: adminUserId, team: 'noc' },
    'tickets.update': { ticketId: ticket.id, priority: 'high', category: 'slow' },
    'tickets.addAttachment': { ticketId: ticket.id, file: photo() },
    'tickets.attachment': { attachmentId },
    'tickets.settings': {},
    'tickets.saveSettings': {
      policies: [{ priority: 'urgent', firstResponseMinutes: 15, resolutionMinutes: 120 }],
      days: [1, 2, 3, 4, 5],
      start: '08:00',
      end: '17:00',
      escalationUserId: adminUserId,
      askRating: true,
    },
    'tickets.customerChoices': { q: 'Joko' },
  } as Record<string, unknown>;
}

type Run = (op: never, input: unknown) => Promise<Result<unknown>>;
type Sides = {
  db: Database;
  run: Run;
  a: { orgId: string; userId: string };
  b: { orgId: string; userId: string; customerId: string };
};

/** A's admin reaches none of B's tickets, files, customers or members. */
export function ticketIsolationCases(sides: () => Sides): Record<string, () => Promise<void>> {
  const run = (op: unknown, input: unknown) => sides().run(op as never, input);
  let bWorld: ReturnType<typeof makeTicketWorld> | undefined;
  const b = () => (bWorld ??= makeTicketWorld(sides().db, sides().b.orgId, sides().b.userId, sides().b.customerId));
  const notFound = (r: Result<unknown>) => assert.equal(!r.ok && r.code, 'not_found', JSON.stringify(r));
  const bUnchanged = async () => {
    const { ticket } = await b();
    const [now] = await sides().db.select().from(tickets).where(eq(tickets.id, ticket.id));
    assert.deepEqual(
      [now!.status, now!.priority, now!.assigneeUserId, now!.team, now!.firstRespondedAt],
      [ticket.status, ticket.priority, ticket.assigneeUserId, ticket.team, ticket.firstRespondedAt],
    );
    const msgs = await sides().db.select().from(ticketMessages).where(eq(ticketMessages.ticketId, ticket.id));
    assert.equal(msgs.length, 1); // only the "opened" event
  };
  return {
    'tickets.list': async () => {
      const { ticket } = await b();
      const r = await run(ticketOps.listTicketsOp, { q: ticket.subject });
      assert.ok(r.ok);
      assert.ok(!JSON.stringify(r.data).includes(ticket.id));
    },
    'tickets.get': async () => notFound(await run(ticketOps.getTicketOp, { ticketId: (await b()).ticket.id })),
    'tickets.counts': async () => {
      await b();
      const r = await run(ticketOps.ticketCountsOp, {});
      assert.ok(r.ok);
      const own = await sides().db.select().from(tickets).where(eq(tickets.organizationId, sides().a.orgId));
      assert.equal(
        (r.data as { active: number }).active,
        own.filter((t) => t.status !== 'resolved' && t.status !== 'closed').length,
      );
    },
    'tickets.create': async () => {
      const r = await run(ticketOps.createTicketOp, {
        subject: 'x',
        category: 'other',
        customerId: sides().b.customerId,
      });
      assert.equal(!r.ok && r.code, 'validation');
      const inB = await sides().db.select().from(tickets).where(eq(tickets.customerId, sides().b.customerId));
      assert.ok(inB.every((t) => t.organizationId === sides().b.orgId));
    },
    'tickets.addMessage': async () => {
      notFound(await run(ticketOps.addTicketMessageOp, { ticketId: (await b()).ticket.id, kind: 'reply', body: 'x' }));
      await bUnchanged();
    },
    'tickets.changeStatus': async () => {
      notFound(await run(ticketOps.changeTicketStatusOp, { ticketId: (await b()).ticket.id, status: 'resolved' }));
      await bUnchanged();
    },
    'tickets.assign': async () => {
      notFound(
        await run(ticketOps.assignTicketOp, { ticketId: (await b()).ticket.id, assigneeUserId: sides().a.userId }),
      );
      await bUnchanged();
    },
    'tickets.update': async () => {
      notFound(
        await run(ticketOps.updateTicketOp, { ticketId: (await b()).ticket.id, priority: 'urgent', category: 'slow' }),
      );
      await bUnchanged();
    },
    'tickets.addAttachment': async () =>
      notFound(await run(ticketOps.addTicketAttachmentOp, { ticketId: (await b()).ticket.id, file: photo() })),
    'tickets.attachment': async () =>
      notFound(await run(ticketOps.ticketAttachmentOp, { attachmentId: (await b()).attachmentId })),
    'tickets.customerChoices': async () => {
      const r = await run(ticketOps.ticketCustomerChoicesOp, { customerId: sides().b.customerId });
      assert.ok(r.ok);
      assert.deepEqual(r.data, []);
    },
    'tickets.settings': async () => {
      const r = await run(ticketOps.supportSettingsOp, {});
      assert.ok(r.ok);
      const members = (r.data as { members: { id: string }[] }).members.map((m) => m.id);
      assert.ok(!members.includes(sides().b.userId));
    },
    'tickets.saveSettings': async () => {
      const r = await run(ticketOps.saveSupportSettingsOp, {
        policies: [],
        days: [1],
        start: '08:00',
        end: '17:00',
        escalationUserId: sides().b.userId,
      });
      assert.equal(!r.ok && r.code, 'validation');
      const [s] = await sides()
        .db.select()
        .from(supportSettings)
        .where(eq(supportSettings.organizationId, sides().b.orgId));
      assert.equal(s, undefined);
    },
  };
}
