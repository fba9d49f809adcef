import { and, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { type Subscription, subscriptions } from '@/db/schema';
import { updateSubscriptionService } from '@/lib/customers/subscriptions';
import { AppError } from '@/lib/server/errors';

/**
 * Sets (or, with null, lifts) the subscription's caller id through the one network-settings
 * path (updateSubscriptionService), which queues the router job and writes the audit entry;
 * everything else about the service stays as `sub` has it. `sub` must be the row read under
 * lock in the caller's transaction, so a concurrent edit of the service is never written back
 * over with old values.
 */
export async function setCallerId(
  tx: Db,
  p: { orgId: string; actorUserId: string; ip: string | null; sub: Subscription; callerId: string | null },
) {
  return updateSubscriptionService(tx, {
    orgId: p.orgId,
    actorUserId: p.actorUserId,
    ip: p.ip,
    input: {
      subscriptionId: p.sub.id,
      planId: p.sub.planId,
      routerId: p.sub.routerId ?? undefined,
      remoteAddress: p.sub.remoteAddress,
      localAddress: p.sub.localAddress,
      callerId: p.callerId,
      odpId: undefined,
      odpPort: undefined,
    },
  });
}

/**
 * "Kunci MAC": sets the subscription's caller id (the PPPoE caller-id lock) to the MAC of the
 * device installed there (`device_mac`, recorded by the finish or a swap). `mac` is the MAC
 * the user confirmed: when a swap changed the device meanwhile it is refused
 * (`device_mac_changed`) instead of locking a MAC nobody saw.
 */
export async function lockDeviceMac(
  db: Db,
  p: { orgId: string; actorUserId: string; ip: string | null; subscriptionId: string; mac?: string },
) {
  return db.transaction(async (tx) => {
    const [sub] = await tx
      .select()
      .from(subscriptions)
      .where(and(eq(subscriptions.id, p.subscriptionId), eq(subscriptions.organizationId, p.orgId)))
      .for('update');
    if (!sub) throw new AppError('not_found');
    if (!sub.deviceMac) throw new AppError('device_mac_missing');
    if (p.mac && p.mac !== sub.deviceMac) throw new AppError('device_mac_changed', { mac: sub.deviceMac });
    const result = await setCallerId(tx, { ...p, sub, callerId: sub.deviceMac });
    return { callerId: sub.deviceMac, jobIds: result.jobIds };
  });
}
