import assert from 'node:assert/strict';
import { test } from 'node:test';
import { boundingBox, distanceMeters } from './geo';

test('distance between two points in Bandung matches the map (±1 %)', () => {
  // Gedung Sate to Alun-alun Bandung: about 2.5 km in a straight line.
  const d = distanceMeters(
    { latitude: -6.902454, longitude: 107.618782 },
    { latitude: -6.921841, longitude: 107.607048 },
  );
  assert.ok(Math.abs(d - 2_508) < 30, `got ${d}`);
  assert.equal(distanceMeters({ latitude: 1, longitude: 1 }, { latitude: 1, longitude: 1 }), 0);
});

test('the bounding box contains every point of the circle', () => {
  const c = { latitude: -6.2, longitude: 106.8 };
  const box = boundingBox(c, 250);
  for (let deg = 0; deg < 360; deg += 15) {
    // A point 249 m away in direction deg.
    const lat = c.latitude + (249 / 111_320) * Math.cos((deg * Math.PI) / 180);
    const lng =
      c.longitude + (249 / (111_320 * Math.cos((c.latitude * Math.PI) / 180))) * Math.sin((deg * Math.PI) / 180);
    assert.ok(lat >= box.minLat && lat <= box.maxLat && lng >= box.minLng && lng <= box.maxLng, `direction ${deg}`);
  }
});
