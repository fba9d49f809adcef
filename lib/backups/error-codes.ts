import { BackupError } from './errors';
import { BackupStoreError } from './types';

/**
 * Why a run, a copy or a check failed, as a code the page turns into words with what to do
 * (`backups.errors.<code>`) and the original message as detail. Store failures keep their
 * store code (unreachable, auth_failed, no_space, …), archive failures theirs (pg_dump_failed,
 * key_missing, …); a full or forbidden local disk is told apart from anything else.
 */
export const BACKUP_ERROR_CODES = [
  'unreachable',
  'auth_failed',
  'host_key_mismatch',
  'not_found',
  'no_space',
  'permission_denied',
  'key_missing',
  'pg_tools_missing',
  'pg_dump_failed',
  'database_unreachable',
  'no_targets',
  'targets_failed',
  'target_removed',
  'other',
] as const;
export type BackupErrorCodeShown = (typeof BACKUP_ERROR_CODES)[number];

const KNOWN = new Set<string>(BACKUP_ERROR_CODES);
// Errors no retry can fix: a run fails at once instead of trying again.
export const PERMANENT_BACKUP_ERRORS: ReadonlySet<string> = new Set(['key_missing', 'no_targets', 'pg_tools_missing']);

export function backupErrorOf(error: unknown): { code: BackupErrorCodeShown; message: string } {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof BackupStoreError || error instanceof BackupError)
    return { code: KNOWN.has(error.code) ? (error.code as BackupErrorCodeShown) : 'other', message };
  const errno = (error as { code?: unknown } | null)?.code;
  if (errno === 'ENOSPC' || errno === 'EDQUOT') return { code: 'no_space', message };
  if (errno === 'EACCES' || errno === 'EPERM' || errno === 'EROFS') return { code: 'permission_denied', message };
  return { code: 'other', message };
}

/** The message key for a stored code (an unknown one reads as "other"). */
export function backupErrorKey(code: string | null | undefined): string {
  return `backups.errors.${code && KNOWN.has(code) ? code : 'other'}`;
}
