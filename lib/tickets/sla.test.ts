import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addWorkingMinutes, DEFAULT_WORKING_HOURS, slaState, workingMinutesBetween } from './sla';

const WEEKDAYS = { days: [1, 2, 3, 4, 5], start: '08:00', end: '17:00' };
const TZ = 'Asia/Jakarta'; // UTC+7, no daylight saving

test('a target that runs past Friday evening resumes on Monday morning, in the org time zone', () => {
  // Friday 4 Dec 2026 16:00 WIB = 09:00 UTC; two working hours: one on Friday, one on Monday.
  const friday = new Date('2026-12-04T09:00:00Z');
  assert.equal(addWorkingMinutes(friday, 120, WEEKDAYS, TZ).toISOString(), '2026-12-07T02:00:00.000Z'); // Mon 09:00 WIB
  assert.equal(workingMinutesBetween(friday, new Date('2026-12-07T02:00:00Z'), WEEKDAYS, TZ), 120);
  // The whole weekend counts nothing.
  assert.equal(
    workingMinutesBetween(new Date('2026-12-04T10:00:00Z'), new Date('2026-12-07T01:00:00Z'), WEEKDAYS, TZ),
    0,
  );
});

test('a complaint on Sunday starts counting at Monday 08:00', () => {
  const sunday = new Date('2026-12-06T05:00:00Z'); // Sun 12:00 WIB
  assert.equal(addWorkingMinutes(sunday, 30, WEEKDAYS, TZ).toISOString(), '2026-12-07T01:30:00.000Z'); // Mon 08:30
});

test('Saturday is a working day by default; Saturday 16:30 + 2 h is Monday 09:30', () => {
  const saturday = new Date('2026-12-05T09:30:00Z'); // Sat 16:30 WIB
  assert.equal(addWorkingMinutes(saturday, 120, DEFAULT_WORKING_HOURS, TZ).toISOString(), '2026-12-07T02:30:00.000Z');
});

test('a resolution target of several working days spans the weekend', () => {
  // Thursday 10:00 WIB + 3 working days of 9 h = Tuesday 10:00 WIB.
  const thursday = new Date('2026-12-03T03:00:00Z');
  assert.equal(addWorkingMinutes(thursday, 3 * 9 * 60, WEEKDAYS, TZ).toISOString(), '2026-12-08T03:00:00.000Z');
});

test('another time zone moves the window', () => {
  // Friday 16:00 WITA (UTC+8) = 08:00 UTC.
  const friday = new Date('2026-12-04T08:00:00Z');
  assert.equal(addWorkingMinutes(friday, 120, WEEKDAYS, 'Asia/Makassar').toISOString(), '2026-12-07T01:00:00.000Z');
});

test('no working days at all counts the wall clock rather than never', () => {
  const at = new Date('2026-12-04T09:00:00Z');
  assert.equal(
    addWorkingMinutes(at, 60, { days: [], start: '08:00', end: '17:00' }, TZ).toISOString(),
    '2026-12-04T10:00:00.000Z',
  );
});

test('timer states', () => {
  const due = new Date('2026-12-07T02:00:00Z');
  assert.equal(slaState(null, null, due), 'none');
  assert.equal(slaState(due, new Date('2026-12-07T01:00:00Z'), due), 'met');
  assert.equal(slaState(due, new Date('2026-12-07T03:00:00Z'), due), 'breached');
  assert.equal(slaState(due, null, new Date('2026-12-07T02:01:00Z')), 'breached');
  assert.equal(slaState(due, null, new Date('2026-12-07T01:50:00Z'), 120), 'due_soon');
  assert.equal(slaState(due, null, new Date('2026-12-06T01:50:00Z'), 120), 'ok');
});
