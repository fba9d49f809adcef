import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import type { ActivationStepRecord } from '@/db/enums';
import {
  type Activation,
  acsServers,
  acsTasks,
  customers,
  oltPonPorts,
  onus,
  organizations,
  subscriptions,
  workOrders,
} from '@/db/schema';
import { decryptSecret } from '@/lib/crypto';
import { AcsError } from '@/lib/fibre/acs/errors';
import { signalLevel } from '@/lib/fibre/levels';
import { installFromWorkOrder, usesInventory } from '@/lib/inventory/installation';
import { notifyCustomer } from '@/lib/messaging/customer-events';
import { AppError } from '@/lib/server/errors';
import { activateInstalled } from '@/lib/workorders/finish';
import type { ActivationDevices } from './devices';
import type { StepRun } from './run';
import { formatDbm, MODEM_CHECKS, MODEM_PAUSE_MS, SIGNAL_PAUSE_MS, SIGNAL_READS } from './steps';

type Detail = ActivationStepRecord['detail'];
export type StepOutcome =
  | { status: 'done' | 'skipped'; detail?: Detail; set?: Partial<Activation>; error?: undefined }
  | { status: 'failed'; error: NonNullable<ActivationStepRecord['error']>; detail?: Detail; set?: undefined }
  | { status: 'wait'; pauseMs: number; taskIds?: string[]; error?: undefined };

/** The steps that only write to our own database: they run in the transaction that records them. */
export const DATABASE_STEPS = new Set(['activate_service', 'move_stock', 'send_welcome']);

export async function runStep(db: Db, devices: ActivationDevices, act: Activation, p: StepRun): Promise<StepOutcome> {
  switch (p.step) {
    case 'register_onu':
      return registerStep(db, devices, act);
    case 'check_signal':
      return signalStep(db, devices, act, p.round);
    case 'configure_modem':
      return modemStep(db, devices, act, p);
    case 'activate_service':
      return serviceStep(db, act);
    case 'move_stock':
      return stockStep(db, act);
    case 'send_welcome':
      return welcomeStep(db, act);
  }
}

/** Registers the ONU on the port that feeds the customer's ODP; already there (a retry) is done, not failed. */
async function registerStep(db: Db, devices: ActivationDevices, act: Activation): Promise<StepOutcome> {
  if (!act.oltId || !act.ponPortId) throw new AppError('activation_no_pon_port', { odp: '—' });
  const [port] = await db
    .select({ name: oltPonPorts.name })
    .from(oltPonPorts)
    .where(and(eq(oltPonPorts.id, act.ponPortId), eq(oltPonPorts.organizationId, act.organizationId)));
  const [known] = await db
    .select({ id: onus.id, ponPortId: onus.ponPortId, onuIndex: onus.onuIndex, subscriptionId: onus.subscriptionId })
    .from(onus)
    .where(and(eq(onus.organizationId, act.organizationId), eq(onus.serial, act.serial)));
  // Another customer's ONU (a modem scanned from the wrong box): never taken over, or the
  // modem step would push this customer's PPPoE onto the neighbour's modem.
  if (known?.subscriptionId && known.subscriptionId !== act.subscriptionId)
    throw new AppError('activation_onu_taken', { serial: act.serial });
  if (known && known.ponPortId === act.ponPortId) {
    // Registered from the OLT page without a customer: it is this one's now.
    if (!known.subscriptionId)
      await db
        .update(onus)
        .set({ subscriptionId: act.subscriptionId, updatedAt: sql`now()` })
        .where(and(eq(onus.id, known.id), eq(onus.organizationId, act.organizationId)));
    return {
      status: 'done',
      detail: { port: port?.name ?? null, onuIndex: known.onuIndex, already: true },
      set: { onuId: known.id },
    };
  }
  if (known) throw new AppError('activation_onu_elsewhere', { serial: act.serial });
  const [who] = await db
    .select({ name: customers.name })
    .from(subscriptions)
    .innerJoin(customers, eq(customers.id, subscriptions.customerId))
    .where(and(eq(subscriptions.id, act.subscriptionId), eq(subscriptions.organizationId, act.organizationId)));
  const onu = await devices.registerOnu(db, devices.olts, {
    orgId: act.organizationId,
    oltId: act.oltId,
    ponPortId: act.ponPortId,
    serial: act.serial,
    name: who?.name,
    subscriptionId: act.subscriptionId,
    actorUserId: act.startedBy,
  });
  return { status: 'done', detail: { port: port?.name ?? null, onuIndex: onu.onuIndex }, set: { onuId: onu.id } };
}

