/**
 * A failed OLT call, classified so the operator reads "wrong password" or "the OLT refused
 * the command" rather than a socket code. `detail` keeps the vendor's own text (ZTE
 * `%Error 20200: …`, Huawei `Failure: …`) for the OLT's last error and the job's log; the
 * screen shows the message of `errors.olt_<kind>`.
 */
export const OLT_ERROR_KINDS = [
  'auth',
  'unreachable',
  'refused',
  'timeout',
  'closed',
  'command',
  'not_allowed',
] as const;
export type OltErrorKind = (typeof OLT_ERROR_KINDS)[number];

export class OltError extends Error {
  readonly kind: OltErrorKind;
  readonly detail: string;
  constructor(kind: OltErrorKind, detail: string) {
    super(`${kind}: ${detail}`);
    this.name = 'OltError';
    this.kind = kind;
    this.detail = detail;
  }

  /** True when the OLT (or the path to it) is the problem: the OLT is marked offline. */
  get connectivity() {
    return this.kind !== 'command' && this.kind !== 'auth';
  }

  /** The message key the screen shows (messages `errors.olt_<kind>`). */
  get code() {
    return `olt_${this.kind}` as const;
  }
}

/**
 * The error with every secret in its detail masked. An OLT that echoes what is typed at its
 * `Password:` prompt puts the password into the screen text an auth error quotes; the detail
 * goes to the OLT's last error and the job's error, which the tenant's members read.
 */
export function redactOltError(error: OltError, secrets: (string | null | undefined)[]): OltError {
  const detail = redactSecrets(error.detail, secrets);
  return detail === error.detail ? error : new OltError(error.kind, detail);
}

export function redactSecrets(text: string, secrets: (string | null | undefined)[]): string {
  let out = text;
  // Longest first: a password that contains another is masked whole.
  for (const secret of [...secrets].filter((s): s is string => Boolean(s)).sort((a, b) => b.length - a.length))
    out = out.split(secret).join('••••');
  return out;
}

/** Maps whatever a socket or the SSH client threw while connecting to an OltError. */
export function classifyOltError(error: unknown): OltError {
  if (error instanceof OltError) return error;
  const e = (error ?? {}) as { code?: string; level?: string; message?: string };
  const message = e.message || String(e.code ?? error);
  if (e.level === 'client-authentication' || /authentication/i.test(message)) return new OltError('auth', message);
  if (e.code === 'ECONNREFUSED') return new OltError('refused', message);
  if (e.code === 'ETIMEDOUT' || /timed out/i.test(message)) return new OltError('timeout', message);
  if (e.code === 'ECONNRESET' || e.code === 'EPIPE') return new OltError('closed', message);
  return new OltError('unreachable', message);
}
