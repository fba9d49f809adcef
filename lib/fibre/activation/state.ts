import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import type { ActivationStep, ActivationStepRecord } from '@/db/enums';
import { type Activation, activations, infraSites, odps, oltPonPorts } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { enqueue } from '@/lib/jobs/enqueue';
import { activationOltStep, activationStep } from './jobs';
import { OLT_STEPS, withStep } from './steps';

/** An activation of this organization, locked for the change about to be written. */
export async function lockActivation(tx: Db, p: { orgId: string; activationId: string }) {
  const [row] = await tx
    .select()
    .from(activations)
    .where(and(eq(activations.id, p.activationId), eq(activations.organizationId, p.orgId)))
    .for('update');
  return row ?? null;
}

/** The work order's latest activation (the running one, else the last that ended). */
export async function latestActivation(db: Db, p: { orgId: string; workOrderId: string }) {
  const [row] = await db
    .select()
    .from(activations)
    .where(and(eq(activations.organizationId, p.orgId), eq(activations.workOrderId, p.workOrderId)))
    .orderBy(desc(activations.createdAt))
    .limit(1);
  return row ?? null;
}

/**
 * The PON port that feeds an ODP: its own link, else the one of the ODC cabinet it hangs
 * from. Null when neither is linked (the activation then says where to link it).
 */
export async function ponPortForOdp(db: Db, p: { orgId: string; odpId: string }) {
  const [row] = await db
    .select({
      odpCode: odps.code,
      ponPortId: sql<string | null>`coalesce(${odps.ponPortId}, ${infraSites.ponPortId})`,
    })
    .from(odps)
    .leftJoin(infraSites, and(eq(infraSites.id, odps.odcId), eq(infraSites.organizationId, p.orgId)))
    .where(and(eq(odps.id, p.odpId), eq(odps.organizationId, p.orgId)));
  if (!row?.ponPortId) return { odpCode: row?.odpCode ?? null, port: null };
  const [port] = await db
    .select({ id: oltPonPorts.id, oltId: oltPonPorts.oltId, name: oltPonPorts.name })
    .from(oltPonPorts)
    .where(and(eq(oltPonPorts.id, row.ponPortId), eq(oltPonPorts.organizationId, p.orgId)));
  return { odpCode: row.odpCode, port: port ?? null };
}

type StepJob = { round?: number; taskIds?: string[]; runAt?: Date; actorUserId?: string | null };

/**
 * Marks a step running and queues its job in the caller's transaction (a rolled-back change
 * leaves no job). Steps that talk to the OLT wait in its queue.
 */
export async function queueStep(tx: Db, act: Activation, step: ActivationStep, job: StepJob = {}) {
  const steps = withStep(act.steps, step, 'running', job.round ? { detail: { round: job.round } } : {});
  await tx
    .update(activations)
    .set({ status: 'running', step, steps, finishedAt: null, updatedAt: sql`now()` })
    .where(eq(activations.id, act.id));
  const payload = {
    activationId: act.id,
    step,
    round: job.round ?? 0,
    ...(job.taskIds ? { taskIds: job.taskIds } : {}),
  };
  const common = { orgId: act.organizationId, payload, createdBy: job.actorUserId ?? null, runAt: job.runAt };
  if (OLT_STEPS.includes(step)) {
    if (!act.oltId) throw new Error(`activation ${act.id}: ${step} without an OLT`);
    await enqueue(tx, activationOltStep, { ...common, oltId: act.oltId });
  } else await enqueue(tx, activationStep, common);
  return steps;
}

/** Writes one step's end (done, skipped or failed) and audits it. */
export async function recordStep(
  tx: Db,
  act: Activation,
  p: {
    step: ActivationStep;
    status: 'done' | 'skipped' | 'failed';
    error?: ActivationStepRecord['error'];
    detail?: ActivationStepRecord['detail'];
    set?: Partial<Pick<Activation, 'onuId' | 'stockUnitId' | 'rxPowerDbm' | 'oltId' | 'ponPortId'>>;
    actorUserId?: string | null;
  },
) {
  const steps = withStep(act.steps, p.step, p.status, { error: p.error, detail: p.detail });
  const [row] = await tx
    .update(activations)
    .set({
      ...p.set,
      steps,
      step: p.step,
      ...(p.status === 'failed' ? { status: 'failed' as const, finishedAt: sql`now()` } : {}),
      updatedAt: sql`now()`,
    })
    .where(eq(activations.id, act.id))
    .returning();
  await recordAudit(tx, {
    orgId: act.organizationId,
    actorUserId: p.actorUserId ?? null,
    action: p.status === 'failed' ? 'activation.step_failed' : 'activation.step_done',
    entityType: 'work_order',
    entityId: act.workOrderId,
    data: {
      activationId: act.id,
      step: p.step,
      status: p.status,
      serial: act.serial,
      ...(p.error ? { error: p.error.code, ...p.error.values } : {}),
      ...(p.detail ?? {}),
    },
  });
  return row!;
}

/** The last step is behind it: the activation is done. */
export async function finishActivation(tx: Db, act: Activation) {
  await tx
    .update(activations)
    .set({ status: 'done', finishedAt: sql`now()`, updatedAt: sql`now()` })
    .where(eq(activations.id, act.id));
}
