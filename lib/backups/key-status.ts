import { existsSync } from 'node:fs';
import { env } from '@/lib/env';
import { BACKUP_KEY_FILE, loadBackupKey } from './key';

/**
 * Which key the backups are encrypted with, for the page: from BACKUP_ENCRYPTION_KEY, from
 * the key file made outside production, or none yet. Read without making a key: the worker
 * makes the file on the first backup outside production, and in production refuses without
 * the variable (the run then fails with `key_missing`). The web app cannot tell production
 * from NODE_ENV (`next start` always sets it), so it does not guess: it says what is there.
 */
export type BackupKeyStatus = { source: 'env' | 'file' | 'none'; keyId: string | null; file: string };

export function backupKeyStatus(): BackupKeyStatus {
  if (env().BACKUP_ENCRYPTION_KEY?.trim())
    return { source: 'env', keyId: keyIdOf(() => loadBackupKey()), file: BACKUP_KEY_FILE };
  if (!existsSync(BACKUP_KEY_FILE)) return { source: 'none', keyId: null, file: BACKUP_KEY_FILE };
  const keyId = keyIdOf(() => loadBackupKey({ source: { NODE_ENV: 'development' }, create: false }));
  return { source: 'file', keyId, file: BACKUP_KEY_FILE };
}

/** A key that cannot be read (a damaged file) shows no fingerprint; the next run says why. */
function keyIdOf(load: () => { keyId: string } | null): string | null {
  try {
    return load()?.keyId ?? null;
  } catch {
    return null;
  }
}
