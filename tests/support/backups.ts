import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { backupRuns, backupSettings, backupTargets } from '@/db/schema';
import * as backupOps from '@/lib/backups/operations';
import { ensureBackupRows } from '@/lib/backups/settings';
import type { Result } from '@/lib/server/operation';

type Run = (op: never, input: unknown) => Promise<Result<unknown>>;
type Sides = { db: Database; run: Run };

/**
 * A disabled local target (never used by a run) and a finished run, as the platform holds
 * them. Platform rows belong to no organization: these are for the walkers only.
 */
async function makeBackupWorld(db: Database, label: string) {
  await ensureBackupRows(db);
  const u = randomUUID().slice(0, 8);
  const [target] = await db
    .insert(backupTargets)
    .values({
      name: `Walker ${label} ${u}`,
      kind: 'local',
      config: { path: path.join(os.tmpdir(), `jaring-walker-${u}`) },
      enabled: false,
    })
    .returning();
  const [run] = await db
    .insert(backupRuns)
    .values({ trigger: 'manual', status: 'failed', errorCode: 'no_targets', finishedAt: new Date() })
    .returning();
  return { targetId: target!.id, runId: run!.id };
}

/**
 * Platform backups are the super admin's alone: an organization's admin (A) is refused every
 * backup operation and changes nothing of the platform's.
 */
export function backupIsolationCases(sides: () => Sides): Record<string, () => Promise<void>> {
  let world: ReturnType<typeof makeBackupWorld> | undefined;
  const platform = () => (world ??= makeBackupWorld(sides().db, 'B'));
  const run = (op: unknown, input: unknown) => sides().run(op as never, input);
  const forbidden = (r: Result<unknown>) => assert.equal(!r.ok && r.code, 'forbidden');
  const target = async () =>
    (
      await sides()
        .db.select()
        .from(backupTargets)
        .where(eq(backupTargets.id, (await platform()).targetId))
    )[0];
  const unchanged = async (op: unknown, input: (w: Awaited<ReturnType<typeof makeBackupWorld>>) => unknown) => {
    const before = await target();
    forbidden(await run(op, input(await platform())));
    assert.deepEqual(await target(), before);
  };
  return {
    'backups.overview': async () => forbidden(await run(backupOps.backupOverviewOp, {})),
    'backups.health': async () => forbidden(await run(backupOps.backupHealthOp, {})),
    'backups.saveSettings': async () => {
      const before = await sides().db.select().from(backupSettings);
      forbidden(
        await run(backupOps.saveBackupSettingsOp, {
          enabled: '',
          time: '04:00',
          timeZone: 'Asia/Jayapura',
          keepDaily: '1',
          keepWeekly: '0',
          keepMonthly: '0',
        }),
      );
      assert.deepEqual(await sides().db.select().from(backupSettings), before);
    },
    'backups.saveTarget': async () =>
      unchanged(backupOps.saveBackupTargetOp, (w) => ({ targetId: w.targetId, kind: 'local', name: 'A took it' })),
    'backups.removeTarget': async () => unchanged(backupOps.removeBackupTargetOp, (w) => ({ targetId: w.targetId })),
    'backups.checkTarget': async () => unchanged(backupOps.checkBackupTargetOp, (w) => ({ targetId: w.targetId })),
    'backups.runNow': async () => {
      const before = await sides().db.select({ id: backupRuns.id }).from(backupRuns);
      forbidden(await run(backupOps.runBackupNowOp, {}));
      assert.equal((await sides().db.select({ id: backupRuns.id }).from(backupRuns)).length, before.length);
    },
    'backups.listRuns': async () => forbidden(await run(backupOps.listBackupRunsOp, {})),
    'backups.getRun': async () => forbidden(await run(backupOps.getBackupRunOp, { runId: (await platform()).runId })),
  };
}

/**
 * Inputs for the permission matrix: every backup operation succeeds for the super admin. The
 * targets it adds and checks are disabled, so no run ever writes there; the settings saved are
 * the defaults. *Run now* queues a real run (or finds the one under way).
 */
export async function backupMatrixInputs(db: Database) {
  const kept = await makeBackupWorld(db, 'M');
  const removed = await makeBackupWorld(db, 'D');
  const u = randomUUID().slice(0, 8);
  return {
    'backups.overview': {},
    'backups.health': {},
    'backups.saveSettings': {
      enabled: 'on',
      time: '03:00',
      timeZone: 'Asia/Jakarta',
      keepDaily: '7',
      keepWeekly: '4',
      keepMonthly: '12',
    },
    'backups.saveTarget': { kind: 'local', name: `Matrix ${u}`, path: path.join(os.tmpdir(), `jaring-matrix-${u}`) },
    'backups.removeTarget': { targetId: removed.targetId },
    'backups.checkTarget': { targetId: kept.targetId },
    'backups.runNow': {},
    'backups.listRuns': {},
    'backups.getRun': { runId: kept.runId },
  };
}
