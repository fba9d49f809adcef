import { and, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { type BackupSettings, type BackupTarget, backupCopies, backupRuns } from '@/db/schema';
import { planRetention } from './retention';
import { openStore } from './stores';
import { storeConfigOf } from './targets';

/**
 * Retention on one target, after a run put its file there: the target's stored copies go
 * through the plan (lib/backups/retention.ts) and what it drops is removed from the store,
 * then marked removed. A file the store cannot remove stays marked stored and is tried again
 * after the next run. Returns how many were removed.
 *
 * Only copies written where the target points now take part: a target whose folder, server or
 * bucket was changed would otherwise delete, by the same file names, the files it finds at the
 * new place — another target's copies of the same runs — while its own old files stay behind.
 */
export async function pruneTarget(
  db: Db,
  target: BackupTarget,
  settings: Pick<BackupSettings, 'keepDaily' | 'keepWeekly' | 'keepMonthly' | 'timeZone'>,
  log: (line: string) => void = (line) => console.warn(`[backup] ${line}`),
): Promise<number> {
  const copies = await db
    .select({
      id: backupCopies.id,
      fileName: backupCopies.fileName,
      location: backupCopies.location,
      takenAt: backupRuns.archivedAt,
    })
    .from(backupCopies)
    .innerJoin(backupRuns, eq(backupRuns.id, backupCopies.runId))
    .where(
      and(
        eq(backupCopies.targetId, target.id),
        eq(backupCopies.status, 'stored'),
        isNull(backupCopies.removedAt),
        isNotNull(backupRuns.archivedAt),
      ),
    );
  const store = openStore(storeConfigOf(target));
  const here = copies.filter((c) => c.location === null || c.location === store.locationOf(c.fileName));
  const { remove } = planRetention(
    here.map((c) => ({ ...c, takenAt: c.takenAt! })),
    settings,
  );
  if (remove.length === 0) return 0;
  let removed = 0;
  for (const copy of remove) {
    try {
      await store.remove(copy.fileName);
      await db.update(backupCopies).set({ removedAt: sql`now()` }).where(eq(backupCopies.id, copy.id));
      removed++;
    } catch (error) {
      log(`retention could not remove ${copy.fileName} from ${target.name}: ${(error as Error).message}`);
    }
  }
  return removed;
}
