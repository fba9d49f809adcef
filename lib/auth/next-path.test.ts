import assert from 'node:assert/strict';
import { test } from 'node:test';
import { safeNextPath } from './next-path';

test('?next= keeps a path on this site and refuses anything a browser would read as another host', () => {
  assert.equal(safeNextPath('/ok?x=1#y'), '/ok?x=1#y');
  assert.equal(safeNextPath('/invite/abc'), '/invite/abc');
  for (const bad of [
    '/%09/evil.test',
    '/\t/evil',
    '/\n/evil',
    '//evil',
    '/\\evil',
    '\\/evil',
    'https://evil',
    'javascript:alert(1)',
    '',
    undefined,
    ['/ok'],
  ]) {
    assert.equal(safeNextPath(bad), '/', JSON.stringify(bad));
  }
});
