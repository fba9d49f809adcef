import assert from 'node:assert/strict';
import { test } from 'node:test';
import { csvCell, toCsv } from './csv';

test('CSV quotes commas, quotes and line breaks, and keeps numbers bare', () => {
  assert.equal(
    toCsv([
      ['plan', 'amount'],
      ['Paket "Hemat", 10M', 150000],
      ['Baris\nbaru', -5],
      [null, undefined],
    ]),
    'plan,amount\r\n"Paket ""Hemat"", 10M",150000\r\n"Baris\nbaru",-5\r\n,\r\n',
  );
});

test('a text cell that a spreadsheet would run as a formula is escaped with a leading quote', () => {
  for (const evil of ['=HYPERLINK("http://x.test","klik")', '+62812', '-1+1', '@SUM(A1)', '\tTab', '\rCR']) {
    const cell = csvCell(evil);
    assert.ok(cell.replace(/^"/, '').startsWith("'"), `${JSON.stringify(evil)} -> ${cell}`);
  }
  assert.equal(csvCell('=1+1'), "'=1+1");
  assert.equal(csvCell('=A1,B1'), `"'=A1,B1"`);
  assert.equal(csvCell('Budi = pelanggan'), 'Budi = pelanggan');
  assert.equal(csvCell(-150000), '-150000');
});

test('the report and voucher sales downloads escape a formula in a name', async () => {
  const { reportCsv } = await import('@/lib/billing/reports');
  const { salesReportCsv } = await import('@/lib/vouchers/report');
  assert.match(
    reportCsv({ columns: ['cashier', 'amount'], rows: [['=cmd|"/c calc"!A1', -1]] }),
    /\r\n"'=cmd\|""\/c calc""!A1",-1\r\n$/,
  );
  const sales = salesReportCsv(
    {
      from: '2026-03-01',
      to: '2026-03-02',
      days: [],
      profiles: [{ profileName: '@Harian', sold: 1, used: 0, revenue: 5000 }],
      resellers: [{ resellerUserId: 'x', resellerName: '+Agen', sold: 1, used: 0, revenue: 5000 }],
      totals: { sold: 1, used: 0, revenue: 5000 },
    },
    'Sendiri',
  );
  assert.match(sales, /\r\n'@Harian,1,0,5000\r\n/);
  assert.match(sales, /\r\n'\+Agen,1,5000\r\n/);
});
