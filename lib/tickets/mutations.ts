import { randomBytes } from 'node:crypto';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '@/db/client';
import type { TicketStatus } from '@/db/enums';
import { supportSettings, type Ticket, ticketMessages, tickets } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { emitRows, ticketRows } from '@/lib/events/rows';
import { AppError } from '@/lib/server/errors';
import type { Actor } from '@/lib/server/operation';
import { activeMembersWith, isActiveMemberWith } from '@/lib/users/queries';
import { hasRecipient, queueRatingAsk, queueTicketReply } from './notify';
import { formatTicketNumber } from './number';
import { slaDueTimes } from './open';
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
 * Whether staff work other than a WhatsApp reply (a note, taking the ticket in progress) is
 * the first response: when there is no one to reply to (a walk-in without a phone) or the
 * ticket is an outage incident, a reply can never come, and the target would always breach.
 */
async function respondsWithoutReply(tx: Db, t: Ticket): Promise<boolean> {
  if (t.firstRespondedAt) return false;
  return t.kind === 'incident' || !(await hasRecipient(tx, t));
}

/**
 * A note (staff only) or a reply (sent to the customer by WhatsApp with the ticket number).
 * The first reply meets the first-response target and moves an open ticket to in progress;
 * on a ticket with no one to reply to, the first note does.
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
    let delivery: 'queued' | 'cancelled' | 'none' = 'none';
    if (p.kind === 'reply') {
      const queued = await queueTicketReply(tx, {
        ticket: t,
        body: p.body,
        replyId: msg!.id,
        actorUserId: p.actorUserId,
      });
      if (queued) {
        await tx.update(ticketMessages).set({ messageId: queued.id }).where(eq(ticketMessages.id, msg!.id));
        // An opted-out customer's message is kept as cancelled: nothing was sent.
        delivery = queued.status;
        sent = queued.status === 'queued';
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
      const now = new Date();
      const firstResponse = (await respondsWithoutReply(tx, t)) ? { firstRespondedAt: now } : {};
      await tx
        .update(tickets)
        .set({ ...firstResponse, updatedAt: now })
        .where(and(eq(tickets.organizationId, p.orgId), eq(tickets.id, t.id)));
    }
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      action: p.kind === 'reply' ? 'ticket.replied' : 'ticket.noted',
      entityType: 'ticket',
      entityId: t.id,
      data: { number: formatTicketNumber(t.number), sent, ...(p.kind === 'reply' ? { delivery } : {}) },
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
    if (!canMoveTo(t.status, p.status))
      throw new AppError('invalid_transition', {
        from: `@tickets.statuses.${t.status}`,
        to: `@tickets.statuses.${p.status}`,
      });
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
    if (p.status === 'in_progress' && (await respondsWithoutReply(tx, t))) set.firstRespondedAt = now;
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
    if (p.status === 'resolved')
      await emitRows(tx, {
        orgId: p.orgId,
        type: 'ticket.resolved',
        rows: ticketRows({ orgId: p.orgId, ticketId: t.id }),
      });
    // "Rating asked" only when a message is really on its way (not cancelled for an opt-out).
    const ask = ratingToken
      ? await queueRatingAsk(tx, { ticket: updated!, token: ratingToken, actorUserId: p.actorUserId })
      : null;
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      action: reopening ? 'ticket.reopened' : 'ticket.status_changed',
      entityType: 'ticket',
      entityId: t.id,
      data: { number: formatTicketNumber(t.number), from: t.status, to: p.status },
    });
    return { status: p.status as TicketStatus, ratingAsked: ask?.status === 'queued' };
  });
}

/** Members a ticket can be assigned to: those whose role may work tickets (reply, move, resolve). */
export async function assignableMembers(db: Db, orgId: string) {
  return activeMembersWith(db, { orgId, permission: 'tickets.manage' });
}

/** Assigns a member and/or a team (either may be cleared). The member must be an active one of this organization. */
export async function assignTicket(db: Db, p: Actor & z.output<typeof assignSchema>) {
  return db.transaction(async (tx) => {
    const t = await lockTicket(tx, p.orgId, p.ticketId);
    if (
      p.assigneeUserId &&
      !(await isActiveMemberWith(tx, { orgId: p.orgId, userId: p.assigneeUserId, permission: 'tickets.manage' }))
    )
      throw new AppError('validation', {}, { assigneeUserId: 'tickets.errors.assigneeNotMember' });

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

/** When the resolution clock last started: the last reopening (which restarts it), else the opening. */
async function resolutionClockStart(tx: Db, t: Ticket): Promise<Date> {
  const [last] = await tx
    .select({ at: ticketMessages.createdAt })
    .from(ticketMessages)
    .where(
      and(
        eq(ticketMessages.organizationId, t.organizationId),
        eq(ticketMessages.ticketId, t.id),
        eq(ticketMessages.kind, 'event'),
        sql`${ticketMessages.event}->>'code' = 'reopened'`,
      ),
    )
    .orderBy(desc(ticketMessages.createdAt))
    .limit(1);
  return last?.at ?? t.createdAt;
}

/**
 * Priority and category; a new priority sets new targets: first response counted from when
 * the ticket opened, resolution from when its clock last started (a reopened ticket does not
 * breach at once).
 */
export async function updateTicket(db: Db, p: Actor & z.output<typeof updateTicketSchema>) {
  return db.transaction(async (tx) => {
    const t = await lockTicket(tx, p.orgId, p.ticketId);
    let due: { firstResponseDueAt: Date; resolutionDueAt: Date } | null = null;
    if (p.priority !== t.priority) {
      const opened = await slaDueTimes(tx, p.orgId, p.priority, t.createdAt);
      const start = await resolutionClockStart(tx, t);
      const resolution =
        start.getTime() === t.createdAt.getTime() ? opened : await slaDueTimes(tx, p.orgId, p.priority, start);
      due = { firstResponseDueAt: opened.firstResponseDueAt, resolutionDueAt: resolution.resolutionDueAt };
    }
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
