import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AppError } from '@/lib/server/errors';
import { ALPHABETS, assertEnoughSpace, codeSpace, generateCodes, generatePasswords, maxBatchSize } from './codes';
import { VOUCHER_CHARSETS } from './constants';

const LOOK_ALIKES = ['0', 'O', 'o', '1', 'l', 'I'];

/** Chi-square of observed counts against a uniform spread over `k` symbols. */
function chiSquare(counts: Map<string, number>, k: number, total: number) {
  const expected = total / k;
  let chi = 0;
  for (const n of counts.values()) chi += (n - expected) ** 2 / expected;
  // Symbols never drawn count too.
  chi += (k - counts.size) * expected;
  return chi;
}

/**
 * A loose upper bound: the mean (df) plus ten standard deviations (sqrt(2 df)). The chi-square
 * tail is heavy for few degrees of freedom, so this is still only p ≈ 1e-7 for 9 df (27 checks
 * per run must not flake), while a plain `byte % size` scores 70+ (digits) to 2,000+ (mixed).
 */
const chiBound = (df: number) => df + 10 * Math.sqrt(2 * df);

describe('voucher codes', () => {
  test('1,000,000 codes are all different and generated quickly', () => {
    // The generator drops repeats itself, so a distinct result alone proves little: count the
    // repeats it had to drop. 1e6 draws from 32^8 ≈ 1.1e12 codes repeat ≈ 0.45 times by chance
    // (birthday bound); a weak or re-used random source would repeat thousands of times.
    class CountingSet extends Set<string> {
      repeats = 0;
      override has(v: string) {
        const seen = super.has(v);
        if (seen) this.repeats++;
        return seen;
      }
    }
    const taken = new CountingSet();
    const started = performance.now();
    const codes = generateCodes(1_000_000, { charset: 'lower_numeric', length: 8 }, taken);
    const ms = performance.now() - started;
    assert.equal(codes.length, 1_000_000);
    assert.equal(new Set(codes).size, 1_000_000);
    assert.ok(taken.repeats <= 6, `${taken.repeats} repeated draws`);
    assert.ok(ms < 5_000, `took ${Math.round(ms)} ms`);
  });

  test('every charset keeps to its alphabet and leaves out look-alikes next to letters', () => {
    for (const charset of VOUCHER_CHARSETS) {
      const alphabet = ALPHABETS[charset];
      if (charset !== 'numeric') for (const c of LOOK_ALIKES) assert.ok(!alphabet.includes(c), `${charset} has ${c}`);
      for (let length = 4; length <= 16; length++) {
        for (const code of generateCodes(200, { charset, length, prefix: 'HS-' })) {
          assert.ok(code.startsWith('HS-'));
          assert.equal(code.length, 3 + length);
          for (const c of code.slice(3)) assert.ok(alphabet.includes(c), `${charset}: ${c} in ${code}`);
        }
      }
    }
    assert.equal(ALPHABETS.numeric, '0123456789');
    assert.match(ALPHABETS.upper, /^[A-Z]+$/);
    assert.match(ALPHABETS.lower, /^[a-z]+$/);
  });

  test('characters are spread evenly (no modulo bias), at every position', () => {
    // 56 symbols: a plain `byte % 56` would make the first 32 characters 25 % more likely.
    for (const charset of ['mixed', 'numeric', 'upper_numeric'] as const) {
      const k = ALPHABETS[charset].length;
      const length = 8;
      const codes = generateCodes(200_000, { charset, length });
      const all = new Map<string, number>();
      const perPosition = Array.from({ length }, () => new Map<string, number>());
      for (const code of codes) {
        for (let i = 0; i < length; i++) {
          const c = code[i]!;
          all.set(c, (all.get(c) ?? 0) + 1);
          perPosition[i]!.set(c, (perPosition[i]!.get(c) ?? 0) + 1);
        }
      }
      const overall = chiSquare(all, k, codes.length * length);
      assert.ok(overall < chiBound(k - 1), `${charset}: chi-square ${overall.toFixed(1)} over ${k - 1} df`);
      for (const [i, counts] of perPosition.entries()) {
        const chi = chiSquare(counts, k, codes.length);
        assert.ok(chi < chiBound(k - 1), `${charset} position ${i}: chi-square ${chi.toFixed(1)}`);
      }
    }
  });

  test('no sequence: successive codes are not neighbours, nor sorted, nor sharing their start', () => {
    const charset = 'numeric';
    const codes = generateCodes(100_000, { charset, length: 10 });
    let neighbours = 0;
    let ascending = 0;
    let samePrefix = 0;
    for (let i = 1; i < codes.length; i++) {
      const a = Number(codes[i - 1]);
      const b = Number(codes[i]);
      if (Math.abs(b - a) <= 1000) neighbours++;
      if (b > a) ascending++;
      if (codes[i]!.slice(0, 3) === codes[i - 1]!.slice(0, 3)) samePrefix++;
    }
    // Random 10-digit numbers: P(|b - a| <= 1000) ≈ 2e-7 a step, 0.02 expected in 100,000 steps
    // (so one now and then is chance; three or more is a one-in-a-million run). A counter or a
    // sorted list would have nearly every step there.
    assert.ok(neighbours <= 2, `${neighbours} neighbouring codes`);
    // About half of the steps go up, as for independent draws (not a counter).
    assert.ok(Math.abs(ascending / codes.length - 0.5) < 0.01, `ascending share ${ascending / codes.length}`);
    // The first three digits repeat one time in a thousand.
    assert.ok(samePrefix < 300, `same first three digits ${samePrefix} times`);
  });

  test('separate passwords are random too and independent of the codes', () => {
    const pw = generatePasswords(10_000, { charset: 'upper_numeric', length: 8 });
    assert.ok(new Set(pw).size > 9_990);
    for (const p of pw) assert.match(p, /^[2-9A-HJ-NP-Z]{8}$/);
  });

  test('a batch may use at most 1 % of its code space, counting earlier batches', () => {
    assert.equal(codeSpace('numeric', 4), 10_000);
    assert.equal(maxBatchSize('numeric', 4), 100);
    assertEnoughSpace({ charset: 'numeric', length: 4, count: 100 });
    assert.throws(
      () => assertEnoughSpace({ charset: 'numeric', length: 4, count: 101 }),
      (e) => e instanceof AppError && e.code === 'voucher_space_small' && e.params.max === 100,
    );
    assert.throws(
      () => assertEnoughSpace({ charset: 'numeric', length: 4, count: 60, existing: 50 }),
      (e) => e instanceof AppError && e.params.max === 50,
    );
    // 6 upper-case letters and digits: 32^6 ≈ 1.07e9 codes, room for 10.7 million.
    assertEnoughSpace({ charset: 'upper_numeric', length: 6, count: 100_000 });
  });
});
