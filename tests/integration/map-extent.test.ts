import assert from 'node:assert/strict';
import { test } from 'node:test';
import { infraCenter } from '@/lib/infrastructure/map-extent';
import { makeOdp, makeOrg, testDb } from '../helpers';

test('the map opens over the middle of its own organization’s ODPs, ignoring a stray one and other ISPs', async () => {
  const db = testDb();
  const { org } = await makeOrg(db, 'extent');
  const { org: other } = await makeOrg(db, 'extent-other');
  assert.equal(await infraCenter(db, { orgId: org.id }), null, 'nothing yet: the page uses its default view');

  await makeOdp(db, org.id, { latitude: -6.914, longitude: 107.609 });
  await makeOdp(db, org.id, { latitude: -6.915, longitude: 107.61 });
  await makeOdp(db, org.id, { latitude: -6.916, longitude: 107.611 });
  // A mistyped coordinate on the other side of Java must not drag the view into the sea.
  await makeOdp(db, org.id, { latitude: -8.5, longitude: 114.0 });
  await makeOdp(db, other.id, { latitude: -0.9, longitude: 100.35 });
  await makeOdp(db, other.id, { latitude: -0.91, longitude: 100.36 });

  const center = await infraCenter(db, { orgId: org.id });
  assert.ok(center);
  assert.ok(Math.abs(center.lat - -6.9155) < 0.002 && Math.abs(center.lng - 107.6105) < 0.002, JSON.stringify(center));
});
