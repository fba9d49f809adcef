import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isoWeek, planRetention } from './retention';

const POLICY = { keepDaily: 7, keepWeekly: 4, keepMonthly: 12, timeZone: 'Asia/Jakarta' };
/** One backup a day at 03:00 WIB (20:00 UTC the day before), for `days` days up to `last`. */
function daily(last: string, days: number, extra: { id: string; takenAt: Date }[] = []) {
  const end = new Date(`${last}T20:00:00Z`);
  const out = Array.from({ length: days }, (_, i) => {
    const takenAt = new Date(end.getTime() - i * 86_400_000);
    return { id: `d${i}`, takenAt };
  });
  return [...out, ...extra];
}
const ids = (list: { id: string }[]) => list.map((c) => c.id);

test('ISO weeks: the week with the year’s first Thursday is week 1', () => {
  assert.equal(isoWeek('2026-01-01'), '2026-W01'); // a Thursday
  assert.equal(isoWeek('2025-12-29'), '2026-W01'); // its Monday
  assert.equal(isoWeek('2027-01-03'), '2026-W53'); // a Sunday still in 2026's last week
  assert.equal(isoWeek('2026-06-15'), '2026-W25');
});

test('a year of daily backups keeps 7 daily, 4 weekly and 12 monthly (the newest of each period)', () => {
  // d0 is Wednesday 1 July 2026, 03:00 WIB; d1 30 June, …
  const { keep, remove } = planRetention(daily('2026-06-30', 400), POLICY);
  const daysKept = ['d0', 'd1', 'd2', 'd3', 'd4', 'd5', 'd6'];
  // ISO weeks: 29 Jun–5 Jul (d0), 22–28 Jun (d3), 15–21 Jun (d10), 8–14 Jun (d17).
  const weeksKept = ['d10', 'd17'];
  // Months: July (d0), June (30th, d1), then each month's last day back to August 2025.
  const monthsKept = ['d31', 'd62', 'd92', 'd123', 'd151', 'd182', 'd213', 'd243', 'd274', 'd304'];
  assert.deepEqual(ids(keep), [...daysKept, ...weeksKept, ...monthsKept]);
  assert.equal(remove.length, 400 - keep.length);
});

test('periods without a backup do not use up a slot: a week of failures costs no older backup', () => {
  // Backups on days 0 and 10..20: the 7 daily slots reach back past the gap.
  const copies = daily('2026-06-30', 21).filter((_, i) => i === 0 || i >= 10);
  const { keep } = planRetention(copies, { ...POLICY, keepWeekly: 0, keepMonthly: 0 });
  assert.deepEqual(ids(keep), ['d0', 'd10', 'd11', 'd12', 'd13', 'd14', 'd15']);
});

test('several backups in one day: only that day’s newest counts for it', () => {
  const morning = new Date('2026-06-29T23:00:00Z'); // 06:00 WIB on the 30th
  const copies = [
    { id: 'night', takenAt: new Date('2026-06-29T20:00:00Z') }, // 03:00 WIB on the 30th
    { id: 'morning', takenAt: morning },
    { id: 'yesterday', takenAt: new Date('2026-06-28T20:00:00Z') },
  ];
  const { keep, remove } = planRetention(copies, { ...POLICY, keepDaily: 2, keepWeekly: 0, keepMonthly: 0 });
  assert.deepEqual(ids(keep), ['morning', 'yesterday']);
  assert.deepEqual(ids(remove), ['night']);
});

test('the newest backup is always kept, even when the numbers say nothing', () => {
  const copies = daily('2026-06-30', 3);
  const { keep, remove } = planRetention(copies, { ...POLICY, keepDaily: 0, keepWeekly: 0, keepMonthly: 0 });
  assert.deepEqual(ids(keep), ['d0']);
  assert.deepEqual(ids(remove), ['d1', 'd2']);
  assert.deepEqual(planRetention([], POLICY), { keep: [], remove: [] });
});

test('days are the zone’s: 23:30 WIB and 00:30 WIB are two days, though one UTC day', () => {
  const copies = [
    { id: 'late', takenAt: new Date('2026-06-30T16:30:00Z') }, // 23:30 WIB on the 30th
    { id: 'early', takenAt: new Date('2026-06-30T17:30:00Z') }, // 00:30 WIB on 1 July
  ];
  const { keep } = planRetention(copies, { ...POLICY, keepDaily: 2, keepWeekly: 0, keepMonthly: 0 });
  assert.deepEqual(ids(keep), ['early', 'late']);
  const utc = planRetention(copies, { ...POLICY, timeZone: 'UTC', keepDaily: 2, keepWeekly: 0, keepMonthly: 0 });
  assert.deepEqual(ids(utc.keep), ['early']);
});
