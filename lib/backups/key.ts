import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { env } from '@/lib/env';

export type BackupKey = { key: Buffer; keyId: string };

/** Where a key is made outside production when BACKUP_ENCRYPTION_KEY is unset (never in BACKUP_DIR). */
export const BACKUP_KEY_FILE = path.join(process.cwd(), '.data', 'backup-key');

/**
 * A short fingerprint of the key, written in every backup's header and manifest so a restore can
 * say which key it needs. Hashed with a label so it is no use for anything but telling keys apart.
 */
export function backupKeyId(key: Buffer): string {
  return createHash('sha256').update('jaring-backup-key\0').update(key).digest('hex').slice(0, 16);
}

/** A key from its base64 text (BACKUP_ENCRYPTION_KEY or the key file); null when it is not 32 bytes. */
export function parseBackupKey(text: string): BackupKey | null {
  const key = Buffer.from(text.trim(), 'base64');
  return key.length === 32 ? { key, keyId: backupKeyId(key) } : null;
}

/**
 * The key every backup is encrypted with. BACKUP_ENCRYPTION_KEY when set. Outside production,
 * when unset, a key made once in `.data/backup-key` (its path is logged: it must be copied
 * somewhere other than the backups, or no backup can be restored after losing this server).
 * In production without the variable: null, and no backup runs (the caller says what to set).
 * `create: false` (a restore) reads the key file but never makes one: a new key opens no backup.
 */
export function loadBackupKey(
  options: { source?: { BACKUP_ENCRYPTION_KEY?: string; NODE_ENV?: string }; keyFile?: string; create?: boolean } = {},
): BackupKey | null {
  const source = options.source ?? env();
  const fromEnv = source.BACKUP_ENCRYPTION_KEY?.trim();
  if (fromEnv) {
    const parsed = parseBackupKey(fromEnv);
    if (!parsed) throw new Error('BACKUP_ENCRYPTION_KEY must be 32 random bytes, base64 (openssl rand -base64 32)');
    return parsed;
  }
  if (source.NODE_ENV === 'production') return null;
  const file = options.keyFile ?? BACKUP_KEY_FILE;
  if (!existsSync(file)) {
    if (options.create === false) return null;
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    console.warn(
      `[backup] BACKUP_ENCRYPTION_KEY is not set: made a backup key in ${file}. ` +
        'Copy it somewhere other than the backups (a password manager): without it no backup can be restored.',
    );
  }
  const parsed = parseBackupKey(readFileSync(file, 'utf8'));
  if (!parsed) throw new Error(`${file} does not hold a backup key (32 bytes, base64)`);
  return parsed;
}
