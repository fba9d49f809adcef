import assert from 'node:assert/strict';
import { test } from 'node:test';
import { demoWanted } from './env';

test('npm start seeds the demo for a first look, never in production', () => {
  assert.equal(demoWanted({}), true);
  assert.equal(demoWanted({ SEED_DEMO: 'true' }), true);
  assert.equal(demoWanted({ NODE_ENV: 'production' }), false);
  assert.equal(demoWanted({ NODE_ENV: 'production', SEED_DEMO: 'true' }), false);
});

test('SEED_DEMO false in any usual spelling turns it off; nonsense is refused', () => {
  for (const off of ['false', 'FALSE', '0', 'no', 'No', 'off', ' false ']) assert.equal(demoWanted({ SEED_DEMO: off }), false, off);
  assert.throws(() => demoWanted({ SEED_DEMO: 'nope' }), /SEED_DEMO/);
});
