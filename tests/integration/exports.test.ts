import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, test } from 'node:test';
import { and, asc, eq } from 'drizzle-orm';
import { strFromU8, unzipSync } from 'fflate';
import Papa from 'papaparse';
import { auditLogs, gatewayTransactions } from '@/db/schema';
import { exportCustomersOp, exportInvoicesOp, exportPaymentsOp, exportReportOp } from '@/lib/exports/operations';
import { toCsv, toXlsx } from '@/lib/exports/render';
import { executeOperation } from '@/lib/server/operation';
import { ctxFor, makeCustomerWorld, makeMember, makeOrg, testDb } from '../helpers';

const db = testDb();

async function world(label: string) {
  const { org, admin } = await makeOrg(db, label);
  const w = await makeCustomerWorld(db, org.id, admin.user.id);
  return { org, admin, w, ctx: ctxFor(db, org.id, admin.user.id, 'admin') };
}

function parseCsv(csv: string) {
  assert.equal(csv.charCodeAt(0), 0xfeff, 'UTF-8 BOM for Excel');
  return Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: true }).data;
}

describe('exports of the customers, invoices and payments lists', () => {
  test('customers as CSV: the filters of the list, the own organization, the selection', async () => {
    const a = await world('exa');
    const b = await world('exb');
    const r = await executeOperation(exportCustomersOp, a.ctx, { format: 'csv', q: 'joko', area: 'RW 05' });
    assert.ok(r.ok, JSON.stringify(r));
    const rows = parseCsv(toCsv(r.data.sheet, r.data.timezone));
    assert.deepEqual(rows[0], ['No. pelanggan', 'Nama', 'No. HP', 'Paket', 'Area', 'Status', 'Dibuat']);
    assert.equal(rows.length, 2);
    assert.equal(rows[1]![1], 'Joko Widodo');
    assert.ok(rows[1]![5] && !/^[a-z_]+$/.test(rows[1]![5]!), `a translated status: ${rows[1]![5]}`);
    assert.match(rows[1]![6]!, /^\d{4}-\d\d-\d\d \d\d:\d\d$/);
    // A filter that matches nothing gives the header alone; B's customer is never there.
    const isolated = await executeOperation(exportCustomersOp, a.ctx, { format: 'csv', status: 'terminated' });
    assert.ok(isolated.ok && isolated.data.sheet.rows.length === 0);
    const selection = await executeOperation(exportCustomersOp, a.ctx, { ids: [a.w.customer.id, b.w.customer.id] });
    assert.ok(selection.ok && selection.data.sheet.rows.length === 1);
    // Each file taken is in the audit log: the kind, the filters set, how many rows.
    const audits = await db
      .select({ data: auditLogs.data })
      .from(auditLogs)
      .where(and(eq(auditLogs.organizationId, a.org.id), eq(auditLogs.action, 'exports.customers')))
      .orderBy(asc(auditLogs.createdAt), asc(auditLogs.id));
    assert.equal(audits.length, 3);
    assert.deepEqual(audits[0]!.data, {
      format: 'csv',
      filters: { q: 'joko', area: 'RW 05', sort: 'newest' },
      selected: null,
      rows: 1,
      truncated: false,
    });
    assert.equal((audits[2]!.data as { selected: number }).selected, 2);
    // In the XLSX a phone number is a text cell: Excel would show 6.28E+12 for a number.
    const xlsx = await executeOperation(exportCustomersOp, a.ctx, { format: 'xlsx', q: 'joko' });
    assert.ok(xlsx.ok);
    const phone = xlsx.data.sheet.rows[0]![2]!;
    assert.ok(phone.t === 'text' && phone.v, JSON.stringify(phone));
    const zip = unzipSync(new Uint8Array(await toXlsx(xlsx.data.sheet, xlsx.data.timezone)));
    assert.ok(strFromU8(zip['xl/sharedStrings.xml'] ?? new Uint8Array()).includes(phone.v!));
    assert.ok(!strFromU8(zip['xl/worksheets/sheet1.xml']!).includes(`<v>${phone.v}</v>`));
    // Exports take more than seeing the list.
    const tech = await makeMember(db, a.org.id, 'technician');
    const refused = await executeOperation(exportCustomersOp, ctxFor(db, a.org.id, tech.user.id, 'technician'), {});
    assert.ok(!refused.ok && refused.code === 'forbidden');
  });

  test('invoices as XLSX: a valid workbook with the rows, money as numbers', async () => {
    const a = await world('exi');
    await world('exj');
    const r = await executeOperation(exportInvoicesOp, a.ctx, {
      format: 'xlsx',
      status: 'partial',
      period: '2026-11-01',
    });
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal(r.data.sheet.rows.length, 1);
    const file = await toXlsx(r.data.sheet, r.data.timezone);
    assert.equal(file.subarray(0, 2).toString(), 'PK', 'an XLSX is a zip');
    const zip = unzipSync(new Uint8Array(file));
    const sheetXml = strFromU8(zip['xl/worksheets/sheet1.xml']!);
    const strings = strFromU8(zip['xl/sharedStrings.xml'] ?? new Uint8Array());
    assert.ok((sheetXml + strings).includes(a.w.invoice.number));
    assert.ok(sheetXml.includes(`<v>${a.w.invoice.total}</v>`), 'the total is a number cell');
    // The English-speaking member gets English headers; an unknown status is refused.
    const en = await executeOperation(exportInvoicesOp, ctxFor(db, a.org.id, a.admin.user.id, 'admin', 'en'), {});
    assert.ok(en.ok && en.data.sheet.headers[0] === 'Invoice no.');
    const bad = await executeOperation(exportInvoicesOp, a.ctx, { status: 'lunas' });
    assert.ok(!bad.ok && bad.code === 'validation');
  });

  test('payments with the gateway and status filters', async () => {
    const a = await world('exp');
    const tx = (status: 'paid' | 'pending', gateway: 'tripay' | 'midtrans') => ({
      organizationId: a.org.id,
      gateway,
      mode: 'sandbox' as const,
      orderId: `JRG-${randomUUID().slice(0, 8).toUpperCase()}`,
      purpose: 'invoice' as const,
      customerId: a.w.customer.id,
      invoiceId: a.w.invoice.id,
      method: 'qris',
      amount: 50_000,
      chargedAmount: 50_750,
      fee: 750,
      status,
      paidAt: status === 'paid' ? new Date('2026-11-20T17:30:00Z') : null,
    });
    await db
      .insert(gatewayTransactions)
      .values([tx('paid', 'midtrans'), tx('pending', 'midtrans'), tx('paid', 'tripay')]);
    const r = await executeOperation(exportPaymentsOp, a.ctx, { status: 'paid', gateway: 'midtrans' });
    assert.ok(r.ok, JSON.stringify(r));
    const rows = parseCsv(toCsv(r.data.sheet, r.data.timezone));
    assert.equal(rows.length, 2);
    const header = rows[0]!;
    const row = rows[1]!;
    assert.equal(row[header.indexOf('Ditagihkan')], '50750');
    // Paid at 17:30 UTC is 00:30 the next day in Jakarta.
    assert.equal(row[header.indexOf('Dibayar pada')], '2026-11-21 00:30');
  });

  test('a report downloaded as CSV is in the audit log, with its kind and row count', async () => {
    const a = await world('exr');
    const r = await executeOperation(exportReportOp, a.ctx, { kind: 'aging' });
    assert.ok(r.ok, JSON.stringify(r));
    const [audit] = await db
      .select({ data: auditLogs.data, entityType: auditLogs.entityType })
      .from(auditLogs)
      .where(and(eq(auditLogs.organizationId, a.org.id), eq(auditLogs.action, 'exports.report')));
    assert.deepEqual(audit, { entityType: 'report', data: { kind: 'aging', format: 'csv', rows: r.data.rows.length } });
  });
});
