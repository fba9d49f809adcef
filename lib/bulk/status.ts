/** Isolating or reopening the services behind a selection of customers or invoices. */
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { invoices, subscriptions } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { transitionSubscription } from '@/lib/customers/subscriptions';
import { AppError } from '@/lib/server/errors';
import type { Actor } from '@/lib/server/operation';
import type { BulkTarget } from './reminders';

export const BULK_STATUS_ACTIONS = ['isolate', 'reopen'] as const;
export type BulkStatusAction = (typeof BULK_STATUS_ACTIONS)[number];

/**
 * Each subscription goes through `transitionSubscription`, one transaction each, so the
 * history, the customer's status, the RADIUS rows, the router job and the audit entry are
 * exactly what a single change from the customer page makes. Only active services are
 * isolated and only isolated ones reopened; the others are counted as skipped.
 */
export async function changeServiceStatus(
  db: Db,
  p: Actor & { target: BulkTarget; ids: string[]; action: BulkStatusAction },
) {
  const from = p.action === 'isolate' ? 'active' : 'isolated';
  const to = p.action === 'isolate' ? 'isolated' : 'active';
  const subscriptionIds =
    p.target === 'customers'
      ? (
          await db
            .select({ id: subscriptions.id })
            .from(subscriptions)
            .where(
              and(
                eq(subscriptions.organizationId, p.orgId),
                inArray(subscriptions.customerId, p.ids),
                eq(subscriptions.status, from),
              ),
            )
        ).map((s) => s.id)
      : (
          await db
            .selectDistinct({ id: subscriptions.id })
            .from(invoices)
            .innerJoin(subscriptions, eq(subscriptions.id, invoices.subscriptionId))
            .where(
              and(
                eq(invoices.organizationId, p.orgId),
                eq(subscriptions.organizationId, p.orgId),
                inArray(invoices.id, p.ids),
                eq(subscriptions.status, from),
              ),
            )
        ).map((s) => s.id);
  let changed = 0;
  const jobIds: string[] = [];
  for (const subscriptionId of subscriptionIds) {
    try {
      const r = await transitionSubscription(db, { ...p, subscriptionId, to, reason: null });
      changed++;
      jobIds.push(r.jobId);
    } catch (error) {
      // Changed by someone else since it was read (e.g. paid and reopened): skipped, not fatal.
      if (!(error instanceof AppError)) throw error;
    }
  }
  await recordAudit(db, {
    orgId: p.orgId,
    actorUserId: p.actorUserId,
    ip: p.ip,
    action: p.action === 'isolate' ? 'bulk.isolated' : 'bulk.reopened',
    entityType: p.target === 'invoices' ? 'invoice' : 'customer',
    data: { selected: p.ids.length, changed, subscriptionIds, jobIds },
  });
  return { selected: p.ids.length, changed, skipped: p.ids.length - changed };
}
