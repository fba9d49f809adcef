/**
 * Why a backup could not be made, read or restored (the store's own failures are
 * `BackupStoreError` in `./types`). The code picks the message a screen shows; `params` fill it
 * (`keyId`, `major`, `package`, …); `message` is the same in English for logs and the CLI.
 */
export type BackupErrorCode =
  /** No backup key: BACKUP_ENCRYPTION_KEY unset in production (or for a restore). */
  | 'key_missing'
  /** The file was encrypted with another key (`params.keyId` is the one it needs). */
  | 'wrong_key'
  /** Not a Jaring backup file (wrong magic), or one cut short. */
  | 'not_a_backup'
  /** A newer backup format than this version reads. */
  | 'unsupported_version'
  /** The authentication tag does not match: the file was changed or damaged. */
  | 'damaged'
  /** The file's SHA-256 differs from the one recorded beside it. */
  | 'checksum_mismatch'
  /** A restore only goes into an empty database. */
  | 'database_not_empty'
  /** A restore only goes into an empty files folder (unless forced). */
  | 'files_not_empty'
  /** No pg_dump / pg_restore of a usable version on this machine. */
  | 'pg_tools_missing'
  /** The database could not be reached to back it up. */
  | 'database_unreachable'
  /** The work folder's disk is full (the backup is made there before it is stored). */
  | 'no_space'
  | 'pg_dump_failed'
  | 'pg_restore_failed'
  /** After pg_restore a table's row count differs from what the backup says it holds. */
  | 'restore_incomplete';

export class BackupError extends Error {
  constructor(
    readonly code: BackupErrorCode,
    message: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(message);
    this.name = 'BackupError';
  }
}
