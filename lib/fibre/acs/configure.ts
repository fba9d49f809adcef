import type { Db } from '@/db/client';
import { encryptSecret } from '@/lib/crypto';
import type { AcsAccess } from './access';
import { findModem, modemOfSubscription } from './devices';
import { AcsError } from './errors';
import { insertModemTask, sendModemTask, type TaskDetail, wifiDetail } from './tasks';

export type ConfigureModemInput = {
  orgId: string;
  subscriptionId: string;
  /** The serial the technician scanned (the ONU's, or the modem's own). */
  serial?: string;
  pppoe?: { username: string; password: string };
  /** The customer's WiFi, set on both bands where the modem has two. */
  wifi?: { ssid: string; password: string };
  actorUserId?: string | null;
};

export type ConfigureModemResult = { status: 'done' | 'queued'; taskIds: string[]; acsDeviceId: string };

/**
 * For a job already running in the worker (zero-touch activation): finds and claims the
 * subscription's modem, then sends its PPPoE credentials and WiFi at once, each an acs_tasks
 * row (passwords encrypted in the row). `done` when GenieACS ran every task; `queued` when
 * one waits for the modem's next inform (an acs-task-follow job then follows it). Throws
 * AcsError: 'not_found' when GenieACS has no such modem (yet), 'rejected' with the fault
 * text when the modem refused a task, and the NBI's own errors (unreachable, …).
 */
export async function configureModem(db: Db, acs: AcsAccess, p: ConfigureModemInput): Promise<ConfigureModemResult> {
  const device =
    (await findModem(db, acs, { ...p, actorUserId: p.actorUserId ?? null })) ??
    (p.serial ? null : await modemOfSubscription(db, p));
  if (!device)
    throw new AcsError('not_found', `no modem of the subscription${p.serial ? ` (${p.serial})` : ''} in GenieACS`);
  const wanted: { kind: 'pppoe' | 'wifi'; detail: TaskDetail }[] = [];
  if (p.pppoe)
    wanted.push({
      kind: 'pppoe',
      detail: { username: p.pppoe.username, passwordEnc: encryptSecret(p.pppoe.password) },
    });
  if (p.wifi)
    wanted.push({
      kind: 'wifi',
      detail: wifiDetail({
        ssid24: p.wifi.ssid,
        password24: p.wifi.password,
        ssid5: p.wifi.ssid,
        password5: p.wifi.password,
      }),
    });
  const taskIds: string[] = [];
  let queued = false;
  for (const w of wanted) {
    const task = await insertModemTask(db, { orgId: p.orgId, device, ...w, requestedBy: p.actorUserId ?? null });
    taskIds.push(task.id);
    const r = await sendModemTask(db, acs, { orgId: p.orgId, taskId: task.id });
    if (r.status === 'fault' || r.status === 'failed')
      throw new AcsError(
        'rejected',
        `the modem refused the ${w.kind} settings: ${'detail' in r ? r.detail : 'fault' in r ? r.fault : r.status}`,
      );
    if (r.status === 'queued') queued = true;
  }
  return { status: queued ? 'queued' : 'done', taskIds, acsDeviceId: device.id };
}
