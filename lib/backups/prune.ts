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
 */
export async function pruneTarget(
  db: Db,
  target: BackupTarget,
  settings: Pick<BackupSettings, 'keepDaily' | 'keepWeekly' | 'keepMonthly' | 'timeZone'>,
  log: (line: string) => void = (line) => console.warn(`[backup] ${line}`),
): Promise<number> {
  const copies = await db
    .select({ id: backupCopies.id, fileName: backupCopies.fileName, takenAt: backupRuns.archivedAt })
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
  const { remove } = planRetention(
    copies.map((c) => ({ ...c, takenAt: c.takenAt! })),
    settings,
  );
  if (remove.length === 0) return 0;
  const store = openStore(storeConfigOf(target));
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
