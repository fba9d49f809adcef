import { and, count, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import type { InstallationResult } from '@/db/enums';
import { subscriptions, type WorkOrder, workOrderPhotos, workOrders } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { transitionSubscription } from '@/lib/customers/subscriptions';
import { assertPortFree } from '@/lib/infrastructure/ports';
import { AppError } from '@/lib/server/errors';
import { dayIn, formatWorkOrderNumber, needsSignature } from './constants';
import { recordEvent } from './events';
import type { FieldAction } from './schemas';

type Finish = Extract<FieldAction, { type: 'finish' }>;

/** What a finish still lacks: photos (fewer than the type asks for) and, for an installation, the signature. */
async function assertComplete(tx: Db, wo: WorkOrder) {
  const [{ photos } = { photos: 0 }] = await tx
    .select({ photos: count() })
    .from(workOrderPhotos)
    .where(and(eq(workOrderPhotos.workOrderId, wo.id), eq(workOrderPhotos.organizationId, wo.organizationId)));
  if (photos < wo.requiredPhotos)
    throw new AppError('workorder_photos_missing', { count: photos, required: wo.requiredPhotos });
  if (needsSignature(wo.type) && !wo.signaturePath) throw new AppError('workorder_signature_missing');
}

/**
 * Finishes a work order. An installation records what went in (day, ODP port, the modem's
 * serial and MAC) on the work order and the subscription's ODP port, then activates the
 * subscription through the one lifecycle transition: the same transaction queues the network
 * job that puts it on the router / RADIUS, and the welcome message. Billing counts from the
 * activation (lib/billing/run.ts: the first invoice carries the prorata of the first month),
 * so the activation is dated when the technician finished, as the phone recorded it.
 */
export async function finishWorkOrder(
  tx: Db,
  p: { wo: WorkOrder; userId: string; action: Finish; at: Date; timeZone: string; ip: string | null },
) {
  const { wo, action } = p;
  await assertComplete(tx, wo);
  const odpId = action.odpId ?? wo.odpId;
  const odpPort = action.odpPort ?? wo.odpPort;
  if (odpId && odpPort && (odpId !== wo.odpId || odpPort !== wo.odpPort || wo.subscriptionId))
    await assertPortFree(tx, {
      orgId: wo.organizationId,
      odpId,
      port: odpPort,
      subscriptionId: wo.subscriptionId ?? undefined,
    });
  const result: InstallationResult = {
    installedOn: action.installedOn ?? dayIn(p.at, p.timeZone),
    odpId: odpId ?? null,
    odpPort: odpPort ?? null,
    serialNumber: action.serialNumber,
    macAddress: action.macAddress ?? null,
  };
  await tx
    .update(workOrders)
    .set({
      status: 'done',
      result,
      odpId: result.odpId,
      odpPort: result.odpPort,
      finishedAt: p.at,
      finishedBy: p.userId,
      checkOutAt: sql`coalesce(${workOrders.checkOutAt}, ${p.at.toISOString()}::timestamptz)`,
      checkOutLat: sql`coalesce(${workOrders.checkOutLat}, ${action.lat ?? null}::double precision)`,
      checkOutLng: sql`coalesce(${workOrders.checkOutLng}, ${action.lng ?? null}::double precision)`,
      updatedAt: sql`now()`,
    })
    .where(eq(workOrders.id, wo.id));
  await recordEvent(tx, {
    orgId: wo.organizationId,
    workOrderId: wo.id,
    kind: 'finished',
    userId: p.userId,
    data: { ...result },
    lat: action.lat,
    lng: action.lng,
    happenedAt: p.at,
  });
  const activation = wo.type === 'installation' ? await activateInstalled(tx, { ...p, result }) : null;
  await recordAudit(tx, {
    orgId: wo.organizationId,
    actorUserId: p.userId,
    ip: p.ip,
    action: 'workorder.finished',
    entityType: 'work_order',
    entityId: wo.id,
    data: { number: formatWorkOrderNumber(wo.number), ...result, activationJobId: activation?.jobId ?? null },
  });
  return { result, activation };
}

async function activateInstalled(
  tx: Db,
  p: { wo: WorkOrder; userId: string; at: Date; ip: string | null; result: InstallationResult },
) {
  const { wo } = p;
  if (!wo.subscriptionId) return null;
  const [sub] = await tx
    .select()
    .from(subscriptions)
    .where(and(eq(subscriptions.id, wo.subscriptionId), eq(subscriptions.organizationId, wo.organizationId)))
    .for('update');
  if (!sub) return null;
  if (p.result.odpId && p.result.odpPort)
    await tx
      .update(subscriptions)
      .set({ odpId: p.result.odpId, odpPort: p.result.odpPort, updatedAt: sql`now()` })
      .where(eq(subscriptions.id, sub.id));
  // Already active (switched on by hand before the SPK was closed): nothing to activate.
  if (sub.status !== 'pending') return null;
  const moved = await transitionSubscription(tx, {
    orgId: wo.organizationId,
    actorUserId: p.userId,
    ip: p.ip,
    subscriptionId: sub.id,
    to: 'active',
    reason: 'installed',
  });
  // The first activation is dated when the installation was finished (the phone may send it later).
  if (!sub.activatedAt) await tx.update(subscriptions).set({ activatedAt: p.at }).where(eq(subscriptions.id, sub.id));
  return moved;
}
