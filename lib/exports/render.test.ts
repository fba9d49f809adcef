import assert from 'node:assert/strict';
import { test } from 'node:test';
import { date, datetime, localDateTime, money, text, toCsv } from './render';

test('a timestamp is written as the wall-clock time of the zone', () => {
  assert.equal(localDateTime(new Date('2026-12-31T17:05:00Z'), 'Asia/Jakarta'), '2027-01-01 00:05');
  assert.equal(localDateTime('2026-06-01T00:00:00Z', 'Asia/Jayapura'), '2026-06-01 09:00');
});

test('CSV: a BOM, quoted where needed, money as plain digits, empty for missing, formulas escaped', () => {
  const csv = toCsv(
    {
      headers: ['Nama', 'Total', 'Jatuh tempo', 'Dibayar'],
      rows: [
        [text('Budi, "Pak"'), money(150000), date('2026-12-10'), datetime(null)],
        [text('=HYPERLINK("x")'), money(-5000), date(null), datetime(null)],
        [text('=HYPERLINK("y")\nx'), money(0), date(null), datetime(null)],
        [text('-5'), money(0), date(null), datetime(null)],
      ],
    },
    'Asia/Jakarta',
  );
  const lines = csv.split('\r\n');
  assert.equal(lines[0], '\uFEFFNama,Total,Jatuh tempo,Dibayar');
  assert.equal(lines[1], '"Budi, ""Pak""",150000,2026-12-10,');
  assert.equal(lines[2], `"'=HYPERLINK(""x"")",-5000,,`);
  // A line break after the formula does not let it through.
  assert.equal(lines[3], `"'=HYPERLINK(""y"")\nx",0,,`);
  assert.equal(lines[4], `"'-5",0,,`);
});
