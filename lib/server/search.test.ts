import assert from 'node:assert/strict';
import { test } from 'node:test';
import { contains } from './search';

test('a typed % or _ is searched for literally', () => {
  assert.equal(contains('budi'), '%budi%');
  assert.equal(contains('50%'), '%50\\%%');
  assert.equal(contains('a_b'), '%a\\_b%');
});
