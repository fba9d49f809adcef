import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '@/db/client';
import type { TicketCategory } from '@/db/enums';
import { customers, subscriptions, ticketAttachments, ticketMessages, tickets } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { translate } from '@/lib/i18n/translate';
import { removeStoredPhoto } from '@/lib/infrastructure/photo-files';
import { getMessagingSettings } from '@/lib/messaging/queue';
import { AppError } from '@/lib/server/errors';
import { sniffUpload, storeOrgFile } from '@/lib/server/files';
import { ATTACHMENT_FOLDER } from '@/lib/tickets/attachments';
import { formatTicketNumber } from '@/lib/tickets/number';
import { openTicket, slaDueTimes } from '@/lib/tickets/open';
import { submitRating } from '@/lib/tickets/public';
import { limitPortalWrites } from './limits';
import { type PortalCtx, portalAuditData } from './operation';

/** Reports and messages per portal session (and four times that per address), per hour. */
export const REPORTS_PER_HOUR = 5;
export const MESSAGES_PER_HOUR = 30;
export const PHOTO_MAX_BYTES = 8 * 1024 * 1024;
export const PORTAL_TICKETS_PAGE = 20;
const EXT = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp', 'application/pdf': 'pdf' } as const;

type Visitor = Omit<PortalCtx, 'db'>;
type Scope = Pick<PortalCtx, 'orgId' | 'customerIds'>;

/** The visitor's tickets (complaints about them), newest activity first. */
export async function listPortalTickets(db: Db, p: Scope & { page: number }) {
  if (p.customerIds.length === 0) return { items: [], more: false };
  const rows = await db
    .select({
      id: tickets.id,
      number: tickets.number,
      subject: tickets.subject,
      category: tickets.category,
      status: tickets.status,
      createdAt: tickets.createdAt,
      updatedAt: tickets.updatedAt,
    })
    .from(tickets)
    .where(and(eq(tickets.organizationId, p.orgId), inArray(tickets.customerId, p.customerIds)))
    .orderBy(desc(tickets.updatedAt), desc(tickets.id))
    .limit(PORTAL_TICKETS_PAGE * p.page + 1);
  return {
    items: rows.slice(0, PORTAL_TICKETS_PAGE * p.page).map((r) => ({ ...r, number: formatTicketNumber(r.number) })),
    more: rows.length > PORTAL_TICKETS_PAGE * p.page,
  };
}

async function ownTicket(db: Db, p: Scope & { ticketId: string }) {
  if (p.customerIds.length === 0) throw new AppError('not_found');
  const [t] = await db
    .select()
    .from(tickets)
    .where(
      and(eq(tickets.id, p.ticketId), eq(tickets.organizationId, p.orgId), inArray(tickets.customerId, p.customerIds)),
    );
  if (!t) throw new AppError('not_found');
  return t;
}

/**
 * One of the visitor's tickets as the customer may see it: what they wrote and staff's
 * replies (never internal notes or events), their own photos, and whether they may rate it.
 */
export async function portalTicket(db: Db, p: Scope & { ticketId: string }) {
  const t = await ownTicket(db, p);
  const [messages, photos] = await Promise.all([
    db
      .select({
        id: ticketMessages.id,
        kind: ticketMessages.kind,
        body: ticketMessages.body,
        at: ticketMessages.createdAt,
      })
      .from(ticketMessages)
      .where(
        and(
          eq(ticketMessages.organizationId, p.orgId),
          eq(ticketMessages.ticketId, t.id),
          inArray(ticketMessages.kind, ['customer', 'reply']),
        ),
      )
      .orderBy(asc(ticketMessages.createdAt), asc(ticketMessages.id)),
    db
      .select({ id: ticketAttachments.id, fileName: ticketAttachments.fileName, mime: ticketAttachments.mime })
      .from(ticketAttachments)
      .where(
        and(
          eq(ticketAttachments.organizationId, p.orgId),
          eq(ticketAttachments.ticketId, t.id),
          isNull(ticketAttachments.createdBy),
        ),
      )
      .orderBy(asc(ticketAttachments.createdAt)),
  ]);
  const done = t.status === 'resolved' || t.status === 'closed';
  return {
    id: t.id,
    number: formatTicketNumber(t.number),
    subject: t.subject,
    description: t.description,
    category: t.category,
    status: t.status,
    createdAt: t.createdAt,
    messages,
    photos,
    rating: t.rating,
    ratingComment: t.ratingComment,
    canRate: done && t.rating === null && t.ratingToken !== null,
    canReply: t.status !== 'closed',
  };
}

