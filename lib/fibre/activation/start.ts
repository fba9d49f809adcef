import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { activations, subscriptions, type WorkOrder, workOrders } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import type { Role } from '@/lib/auth/permissions';
import { encryptSecret } from '@/lib/crypto';
import { validSerial } from '@/lib/inventory/serials';
import { AppError } from '@/lib/server/errors';
import { uniqueViolation } from '@/lib/server/pg-errors';
import { fieldGuard } from '@/lib/workorders/guard';
import { latestActivation, ponPortForOdp, queueStep, recordStep } from './state';
import { failedStep, initialSteps, isStuck } from './steps';

export const activationRefSchema = z.object({ workOrderId: z.string().uuid('validation.invalid') });

// WPA2 asks 8 to 63 characters; an SSID is at most 32 bytes.
export const startActivationSchema = z
  .object({
    workOrderId: z.string().uuid('validation.invalid'),
    serial: z.string().trim().max(64, 'validation.invalid'),
    wifiSsid: z.string().trim().max(32, 'validation.wifiSsid').optional().default(''),
    wifiPassword: z.string().max(63, 'validation.wifiPassword').optional().default(''),
  })
  .superRefine((v, ctx) => {
    if (!validSerial(v.serial)) ctx.addIssue({ code: 'custom', path: ['serial'], message: 'validation.invalid' });
    if (v.wifiSsid && v.wifiPassword.length < 8)
      ctx.addIssue({ code: 'custom', path: ['wifiPassword'], message: 'validation.wifiPassword' });
    if (!v.wifiSsid && v.wifiPassword)
      ctx.addIssue({ code: 'custom', path: ['wifiSsid'], message: 'validation.wifiSsid' });
  });

type Who = { orgId: string; userId: string; role: Role; ip: string | null };

/**
 * The work order the activation belongs to, locked: an installation with a subscription,
 * still open, and (for a technician) one they are on. NOC and admins may act for them.
 */
async function activatableWorkOrder(tx: Db, who: Who, workOrderId: string): Promise<WorkOrder> {
  if (who.role === 'technician') {
    const guard = await fieldGuard(tx, { orgId: who.orgId, userId: who.userId, workOrderId, lock: true });
    if (guard.conflict === 'not_found' || guard.conflict === 'reassigned') throw new AppError('not_found');
    if (guard.conflict) throw new AppError('activation_work_order_closed');
    return check(guard.wo);
  }
  const [wo] = await tx
    .select()
    .from(workOrders)
    .where(and(eq(workOrders.id, workOrderId), eq(workOrders.organizationId, who.orgId)))
    .for('update');
  if (!wo) throw new AppError('not_found');
  if (wo.status === 'done' || wo.status === 'cancelled') throw new AppError('activation_work_order_closed');
  return check(wo);
}

function check(wo: WorkOrder) {
  if (wo.type !== 'installation' || !wo.subscriptionId) throw new AppError('activation_not_installation');
  return wo;
}

/**
 * Starts the zero-touch activation of an installation: the scanned ONU serial and the
 * customer's WiFi (password encrypted, never in a job or the audit) are recorded and the
 * first step queued on the OLT that feeds the customer's ODP. An ODP linked to no PON port
 * stops it at once with where to link it. One running activation per work order; a failed
 * one is replaced (a different modem scanned) until its service step is done, a finished one
 * is not.
 */
