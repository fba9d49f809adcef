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

/**
 * scrypt's memory for these parameters as OpenSSL counts it against `maxmem`: the V array
 * (128·r·(N + 2) bytes) and B (128·r·p bytes).
 */
const scryptMemory = (kdf: Pick<KdfParams, 'N' | 'r' | 'p'>) => 128 * kdf.r * (kdf.N + kdf.p + 2);

/**
 * Whether the parameters are ones this install derives a key with: within SCRYPT_LIMITS, and
 * ones OpenSSL accepts at all (N a power of two above 1, N < 2^(16·r), r and p at least 1), so a
 * file cannot reach Node's RangeError.
 */
export function kdfWithinLimits(kdf: KdfParams): boolean {
  return (
    Number.isInteger(kdf.N) &&
    Number.isInteger(kdf.r) &&
    Number.isInteger(kdf.p) &&
    kdf.N >= 2 &&
    kdf.N <= SCRYPT_LIMITS.N &&
    (kdf.N & (kdf.N - 1)) === 0 &&
    kdf.r >= 1 &&
    kdf.r <= SCRYPT_LIMITS.r &&
    kdf.p >= 1 &&
    kdf.p <= SCRYPT_LIMITS.p &&
    kdf.N < 2 ** (16 * kdf.r) &&
    scryptMemory(kdf) <= SCRYPT_LIMITS.memoryBytes
  );
}

/** The passphrase's key, off the event loop (it runs in web requests); limits checked first. */
export function deriveKey(passphrase: string, kdf: KdfParams): Promise<Buffer> {
  if (!kdfWithinLimits(kdf)) return Promise.reject(new RangeError('scrypt parameters beyond SCRYPT_LIMITS'));
  // A margin over OpenSSL's own count, so rounding there never refuses settings we allowed.
  const options = { N: kdf.N, r: kdf.r, p: kdf.p, maxmem: scryptMemory(kdf) + 1024 * 1024 };
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
function eachSealed(value: unknown, change: (v: string, key: string) => string | undefined): unknown {
  if (Array.isArray(value)) return value.map((v) => eachSealed(v, change));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (k.endsWith('Enc') && typeof v === 'string') {
      const changed = change(v, k);
      if (changed !== undefined) out[k] = changed;
    } else out[k] = eachSealed(v, change);
  }
  return out;
}

/**
 * A row on its way out: this install's state reset, secrets decrypted with this install's key
 * and sealed with the passphrase's, or left out without one. A stored value this install cannot
 * decrypt (damaged) is left out as if there were no passphrase, and named to `leftOut` (the
 * column, or `column.key` inside a JSON column): one bad value must not stop the export.
 */
export function sealRowSecrets(
  row: Row,
  t: PlannedTable,
  key: Buffer | null,
  decrypt: (stored: string) => string,
  leftOut: (field: string) => void = () => {},
) {
  const opened = (stored: string, field: string) => {
    try {
      return decrypt(stored);
    } catch {
      leftOut(field);
      return undefined;
    }
  };
  for (const [column, value] of Object.entries(t.reset ?? {})) row[column] = value;
  for (const [column, kind] of Object.entries(t.secretColumns)) {
    const value = row[column];
    if (value === null || value === undefined) continue;
    const plain = key && (kind === 'encrypted' ? opened(String(value), column) : String(value));
    if (key && plain !== undefined) row[column] = sealWith(key, plain as string);
    else delete row[column];
  }
  for (const column of t.jsonSecrets ?? [])
    row[column] = eachSealed(row[column], (v, k) => {
      const plain = key ? opened(v, `${column}.${k}`) : undefined;
      return key && plain !== undefined ? sealWith(key, plain) : undefined;
    });
}

/**
 * A row on its way in: secrets opened with the passphrase's key and encrypted with this
 * install's; without the key, left empty, and what cannot be empty filled as the plan says.
 */
export function openRowSecrets(row: Row, t: PlannedTable, key: Buffer | null, tools: Omit<AbsentTools, 'missing'>) {
  const columns = Object.entries(t.secretColumns);
  for (const column of t.jsonSecrets ?? [])
    row[column] = eachSealed(row[column], (v) => (key ? tools.seal(openWith(key, v)) : undefined));
  // With a passphrase, a column missing from the row is one the source could not decrypt:
  // that row's secrets are filled as if the export had none.
  const leftOut = key ? columns.filter(([column]) => !(column in row)) : columns;
  if (key) {
    for (const [column, kind] of columns) {
      const value = row[column];
      if (value === null || value === undefined) continue;
      const plain = openWith(key, String(value));
      row[column] = kind === 'encrypted' ? tools.seal(plain) : plain;
    }
  }
  if (leftOut.length === 0) return;
  const notNull = new Set(t.columns.filter((c) => c.notNull).map((c) => c.name));
  for (const [column] of leftOut) row[column] = null;
  t.absent?.(row, { ...tools, missing: leftOut.map(([c]) => c).filter((c) => notNull.has(c)) });
}
