import {
  ACTIVATION_STEPS,
  type ActivationStep,
  type ActivationStepRecord,
  type ActivationStepStatus,
} from '@/db/enums';

/** The steps that run on the OLT's command line: they wait in its queue (one session per OLT). */
export const OLT_STEPS: readonly ActivationStep[] = ['register_onu', 'check_signal'];

/** How often the signal step reads the ONU before it gives up, and how long it pauses between reads. */
export const SIGNAL_READS = 6;
export const SIGNAL_PAUSE_MS = 10_000;
/** How often the modem step looks at a queued ACS task (the modem applies it when it next informs). */
export const MODEM_CHECKS = 60;
export const MODEM_PAUSE_MS = 10_000;

/**
 * A running activation whose row nothing wrote for this long lost its job (the worker stopped
 * mid-step, or the job used up its tries while the database was away): the technician may
 * run its step again. Every step, and every round of one that waits, writes the row far
 * more often than this.
 */
export const STUCK_AFTER_MS = 10 * 60_000;

export function isStuck(act: { status: string; updatedAt: Date }, now: Date = new Date()) {
  return act.status === 'running' && now.getTime() - act.updatedAt.getTime() > STUCK_AFTER_MS;
}

/** A new activation: every step pending. */
export function initialSteps(): ActivationStepRecord[] {
  return ACTIVATION_STEPS.map((step) => ({ step, status: 'pending', at: null }));
}

/** The step after this one, or null after the last. */
export function stepAfter(step: ActivationStep): ActivationStep | null {
  return ACTIVATION_STEPS[ACTIVATION_STEPS.indexOf(step) + 1] ?? null;
}

/**
 * The records with one step's outcome written in (its error and detail replaced). A record
 * missing from an older row is added, so the list always holds every step in order.
 */
export function withStep(
  steps: ActivationStepRecord[],
  step: ActivationStep,
  status: ActivationStepStatus,
  extra: Pick<ActivationStepRecord, 'error' | 'detail'> = {},
  at: Date = new Date(),
): ActivationStepRecord[] {
  const byStep = new Map(steps.map((s) => [s.step, s]));
  return ACTIVATION_STEPS.map((name) => {
    if (name !== step) return byStep.get(name) ?? { step: name, status: 'pending', at: null };
    return { step: name, status, at: at.toISOString(), error: extra.error ?? null, detail: extra.detail ?? null };
  });
}

/** The step a retry runs again: the failed one (null when none failed). */
export function failedStep(steps: ActivationStepRecord[]): ActivationStep | null {
  return steps.find((s) => s.status === 'failed')?.step ?? null;
}

/** How far it is, for the work order's progress bar: steps done or skipped, of all. */
export function activationProgress(steps: ActivationStepRecord[]) {
  const finished = steps.filter((s) => s.status === 'done' || s.status === 'skipped').length;
  return { done: finished, total: ACTIVATION_STEPS.length };
}

/**
 * A dBm figure as Indonesians write it (comma decimal, real minus sign): "−28,4". Used in the
 * refusal's message, which the technician reads next to the meter's own display.
 */
export function formatDbm(value: number): string {
  const text = Math.abs(value).toFixed(1).replace('.', ',');
  return value < 0 ? `\u2212${text}` : text;
}
