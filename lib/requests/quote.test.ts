import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addDays, daysInMonthOf, planChangeQuote } from './quote';

const invoiced = { prorata: true, monthInvoiced: true };

test('month invoiced: an upgrade costs the price difference for the days left, today included', () => {
  // 30-day November, from the 21st: 10 days of a 100.000 difference.
  const q = planChangeQuote({ fromPrice: 150_000, toPrice: 250_000, today: '2026-11-21', ...invoiced });
  assert.deepEqual(q, { amount: 33_333, basis: 'rest', days: 10 });
  // On the first of the month: the whole difference.
  assert.equal(
    planChangeQuote({ fromPrice: 150_000, toPrice: 250_000, today: '2026-12-01', ...invoiced }).amount,
    100_000,
  );
  // On the last day: one day of 31, rounded half up.
  assert.equal(
    planChangeQuote({ fromPrice: 150_000, toPrice: 250_000, today: '2026-12-31', ...invoiced }).amount,
    3_226,
  );
});

test('month invoiced: a downgrade credits the difference for the days left', () => {
  assert.equal(
    planChangeQuote({ fromPrice: 250_000, toPrice: 150_000, today: '2026-11-21', ...invoiced }).amount,
    -33_333,
  );
});

test('month not invoiced yet: the invoice bills the new price, so the days before today are settled back', () => {
  const notYet = { prorata: true, monthInvoiced: false };
  // Upgrade on the 21st of a 30-day month: 20 days ran on the cheaper plan, credited.
  assert.deepEqual(planChangeQuote({ fromPrice: 150_000, toPrice: 250_000, today: '2026-11-21', ...notYet }), {
    amount: -66_667,
    basis: 'before',
    days: 20,
  });
  // Downgrade: 20 days ran on the dearer plan, charged.
  assert.equal(
    planChangeQuote({ fromPrice: 250_000, toPrice: 150_000, today: '2026-11-21', ...notYet }).amount,
    66_667,
  );
  // On the first, nothing ran before: the invoice alone is right.
  assert.equal(planChangeQuote({ fromPrice: 150_000, toPrice: 250_000, today: '2026-12-01', ...notYet }).amount, 0);
  // What the customer pays for the month is the same either way: old days at the old price, the rest at the new.
  const [from, to, today] = [150_000, 250_000, '2026-11-21'];
  const before = to + planChangeQuote({ fromPrice: from, toPrice: to, today, ...notYet }).amount;
  const after = from + planChangeQuote({ fromPrice: from, toPrice: to, today, ...invoiced }).amount;
  assert.ok(Math.abs(before - after) <= 1, `${before} vs ${after}`);
});

test('no prorata billing, or the same price: nothing to settle', () => {
  for (const monthInvoiced of [true, false]) {
    assert.equal(
      planChangeQuote({ fromPrice: 150_000, toPrice: 250_000, today: '2026-11-21', prorata: false, monthInvoiced })
        .amount,
      0,
    );
    assert.equal(
      planChangeQuote({ fromPrice: 150_000, toPrice: 150_000, today: '2026-11-21', prorata: true, monthInvoiced })
        .amount,
      0,
    );
  }
});

test('calendar helpers cross months and leap years', () => {
  assert.equal(daysInMonthOf('2028-02-10'), 29);
  assert.equal(daysInMonthOf('2026-02-10'), 28);
  assert.equal(addDays('2026-12-25', 10), '2027-01-04');
});
