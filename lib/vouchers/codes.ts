import { randomFillSync } from 'node:crypto';
import { AppError } from '@/lib/server/errors';
import type { VoucherCharset } from './constants';

/**
 * Voucher codes: uniform, independent characters from the operating system's CSPRNG. Each
 * byte is used only if it falls below the largest multiple of the alphabet's size (rejection
 * sampling), so `byte % size` has no bias towards the first characters.
 */
const DIGITS = '0123456789';
const DIGITS_SAFE = '23456789'; // without 0 and 1 where letters could be mistaken for them
const UPPER_SAFE = 'ABCDEFGHJKLMNPQRSTUVWXYZ'; // without I and O
const LOWER_SAFE = 'abcdefghijkmnpqrstuvwxyz'; // without l and o

export const ALPHABETS: Record<VoucherCharset, string> = {
  numeric: DIGITS,
  upper: UPPER_SAFE,
  lower: LOWER_SAFE,
  upper_numeric: DIGITS_SAFE + UPPER_SAFE,
  lower_numeric: DIGITS_SAFE + LOWER_SAFE,
  mixed: DIGITS_SAFE + UPPER_SAFE + LOWER_SAFE,
};

/** How many distinct codes a charset and length allow (the prefix adds nothing). */
export function codeSpace(charset: VoucherCharset, length: number): number {
  return ALPHABETS[charset].length ** length;
}

/**
 * A batch may take at most 1 % of the space its codes live in (this batch plus earlier
 * batches with the same prefix, length and charset). Beyond that, guessing gets easy: with
 * 1 % of a space sold, one typed guess in a hundred logs in; with 10 %, one in ten.
 */
export const MAX_SPACE_SHARE = 0.01;

export function maxBatchSize(charset: VoucherCharset, length: number, existing = 0): number {
  return Math.max(0, Math.floor(codeSpace(charset, length) * MAX_SPACE_SHARE) - existing);
}

export function assertEnoughSpace(p: { charset: VoucherCharset; length: number; count: number; existing?: number }) {
  const max = maxBatchSize(p.charset, p.length, p.existing ?? 0);
  if (p.count > max) throw new AppError('voucher_space_small', { max }, { codeLength: 'validation.voucherSpace' });
}

/** A pool of CSPRNG bytes, refilled 64 KiB at a time (one system call per refill). */
class RandomBytes {
  private buf = Buffer.allocUnsafe(65536);
  private at = this.buf.length;

  next(): number {
    if (this.at === this.buf.length) {
      randomFillSync(this.buf);
      this.at = 0;
    }
    return this.buf[this.at++]!;
  }
}

/** One random string of `length` characters of `alphabet`, without modulo bias. */
function randomString(rng: RandomBytes, alphabet: string, length: number, chars: number[]): string {
  const size = alphabet.length;
  const limit = 256 - (256 % size);
  for (let i = 0; i < length; ) {
    const b = rng.next();
    if (b >= limit) continue;
    chars[i++] = alphabet.charCodeAt(b % size);
  }
  return String.fromCharCode(...chars);
}

export type CodeSpec = { charset: VoucherCharset; length: number; prefix?: string };

/**
 * `count` distinct codes (`prefix` + random part). `taken` holds codes to avoid (e.g. the
 * ones already drawn for this batch); new codes are added to it. Codes used by other batches
 * are caught by the database's unique index and drawn again (lib/vouchers/batches.ts).
 */
export function generateCodes(count: number, spec: CodeSpec, taken: Set<string> = new Set()): string[] {
  const alphabet = ALPHABETS[spec.charset];
  const prefix = spec.prefix ?? '';
  const rng = new RandomBytes();
  const chars = new Array<number>(spec.length);
  const out: string[] = [];
  // A guard against an endless loop if the space is (nearly) full; assertEnoughSpace keeps
  // real batches far from this.
  let misses = 0;
  while (out.length < count) {
    const code = prefix + randomString(rng, alphabet, spec.length, chars);
    if (taken.has(code)) {
      if (++misses > count + 1000)
        throw new AppError('voucher_space_small', { max: maxBatchSize(spec.charset, spec.length) });
      continue;
    }
    taken.add(code);
    out.push(code);
  }
  return out;
}

/** A second random secret for `separate` mode: same alphabet and length as the code. */
export function generatePasswords(count: number, spec: CodeSpec): string[] {
  const alphabet = ALPHABETS[spec.charset];
  const rng = new RandomBytes();
  const chars = new Array<number>(spec.length);
  return Array.from({ length: count }, () => randomString(rng, alphabet, spec.length, chars));
}
