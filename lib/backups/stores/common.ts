import { BackupStoreError, type BackupStoreErrorCode } from '../types';

/** Backup files are `*.jbk`; everything else in a store (sidecars, `.part` uploads, probes) is not listed. */
export const isBackupName = (name: string) => /^[^/\\]+\.jbk$/.test(name);

/** The sidecar `<name>.sha256`, in `sha256sum`'s format so `sha256sum -c` checks a copy by hand. */
export const sidecarName = (name: string) => `${name}.sha256`;
export const sidecarText = (name: string, sha256: string) => `${sha256}  ${name}\n`;
export function parseSidecar(text: string): string | null {
  const m = /^([0-9a-f]{64})\b/i.exec(text.trim());
  return m ? m[1]!.toLowerCase() : null;
}

/** A store is addressed by plain file names: nothing that walks out of its folder or prefix. */
export function assertPlainName(name: string) {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name))
    throw new BackupStoreError('other', `"${name}" is not a backup file name`);
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
]);

/**
 * The store error for an operating-system error (local disk, sockets); undefined when the code
 * says nothing a super admin can act on.
 */
export function codeForSystemError(error: unknown): BackupStoreErrorCode | undefined {
  const code = (error as { code?: unknown })?.code;
  if (code === 'ENOSPC' || code === 'EDQUOT' || code === 'EFBIG') return 'no_space';
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return 'permission_denied';
  if (code === 'ENOENT') return 'not_found';
  if (typeof code === 'string' && NETWORK_CODES.has(code)) return 'unreachable';
  return undefined;
}

/** Wraps any failure as a BackupStoreError (kept as is when it already is one). */
export function asStoreError(error: unknown, where: string, code?: BackupStoreErrorCode): BackupStoreError {
  if (error instanceof BackupStoreError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new BackupStoreError(code ?? codeForSystemError(error) ?? 'other', `${where}: ${message}`);
}
