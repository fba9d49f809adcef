import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dayIn, dueScheduledDay, isBackupStale, nextScheduledAt, scheduledAt } from './schedule';

const WIB = { enabled: true, time: '03:00', timeZone: 'Asia/Jakarta' };
const at = (iso: string) => new Date(iso);

test('the day and the due moment are the schedule zone’s, not UTC’s', () => {
  // 21:30 UTC on the 4th is 04:30 WIB on the 5th.
  assert.equal(dayIn('Asia/Jakarta', at('2026-03-04T21:30:00Z')), '2026-03-05');
  assert.equal(dayIn('Asia/Jayapura', at('2026-03-04T14:59:00Z')), '2026-03-04');
  assert.equal(dayIn('Asia/Jayapura', at('2026-03-04T15:00:00Z')), '2026-03-05');
  assert.equal(scheduledAt('2026-03-05', '03:00', 'Asia/Jakarta').toISOString(), '2026-03-04T20:00:00.000Z');
  assert.equal(scheduledAt('2026-03-05', '23:45', 'Asia/Makassar').toISOString(), '2026-03-05T15:45:00.000Z');
});

test('a day is due from its time until it ends, once', () => {
  // 02:59 WIB: not yet; 03:00 WIB: due; later that day still due (the worker was down at 03:00).
  assert.equal(dueScheduledDay(WIB, at('2026-03-04T19:59:00Z'), '2026-03-04'), null);
  assert.equal(dueScheduledDay(WIB, at('2026-03-04T20:00:00Z'), '2026-03-04'), '2026-03-05');
  assert.equal(dueScheduledDay(WIB, at('2026-03-05T10:00:00Z'), '2026-03-04'), '2026-03-05');
  // Claimed already (a restarted worker, a second worker): never again that day.
  assert.equal(dueScheduledDay(WIB, at('2026-03-05T10:00:00Z'), '2026-03-05'), null);
  // Never claimed before (a fresh install) and its time has passed: due today.
  assert.equal(dueScheduledDay(WIB, at('2026-03-05T10:00:00Z'), null), '2026-03-05');
  // A missed earlier day is not made up before today's time.
  assert.equal(dueScheduledDay(WIB, at('2026-03-05T19:00:00Z'), '2026-03-02'), null);
  assert.equal(dueScheduledDay({ ...WIB, enabled: false }, at('2026-03-05T10:00:00Z'), null), null);
});

test('the next scheduled backup', () => {
  // Before today's time: today's; after it, claimed: tomorrow's; due and unclaimed: now.
  assert.equal(
    nextScheduledAt(WIB, at('2026-03-04T12:00:00Z'), '2026-03-04')?.toISOString(),
    '2026-03-04T20:00:00.000Z',
  );
  assert.equal(
    nextScheduledAt(WIB, at('2026-03-05T01:00:00Z'), '2026-03-05')?.toISOString(),
    '2026-03-05T20:00:00.000Z',
  );
  const now = at('2026-03-05T01:00:00Z');
  assert.equal(nextScheduledAt(WIB, now, '2026-03-04'), now);
  assert.equal(nextScheduledAt({ ...WIB, enabled: false }, now, null), null);
});

test('stale: the last good backup over a day old, or none on an install over a day old', () => {
  const now = at('2026-03-05T12:00:00Z');
  assert.equal(isBackupStale({ lastGoodAt: at('2026-03-04T12:30:00Z'), installedAt: null, now }), false);
  assert.equal(isBackupStale({ lastGoodAt: at('2026-03-04T11:59:00Z'), installedAt: null, now }), true);
  assert.equal(isBackupStale({ lastGoodAt: null, installedAt: at('2026-03-05T01:00:00Z'), now }), false);
  assert.equal(isBackupStale({ lastGoodAt: null, installedAt: at('2026-03-01T00:00:00Z'), now }), true);
  assert.equal(isBackupStale({ lastGoodAt: null, installedAt: null, now }), false);
});
