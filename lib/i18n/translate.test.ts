import assert from 'node:assert/strict';
import { test } from 'node:test';
import en from '@/messages/en.json';
import id from '@/messages/id.json';
import { translate } from './translate';

function keys(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === 'object' ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}

test('Indonesian and English have exactly the same texts', () => {
  assert.deepEqual(keys(id).sort(), keys(en).sort());
});

test('messages are Indonesian by default and fill in parameters', () => {
  assert.equal(translate('id', 'errors.forbidden'), 'Anda tidak memiliki izin untuk melakukan ini.');
  assert.equal(translate('en', 'errors.forbidden'), 'You do not have permission to do this.');
  assert.equal(translate('en', 'dashboard.welcome', { name: 'Budi' }), 'Welcome, Budi');
});

test('a missing text shows its key rather than nothing', () => {
  assert.equal(translate('en', 'nope.missing'), 'nope.missing');
});
