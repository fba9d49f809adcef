import { and, count, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import type { InstallationResult } from '@/db/enums';
import {
  activations,
  odps,
  type Subscription,
  subscriptions,
  type WorkOrder,
  workOrderPhotos,
  workOrders,
} from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { transitionSubscription } from '@/lib/customers/subscriptions';
import { assertPortFree } from '@/lib/infrastructure/ports';
import { installFromWorkOrder } from '@/lib/inventory/installation';
import { AppError } from '@/lib/server/errors';
import { activationFloor, activationTime, formatWorkOrderNumber, installedDay, needsSignature } from './constants';
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
 * A zero-touch activation already registered and moved the modem: the finish records that
 * unit (whatever serial the form sent), so it neither moves a second unit nor refuses the one
 * already at the customer. That holds as well for one that failed after its stock step (the
 * welcome refused): the unit is at the customer already. One still running is waited for.
 */
async function withActivatedSerial(tx: Db, wo: WorkOrder, action: Finish): Promise<Finish> {
  if (wo.type !== 'installation') return action;
  const [act] = await tx
    .select({ status: activations.status, serial: activations.serial, steps: activations.steps })
    .from(activations)
    .where(and(eq(activations.workOrderId, wo.id), eq(activations.organizationId, wo.organizationId)))
    .orderBy(desc(activations.createdAt))
    .limit(1);
  if (act?.status === 'running') throw new AppError('activation_running');
  const moved = act?.steps.some((s) => s.step === 'move_stock' && s.status === 'done');
  return act?.status === 'done' || moved ? { ...action, serialNumber: act!.serial } : action;
}

/** Types whose finish puts the subscription's drop cable on the ODP port it records. */
const MOVES_PORT = new Set<WorkOrder['type']>(['installation', 'relocation']);

/**
 * The subscription an installation or relocation changes, locked. A terminated one is
 * refused before anything is written: its port may already be someone else's, and a
 * terminated customer is not switched back on from the field.
 */
async function lockSubscription(tx: Db, wo: WorkOrder) {
  if (!wo.subscriptionId || !MOVES_PORT.has(wo.type)) return null;
  const [sub] = await tx
    .select()
    .from(subscriptions)
    .where(and(eq(subscriptions.id, wo.subscriptionId), eq(subscriptions.organizationId, wo.organizationId)))
    .for('update');
  if (sub?.status === 'terminated') throw new AppError('workorder_subscription_terminated');
  return sub ?? null;
}

/**
 * Finishes a work order. An installation or relocation records where the drop cable now is
 * (ODP and port, checked free) on the work order and the subscription; an installation also
 * records what went in (day, the modem's serial and MAC) and activates the subscription
 * through the one lifecycle transition: the same transaction queues the network job that puts
 * it on the router / RADIUS, and the welcome message. Billing counts from the activation
 * (lib/billing/run.ts: the first invoice carries the prorata of the first month), so it is
 * dated when the technician finished, as the phone recorded it, but only within the last 48
 * hours and not before the check-in (constants.ts `activationTime`); the installation day is
 * the activation's day in the organization's zone.
 */
export async function finishWorkOrder(
  tx: Db,
  p: { wo: WorkOrder; userId: string; action: Finish; at: Date; timeZone: string; ip: string | null },
) {
  const { wo } = p;
  await assertComplete(tx, wo);
  const action = await withActivatedSerial(tx, wo, p.action);
  const sub = await lockSubscription(tx, wo);
  const now = new Date();
  const window = { now, createdAt: wo.createdAt, checkInAt: wo.checkInAt };
  const activatedAt = activationTime(p.at, window);
  const odpId = action.odpId ?? wo.odpId;
  const odpPort = action.odpPort ?? wo.odpPort;
  if (action.odpId && action.odpId !== wo.odpId) {
    const [odp] = await tx
      .select({ id: odps.id })
      .from(odps)
      .where(and(eq(odps.id, action.odpId), eq(odps.organizationId, wo.organizationId)));
    if (!odp) throw new AppError('validation', {}, { odpId: 'validation.invalid' });
  }
  if (odpId && odpPort && (odpId !== wo.odpId || odpPort !== wo.odpPort || wo.subscriptionId))
    await assertPortFree(tx, {
      orgId: wo.organizationId,
      odpId,
      port: odpPort,
      subscriptionId: wo.subscriptionId ?? undefined,
    });
  // The modem goes from the technician's bag to the customer in this same transaction: a
  // refused serial (unknown, not in the bag, already installed) leaves the work order open.
  const stock =
    wo.type === 'installation' && sub
      ? await installFromWorkOrder(tx, {
          orgId: wo.organizationId,
          actorUserId: p.userId,
          workOrderId: wo.id,
          subscriptionId: sub.id,
          serial: action.serialNumber,
          mac: action.macAddress ?? null,
        })
      : null;
  const result: InstallationResult = {
    installedOn: installedDay(action.installedOn, {
      activatedAt,
      floor: activationFloor(window),
      timeZone: p.timeZone,
    }),
    odpId: odpId ?? null,
    odpPort: odpPort ?? null,
    serialNumber: stock?.serial ?? action.serialNumber,
    macAddress: stock?.mac ?? action.macAddress ?? null,
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
  if (sub && result.odpId && result.odpPort)
    await tx
      .update(subscriptions)
      .set({ odpId: result.odpId, odpPort: result.odpPort, updatedAt: sql`now()` })
      .where(eq(subscriptions.id, sub.id));
  const activation = wo.type === 'installation' && sub ? await activateInstalled(tx, { ...p, sub, activatedAt }) : null;
  await recordAudit(tx, {
    orgId: wo.organizationId,
    actorUserId: p.userId,
    ip: p.ip,
    action: 'workorder.finished',
    entityType: 'work_order',
    entityId: wo.id,
    data: {
      number: formatWorkOrderNumber(wo.number),
      ...result,
      // Both times: what the phone said and what the activation was dated (they differ when clamped).
      finishedAt: p.at.toISOString(),
      activatedAt: activation ? activatedAt.toISOString() : null,
      activationJobId: activation?.jobId ?? null,
      stockUnitId: stock?.unitId ?? null,
      stockBatchId: stock?.batchId ?? null,
    },
  });
  return { result, activation };
}

/**
 * Switches an installed subscription on (pending -> active) and dates its first activation.
 * Shared by the finish and the zero-touch activation's service step, so the two never
 * transition twice: whichever comes second finds it active.
 */
export async function activateInstalled(
  tx: Db,
  p: { wo: WorkOrder; sub: Subscription; userId: string | null; activatedAt: Date; ip: string | null },
) {
  const { wo, sub } = p;
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
  if (!sub.activatedAt)
    await tx.update(subscriptions).set({ activatedAt: p.activatedAt }).where(eq(subscriptions.id, sub.id));
  return moved;
}
