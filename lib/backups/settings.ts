import { eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { type BackupSettings, backupSettings } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import type { Actor } from '@/lib/server/operation';
import { DEFAULT_TARGET_NAME } from './constants';
import type { BackupSettingsInput } from './schemas';

/**
 * The platform's one settings row, made on first use together with the default target (the
 * local BACKUP_DIR), so a fresh install backs up somewhere without anyone setting it up. The
 * default target is made only with the row: a super admin who removes it is not overruled.
 */
export async function ensureBackupRows(db: Db): Promise<BackupSettings> {
  await db.execute(sql`
    with made as (insert into backup_settings (id) values (1) on conflict do nothing returning id)
    insert into backup_targets (name, kind, config, is_default)
    select ${DEFAULT_TARGET_NAME}, 'local', '{"path": null}'::jsonb, true from made
    on conflict do nothing`);
  const [row] = await db.select().from(backupSettings).where(eq(backupSettings.id, 1));
  return row!;
}

export const getBackupSettings = ensureBackupRows;

/** The schedule and how many to keep; audited with what it was and what it is now. */
export async function updateBackupSettings(db: Db, p: Actor & { input: BackupSettingsInput }) {
  return db.transaction(async (tx) => {
    const before = await ensureBackupRows(tx);
    const [after] = await tx
      .update(backupSettings)
      .set({ ...p.input, updatedBy: p.actorUserId, updatedAt: sql`now()` })
      .where(eq(backupSettings.id, 1))
      .returning();
    const shown = (s: BackupSettings) => ({
      enabled: s.enabled,
      time: s.time,
      timeZone: s.timeZone,
      keepDaily: s.keepDaily,
      keepWeekly: s.keepWeekly,
      keepMonthly: s.keepMonthly,
    });
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      action: 'backup.settings_updated',
      entityType: 'backup_settings',
      data: { before: shown(before), after: shown(after!) },
    });
    return shown(after!);
  });
}
