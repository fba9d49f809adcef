import { createCipheriv, createDecipheriv, randomBytes, scrypt } from 'node:crypto';
import type { AbsentTools } from './absent';
import type { PlannedTable } from './graph';
import type { KdfParams } from './manifest';
import type { Row } from './plan';

/**
 * Secrets under the admin's passphrase: scrypt turns it into a 32-byte key (N = 2^15, r = 8:
 * about 100 ms and 32 MB, so guessing is slow), and each value is AES-256-GCM with its own
 * IV, written `p1.<iv>.<tag>.<data>` (base64url). The tag makes a wrong passphrase fail
 * loudly instead of importing garbage.
 */
const SCRYPT = { N: 2 ** 15, r: 8, p: 1 };
const CHECK_TEXT = 'jaring-organization-export';

export function newKdf(): KdfParams {
  return { name: 'scrypt', salt: randomBytes(16).toString('base64url'), ...SCRYPT };
}

/**
 * The most an export's manifest may ask of scrypt. The parameters come from an uploaded file:
 * unbounded, one upload could hold a web request's CPU for hours or ask for gigabytes. Ours
 * (N = 2^15, r = 8, p = 1: 32 MB) sit well inside.
 */
export const SCRYPT_LIMITS = { N: 2 ** 17, r: 16, p: 4, memoryBytes: 128 * 1024 * 1024 } as const;

/** scrypt's memory for these parameters (its V array, 128·N·r bytes, is nearly all of it). */
const scryptMemory = (kdf: Pick<KdfParams, 'N' | 'r'>) => 128 * kdf.N * kdf.r;

/** Whether the parameters are ones this install derives a key with (see SCRYPT_LIMITS). */
export function kdfWithinLimits(kdf: KdfParams): boolean {
  return (
    kdf.N >= 2 &&
    kdf.N <= SCRYPT_LIMITS.N &&
    (kdf.N & (kdf.N - 1)) === 0 &&
    kdf.r <= SCRYPT_LIMITS.r &&
    kdf.p <= SCRYPT_LIMITS.p &&
    scryptMemory(kdf) <= SCRYPT_LIMITS.memoryBytes
  );
}

/** The passphrase's key, off the event loop (it runs in web requests); limits checked first. */
export function deriveKey(passphrase: string, kdf: KdfParams): Promise<Buffer> {
  if (!kdfWithinLimits(kdf)) return Promise.reject(new RangeError('scrypt parameters beyond SCRYPT_LIMITS'));
  const options = { N: kdf.N, r: kdf.r, p: kdf.p, maxmem: 2 * scryptMemory(kdf) };
  return new Promise((resolve, reject) =>
    scrypt(passphrase.normalize('NFC'), Buffer.from(kdf.salt, 'base64url'), 32, options, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

export function sealWith(key: Buffer, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return ['p1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join(
    '.',
  );
}

export function openWith(key: Buffer, sealed: string): string {
  const [version, iv, tag, data] = sealed.split('.');
  if (version !== 'p1' || !iv || !tag || data === undefined) throw new Error('not a sealed export value');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
}

/** The manifest's check value: the known text under this key. */
export function passphraseCheck(key: Buffer): string {
  return sealWith(key, CHECK_TEXT);
}

export function passphraseMatches(key: Buffer, check: string | null): boolean {
  if (!check) return false;
  try {
    return openWith(key, check) === CHECK_TEXT;
  } catch {
    return false;
  }
}

/** Each `…Enc` string inside a JSON value, replaced (or dropped when `change` gives undefined). */
function eachSealed(value: unknown, change: (v: string) => string | undefined): unknown {
  if (Array.isArray(value)) return value.map((v) => eachSealed(v, change));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (k.endsWith('Enc') && typeof v === 'string') {
      const changed = change(v);
      if (changed !== undefined) out[k] = changed;
    } else out[k] = eachSealed(v, change);
  }
  return out;
}

/**
 * A row on its way out: this install's state reset, secrets decrypted with this install's key
 * and sealed with the passphrase's, or left out without one.
 */
export function sealRowSecrets(row: Row, t: PlannedTable, key: Buffer | null, decrypt: (stored: string) => string) {
  for (const [column, value] of Object.entries(t.reset ?? {})) row[column] = value;
  for (const [column, kind] of Object.entries(t.secretColumns)) {
    const value = row[column];
    if (value === null || value === undefined) continue;
    if (!key) delete row[column];
    else row[column] = sealWith(key, kind === 'encrypted' ? decrypt(String(value)) : String(value));
  }
  for (const column of t.jsonSecrets ?? [])
    row[column] = eachSealed(row[column], (v) => (key ? sealWith(key, decrypt(v)) : undefined));
}

/**
 * A row on its way in: secrets opened with the passphrase's key and encrypted with this
 * install's; without the key, left empty, and what cannot be empty filled as the plan says.
 */
export function openRowSecrets(row: Row, t: PlannedTable, key: Buffer | null, tools: Omit<AbsentTools, 'missing'>) {
  const columns = Object.entries(t.secretColumns);
  for (const column of t.jsonSecrets ?? [])
    row[column] = eachSealed(row[column], (v) => (key ? tools.seal(openWith(key, v)) : undefined));
  if (key) {
    for (const [column, kind] of columns) {
      const value = row[column];
      if (value === null || value === undefined) continue;
      const plain = openWith(key, String(value));
      row[column] = kind === 'encrypted' ? tools.seal(plain) : plain;
    }
    return;
  }
  if (columns.length === 0) return;
  const notNull = new Set(t.columns.filter((c) => c.notNull).map((c) => c.name));
  for (const [column] of columns) row[column] = null;
  t.absent?.(row, { ...tools, missing: columns.map(([c]) => c).filter((c) => notNull.has(c)) });
}
