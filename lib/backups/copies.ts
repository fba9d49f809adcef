import { eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { type BackupTarget, backupCopies, backupTargets } from '@/db/schema';
import { backupErrorOf } from './error-codes';
import { firstHostKeyOptions, type HostKeyWitness } from './host-keys';
import { openStore } from './stores';
import { storeConfigOf } from './targets';

export type CopyOutcome = 'stored' | 'failed' | 'target_removed';

/**
 * Puts the run's file into one target (unless an earlier attempt already did) and records
 * the copy either way. A target removed while its copy was under way ends as a failed copy
 * with `target_removed` (where the file may be, if it got there): nothing keeps track of that
 * place any more, and the run does not wait for it.
 */
export async function putCopy(
  db: Db,
  runId: string,
  target: BackupTarget,
  archive: { file: string; name: string; sha256: string },
  witness: HostKeyWitness | null,
): Promise<CopyOutcome> {
  const copy = await startCopy(db, runId, target, archive.name);
  if (!copy) return removedCopy(db, { runId, target, fileName: archive.name, location: null });
  if (copy.status === 'stored' && copy.fileName === archive.name) return 'stored';
  let outcome: { location: string } | { code: string; message: string };
  try {
    const store = openStore(storeConfigOf(target), firstHostKeyOptions(db, target, witness));
    outcome = await store.put(archive.file, archive.name, archive.sha256);
  } catch (error) {
    outcome = backupErrorOf(error);
  }
  const [still] = await db.select({ id: backupTargets.id }).from(backupTargets).where(eq(backupTargets.id, target.id));
  if (!still) {
    const location = 'location' in outcome ? outcome.location : null;
    return removedCopy(db, { runId, target, fileName: archive.name, location, copyId: copy.id });
  }
  if ('code' in outcome) {
    await db
      .update(backupCopies)
      .set({
        status: 'failed',
        fileName: archive.name,
        errorCode: outcome.code,
        errorMessage: outcome.message.slice(0, 1000),
      })
      .where(eq(backupCopies.id, copy.id));
    return 'failed';
  }
  await db
    .update(backupCopies)
    .set({
      status: 'stored',
      fileName: archive.name,
      location: outcome.location,
      errorCode: null,
      errorMessage: null,
      uploadedAt: sql`now()`,
    })
    .where(eq(backupCopies.id, copy.id));
  return 'stored';
}

/** The copy row for this run and target, one more attempt; null when the target is gone already. */
async function startCopy(db: Db, runId: string, target: BackupTarget, fileName: string) {
  try {
    const [copy] = await db
      .insert(backupCopies)
      .values({ runId, targetId: target.id, targetName: target.name, fileName, attempts: 1 })
      .onConflictDoUpdate({
        target: [backupCopies.runId, backupCopies.targetId],
        set: {
          attempts: sql`${backupCopies.attempts} + case when ${backupCopies.status} = 'stored' and ${backupCopies.fileName} = excluded.file_name then 0 else 1 end`,
          targetName: target.name,
        },
      })
      .returning();
    return copy!;
  } catch (error) {
    // The target's row went between reading the targets and this insert (its foreign key).
    if (
      (error as { code?: string }).code === '23503' ||
      (error as { cause?: { code?: string } }).cause?.code === '23503'
    )
      return null;
    throw error;
  }
}

/** A copy whose target was removed during the run: failed, saying so and where the file may be. */
async function removedCopy(
  db: Db,
  p: { runId: string; target: BackupTarget; fileName: string; location: string | null; copyId?: string },
): Promise<CopyOutcome> {
  const values = {
    status: 'failed' as const,
    fileName: p.fileName,
    location: p.location,
    errorCode: 'target_removed',
    errorMessage: `The target "${p.target.name}" was removed while this backup was being sent to it${p.location ? `; the file may be at ${p.location}` : ''}`,
  };
  if (p.copyId) await db.update(backupCopies).set(values).where(eq(backupCopies.id, p.copyId));
  else
    await db
      .insert(backupCopies)
      .values({ runId: p.runId, targetId: null, targetName: p.target.name, attempts: 1, ...values });
  return 'target_removed';
}
