import assert from 'node:assert/strict';
import { test } from 'node:test';
import { exportFileName } from './file-name';

test("an export asked for at 23:30 UTC is named after the next day in Jakarta, the organization's day", () => {
  const requestedAt = new Date('2026-12-07T23:30:00Z');
  assert.equal(
    exportFileName({ slug: 'net-jaya', requestedAt, timeZone: 'Asia/Jakarta' }),
    'jaring-net-jaya-2026-12-08.zip',
  );
  assert.equal(exportFileName({ slug: 'net-jaya', requestedAt, timeZone: 'UTC' }), 'jaring-net-jaya-2026-12-07.zip');
});
