import assert from 'node:assert/strict';
import { test } from 'node:test';
import { configFileName } from './file-name';

test("a configuration taken at 23:30 UTC is named after 06:30 the next day in Jakarta, the organization's clock", () => {
  const takenAt = new Date('2026-12-07T23:30:00Z');
  assert.equal(
    configFileName({ routerName: 'Core 1', takenAt, timeZone: 'Asia/Jakarta' }),
    'Core-1-2026-12-08-0630.rsc',
  );
  assert.equal(
    configFileName({ routerName: 'Core 1', takenAt, timeZone: 'Asia/Jayapura' }),
    'Core-1-2026-12-08-0830.rsc',
  );
});

test('a name that would break the header keeps only safe characters', () => {
  const takenAt = new Date('2026-12-07T01:05:00Z');
  assert.equal(
    configFileName({ routerName: '"R1"; x=y/..', takenAt, timeZone: 'Asia/Jakarta' }),
    'R1-x-y-..-2026-12-07-0805.rsc',
  );
});
