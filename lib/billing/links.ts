import { createHmac, timingSafeEqual } from 'node:crypto';
import { env } from '@/lib/env';

/**
 * The customer's invoice link is signed, not stored: `<invoice id>.<HMAC-SHA256 of it>` with
 * a key derived from APP_ENCRYPTION_KEY. It cannot be guessed from the id, needs no column or
 * index, and every link dies if the key is rotated.
 */
function signature(invoiceId: string) {
  return createHmac('sha256', env().APP_ENCRYPTION_KEY).update(`invoice-link:${invoiceId}`).digest('base64url');
}

export function invoiceLinkToken(invoiceId: string) {
  return `${invoiceId}.${signature(invoiceId)}`;
}

/** The invoice id of a valid token, else null. */
export function verifyInvoiceLinkToken(token: string): string | null {
  const match = /^([0-9a-f-]{36})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return null;
  const expected = Buffer.from(signature(match[1]!));
  const given = Buffer.from(match[2]!);
  return expected.length === given.length && timingSafeEqual(expected, given) ? match[1]! : null;
}