/** A photo of the visitor's own ticket (the route handler streams it); another's is not found. */
export async function portalTicketPhoto(db: Db, p: Scope & { ticketId: string; attachmentId: string }) {
  const t = await ownTicket(db, p);
  const [row] = await db
    .select({ path: ticketAttachments.path, fileName: ticketAttachments.fileName, mime: ticketAttachments.mime })
    .from(ticketAttachments)
    .where(
      and(
        eq(ticketAttachments.organizationId, p.orgId),
        eq(ticketAttachments.ticketId, t.id),
        eq(ticketAttachments.id, p.attachmentId),
        isNull(ticketAttachments.createdBy),
      ),
    );
  if (!row) throw new AppError('not_found');
  if (!row.path.startsWith(`${p.orgId}/${ATTACHMENT_FOLDER}/`) || row.path.includes('..'))
    throw new AppError('not_found');
  return row;
}

/**
 * "Report a problem": a ticket through `openTicket` with source 'portal' (a no-internet or slow
 * report from inside a known outage joins the outage's ticket, and the customer is told so),
 * with an optional photo whose type is decided by its bytes.
 */
export async function reportPortalProblem(
  db: Db,
  ctx: Visitor,
  p: { subscriptionId?: string | null; category: TicketCategory; description: string; photo?: File; filesDir?: string },
) {
  if (ctx.customerIds.length === 0) throw new AppError('not_found');
  const photo = p.photo && p.photo.size > 0 ? p.photo : undefined;
  if (photo && photo.size > PHOTO_MAX_BYTES) throw new AppError('validation', {}, { photo: 'validation.photoSize' });
  const type = photo ? await sniffUpload(photo) : null;
  if (photo && !type) throw new AppError('validation', {}, { photo: 'tickets.errors.fileType' });
  let customerId = ctx.customerIds[0]!;
  if (p.subscriptionId) {
    const [sub] = await db
      .select({ customerId: subscriptions.customerId })
      .from(subscriptions)
      .where(
        and(
          eq(subscriptions.id, p.subscriptionId),
          eq(subscriptions.organizationId, ctx.orgId),
          inArray(subscriptions.customerId, ctx.customerIds),
        ),
      );
    if (!sub) throw new AppError('not_found');
    customerId = sub.customerId;
  }
  await limitPortalWrites(db, ctx, 'report', REPORTS_PER_HOUR);
  const [customer] = await db
    .select({ name: customers.name, phone: customers.phone })
    .from(customers)
    .where(and(eq(customers.id, customerId), eq(customers.organizationId, ctx.orgId)));
  const stored = photo
    ? await storeOrgFile({
        orgId: ctx.orgId,
        folder: ATTACHMENT_FOLDER,
        name: `portal-${randomUUID()}.${EXT[type!]}`,
        file: photo,
        filesDir: p.filesDir,
      })
    : null;
  try {
    return await db.transaction(async (tx) => {
      const { ticket, joinedIncident } = await openTicket(tx, {
        orgId: ctx.orgId,
        actorUserId: null,
        source: 'portal',
        customerId,
        subscriptionId: p.subscriptionId ?? null,
        reporterName: customer?.name ?? null,
        reporterPhone: customer?.phone ?? ctx.phone,
        category: p.category,
        // Staff read the subject: in the organization's language, not the visitor's.
        subject: translate((await getMessagingSettings(db, ctx.orgId)).locale, `tickets.categories.${p.category}`),
        description: p.description,
        ip: ctx.ip,
        auditData: portalAuditData(ctx as PortalCtx),
      });
      if (stored) {
        await tx.insert(ticketAttachments).values({
          organizationId: ctx.orgId,
          ticketId: ticket.id,
          path: stored,
          fileName: (photo!.name || `photo.${EXT[type!]}`).replace(/[^\w.\- ]+/g, '_').slice(0, 120),
          mime: type!,
          bytes: photo!.size,
          createdBy: null,
        });
        await recordAudit(tx, {
          orgId: ctx.orgId,
          actorUserId: null,
          ip: ctx.ip,
          action: 'ticket.attachment_added',
          entityType: 'ticket',
          entityId: ticket.id,
          data: portalAuditData(ctx as PortalCtx, { number: formatTicketNumber(ticket.number), file: stored }),
        });
      }
      return {
        ticketId: joinedIncident ? null : ticket.id,
        number: joinedIncident ? null : formatTicketNumber(ticket.number),
        joinedIncident,
      };
    });
  } catch (error) {
    if (stored) await removeStoredPhoto(stored, p.filesDir);
    throw error;
  }
}

