import assert from 'node:assert/strict';
import { test } from 'node:test';
import { counterDelta, fillDays, spreadSession, startOfLocalDay, sumByDay } from './attribute';

const JKT = 'Asia/Jakarta';

test('a RADIUS session across local midnight is split by the time on each side', () => {
  // 22:00 to 02:00 Jakarta time (UTC+7): half on the 5th, half on the 6th.
  const parts = spreadSession(
    { start: new Date('2026-12-05T15:00:00Z'), end: new Date('2026-12-05T19:00:00Z'), bytesIn: 1001, bytesOut: 400 },
    JKT,
  );
  assert.deepEqual(parts, [
    { day: '2026-12-05', bytesIn: 501, bytesOut: 200 },
    { day: '2026-12-06', bytesIn: 500, bytesOut: 200 },
  ]);
  // The parts always add up to the session's totals.
  assert.equal(
    parts.reduce((s, p) => s + p.bytesIn, 0),
    1001,
  );
});

test('a session within one day, or one spanning three, keeps every byte', () => {
  assert.deepEqual(
    spreadSession(
      { start: new Date('2026-12-05T01:00:00Z'), end: new Date('2026-12-05T02:00:00Z'), bytesIn: 7, bytesOut: 3 },
      JKT,
    ),
    [{ day: '2026-12-05', bytesIn: 7, bytesOut: 3 }],
  );
  const three = spreadSession(
    { start: new Date('2026-12-04T17:00:00Z'), end: new Date('2026-12-06T17:00:00Z'), bytesIn: 4800, bytesOut: 0 },
    JKT,
  );
  // 00:00 on the 5th to 00:00 on the 7th Jakarta: two whole days, nothing on the 7th.
  assert.deepEqual(
    three.map((d) => [d.day, d.bytesIn]),
    [
      ['2026-12-05', 2400],
      ['2026-12-06', 2400],
      ['2026-12-07', 0],
    ],
  );
});

test('router counters: the delta since the last reading; a restarted session counts from zero', () => {
  const a = { sessionKey: '*1A', bytesIn: 1000, bytesOut: 100 };
  assert.deepEqual(counterDelta(null, a), { bytesIn: 0, bytesOut: 0 });
  assert.deepEqual(counterDelta(a, { sessionKey: '*1A', bytesIn: 1500, bytesOut: 150 }), {
    bytesIn: 500,
    bytesOut: 50,
  });
  // Reconnected: a new entry on the router, its counters from zero.
  assert.deepEqual(counterDelta(a, { sessionKey: '*2B', bytesIn: 300, bytesOut: 30 }), { bytesIn: 300, bytesOut: 30 });
  // Same id but a smaller counter: the session restarted.
  assert.deepEqual(counterDelta(a, { sessionKey: '*1A', bytesIn: 200, bytesOut: 20 }), { bytesIn: 200, bytesOut: 20 });
});

test('days are summed and the month is filled with zeros', () => {
  const rows = sumByDay([
    { day: '2026-12-02', bytesIn: 1, bytesOut: 1 },
    { day: '2026-12-01', bytesIn: 2, bytesOut: 0 },
    { day: '2026-12-02', bytesIn: 3, bytesOut: 0 },
  ]);
  assert.deepEqual(fillDays(rows, '2026-12-01', '2026-12-03'), [
    { day: '2026-12-01', bytesIn: 2, bytesOut: 0 },
    { day: '2026-12-02', bytesIn: 4, bytesOut: 1 },
    { day: '2026-12-03', bytesIn: 0, bytesOut: 0 },
  ]);
  assert.equal(startOfLocalDay('2026-12-05', JKT).toISOString(), '2026-12-04T17:00:00.000Z');
});
