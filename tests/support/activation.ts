import assert from 'node:assert/strict';
import { and, eq } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { activations, jobs, workOrderTechnicians } from '@/db/schema';
import { encryptSecret } from '@/lib/crypto';
import * as activationOps from '@/lib/fibre/activation/operations';
import { initialSteps, withStep } from '@/lib/fibre/activation/steps';
import type { Operation, Result } from '@/lib/server/operation';
import { makeInstallationWorld } from './workorders';

type Sides = {
  db: Database;
  run: (op: Operation<never, unknown>, input: unknown) => Promise<Result<unknown>>;
  a: { orgId: string; userId: string };
  b: { orgId: string; userId: string };
};

/**
 * An installation work order with an activation that stopped at `failedAt` (written straight
 * into the table: what a retry or a read finds), the WiFi password encrypted like the start
 * writes it. `technicianId` is put on the work order.
 */
export async function makeFailedActivation(
  db: Database,
  p: { orgId: string; adminUserId: string; technicianId?: string; odpPort?: number },
) {
  const world = await makeInstallationWorld(db, p.orgId, p.adminUserId, p.odpPort ?? 7);
  await db.insert(workOrderTechnicians).values({
    organizationId: p.orgId,
    workOrderId: world.workOrder.id,
    userId: p.technicianId ?? world.tech1.id,
  });
  let steps = initialSteps();
  for (const step of ['register_onu', 'check_signal', 'configure_modem', 'activate_service', 'move_stock'] as const)
    steps = withStep(steps, step, 'done');
  steps = withStep(steps, 'send_welcome', 'failed', {
    error: { code: 'activation_step_failed', values: { message: 'x' } },
  });
  const [act] = await db
    .insert(activations)
    .values({
      organizationId: p.orgId,
      workOrderId: world.workOrder.id,
      subscriptionId: world.subscription.id,
      serial: 'ZTEGC0FFEE01',
      wifiSsid: 'Rahasia B',
      wifiPasswordEnc: encryptSecret('wifi-rahasia-b'),
      status: 'failed',
      step: 'send_welcome',
      steps,
      startedBy: p.adminUserId,
    })
    .returning();
  return { world, activation: act! };
}

/** Organization A (its admin) reads, starts and retries nothing of B's activations. */
export function activationIsolationCases(sides: () => Sides): Record<string, () => Promise<void>> {
  let b: ReturnType<typeof makeFailedActivation> | undefined;
  const bWorld = () =>
    (b ??= makeFailedActivation(sides().db, { orgId: sides().b.orgId, adminUserId: sides().b.userId }));
  const run = (op: unknown, input: unknown) => sides().run(op as never, input);
  const notFound = (r: Result<unknown>) => {
    assert.equal(r.ok, false, JSON.stringify(r));
    assert.equal(!r.ok && r.code, 'not_found');
  };
  const untouched = async () => {
    const w = await bWorld();
    const rows = await sides().db.select().from(activations).where(eq(activations.workOrderId, w.world.workOrder.id));
    assert.deepEqual(
      rows.map((r) => r.status),
      ['failed'],
    );
    const queued = await sides()
      .db.select()
      .from(jobs)
      .where(and(eq(jobs.organizationId, sides().a.orgId), eq(jobs.type, 'activation-step')));
    assert.ok(!JSON.stringify(queued).includes(w.activation.id));
  };
  return {
    'activation.fieldGet': async () =>
      notFound(await run(activationOps.fieldActivationOp, { workOrderId: (await bWorld()).world.workOrder.id })),
    'activation.get': async () =>
      notFound(await run(activationOps.activationOp, { workOrderId: (await bWorld()).world.workOrder.id })),
    'activation.start': async () => {
      const w = await bWorld();
      notFound(
        await run(activationOps.startActivationOp, {
          workOrderId: w.world.workOrder.id,
          serial: 'ZTEGC0FFEE02',
          wifiSsid: 'Curian',
          wifiPassword: 'curian-123',
        }),
      );
      await untouched();
    },
    'activation.retry': async () => {
      notFound(await run(activationOps.retryActivationOp, { workOrderId: (await bWorld()).world.workOrder.id }));
      await untouched();
    },
  };
}

/**
 * Inputs every allowed role runs: the start on a work order whose ODP has no PON port (it
 * stops at once, answered ok), the retry on one stopped at the welcome. The matrix runs
 * every role as the admin user, who is put on both work orders.
 */
export async function activationMatrixInputs(db: Database, orgId: string, adminUserId: string) {
  const fresh = await makeInstallationWorld(db, orgId, adminUserId, 7);
  await db
    .insert(workOrderTechnicians)
    .values({ organizationId: orgId, workOrderId: fresh.workOrder.id, userId: adminUserId });
  const failed = await makeFailedActivation(db, { orgId, adminUserId, technicianId: adminUserId, odpPort: 8 });
  return {
    'activation.fieldGet': { workOrderId: fresh.workOrder.id },
    'activation.get': { workOrderId: failed.world.workOrder.id },
    'activation.start': {
      workOrderId: fresh.workOrder.id,
      serial: 'ZTEGC0FFEE03',
      wifiSsid: 'Rumah Rina',
      wifiPassword: 'kenanga-77',
    },
    'activation.retry': { workOrderId: failed.world.workOrder.id },
  };
}
