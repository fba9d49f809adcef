import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { customers, subscriptionHistory, subscriptions } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { enqueueJob } from '@/lib/jobs/enqueue';
import { AppError } from '@/lib/server/errors';
import { canTransition, type SubscriptionStatus } from './constants';

/**
 * Moves a subscription along its lifecycle, keeps the history, mirrors the status on the
 * customer (when it is their latest subscription) and, in the same transaction, queues the
 * network job that puts the router / RADIUS in line with the new status.
 */
export async function transitionSubscription(
  db: Db,
  p: { orgId: string; actorUserId: string | null; ip: string | null; subscriptionId: string; to: SubscriptionStatus; reason: string | null },
) {
  return db.transaction(async (tx) => {
    const [sub] = await tx
      .select()
      .from(subscriptions)
      .where(and(eq(subscriptions.id, p.subscriptionId), eq(subscriptions.organizationId, p.orgId)))
      .for('update');
    if (!sub) throw new AppError('not_found');
    if (!canTransition(sub.status, p.to)) throw new AppError('invalid_transition', { from: `@statuses.${sub.status}`, to: `@statuses.${p.to}` });

    await tx
      .update(subscriptions)
      .set({
        status: p.to,
        activatedAt: p.to === 'active' ? sql`coalesce(${subscriptions.activatedAt}, now())` : subscriptions.activatedAt,
        updatedAt: sql`now()`,
      })
      .where(eq(subscriptions.id, sub.id));
    const job = await enqueueJob(tx, {
      orgId: p.orgId,
      type: 'subscription-apply',
      payload: { subscriptionId: sub.id, status: p.to },
      createdBy: p.actorUserId,
    });
    await tx.insert(subscriptionHistory).values({
      organizationId: p.orgId,
      subscriptionId: sub.id,
      fromStatus: sub.status,
      toStatus: p.to,
      reason: p.reason,
      jobId: job.id,
      actorUserId: p.actorUserId,
    });
    const [latest] = await tx
      .select({ id: subscriptions.id })
      .from(subscriptions)
      .where(eq(subscriptions.customerId, sub.customerId))
      .orderBy(desc(subscriptions.createdAt))
      .limit(1);
    if (latest?.id === sub.id) {
      await tx.update(customers).set({ status: p.to, updatedAt: sql`now()` }).where(eq(customers.id, sub.customerId));
    }
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      action: 'subscription.status_changed',
      entityType: 'subscription',
      entityId: sub.id,
      data: { from: sub.status, to: p.to, reason: p.reason, jobId: job.id },
    });
    return { from: sub.status, to: p.to, jobId: job.id };
  });
}
