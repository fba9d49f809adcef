import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { IMPORT_COLUMNS, IMPORT_TEMPLATE } from './import';

test('the downloadable template is the one the importer documents', () => {
  assert.equal(readFileSync('public/templates/import-pelanggan.csv', 'utf8'), `${IMPORT_TEMPLATE}\n`);
  assert.equal(IMPORT_TEMPLATE.split('\n')[0], IMPORT_COLUMNS.join(','));
});
