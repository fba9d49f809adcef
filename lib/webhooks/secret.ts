import { randomBytes } from 'node:crypto';

/**
 * A Standard Webhooks signing secret: `whsec_` and the base64 of 24 random bytes (the
 * receiver's `new Webhook(secret)` takes it as is). Stored encrypted, shown only on request.
 */
export function newSigningSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`;
}

/** The secret as a list shows it: the prefix and the last four characters. */
export function maskSigningSecret(secret: string): string {
  return `whsec_…${secret.slice(-4)}`;
}
