import { existsSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import type { BackupRunStatus, BackupStep, BackupTrigger } from '@/db/enums';
import { type BackupRun, backupRuns, backupTargets, jobs } from '@/db/schema';
import { env } from '@/lib/env';
import { createBackupArchive } from './archive';
import { putCopy } from './copies';
import { backupErrorOf, PERMANENT_BACKUP_ERRORS } from './error-codes';
import { type HostKeyWitness, witnessOfJob } from './host-keys';
import { loadBackupKey } from './key';
import { pruneTarget } from './prune';
import { ensureBackupRows, getBackupSettings } from './settings';
import type { CreatedBackup } from './types';

export type BackupRunParams = {
  /** What started a run made here (without `runId`); default `cli`. */
  trigger?: BackupTrigger;
  /** The run the job was queued for; without one (the CLI) a run is made here. */
  runId?: string;
  /**
   * No attempt comes after this one (the job's last, or a CLI run): targets still without the
   * file make the run partial or failed. Before that the run is `retrying` and keeps its archive.
   */
  finalAttempt?: boolean;
  /** Where the archive is made and kept between attempts (default BACKUP_DIR/.work). */
  workDir?: string;
  databaseUrl?: string;
  filesDir?: string;
  onProgress?: (done: number, total: number) => void | Promise<void>;
  /** The job's organization and requester: an SFTP target's first host key is saved and audited there. */
  witness?: HostKeyWitness | null;
};

export type BackupRunOutcome = {
  runId: string;
  status: BackupRunStatus;
  errorCode: string | null;
  /** A retry may help (a target or the dump failed, attempts remain). */
  retry: boolean;
  stored: number;
  failed: number;
  removed: number;
};

const STEPS: BackupStep[] = ['dump', 'files', 'encrypt', 'upload', 'retention'];

/**
 * One platform backup, end to end: the archive (lib/backups/archive.ts: pg_dump of the whole
 * database and the files folder, encrypted with the backup key), then into every enabled
 * target side by side — one target failing does not stop the others — then retention on each
 * target that now holds the file. Everything is recorded on the run and its copies. A target
 * that failed never has anything removed, and only stored copies count for retention, so a
 * failing backup can never cost an older good one.
 */
export async function runPlatformBackup(db: Db, p: BackupRunParams): Promise<BackupRunOutcome> {
  const final = p.finalAttempt ?? true;
  const started = Date.now();
  const run = await startRun(db, p);
  if (['succeeded', 'partial', 'failed'].includes(run.status)) return outcomeOf(run, 0, 0, 0);
  const step = async (s: BackupStep) => {
    await db.update(backupRuns).set({ step: s, updatedAt: sql`now()` }).where(eq(backupRuns.id, run.id));
    await p.onProgress?.(STEPS.indexOf(s), STEPS.length);
  };
  const workDir = path.join(p.workDir ?? path.join(path.resolve(env().BACKUP_DIR), '.work'), run.id);
  const end = async (status: BackupRunStatus, error: { code: string; message: string } | null, counts = [0, 0, 0]) => {
    const [row] = await db
      .update(backupRuns)
      .set({
        status,
        step: null,
        finishedAt: status === 'retrying' ? null : sql`now()`,
        durationMs: Date.now() - started,
        errorCode: error?.code ?? null,
        errorMessage: error?.message.slice(0, 1000) ?? null,
        updatedAt: sql`now()`,
      })
      .where(eq(backupRuns.id, run.id))
      .returning();
    if (status !== 'retrying') await rm(workDir, { recursive: true, force: true });
    return outcomeOf(row!, counts[0]!, counts[1]!, counts[2]!);
  };
  const failed = (error: { code: string; message: string }) =>
    end(final || PERMANENT_BACKUP_ERRORS.has(error.code) ? 'failed' : 'retrying', error);

  const key = safely(() => loadBackupKey());
  if (!key.ok) return failed(key.error);
  if (!key.value)
    return failed({ code: 'key_missing', message: 'BACKUP_ENCRYPTION_KEY is not set (NODE_ENV=production)' });
  // A fresh install's default target (BACKUP_DIR) is made on first use: a CLI run before the
  // page or the worker ever touched the settings must find it, not fail with "no target".
  await ensureBackupRows(db);
  const targets = await db.select().from(backupTargets).where(eq(backupTargets.enabled, true));
  if (targets.length === 0) return failed({ code: 'no_targets', message: 'No enabled backup target' });

  let archive: Pick<CreatedBackup, 'file' | 'name' | 'sha256'>;
  try {
    archive = keptArchive(run, workDir) ?? (await makeArchive(db, run, { ...p, workDir, key: key.value.key, step }));
  } catch (error) {
    return failed(backupErrorOf(error));
  }

  try {
    await step('upload');
    const results = await Promise.all(targets.map((t) => putCopy(db, run.id, t, archive, p.witness ?? null)));
    await step('retention');
    const settings = await getBackupSettings(db);
    // Retention on the targets as they are now: one removed meanwhile is gone, one that just
    // learned its host key connects with it.
    const holding = targets.filter((_, i) => results[i] === 'stored').map((t) => t.id);
    const current = holding.length
      ? await db.select().from(backupTargets).where(inArray(backupTargets.id, holding))
      : [];
    let removed = 0;
    for (const target of current) removed += await pruneTarget(db, target, settings);
    // A target removed during the run is no longer one the backup has to reach.
    const wanted = results.filter((r) => r !== 'target_removed').length;
    const stored = results.filter((r) => r === 'stored').length;
    const missing = wanted - stored;
    if (wanted === 0) return failed({ code: 'no_targets', message: 'Every target was removed during the run' });
    if (missing === 0) return end('succeeded', null, [stored, 0, removed]);
    const error = { code: 'targets_failed', message: `${missing} of ${wanted} targets do not hold the backup` };
    const status = !final ? 'retrying' : stored > 0 ? 'partial' : 'failed';
    return end(status, error, [stored, missing, removed]);
  } catch (error) {
    // Never left "running" until the 6-hour cut-off: whatever broke, the run ends here.
    return failed(backupErrorOf(error));
  }
}

/** The run this attempt works on (made for a CLI run), marked running with one more attempt. */
async function startRun(db: Db, p: BackupRunParams): Promise<BackupRun> {
  if (!p.runId) {
    const [made] = await db
      .insert(backupRuns)
      .values({ trigger: p.trigger ?? 'cli', status: 'running', attempt: 1, startedAt: sql`now()` })
      .returning();
    return made!;
  }
  const [row] = await db
    .update(backupRuns)
    .set({
      status: sql`case when ${backupRuns.status} in ('succeeded', 'partial', 'failed') then ${backupRuns.status} else 'running' end`,
      attempt: sql`${backupRuns.attempt} + case when ${backupRuns.status} in ('succeeded', 'partial', 'failed') then 0 else 1 end`,
      startedAt: sql`coalesce(${backupRuns.startedAt}, now())`,
      updatedAt: sql`now()`,
    })
    .where(eq(backupRuns.id, p.runId))
    .returning();
  if (!row) throw new Error(`Backup run ${p.runId} does not exist`);
  return row;
}

/** The archive an earlier attempt of this run made, when its file is still there intact. */
function keptArchive(run: BackupRun, workDir: string) {
  if (!run.fileName || !run.sha256) return null;
  const file = path.join(workDir, run.fileName);
  if (!existsSync(file) || statSync(file).size !== run.sizeBytes) return null;
  return { file, name: run.fileName, sha256: run.sha256 };
}

async function makeArchive(
  db: Db,
  run: BackupRun,
  p: BackupRunParams & { workDir: string; key: Buffer; step: (s: BackupStep) => Promise<void> },
) {
  // The work folder of an earlier attempt holds nothing usable (or it would have been kept).
  await rm(p.workDir, { recursive: true, force: true });
  let stepping = Promise.resolve();
  const created = await createBackupArchive({
    databaseUrl: p.databaseUrl ?? env().DATABASE_URL,
    filesDir: p.filesDir ?? env().FILES_DIR,
    key: p.key,
    workDir: p.workDir,
    onProgress: (s) => {
      stepping = stepping.then(() => p.step(s)).catch(() => {});
    },
  });
  await stepping;
  await db
    .update(backupRuns)
    .set({
      fileName: created.name,
      sizeBytes: created.sizeBytes,
      sha256: created.sha256,
      manifest: created.manifest as unknown as Record<string, unknown>,
      archivedAt: new Date(created.manifest.createdAt),
      updatedAt: sql`now()`,
    })
    .where(eq(backupRuns.id, run.id));
  return created;
}

function outcomeOf(run: BackupRun, stored: number, failed: number, removed: number): BackupRunOutcome {
  return {
    runId: run.id,
    status: run.status,
    errorCode: run.errorCode,
    retry: run.status === 'retrying',
    stored,
    failed,
    removed,
  };
}

function safely<T>(fn: () => T): { ok: true; value: T } | { ok: false; error: { code: string; message: string } } {
  try {
    return { ok: true, value: fn() };
  } catch (error) {
    return { ok: false, error: backupErrorOf(error) };
  }
}

/**
 * The `backup-run` job's attempt: the last one (by the job's own count) settles the run as
 * partial or failed; an earlier one leaves it `retrying` with its archive kept.
 */
export async function runBackupJob(
  db: Db,
  p: { runId: string; jobId: string; onProgress?: BackupRunParams['onProgress'] },
): Promise<BackupRunOutcome> {
  const [job] = await db
    .select({ attempts: jobs.attempts, maxAttempts: jobs.maxAttempts })
    .from(jobs)
    .where(eq(jobs.id, p.jobId));
  const finalAttempt = !job || job.attempts >= job.maxAttempts;
  const witness = await witnessOfJob(db, p.jobId);
  return runPlatformBackup(db, { runId: p.runId, finalAttempt, onProgress: p.onProgress, witness });
}
