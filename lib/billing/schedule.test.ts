import assert from 'node:assert/strict';
import { test } from 'node:test';
import { billingStartFor, firstBillingSchedule } from './schedule';

const settings = { invoiceDay: 1, dueDay: 20, graceDays: 0, isolationTime: '00:01', isolationNoticeHours: 24 };

test('an import mid-month is first billed for the next period, or the one after "paid until"', () => {
  assert.equal(billingStartFor({ paidUntil: null, today: '2026-12-06' }), '2027-01-01');
  assert.equal(billingStartFor({ paidUntil: '2027-02-28', today: '2026-12-06' }), '2027-03-01');
  assert.equal(billingStartFor({ paidUntil: '2027-02-10', today: '2026-12-06' }), '2027-03-01');
});

test('a prepaid first invoice is isolated no earlier than the minimum notice after it is issued', () => {
  assert.deepEqual(firstBillingSchedule({ period: '2027-01-01', billingType: 'prepaid', settings }), {
    period: '2027-01-01',
    invoiceOn: '2027-01-01',
    isolateFrom: '2027-01-02 00:00',
  });
  assert.deepEqual(
    firstBillingSchedule({
      period: '2027-01-01',
      billingType: 'prepaid',
      settings: { ...settings, isolationNoticeHours: 0 },
    }).isolateFrom,
    '2027-01-01 00:01',
  );
  assert.deepEqual(
    firstBillingSchedule({
      period: '2027-01-01',
      billingType: 'prepaid',
      settings: { ...settings, invoiceDay: 5, isolationNoticeHours: 36 },
    }),
    { period: '2027-01-01', invoiceOn: '2027-01-05', isolateFrom: '2027-01-06 12:00' },
  );
});

test('a postpaid first invoice is isolated the day after due day + grace', () => {
  assert.deepEqual(
    firstBillingSchedule({ period: '2027-01-01', billingType: 'postpaid', settings: { ...settings, graceDays: 2 } }),
    { period: '2027-01-01', invoiceOn: '2027-01-01', isolateFrom: '2027-01-23 00:01' },
  );
});

test('paid until a month already running: invoiced today by the next pass, the notice counts from now', () => {
  const late = firstBillingSchedule({
    period: '2026-12-01',
    billingType: 'prepaid',
    settings,
    today: '2026-12-06',
    nowMinutes: 14 * 60 + 30,
  });
  assert.deepEqual(late, { period: '2026-12-01', invoiceOn: '2026-12-06', isolateFrom: '2026-12-07 14:30' });
  // A future period is unchanged by knowing today.
  assert.deepEqual(
    firstBillingSchedule({
      period: '2027-01-01',
      billingType: 'prepaid',
      settings,
      today: '2026-12-06',
      nowMinutes: 600,
    }),
    firstBillingSchedule({ period: '2027-01-01', billingType: 'prepaid', settings }),
  );
});