/**
 * Reads the ONU until it is up (each read its own job, a pause apart), then holds its RX
 * power against the organization's critical threshold: below it the activation stops with
 * the reading, so a bad splice is fixed while the technician is still on site.
 */
async function signalStep(db: Db, devices: ActivationDevices, act: Activation, round: number): Promise<StepOutcome> {
  if (!act.onuId) throw new AppError('activation_onu_missing');
  const optics = await devices.readOnuOptics(db, devices.olts, { orgId: act.organizationId, onuId: act.onuId });
  const rx = optics.rxPowerDbm;
  if (optics.state !== 'working' || rx === null || rx === undefined) {
    if (round + 1 < SIGNAL_READS) return { status: 'wait', pauseMs: devices.pauses?.signalMs ?? SIGNAL_PAUSE_MS };
    throw new AppError('activation_onu_down', { state: `@activation.onuStates.${optics.state}` });
  }
  const [org] = await db
    .select({ warningDbm: organizations.onuWarningDbm, criticalDbm: organizations.onuCriticalDbm })
    .from(organizations)
    .where(eq(organizations.id, act.organizationId));
  const level = signalLevel(rx, org!);
  if (level === 'critical')
    return {
      status: 'failed',
      error: {
        code: 'activation_signal_critical',
        values: { rx: formatDbm(rx), critical: formatDbm(org!.criticalDbm) },
      },
      detail: { rxPowerDbm: rx, level },
    };
  return { status: 'done', detail: { rxPowerDbm: rx, level }, set: { rxPowerDbm: rx } };
}

/**
 * Pushes the subscription's PPPoE credentials and the customer's WiFi through the ACS. A
 * task GenieACS queued (the modem applies it when it next informs) is looked at again after
 * a pause until it is done or faulted. No ACS: skipped, the modem is set by hand.
 */
async function modemStep(db: Db, devices: ActivationDevices, act: Activation, p: StepRun): Promise<StepOutcome> {
  const [acs] = await db
    .select({ id: acsServers.organizationId })
    .from(acsServers)
    .where(eq(acsServers.organizationId, act.organizationId));
  if (!acs) return { status: 'skipped', detail: { note: 'no_acs' } };
  const pauseMs = devices.pauses?.modemMs ?? MODEM_PAUSE_MS;
  if (p.taskIds?.length) {
    // Each look asks GenieACS once (a modem that informed since has run the task); the
    // acs-task-follow job may have recorded the end already.
    for (const taskId of p.taskIds)
      await devices.followModemTask(db, { orgId: act.organizationId, taskId }).catch(() => null);
    const tasks = await db
      .select({ status: acsTasks.status, fault: acsTasks.fault })
      .from(acsTasks)
      .where(and(eq(acsTasks.organizationId, act.organizationId), inArray(acsTasks.id, p.taskIds)));
    const bad = tasks.find((t) => t.status === 'fault' || t.status === 'failed');
    if (bad) throw new AppError('activation_modem_fault', { fault: (bad.fault ?? '—').slice(0, 200) });
    if (tasks.length === p.taskIds.length && tasks.every((t) => t.status === 'done'))
      return { status: 'done', detail: { tasks: tasks.length, queued: true } };
    if (p.round + 1 < MODEM_CHECKS) return { status: 'wait', pauseMs, taskIds: p.taskIds };
    throw new AppError('activation_modem_waiting');
  }
  const [sub] = await db
    .select({ username: subscriptions.serviceUsername, passwordEnc: subscriptions.servicePasswordEnc })
    .from(subscriptions)
    .where(and(eq(subscriptions.id, act.subscriptionId), eq(subscriptions.organizationId, act.organizationId)));
  if (!sub) throw new AppError('not_found');
  const result = await devices
    .configureModem(db, {
      orgId: act.organizationId,
      subscriptionId: act.subscriptionId,
      serial: act.serial,
      pppoe: { username: sub.username, password: decryptSecret(sub.passwordEnc) },
      ...(act.wifiSsid && act.wifiPasswordEnc
        ? { wifi: { ssid: act.wifiSsid, password: decryptSecret(act.wifiPasswordEnc) } }
        : {}),
    })
    .catch((error) => {
      throw acsRefusal(error, act.serial);
    });
  if (result.status === 'done') return { status: 'done', detail: { tasks: result.taskIds.length, queued: false } };
  return { status: 'wait', pauseMs, taskIds: result.taskIds };
}

