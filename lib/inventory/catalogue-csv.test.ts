import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeCsvBytes } from './catalogue-csv';

const header = 'sku,serial,location\nONT,SN1,RAK-Ä\n';

test('a stock file reads the same from UTF-8, UTF-8 with BOM, UTF-16 and Windows-1252', () => {
  const utf8 = new TextEncoder().encode(header);
  assert.equal(decodeCsvBytes(utf8), header);
  assert.equal(decodeCsvBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8])), header);
  const utf16 = new Uint8Array(2 + header.length * 2);
  utf16.set([0xff, 0xfe]);
  for (let i = 0; i < header.length; i++) utf16[2 + i * 2] = header.charCodeAt(i);
  assert.equal(decodeCsvBytes(utf16), header);
  const cp1252 = Uint8Array.from(header, (c) => c.charCodeAt(0));
  assert.equal(decodeCsvBytes(cp1252), header);
});
