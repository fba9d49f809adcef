import { randomBytes } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '@/db/client';
import type { TicketStatus } from '@/db/enums';
import { memberships, supportSettings, type Ticket, ticketMessages, tickets } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { can, type Role } from '@/lib/auth/permissions';
import { AppError } from '@/lib/server/errors';
import type { Actor } from '@/lib/server/operation';
import { queueRatingAsk, queueTicketReply } from './notify';
import { formatTicketNumber, slaDueTimes } from './open';
import type { addMessageSchema, assignSchema, changeStatusSchema, updateTicketSchema } from './schemas';
import { canMoveTo } from './status';

/** The ticket, locked for the change, in this organization only. */
export async function lockTicket(tx: Db, orgId: string, ticketId: string): Promise<Ticket> {
  const [t] = await tx
    .select()
    .from(tickets)
    .where(and(eq(tickets.organizationId, orgId), eq(tickets.id, ticketId)))
    .for('update');
  if (!t) throw new AppError('not_found');
  return t;
}

async function event(tx: Db, t: Ticket, actorUserId: string | null, code: string, values?: Record<string, string>) {
  await tx.insert(ticketMessages).values({
    organizationId: t.organizationId,
    ticketId: t.id,
    kind: 'event',
    body: '',
    event: { code, values },
    authorUserId: actorUserId,
  });
}

/**
 * A note (staff only) or a reply (sent to the customer by WhatsApp with the ticket number).
 * The first reply meets the first-response target and moves an open ticket to in progress.
 */
export async function addTicketMessage(db: Db, p: Actor & z.output<typeof addMessageSchema>) {
  return db.transaction(async (tx) => {
    const t = await lockTicket(tx, p.orgId, p.ticketId);
    const [msg] = await tx
      .insert(ticketMessages)
      .values({
        organizationId: p.orgId,
        ticketId: t.id,
        kind: p.kind,
        body: p.body,
        authorUserId: p.actorUserId,
      })
      .returning();
    let sent = false;
    if (p.kind === 'reply') {
      const messageId = await queueTicketReply(tx, {
        ticket: t,
        body: p.body,
        replyId: msg!.id,
        actorUserId: p.actorUserId,
      });
      if (messageId) {
        await tx.update(ticketMessages).set({ messageId }).where(eq(ticketMessages.id, msg!.id));
        sent = true;
      }
      await tx
        .update(tickets)
        .set({
          firstRespondedAt: t.firstRespondedAt ?? new Date(),
          status: t.status === 'open' ? 'in_progress' : t.status,
          updatedAt: new Date(),
        })
        .where(and(eq(tickets.organizationId, p.orgId), eq(tickets.id, t.id)));
    } else {
      await tx
        .update(tickets)
        .set({ updatedAt: new Date() })
        .where(and(eq(tickets.organizationId, p.orgId), eq(tickets.id, t.id)));
    }
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      action: p.kind === 'reply' ? 'ticket.replied' : 'ticket.noted',
      entityType: 'ticket',
      entityId: t.id,
      data: { number: formatTicketNumber(t.number), sent },
    });
    return { id: msg!.id, sent };
  });
}

/**
 * Moves a ticket along its flow. Resolving stamps the time (the resolution target) and asks
 * the customer for a rating by WhatsApp when the organization wants it; reopening starts the
 * resolution clock again from now.
 */
