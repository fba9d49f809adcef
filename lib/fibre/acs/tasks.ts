import { and, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import type { AcsTaskKind } from '@/db/enums';
import { type AcsDevice, type AcsTask, acsTasks, subscriptions } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { decryptSecret, encryptSecret } from '@/lib/crypto';
import { enqueue } from '@/lib/jobs/enqueue';
import { AppError } from '@/lib/server/errors';
import type { Actor } from '@/lib/server/operation';
import type { AcsAccess } from './access';
import { getAcsDevice, storeSummary } from './devices';
import { AcsError } from './errors';
import { acsTaskFollow, acsTaskSend } from './jobs';
import type { GenieDevice, GenieFault, GenieTask, NbiClient, TaskOutcome } from './nbi';
import { dataModelOf, hasParameter, PATHS, pathsFor, SUMMARY_KEYS, summaryProjection } from './paths';

/**
 * What is asked of a modem: an acs_tasks row, sent by a job (acs-task-send) with a connection
 * request. GenieACS answers 200 (done), 202 queued until the modem next informs (followed by
 * acs-task-follow) or 202 faulted. Passwords live encrypted in the row's detail (`*Enc`) or
 * come from the subscription when the job runs: never in a job payload, the audit or a screen.
 */
export type TaskDetail = Record<string, string | number | boolean | null>;

export type WifiChange = { ssid24?: string; password24?: string; ssid5?: string; password5?: string };

export function wifiDetail(w: WifiChange): TaskDetail {
  return {
    ssid24: w.ssid24 || null,
    ssid5: w.ssid5 || null,
    password24Enc: w.password24 ? encryptSecret(w.password24) : null,
    password5Enc: w.password5 ? encryptSecret(w.password5) : null,
  };
}

/** The detail as screens and the audit show it: encrypted values as a mark that one was set. */
export function shownDetail(detail: TaskDetail | null): Record<string, string | number | boolean | null> {
  const out: Record<string, string | number | boolean | null> = {};
  for (const [k, v] of Object.entries(detail ?? {})) {
    if (k.endsWith('Enc')) out[k.slice(0, -3)] = v ? '••••••••' : null;
    else out[k] = v;
  }
  return out;
}

/** A task row for an organization's device (in the caller's transaction). */
export async function insertModemTask(
  db: Db,
  p: { orgId: string; device: AcsDevice; kind: AcsTaskKind; detail?: TaskDetail; requestedBy: string | null },
) {
  const [row] = await db
    .insert(acsTasks)
    .values({
      organizationId: p.orgId,
      acsDeviceId: p.device.id,
      kind: p.kind,
      detail: p.detail ?? {},
      requestedBy: p.requestedBy,
    })
    .returning();
  return row!;
}

/**
 * A member (or the customer, from the portal: no user, `auditData.channel`) asks something of
 * a modem: the row, its job and the audit entry, in one transaction.
 */
export async function requestModemTask(
  db: Db,
  p: Omit<Actor, 'actorUserId'> & {
    actorUserId: string | null;
    acsDeviceId: string;
    kind: AcsTaskKind;
    detail?: TaskDetail;
    auditData?: Record<string, unknown>;
  },
) {
  return db.transaction(async (tx) => {
    const device = await getAcsDevice(tx, p);
    const task = await insertModemTask(tx, { ...p, device, requestedBy: p.actorUserId });
    const job = await enqueue(tx, acsTaskSend, {
      orgId: p.orgId,
      payload: { taskId: task.id },
      createdBy: p.actorUserId,
    });
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      action: 'acs_task.requested',
      entityType: 'acs_device',
      entityId: device.id,
      data: {
        ...p.auditData,
        kind: p.kind,
        taskId: task.id,
        jobId: job.id,
        serial: device.serial,
        ...shownDetail(p.detail ?? {}),
      },
    });
    return { taskId: task.id, jobId: job.id };
  });
}

/** PPPoE credentials from the subscription the modem is linked to (the password read when the job runs). */
export async function requestPppoePush(db: Db, p: Actor & { acsDeviceId: string }) {
  const device = await getAcsDevice(db, p);
  const [sub] = device.subscriptionId
    ? await db
        .select({ username: subscriptions.serviceUsername })
        .from(subscriptions)
        .where(and(eq(subscriptions.id, device.subscriptionId), eq(subscriptions.organizationId, p.orgId)))
    : [];
  if (!sub) throw new AppError('acs_no_subscription');
  return requestModemTask(db, { ...p, kind: 'pppoe', detail: { username: sub.username } });
}

