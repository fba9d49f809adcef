import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Database, Db } from '@/db/client';
import { organizations, supportSettings, type Ticket, ticketMessages, tickets } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { type PassLog, runOrganizationTask, SILENT } from '@/lib/jobs/task-status';
import { queueEscalationNotice } from './notify';
import { CLOCK_STATUSES } from './status';

/**
 * The support pass (every 5 minutes, workers/support-tick.ts): an active ticket past a
 * target — first response not given, or not resolved — is escalated once: the NOC lead
 * (the organization's escalation member) gets a WhatsApp notice, the ticket gets an event
 * line, and the dashboard lists it. Rows are locked and skipped when another worker holds
 * them, so two workers never notify twice; `escalated_at` makes each ticket once-only
 * until it is reopened or its priority changes.
 */
export async function escalateOverdueTickets(db: Db, p: { orgId: string; now?: Date }) {
  const now = p.now ?? new Date();
  return db.transaction(async (tx) => {
    const due = await tx
      .select()
      .from(tickets)
      .where(
        and(
          eq(tickets.organizationId, p.orgId),
          // Waiting for the customer pauses the clock: such a ticket is not escalated.
          inArray(tickets.status, [...CLOCK_STATUSES]),
          sql`${tickets.escalatedAt} is null`,
          sql`((${tickets.firstRespondedAt} is null and ${tickets.firstResponseDueAt} < ${now.toISOString()}::timestamptz)
            or ${tickets.resolutionDueAt} < ${now.toISOString()}::timestamptz)`,
        ),
      )
      .limit(200)
      .for('update', { skipLocked: true });
    if (due.length === 0) return { escalated: 0, notified: 0 };
    const [s] = await tx
      .select({ userId: supportSettings.escalationUserId })
      .from(supportSettings)
      .where(eq(supportSettings.organizationId, p.orgId));
    let notified = 0;
    for (const t of due) {
      const breached = breachOf(t, now);
      await tx
        .update(tickets)
        .set({ escalatedAt: now })
        .where(and(eq(tickets.organizationId, p.orgId), eq(tickets.id, t.id)));
      await tx.insert(ticketMessages).values({
        organizationId: p.orgId,
        ticketId: t.id,
        kind: 'event',
        body: '',
        event: { code: 'escalated', values: { target: breached } },
      });
      if (s?.userId) {
        const r = await queueEscalationNotice(tx, { ticket: t, userId: s.userId, breached, escalatedAt: now });
        if (r.queued) notified++;
      }
      await recordAudit(tx, {
        orgId: p.orgId,
        actorUserId: null,
        action: 'ticket.escalated',
        entityType: 'ticket',
        entityId: t.id,
        data: { target: breached, notifiedUserId: s?.userId ?? null },
      });
    }
    return { escalated: due.length, notified };
  });
}

function breachOf(t: Ticket, now: Date): 'first_response' | 'resolution' {
  return !t.firstRespondedAt && t.firstResponseDueAt && t.firstResponseDueAt < now ? 'first_response' : 'resolution';
}

/** Every active organization's escalations; one organization's failure is recorded on it and the rest go on. */
export async function supportPass(db: Database, p: { now?: Date; log?: PassLog; orgIds?: string[] } = {}) {
  const orgs = await db
    .select({ id: organizations.id })
    .from(organizations)
    .where(and(eq(organizations.status, 'active'), p.orgIds ? inArray(organizations.id, p.orgIds) : undefined));
  const log = p.log ?? SILENT;
  let escalated = 0;
  for (const org of orgs) {
    const r = await runOrganizationTask(db, { orgId: org.id, task: 'support', log }, () =>
      escalateOverdueTickets(db, { orgId: org.id, now: p.now }),
    );
    if (r.ok && r.value.escalated) {
      escalated += r.value.escalated;
      log.info(`support ${org.id}: ${r.value.escalated} tickets escalated, ${r.value.notified} notices queued`);
    }
  }
  return { organizations: orgs.length, escalated };
}