export async function startActivation(db: Db, who: Who, input: z.output<typeof startActivationSchema>) {
  const start = db.transaction(async (tx) => {
    const wo = await activatableWorkOrder(tx, who, input.workOrderId);
    const [sub] = await tx
      .select({ id: subscriptions.id, status: subscriptions.status, odpId: subscriptions.odpId })
      .from(subscriptions)
      .where(and(eq(subscriptions.id, wo.subscriptionId!), eq(subscriptions.organizationId, who.orgId)));
    if (!sub) throw new AppError('not_found');
    if (sub.status === 'terminated') throw new AppError('workorder_subscription_terminated');
    const last = await latestActivation(tx, { orgId: who.orgId, workOrderId: wo.id });
    if (last?.status === 'running') throw new AppError('activation_running');
    if (last?.status === 'done') throw new AppError('activation_done');
    // Past the service step the customer is on and the unit may be theirs: a new scan would
    // register a second ONU and move a second unit. Only the failed step is run again.
    if (last?.status === 'failed' && last.steps.some((s) => s.step === 'activate_service' && s.status === 'done'))
      throw new AppError('activation_retry_only');
    if (last?.status === 'failed')
      await tx
        .update(activations)
        .set({ status: 'cancelled', updatedAt: sql`now()` })
        .where(eq(activations.id, last.id));
    const odpId = wo.odpId ?? sub.odpId;
    const feed = odpId ? await ponPortForOdp(tx, { orgId: who.orgId, odpId }) : { odpCode: null, port: null };
    const [act] = await tx
      .insert(activations)
      .values({
        organizationId: who.orgId,
        workOrderId: wo.id,
        subscriptionId: sub.id,
        serial: validSerial(input.serial)!,
        oltId: feed.port?.oltId ?? null,
        ponPortId: feed.port?.id ?? null,
        wifiSsid: input.wifiSsid || null,
        wifiPasswordEnc: input.wifiSsid ? encryptSecret(input.wifiPassword) : null,
        steps: initialSteps(),
        startedBy: who.userId,
      })
      .returning();
    await recordAudit(tx, {
      orgId: who.orgId,
      actorUserId: who.userId,
      ip: who.ip,
      action: 'activation.started',
      entityType: 'work_order',
      entityId: wo.id,
      data: { activationId: act!.id, serial: act!.serial, wifiSsid: act!.wifiSsid, ponPortId: act!.ponPortId },
    });
    if (feed.port) await queueStep(tx, act!, 'register_onu', { actorUserId: who.userId });
    else await refuseUnlinked(tx, act!, feed.odpCode);
    return { activationId: act!.id };
  });
  return start.catch((error) => {
    if (uniqueViolation(error) === 'activations_work_order_running_uq') throw new AppError('activation_running');
    throw error;
  });
}

async function refuseUnlinked(tx: Db, act: typeof activations.$inferSelect, odpCode: string | null) {
  await recordStep(tx, act, {
    step: 'register_onu',
    status: 'failed',
    error: { code: 'activation_no_pon_port', values: { odp: odpCode ?? '—' } },
    actorUserId: act.startedBy,
  });
}

/**
 * Runs the failed step again (the connector cleaned, the ODP linked to its port, the OLT
 * back), or the step of one stuck running (its job lost: steps.ts `isStuck`). The
 * registration looks up the port again: it may have been linked since.
 */
export async function retryActivation(db: Db, who: Who, input: z.output<typeof activationRefSchema>) {
  return db.transaction(async (tx) => {
    const wo = await activatableWorkOrder(tx, who, input.workOrderId);
    const last = await latestActivation(tx, { orgId: who.orgId, workOrderId: wo.id });
    const step = last?.status === 'failed' ? failedStep(last.steps) : last && isStuck(last) ? last.step : null;
    if (!last || !step) throw new AppError('activation_nothing_to_retry');
    let act = last;
    if (step === 'register_onu') {
      const [sub] = await tx
        .select({ odpId: subscriptions.odpId })
        .from(subscriptions)
        .where(and(eq(subscriptions.id, act.subscriptionId), eq(subscriptions.organizationId, who.orgId)));
      const odpId = wo.odpId ?? sub?.odpId ?? null;
      const feed = odpId ? await ponPortForOdp(tx, { orgId: who.orgId, odpId }) : { odpCode: null, port: null };
      if (!feed.port) throw new AppError('activation_no_pon_port', { odp: feed.odpCode ?? '—' });
      [act] = await tx
        .update(activations)
        .set({ oltId: feed.port.oltId, ponPortId: feed.port.id })
        .where(eq(activations.id, act.id))
        .returning();
    }
    await recordAudit(tx, {
      orgId: who.orgId,
      actorUserId: who.userId,
      ip: who.ip,
      action: 'activation.retried',
      entityType: 'work_order',
      entityId: wo.id,
      data: { activationId: act!.id, step },
    });
    await queueStep(tx, act!, step, { actorUserId: who.userId });
    return { activationId: act!.id, step };
  });
}