/** A factory reset, confirmed by typing the modem's serial (it wipes the customer's settings). */
export async function requestFactoryReset(db: Db, p: Actor & { acsDeviceId: string; confirm: string }) {
  const device = await getAcsDevice(db, p);
  if (p.confirm.trim().toUpperCase() !== device.serial.toUpperCase())
    throw new AppError('validation', {}, { confirm: 'validation.confirmSerial' });
  return requestModemTask(db, { ...p, kind: 'factory_reset' });
}

async function loadTask(db: Db, p: { orgId: string; taskId: string }) {
  const [task] = await db
    .select()
    .from(acsTasks)
    .where(and(eq(acsTasks.id, p.taskId), eq(acsTasks.organizationId, p.orgId)));
  if (!task) throw new AppError('not_found');
  const device = await getAcsDevice(db, { orgId: p.orgId, acsDeviceId: task.acsDeviceId });
  return { task, device };
}

const decrypt = (v: unknown) => (typeof v === 'string' && v ? decryptSecret(v) : null);

/** The GenieACS task for a row, with the paths of the device's data model. */
export async function genieTaskFor(db: Db, task: AcsTask, device: AcsDevice, doc: GenieDevice): Promise<GenieTask> {
  const model = dataModelOf(doc) ?? device.dataModel;
  const d = task.detail ?? {};
  if (task.kind === 'reboot') return { name: 'reboot' };
  if (task.kind === 'factory_reset') return { name: 'factoryReset' };
  if (!model) throw new AcsError('bad_response', 'the device has neither an InternetGatewayDevice nor a Device tree');
  if (task.kind === 'refresh') {
    const present = pathsFor(model, SUMMARY_KEYS).filter((path) => hasParameter(doc, path));
    return { name: 'getParameterValues', parameterNames: present.length ? present : PATHS.firmware[model].slice() };
  }
  const values: [string, string, string][] = [];
  const set = (path: string, value: unknown) => {
    if (typeof value === 'string' && value !== '') values.push([path, value, 'xsd:string']);
  };
  if (task.kind === 'wifi') {
    set(PATHS.ssid24[model][0], d.ssid24);
    set(PATHS.key24[model][0], decrypt(d.password24Enc));
    // A single-band modem has no 5 GHz WLAN: its values are not sent.
    if (hasParameter(doc, PATHS.ssid5[model][0])) {
      set(PATHS.ssid5[model][0], d.ssid5);
      set(PATHS.key5[model][0], decrypt(d.password5Enc));
    }
  } else {
    let password = decrypt(d.passwordEnc);
    if (password === null && device.subscriptionId) {
      const [sub] = await db
        .select({ enc: subscriptions.servicePasswordEnc })
        .from(subscriptions)
        .where(and(eq(subscriptions.id, device.subscriptionId), eq(subscriptions.organizationId, task.organizationId)));
      password = sub ? decryptSecret(sub.enc) : null;
    }
    set(PATHS.pppoeUsername[model][0], d.username);
    set(PATHS.pppoePassword[model][0], password);
  }
  if (values.length === 0) throw new AcsError('rejected', 'nothing to change on the modem');
  return { name: 'setParameterValues', parameterValues: values };
}

async function finish(db: Db, task: AcsTask, set: Partial<AcsTask>) {
  await db
    .update(acsTasks)
    .set(set)
    .where(and(eq(acsTasks.id, task.id), eq(acsTasks.organizationId, task.organizationId)));
}

export function faultText(fault: GenieFault): string {
  const detail = fault.detail as { faultString?: unknown } | null | undefined;
  const why = typeof detail?.faultString === 'string' ? detail.faultString : fault.message;
  return `${fault.code}: ${why}`.slice(0, 500);
}

/** A faulted task: its fault kept on the row, the task deleted in GenieACS so it does not retry on every inform. */
async function recordFault(db: Db, nbi: NbiClient, task: AcsTask, device: AcsDevice, genieTaskId: string) {
  const fault = await nbi.taskFault(device.deviceId, genieTaskId);
  await nbi.deleteTask(genieTaskId);
  const text = fault ? faultText(fault) : 'GenieACS reported a fault without details';
  await finish(db, task, { status: 'fault', genieTaskId, fault: text, finishedAt: new Date() });
  return { status: 'fault' as const, fault: text };
}