/**
 * The customer writes on their ticket: staff see it as the customer's words. A ticket waiting
 * for the customer goes back to being worked; a resolved one reopens (the problem is back).
 */
export async function addPortalTicketMessage(db: Db, ctx: Visitor, p: { ticketId: string; body: string }) {
  const t = await ownTicket(db, { ...ctx, ticketId: p.ticketId });
  if (t.status === 'closed') throw new AppError('portal_ticket_closed');
  await limitPortalWrites(db, ctx, 'ticket-message', MESSAGES_PER_HOUR);
  return db.transaction(async (tx) => {
    const [msg] = await tx
      .insert(ticketMessages)
      .values({ organizationId: ctx.orgId, ticketId: t.id, kind: 'customer', body: p.body })
      .returning({ id: ticketMessages.id });
    const now = new Date();
    const reopening = t.status === 'resolved';
    const status = t.status === 'waiting' ? 'in_progress' : reopening ? 'open' : t.status;
    await tx
      .update(tickets)
      .set({
        status,
        updatedAt: now,
        // As staff's reopen does (lib/tickets/mutations.ts): the resolution clock starts again.
        ...(reopening
          ? {
              resolvedAt: null,
              escalatedAt: null,
              ratingToken: null,
              resolutionDueAt: (await slaDueTimes(tx, ctx.orgId, t.priority, now)).resolutionDueAt,
            }
          : {}),
      })
      .where(and(eq(tickets.organizationId, ctx.orgId), eq(tickets.id, t.id)));
    await recordAudit(tx, {
      orgId: ctx.orgId,
      actorUserId: null,
      ip: ctx.ip,
      action: 'ticket.customer_message',
      entityType: 'ticket',
      entityId: t.id,
      data: portalAuditData(ctx as PortalCtx, { number: formatTicketNumber(t.number), reopened: reopening }),
    });
    return { id: msg!.id };
  });
}

/** The 1–5 rating of a resolved ticket, once: the same rule as the WhatsApp rating link. */
export async function ratePortalTicket(
  db: Db,
  ctx: Visitor,
  p: { ticketId: string; rating: number; comment?: string | null },
) {
  const t = await ownTicket(db, { ...ctx, ticketId: p.ticketId });
  if (!t.ratingToken || (t.status !== 'resolved' && t.status !== 'closed')) throw new AppError('rating_closed');
  return submitRating(db, { token: t.ratingToken, rating: p.rating, comment: p.comment ?? '', ip: ctx.ip });
}

/** The visitor's subscriptions to pick from when reporting (one is chosen for them when alone). */
export async function portalSubscriptionChoices(db: Db, p: Scope) {
  if (p.customerIds.length === 0) return [];
  return db
    .select({ id: subscriptions.id, serviceUsername: subscriptions.serviceUsername })
    .from(subscriptions)
    .where(
      and(
        eq(subscriptions.organizationId, p.orgId),
        inArray(subscriptions.customerId, p.customerIds),
        inArray(subscriptions.status, ['active', 'isolated', 'suspended']),
      ),
    )
    .orderBy(subscriptions.createdAt);
}