/** What the ACS said, as the technician reads it: the modem not seen yet, refused, or the ACS itself. */
function acsRefusal(error: unknown, serial: string) {
  if (!(error instanceof AcsError)) return error;
  if (error.kind === 'not_found') return new AppError('activation_modem_not_found', { serial });
  if (error.kind === 'rejected') return new AppError('activation_modem_fault', { fault: error.message.slice(0, 200) });
  return new AppError('activation_acs_failed', { reason: `@acs.errors.${error.kind}` });
}

/** The subscription switched on through the same lifecycle step as finishing the work order. */
async function serviceStep(tx: Db, act: Activation): Promise<StepOutcome> {
  const [wo] = await tx
    .select()
    .from(workOrders)
    .where(and(eq(workOrders.id, act.workOrderId), eq(workOrders.organizationId, act.organizationId)));
  const [sub] = await tx
    .select()
    .from(subscriptions)
    .where(and(eq(subscriptions.id, act.subscriptionId), eq(subscriptions.organizationId, act.organizationId)))
    .for('update');
  if (!wo || !sub) throw new AppError('not_found');
  if (sub.status === 'terminated') throw new AppError('workorder_subscription_terminated');
  const moved = await activateInstalled(tx, { wo, sub, userId: act.startedBy, activatedAt: new Date(), ip: null });
  return { status: 'done', detail: moved ? { jobId: moved.jobId } : { already: true } };
}

/** The scanned unit from the technician's bag to the customer, as the finish would move it. */
async function stockStep(tx: Db, act: Activation): Promise<StepOutcome> {
  if (!(await usesInventory(tx, act.organizationId))) return { status: 'skipped', detail: { note: 'no_inventory' } };
  const moved = await installFromWorkOrder(tx, {
    orgId: act.organizationId,
    actorUserId: act.startedBy,
    workOrderId: act.workOrderId,
    subscriptionId: act.subscriptionId,
    serial: act.serial,
    mac: null,
  });
  if (!moved) return { status: 'skipped', detail: { note: 'no_inventory' } };
  if (act.onuId)
    await tx
      .update(onus)
      .set({ stockUnitId: moved.unitId, updatedAt: sql`now()` })
      .where(and(eq(onus.id, act.onuId), eq(onus.organizationId, act.organizationId)));
  return {
    status: 'done',
    detail: { serial: moved.serial, mac: moved.mac ?? null, moved: Boolean(moved.batchId) },
    set: { stockUnitId: moved.unitId },
  };
}

/**
 * The welcome by WhatsApp, with the WiFi when the modem step set it. Keyed like the welcome
 * of the activation itself (`welcome:<subscription>`): whichever queues it first, the
 * customer gets one.
 */
async function welcomeStep(tx: Db, act: Activation): Promise<StepOutcome> {
  const [sub] = await tx
    .select({ customerId: subscriptions.customerId })
    .from(subscriptions)
    .where(and(eq(subscriptions.id, act.subscriptionId), eq(subscriptions.organizationId, act.organizationId)));
  if (!sub) throw new AppError('not_found');
  const sent = await notifyCustomer(tx, {
    orgId: act.organizationId,
    customerId: sub.customerId,
    subscriptionId: act.subscriptionId,
    event: 'welcome',
    jobId: act.id,
  });
  if (sent.reason === 'disabled') return { status: 'skipped', detail: { note: 'welcome_off' } };
  return {
    status: 'done',
    detail: { queued: sent.queued, ...(sent.reason ? { reason: sent.reason } : {}) },
  };
}