async function recordOutcome(db: Db, nbi: NbiClient, task: AcsTask, device: AcsDevice, outcome: TaskOutcome) {
  if (outcome.status === 'fault') return recordFault(db, nbi, task, device, outcome.taskId);
  if (outcome.status === 'done') {
    await finish(db, task, { status: 'done', genieTaskId: outcome.taskId, finishedAt: new Date() });
    await storeSummary(db, nbi, device);
    return { status: 'done' as const };
  }
  await db.transaction(async (tx) => {
    await finish(tx, task, { status: 'queued', genieTaskId: outcome.taskId });
    await enqueue(tx, acsTaskFollow, { orgId: task.organizationId, payload: { taskId: task.id } });
  });
  return { status: 'queued' as const };
}

/**
 * The acs-task-send job: sends the row's task once (a row already sent is left alone, so a
 * retried job does not send twice). A device GenieACS no longer knows, or a refusal that
 * waiting cannot fix, fails the row with the reason; an unreachable NBI is thrown (retried).
 */
export async function sendModemTask(db: Db, acs: AcsAccess, p: { orgId: string; taskId: string }) {
  const { task, device } = await loadTask(db, p);
  if (task.status !== 'sending') return { status: task.status };
  const nbi = await acs.nbi(p.orgId);
  try {
    const doc = await nbi.getDevice(device.deviceId, summaryProjection());
    if (!doc) throw new AcsError('not_found', `GenieACS has no device ${device.deviceId}`);
    const outcome = await nbi.pushTask(device.deviceId, await genieTaskFor(db, task, device, doc));
    return await recordOutcome(db, nbi, task, device, outcome);
  } catch (error) {
    if (error instanceof AcsError && (error.kind === 'not_found' || error.kind === 'rejected')) {
      // The row keeps the kind (the card translates it); the job's result keeps the detail.
      await finish(db, task, { status: 'failed', fault: error.kind, finishedAt: new Date() });
      return { status: 'failed' as const, fault: error.kind, detail: error.message };
    }
    throw error;
  }
}

/** Still waiting for the modem: thrown so the job retries with back-off. */
export class ModemNotInformedError extends Error {
  constructor() {
    super('the modem has not connected to the ACS yet (it runs the task at its next inform)');
    this.name = 'ModemNotInformedError';
  }
}

/** A queued task older than this is given up (deleted in GenieACS, shown failed). */
export const FOLLOW_GIVE_UP_MS = 3 * 24 * 3600_000;

/**
 * The acs-task-follow job: a fault → fault (task deleted in GenieACS); the task gone from
 * GenieACS → done (and the summary re-read); still there → ModemNotInformedError (retried),
 * checked `checks` times `intervalMs` apart first so a modem that informs soon is seen soon.
 */
export async function followModemTask(
  db: Db,
  acs: AcsAccess,
  p: { orgId: string; taskId: string },
  opts: { checks?: number; intervalMs?: number } = {},
) {
  const { task, device } = await loadTask(db, p);
  if (task.status !== 'queued' || !task.genieTaskId) return { status: task.status };
  const nbi = await acs.nbi(p.orgId);
  const checks = opts.checks ?? 1;
  for (let i = 0; i < checks; i++) {
    if (i > 0) await new Promise((r) => setTimeout(r, opts.intervalMs ?? 2_000));
    if (await nbi.taskFault(device.deviceId, task.genieTaskId))
      return recordFault(db, nbi, task, device, task.genieTaskId);
    if (!(await nbi.taskPending(task.genieTaskId))) {
      await finish(db, task, { status: 'done', finishedAt: new Date() });
      await storeSummary(db, nbi, device);
      return { status: 'done' as const };
    }
  }
  if (Date.now() - task.createdAt.getTime() > FOLLOW_GIVE_UP_MS) {
    await nbi.deleteTask(task.genieTaskId);
    await finish(db, task, { status: 'failed', fault: 'expired', finishedAt: new Date() });
    return { status: 'failed' as const };
  }
  throw new ModemNotInformedError();
}
