import { generate, generateSecret, generateURI, verify } from 'otplib';

/**
 * Authenticator-app codes (TOTP, RFC 6238: SHA-1, 6 digits, 30 s), as Google Authenticator,
 * Aegis and 1Password expect. One step either side is accepted for phone clocks that drift.
 */
const TOLERANCE_SECONDS = 30;

export function newTotpSecret(): string {
  return generateSecret();
}

export function totpUri(p: { secret: string; email: string; issuer: string }): string {
  return generateURI({ issuer: p.issuer, label: p.email, secret: p.secret });
}

/** The code an authenticator shows now (tests; the app never needs it). */
export function totpCode(secret: string, epochSeconds = Math.floor(Date.now() / 1000)): Promise<string> {
  return generate({ secret, epoch: epochSeconds });
}

/**
 * Checks a code; `afterStep` is the step of the last code accepted, so a code seen once (over
 * a shoulder, in a proxy log) cannot be used again. Returns the step to remember, or null.
 */
export async function verifyTotp(p: {
  secret: string;
  code: string;
  afterStep: number | null;
}): Promise<number | null> {
  const code = p.code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(code)) return null;
  const result = await verify({
    secret: p.secret,
    token: code,
    epochTolerance: TOLERANCE_SECONDS,
    ...(p.afterStep !== null ? { afterTimeStep: p.afterStep } : {}),
  });
  // The functional API also covers HOTP; a TOTP result carries the time step.
  return result.valid && 'timeStep' in result ? result.timeStep : null;
}
