import type { RouterConfigErrorKind } from '@/db/enums';

/**
 * A failed configuration backup, classified so the router page says "SSH is off on the
 * router" or "the host key changed" rather than a socket code. `detail` is the technical
 * text (the worker's log, the job's error), with the router's password masked.
 */
export class ConfigBackupError extends Error {
  readonly kind: RouterConfigErrorKind;
  readonly detail: string;
  /** A host key that did not match the trusted one: what the admin may accept. */
  readonly presentedKey?: { fingerprint: string; type: string };
  constructor(kind: RouterConfigErrorKind, detail: string, presentedKey?: { fingerprint: string; type: string }) {
    super(`${kind}: ${detail}`);
    this.name = 'ConfigBackupError';
    this.kind = kind;
    this.detail = detail;
    this.presentedKey = presentedKey;
  }

  /**
   * Whether trying again soon can help. A wrong login, a changed host key, a refused command,
   * a refused address or an export over the size limit stay so until someone changes
   * something: the job stops at once.
   */
  get retryable() {
    return !['auth', 'host_key_changed', 'command', 'not_allowed', 'too_large'].includes(this.kind);
  }
}

/** Maps whatever the socket or the SSH client threw to a ConfigBackupError. */
export function classifySshError(error: unknown): ConfigBackupError {
  if (error instanceof ConfigBackupError) return error;
  const e = (error ?? {}) as { code?: string; level?: string; message?: string };
  const message = e.message || String(e.code ?? error);
  if (e.level === 'client-authentication' || /authentication methods failed/i.test(message))
    return new ConfigBackupError('auth', message);
  if (e.code === 'ECONNREFUSED') return new ConfigBackupError('refused', message);
  if (e.level === 'client-timeout' || e.code === 'ETIMEDOUT' || /timed out/i.test(message))
    return new ConfigBackupError('timeout', message);
  if (['EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EADDRNOTAVAIL'].includes(e.code ?? ''))
    return new ConfigBackupError('unreachable', message);
  if (e.code === 'ECONNRESET' || e.code === 'EPIPE' || /connection lost|closed/i.test(message))
    return new ConfigBackupError('closed', message);
  return new ConfigBackupError('unknown', message);
}

/** The text with every secret masked (a router may echo what it was sent). */
export function maskSecrets(text: string, secrets: (string | null | undefined)[]): string {
  let out = text;
  for (const secret of secrets.filter((s): s is string => Boolean(s)).sort((a, b) => b.length - a.length))
    out = out.split(secret).join('••••');
  return out;
}
