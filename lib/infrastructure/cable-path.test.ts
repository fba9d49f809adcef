import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cableGeometry, cablePathSchema, formatCablePath, parseCablePath } from './cable-path';

test('a route is read from typed lines, from JSON text and from an array', () => {
  const expected = [
    [-6.9147, 107.6098],
    [-6.9157, 107.6108],
  ];
  assert.deepEqual(parseCablePath('-6.9147, 107.6098\n  -6.9157,107.6108 \n\n'), expected);
  assert.deepEqual(parseCablePath('-6.9147;107.6098\r\n-6.9157 107.6108'), expected);
  assert.deepEqual(parseCablePath(JSON.stringify(expected)), expected);
  assert.deepEqual(parseCablePath(expected), expected);
  assert.equal(parseCablePath('-6.9147, 107.6098, 3'), null);
  assert.equal(parseCablePath('utara, selatan'), null);
  assert.equal(parseCablePath('[[1,2]'), null);
  assert.equal(parseCablePath(42), null);
});

test('a route needs 2 to 500 points inside Indonesia', () => {
  const issue = (v: unknown) => {
    const r = cablePathSchema.safeParse(v);
    return r.success ? null : r.error.issues[0]!.message;
  };
  assert.equal(issue('-6.9147, 107.6098'), 'validation.cablePath');
  assert.equal(issue(Array.from({ length: 501 }, (_, i) => [-6.9 - i / 10_000, 107.6])), 'validation.cablePath');
  assert.equal(issue('107.6098, -6.9147\n-6.9157, 107.6108'), 'validation.cablePoint');
  assert.equal(issue('-6.9147, 107.6098\n-6.9157, 107.6108'), null);
  assert.deepEqual(
    cablePathSchema.parse([
      [-6.91470001, 107.60980004],
      [-6.9157, 107.6108],
    ]),
    [
      [-6.9147, 107.6098],
      [-6.9157, 107.6108],
    ],
  );
});

test('length follows every bend of the route, and the box holds every point', () => {
  // 0.001° of latitude is about 111 m; going north then back south counts both legs.
  const g = cableGeometry([
    [-6.9, 107.6],
    [-6.899, 107.6],
    [-6.9, 107.6],
  ]);
  assert.equal(g.lengthM, 222);
  assert.deepEqual({ ...g, lengthM: 0 }, { lengthM: 0, minLat: -6.9, maxLat: -6.899, minLng: 107.6, maxLng: 107.6 });
  assert.equal(
    formatCablePath([
      [-6.9, 107.6],
      [-6.899, 107.61],
    ]),
    '-6.9, 107.6\n-6.899, 107.61',
  );
});
