import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatDistance, pathLengthM } from '@/components/map/network/styles';
import { findFeature, parseFeatureRef, snapBounds } from '@/components/map/network/view';

const bounds = (west: number, south: number, east: number, north: number) => ({
  getWest: () => west,
  getSouth: () => south,
  getEast: () => east,
  getNorth: () => north,
});

test('a small pan keeps the same bounds key, so the map reuses what it already loaded', () => {
  const a = snapBounds(bounds(107.6091, -6.9161, 107.6112, -6.9139), 18);
  const b = snapBounds(bounds(107.60915, -6.91605, 107.61125, -6.91385), 18);
  assert.equal(a, b);
  const [west, south, east, north] = a.split(',').map(Number);
  assert.ok(
    west! <= 107.6091 && south! <= -6.9161 && east! >= 107.6112 && north! >= -6.9139,
    'the snapped box contains the view',
  );
});

test('the bounds key never leaves the globe', () => {
  assert.equal(snapBounds(bounds(-181, -91, 181, 91), 3), '-180.00000,-90.00000,180.00000,90.00000');
});

test('a link names the feature to open as kind:id; anything else is ignored', () => {
  const id = '0b0c6a52-2f7c-4a4e-9b61-0d7f2a1c9e10';
  assert.deepEqual(parseFeatureRef(`odp:${id}`), { kind: 'odp', id });
  assert.equal(parseFeatureRef(`router:${id}`), null);
  assert.equal(parseFeatureRef('odp:1 or 1=1'), null);
  assert.equal(parseFeatureRef(undefined), null);
});

test('a searched customer is found among the points, not inside server clusters', () => {
  const c = {
    id: 'c1',
    lat: -6.9,
    lng: 107.6,
    name: 'Budi',
    number: 'C-000001',
    status: 'active' as const,
    planName: null,
    odpCode: null,
    address: 'Jl. Melati',
    signal: null,
    rxPowerDbm: null,
  };
  assert.deepEqual(findFeature({ customers: { mode: 'points', items: [c] } }, { kind: 'customer', id: 'c1' }), {
    kind: 'customer',
    item: c,
  });
  assert.equal(
    findFeature(
      { customers: { mode: 'clusters', items: [{ lat: -6.9, lng: 107.6, count: 5000 }], total: 5000 } },
      { kind: 'customer', id: 'c1' },
    ),
    null,
  );
});

test('a drawn cable is measured along every point, and read out in m or km', () => {
  const path: [number, number][] = [
    [-6.9147, 107.6098],
    [-6.9147, 107.6108],
    [-6.9157, 107.6108],
  ];
  const m = pathLengthM(path);
  assert.ok(m > 215 && m < 225, `about 110 m + 111 m, got ${m}`);
  assert.equal(formatDistance(120.4, 'id'), '120 m');
  assert.equal(formatDistance(1540, 'id'), '1,5 km');
  assert.equal(formatDistance(1540, 'en'), '1.5 km');
});
