import { getSystemErrorName } from 'node:util';
import type { RouterErrorKind } from '@/lib/network/constants';

/**
 * A failed router call, classified so the operator sees "wrong password" rather than a
 * socket code, and so jobs know whether waiting can help (a trap will not get better by
 * retrying; a refused or timed-out connection may).
 */
export class RouterError extends Error {
  readonly kind: RouterErrorKind;
  constructor(kind: RouterErrorKind, message: string) {
    super(message);
    this.name = 'RouterError';
    this.kind = kind;
  }

  /** True when the router (or the path to it) is the problem, not the command. */
  get connectivity() {
    return this.kind !== 'trap' && this.kind !== 'bad_login';
  }
}

const TLS_CODE = /^(ERR_SSL|ERR_TLS|EPROTO|CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED)/;

/** Maps whatever node-routeros or the socket threw to a RouterError. */
export function classifyRouterError(error: unknown, p: { tls: boolean; during: 'connect' | 'command' }): RouterError {
  if (error instanceof RouterError) return error;
  const e = (error ?? {}) as { code?: string; errno?: number | string; message?: string };
  const code = e.code ?? (typeof e.errno === 'number' ? safeErrorName(e.errno) : e.errno);
  const message = e.message || String(code ?? error);
  if (code === 'CANTLOGIN' || /invalid user name or password|cannot log in/i.test(message))
    return new RouterError('bad_login', message);
  if (code === 'ECONNREFUSED') return new RouterError('refused', message || 'connection refused');
  if (code === 'SOCKTMOUT' || code === 'ETIMEDOUT') return new RouterError('timeout', message || 'timed out');
  if (code && TLS_CODE.test(code)) return new RouterError('tls', message);
  if (
    p.tls &&
    p.during === 'connect' &&
    (code === 'ECONNRESET' || /socket disconnected before secure TLS|handshake|ssl/i.test(message))
  )
    return new RouterError('tls', message);
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return new RouterError('unreachable', message);
  if (code === 'ECONNRESET' || code === 'EPIPE') return new RouterError('closed', message);
  return new RouterError('unknown', message);
}

function safeErrorName(errno: number) {
  try {
    return getSystemErrorName(errno);
  } catch {
    return undefined;
  }
}
