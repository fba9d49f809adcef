import { and, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import type { ActivationStatus, ActivationStep, ActivationStepStatus } from '@/db/enums';
import { type Activation, workOrders, workOrderTechnicians } from '@/db/schema';
import type { Locale } from '@/lib/i18n/config';
import { translate } from '@/lib/i18n/translate';
import { AppError, type ErrorCode } from '@/lib/server/errors';
import { failure } from '@/lib/server/operation';
import { latestActivation } from './state';
import { activationProgress, formatDbm, isStuck } from './steps';

export type ActivationView = {
  id: string;
  status: ActivationStatus;
  serial: string;
  wifiSsid: string | null;
  rxPowerDbm: number | null;
  progress: { done: number; total: number };
  canRetry: boolean;
  /** The failed step's advice links to the OLT page (an ODP without its PON port). */
  needsPonLink: boolean;
  steps: { step: ActivationStep; status: ActivationStepStatus; at: string | null; message: string | null }[];
};

/**
 * The work order's activation as the phone and the office show it: each step's state and, for
 * a failed or skipped step, what happened in the reader's language. Never the WiFi password.
 * A technician reads only the activations of work orders they are on.
 */
export async function getActivation(
  db: Db,
  p: { orgId: string; workOrderId: string; locale: Locale; onlyAssignedTo?: string },
): Promise<ActivationView | null> {
  const [wo] = await db
    .select({ id: workOrders.id })
    .from(workOrders)
    .where(and(eq(workOrders.id, p.workOrderId), eq(workOrders.organizationId, p.orgId)));
  if (!wo) throw new AppError('not_found');
  if (p.onlyAssignedTo) {
    const [mine] = await db
      .select({ userId: workOrderTechnicians.userId })
      .from(workOrderTechnicians)
      .where(
        and(
          eq(workOrderTechnicians.workOrderId, wo.id),
          eq(workOrderTechnicians.organizationId, p.orgId),
          eq(workOrderTechnicians.userId, p.onlyAssignedTo),
        ),
      );
    if (!mine) throw new AppError('not_found');
  }
  const act = await latestActivation(db, { orgId: p.orgId, workOrderId: wo.id });
  return act ? toView(act, p.locale) : null;
}

export function toView(act: Activation, locale: Locale): ActivationView {
  const failed = act.steps.find((s) => s.status === 'failed');
  return {
    id: act.id,
    status: act.status,
    serial: act.serial,
    wifiSsid: act.wifiSsid,
    rxPowerDbm: act.rxPowerDbm,
    progress: activationProgress(act.steps),
    canRetry: (act.status === 'failed' && Boolean(failed)) || isStuck(act),
    needsPonLink: failed?.error?.code === 'activation_no_pon_port',
    steps: act.steps.map((s) => ({ step: s.step, status: s.status, at: s.at, message: stepMessage(s, locale) })),
  };
}

function stepMessage(s: Activation['steps'][number], locale: Locale): string | null {
  if (s.status === 'failed' && s.error) return failure(locale, s.error.code as ErrorCode, s.error.values).message;
  const note = s.detail?.note;
  if (s.status === 'skipped' && typeof note === 'string') return translate(locale, `activation.notes.${note}`);
  if (s.status === 'done' && s.step === 'check_signal' && typeof s.detail?.rxPowerDbm === 'number')
    return translate(locale, 'activation.notes.signal', { rx: formatDbm(s.detail.rxPowerDbm) });
  if (s.status === 'done' && s.step === 'register_onu' && s.detail?.port)
    return translate(locale, 'activation.notes.registered', {
      port: String(s.detail.port),
      index: Number(s.detail.onuIndex ?? 0),
    });
  if (s.status === 'running' && typeof s.detail?.round === 'number')
    return translate(locale, 'activation.notes.waiting', { round: s.detail.round + 1 });
  return null;
}
