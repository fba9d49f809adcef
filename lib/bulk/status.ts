/** Isolating or reopening the services behind a selection of customers or invoices. */
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { invoices, subscriptions } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { OPEN_INVOICE_STATUSES } from '@/lib/billing/overdue';
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
 * isolated and only isolated ones reopened. Isolating through an invoice follows the
 * isolation rule of billing (`lib/billing/isolation.ts`): only an unpaid or partly paid
 * invoice's service; reopening, like on the customer page, is staff's call and has no such
 * condition. The counts are of selected rows: a row is changed when any of its services was
 * (a customer may have two, two invoices may share one), the others are skipped.
 */
export async function changeServiceStatus(
  db: Db,
  p: Actor & { target: BulkTarget; ids: string[]; action: BulkStatusAction },
) {
  const from = p.action === 'isolate' ? 'active' : 'isolated';
  const to = p.action === 'isolate' ? 'isolated' : 'active';
  const pairs: { row: string; subscriptionId: string }[] =
    p.target === 'customers'
      ? await db
          .select({ row: subscriptions.customerId, subscriptionId: subscriptions.id })
          .from(subscriptions)
          .where(
            and(
              eq(subscriptions.organizationId, p.orgId),
              inArray(subscriptions.customerId, p.ids),
              eq(subscriptions.status, from),
            ),
          )
      : await db
          .select({ row: invoices.id, subscriptionId: subscriptions.id })
          .from(invoices)
          .innerJoin(subscriptions, eq(subscriptions.id, invoices.subscriptionId))
          .where(
            and(
              eq(invoices.organizationId, p.orgId),
              eq(subscriptions.organizationId, p.orgId),
              inArray(invoices.id, p.ids),
              eq(subscriptions.status, from),
              p.action === 'isolate' ? inArray(invoices.status, OPEN_INVOICE_STATUSES) : undefined,
            ),
          );
  const changedIds = new Set<string>();
  const jobIds: string[] = [];
  for (const subscriptionId of new Set(pairs.map((x) => x.subscriptionId))) {
    try {
      const r = await transitionSubscription(db, { ...p, subscriptionId, to, reason: null });
      changedIds.add(subscriptionId);
      jobIds.push(r.jobId);
    } catch (error) {
      // Changed by someone else since it was read (e.g. paid and reopened): skipped, not fatal.
      if (!(error instanceof AppError)) throw error;
    }
  }
  const changed = new Set(pairs.filter((x) => changedIds.has(x.subscriptionId)).map((x) => x.row)).size;
  const result = { selected: p.ids.length, changed, skipped: p.ids.length - changed, services: changedIds.size };
  await recordAudit(db, {
    orgId: p.orgId,
    actorUserId: p.actorUserId,
    ip: p.ip,
    action: p.action === 'isolate' ? 'bulk.isolated' : 'bulk.reopened',
    entityType: p.target === 'invoices' ? 'invoice' : 'customer',
    data: { ...result, subscriptionIds: [...changedIds], jobIds },
  });
  return result;
}
