import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { env } from './env';

/**
 * AES-256-GCM for secrets kept at rest (service passwords; later router passwords and gateway
 * keys). Format: v1.<iv>.<tag>.<ciphertext>, base64url parts.
 */
function key(): Buffer {
  const raw = Buffer.from(env().APP_ENCRYPTION_KEY, 'base64url');
  if (raw.length !== 32) throw new Error('APP_ENCRYPTION_KEY must be 32 bytes, base64url-encoded');
  return raw;
}

export function encryptSecret(plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key(), iv);
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return ['v1', iv, cipher.getAuthTag(), data]
    .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
    .join('.');
}

export function decryptSecret(stored: string): string {
  const [version, iv, tag, data] = stored.split('.');
  if (version !== 'v1' || !iv || !tag || data === undefined) throw new Error('Unknown secret format');
  const decipher = createDecipheriv('aes-256-gcm', key(), Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
}

/** What logs and screens show instead of a secret. */
export function maskSecret(plain: string | null | undefined): string {
  if (!plain) return '';
  return plain.length <= 2 ? '••••' : `${plain[0]}••••${plain.at(-1)}`;
}
