import assert from 'node:assert/strict';
import { test } from 'node:test';
import { replyWindowClosed } from './window';

test("a Cloud API reply is refused once the customer's last message is over 24 hours old; other transports have no window", () => {
  const now = new Date('2026-12-07T12:00:00Z');
  const hoursAgo = (h: number) => new Date(now.getTime() - h * 3600_000);
  assert.equal(replyWindowClosed('cloud_api', hoursAgo(23.9), now), false);
  assert.equal(replyWindowClosed('cloud_api', hoursAgo(24), now), false);
  assert.equal(replyWindowClosed('cloud_api', hoursAgo(24.1), now), true);
  assert.equal(replyWindowClosed('cloud_api', null, now), true, 'the customer never wrote');
  assert.equal(replyWindowClosed('baileys', hoursAgo(72), now), false);
  assert.equal(replyWindowClosed('http_gateway', hoursAgo(72), now), false);
  assert.equal(replyWindowClosed(null, hoursAgo(72), now), false, 'no session known');
});