export async function changeTicketStatus(db: Db, p: Actor & z.output<typeof changeStatusSchema>) {
  return db.transaction(async (tx) => {
    const t = await lockTicket(tx, p.orgId, p.ticketId);
    if (!canMoveTo(t.status, p.status)) throw new AppError('invalid_transition');
    const now = new Date();
    const reopening = p.status === 'open';
    const set: Partial<typeof tickets.$inferInsert> = { status: p.status, updatedAt: now };
    let ratingToken: string | null = null;
    if (p.status === 'resolved') {
      set.resolvedAt = now;
      const [s] = await tx
        .select({ askRating: supportSettings.askRating })
        .from(supportSettings)
        .where(eq(supportSettings.organizationId, p.orgId));
      if ((s?.askRating ?? true) && t.rating === null) {
        ratingToken = randomBytes(24).toString('base64url');
        set.ratingToken = ratingToken;
      }
    }
    if (p.status === 'closed') set.closedAt = now;
    if (reopening) {
      const due = await slaDueTimes(tx, p.orgId, t.priority, now);
      Object.assign(set, {
        resolvedAt: null,
        closedAt: null,
        escalatedAt: null,
        resolutionDueAt: due.resolutionDueAt,
        ratingToken: null,
      });
    }
    const [updated] = await tx
      .update(tickets)
      .set(set)
      .where(and(eq(tickets.organizationId, p.orgId), eq(tickets.id, t.id)))
      .returning();
    await event(tx, t, p.actorUserId, reopening ? 'reopened' : 'status', { from: t.status, to: p.status });
    if (ratingToken) await queueRatingAsk(tx, { ticket: updated!, token: ratingToken, actorUserId: p.actorUserId });
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      action: reopening ? 'ticket.reopened' : 'ticket.status_changed',
      entityType: 'ticket',
      entityId: t.id,
      data: { number: formatTicketNumber(t.number), from: t.status, to: p.status },
    });
    return { status: p.status as TicketStatus, ratingAsked: ratingToken !== null };
  });
}

/** Roles a ticket can be assigned to: members who may see tickets. */
export async function assignableMembers(db: Db, orgId: string) {
  const rows = await db.execute<{ id: string; name: string; role: Role }>(sql`
    select u.id, u.name, m.role from memberships m join users u on u.id = m.user_id
    where m.organization_id = ${orgId} and m.active order by u.name`);
  return [...rows].filter((r) => can(r.role, 'tickets.view'));
}

/** Assigns a member and/or a team (either may be cleared). The member must be an active one of this organization. */
export async function assignTicket(db: Db, p: Actor & z.output<typeof assignSchema>) {
  return db.transaction(async (tx) => {
    const t = await lockTicket(tx, p.orgId, p.ticketId);
    if (p.assigneeUserId) {
      const [m] = await tx
        .select({ role: memberships.role })
        .from(memberships)
        .where(
          and(
            eq(memberships.organizationId, p.orgId),
            eq(memberships.userId, p.assigneeUserId),
            eq(memberships.active, true),
          ),
        );
      if (!m || !can(m.role as Role, 'tickets.view'))
        throw new AppError('validation', {}, { assigneeUserId: 'tickets.errors.assigneeNotMember' });
    }
    await tx
      .update(tickets)
      .set({ assigneeUserId: p.assigneeUserId ?? null, team: p.team ?? null, updatedAt: new Date() })
      .where(and(eq(tickets.organizationId, p.orgId), eq(tickets.id, t.id)));
    await event(tx, t, p.actorUserId, 'assigned', {
      assignee: p.assigneeUserId ?? '',
      team: p.team ?? '',
    });
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      action: 'ticket.assigned',
      entityType: 'ticket',
      entityId: t.id,
      data: { number: formatTicketNumber(t.number), assigneeUserId: p.assigneeUserId ?? null, team: p.team ?? null },
    });
    return { ok: true };
  });
}

/** Priority and category; a new priority sets new targets, counted from when the ticket opened. */
export async function updateTicket(db: Db, p: Actor & z.output<typeof updateTicketSchema>) {
  return db.transaction(async (tx) => {
    const t = await lockTicket(tx, p.orgId, p.ticketId);
    const due = p.priority !== t.priority ? await slaDueTimes(tx, p.orgId, p.priority, t.createdAt) : null;
    await tx
      .update(tickets)
      .set({
        priority: p.priority,
        category: p.category,
        ...(due ? { ...due, escalatedAt: null } : {}),
        updatedAt: new Date(),
      })
      .where(and(eq(tickets.organizationId, p.orgId), eq(tickets.id, t.id)));
    if (p.priority !== t.priority) await event(tx, t, p.actorUserId, 'priority', { from: t.priority, to: p.priority });
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      action: 'ticket.updated',
      entityType: 'ticket',
      entityId: t.id,
      data: { number: formatTicketNumber(t.number), priority: p.priority, category: p.category },
    });
    return { ok: true };
  });
}
