import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addDays, daysInMonthOf, planChangeQuote } from './quote';

test('an upgrade costs the price difference for the days left, today included', () => {
  // 30-day November, from the 21st: 10 days of a 100.000 difference.
  assert.equal(planChangeQuote({ fromPrice: 150_000, toPrice: 250_000, today: '2026-11-21', prorata: true }), 33_333);
  // On the first of the month: the whole difference.
  assert.equal(planChangeQuote({ fromPrice: 150_000, toPrice: 250_000, today: '2026-12-01', prorata: true }), 100_000);
  // On the last day: one day of 31, rounded half up.
  assert.equal(planChangeQuote({ fromPrice: 150_000, toPrice: 250_000, today: '2026-12-31', prorata: true }), 3_226);
});

test('a downgrade credits the difference for the days left', () => {
  assert.equal(planChangeQuote({ fromPrice: 250_000, toPrice: 150_000, today: '2026-11-21', prorata: true }), -33_333);
});

test('no prorata billing, or the same price: nothing to settle', () => {
  assert.equal(planChangeQuote({ fromPrice: 150_000, toPrice: 250_000, today: '2026-11-21', prorata: false }), 0);
  assert.equal(planChangeQuote({ fromPrice: 150_000, toPrice: 150_000, today: '2026-11-21', prorata: true }), 0);
});

test('calendar helpers cross months and leap years', () => {
  assert.equal(daysInMonthOf('2028-02-10'), 29);
  assert.equal(daysInMonthOf('2026-02-10'), 28);
  assert.equal(addDays('2026-12-25', 10), '2027-01-04');
});
