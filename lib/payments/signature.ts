import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** Constant-time comparison of two signatures (hex/base64 text); different lengths never match. */
export function safeEqual(expected: string, given: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(given, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

export function hashHex(algorithm: 'md5' | 'sha256' | 'sha512', text: string): string {
  return createHash(algorithm).update(text, 'utf8').digest('hex');
}

export function hmacHex(algorithm: 'sha256', key: string, text: string): string {
  return createHmac(algorithm, key).update(text, 'utf8').digest('hex');
}
