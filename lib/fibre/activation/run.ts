import { and, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import type { ActivationStep, ActivationStepRecord } from '@/db/enums';
import { type Activation, activations } from '@/db/schema';
import { OltError } from '@/lib/fibre/olt/errors';
import { AppError } from '@/lib/server/errors';
import type { ActivationDevices } from './devices';
import { finishActivation, lockActivation, queueStep, recordStep } from './state';
import { stepAfter } from './steps';
import { DATABASE_STEPS, runStep, type StepOutcome } from './work';

export type StepRun = { activationId: string; step: ActivationStep; round: number; taskIds?: string[] };

/**
 * Runs one step of an activation (the `activation-step` / `activation-olt-step` jobs) and
 * writes how it ended: done or skipped queues the next step, a wait queues the same step
 * again after a pause, a failure stops the activation with the reason (the technician retries
 * that step). Steps that only touch our database run in the transaction that records them;
 * device steps run before it, without holding a lock while the OLT or the ACS answers. A job
 * for a step the activation is no longer at (a retry overtook it) does nothing.
 */
export async function runActivationStep(db: Db, devices: ActivationDevices, p: StepRun & { orgId: string }) {
  let outcome: StepOutcome | null = null;
  if (!DATABASE_STEPS.has(p.step)) {
    const [current] = await db
      .select()
      .from(activations)
      .where(and(eq(activations.id, p.activationId), eq(activations.organizationId, p.orgId)));
    if (!isAt(current, p)) return { skipped: 'stale' as const };
    outcome = await runStep(db, devices, current!, p).catch((error) => failed(error));
  }
  return db.transaction(async (tx) => {
    const act = await lockActivation(tx, { orgId: p.orgId, activationId: p.activationId });
    if (!isAt(act, p)) return { skipped: 'stale' as const };
    // A database step that throws rolls back to its savepoint: nothing of it stays, the failure is recorded.
    outcome ??= await tx.transaction((sp) => runStep(sp, devices, act!, p)).catch((error) => failed(error));
    if (outcome.status === 'wait') {
      await queueStep(tx, act!, p.step, {
        round: p.round + 1,
        taskIds: outcome.taskIds,
        runAt: new Date(Date.now() + outcome.pauseMs),
      });
      return { step: p.step, status: 'waiting', round: p.round + 1 };
    }
    const row = await recordStep(tx, act!, { step: p.step, ...outcome, actorUserId: act!.startedBy });
    if (outcome.status !== 'failed') await advance(tx, row, p.step);
    return { step: p.step, status: outcome.status, ...(outcome.error ? { error: outcome.error.code } : {}) };
  });
}

/**
 * The activation is at this step and this round of it. A job of an earlier round (the worker
 * stopped after the round was recorded and graphile-worker ran the job again) would
 * otherwise start a second chain of reads beside the one already queued.
 */
function isAt(act: Activation | null | undefined, p: { step: ActivationStep; round: number }) {
  if (act?.status !== 'running' || act.step !== p.step) return false;
  const round = act.steps.find((s) => s.step === p.step)?.detail?.round;
  return (typeof round === 'number' ? round : 0) === p.round;
}

async function advance(tx: Db, act: Activation, step: ActivationStep) {
  const next = stepAfter(step);
  if (next) await queueStep(tx, act, next, { actorUserId: act.startedBy });
  else await finishActivation(tx, act);
}

function failed(error: unknown): StepOutcome {
  return { status: 'failed', error: stepError(error) };
}

/**
 * What the technician reads when a step fails: our own refusals by their code; anything a
 * device threw (the OLT's `%Error`, a refused connection) with its message, which the OLT
 * and ACS clients already word for an operator.
 */
function stepError(error: unknown): NonNullable<ActivationStepRecord['error']> {
  if (error instanceof AppError) return { code: error.code, values: error.params };
  if (error instanceof OltError)
    return {
      code: 'activation_olt_failed',
      values: { reason: `@activation.oltErrors.${error.kind}`, detail: error.detail.slice(0, 200) },
    };
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'activation_step_failed', values: { message: message.slice(0, 300) } };
}
