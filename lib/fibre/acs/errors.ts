/**
 * Why a call to GenieACS's NBI did not do what was asked, as a kind the screens translate
 * (`acs.errors.<kind>`) and the jobs page shows with the detail.
 */
export const ACS_ERROR_KINDS = [
  'not_configured',
  'not_allowed',
  'unreachable',
  'timeout',
  'unauthorized',
  'not_found',
  'claimed_elsewhere',
  'bad_response',
  'rejected',
] as const;
export type AcsErrorKind = (typeof ACS_ERROR_KINDS)[number];

export class AcsError extends Error {
  constructor(
    public readonly kind: AcsErrorKind,
    message: string,
    public readonly status?: number,
  ) {
    super(message);
    this.name = 'AcsError';
  }
}

/** A stored `[kind] detail` (the connection's last error) as its kind (a message key) and detail. */
export function describeAcsError(stored: string): { kind: AcsErrorKind | null; detail: string } {
  const m = /^\[([a-z_]+)\] ?([\s\S]*)$/.exec(stored);
  if (m && (ACS_ERROR_KINDS as readonly string[]).includes(m[1]!)) return { kind: m[1] as AcsErrorKind, detail: m[2]! };
  return { kind: null, detail: stored };
}
