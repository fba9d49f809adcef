import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toCsv } from './reports';

test('CSV quotes commas, quotes and line breaks, and keeps numbers bare', () => {
  const csv = toCsv({ columns: ['plan', 'amount'], rows: [['Paket "Hemat", 10M', 150000], ['Baris\nbaru', 0]] });
  assert.equal(csv, 'plan,amount\r\n"Paket ""Hemat"", 10M",150000\r\n"Baris\nbaru",0\r\n');
});
