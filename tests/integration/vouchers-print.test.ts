import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { auditLogs, organizations, vouchers } from '@/db/schema';
import { decryptSecret } from '@/lib/crypto';
import { executeOperation } from '@/lib/server/operation';
import {
  generateVoucherBatchOp,
  printVouchersOp,
  saveVoucherProfileOp,
  voucherSalesReportOp,
} from '@/lib/vouchers/operations';
import { renderVoucherPdf } from '@/lib/vouchers/pdf';
import { salesReportCsv } from '@/lib/vouchers/report';
import { ctxFor, makeMember, makeOrg, testDb } from '../helpers';
import { ok, VOUCHER_PROFILE_FORM } from '../support/vouchers';

const db = testDb();

async function world(label: string) {
  const { org, admin } = await makeOrg(db, label);
  const ctx = ctxFor(db, org.id, admin.user.id, 'admin');
  const profile = await ok(
    executeOperation(saveVoucherProfileOp, ctx, {
      ...VOUCHER_PROFILE_FORM,
      name: 'Harian',
      priceRupiah: '5000',
      costRupiah: '4000',
      validityMinutes: '1440',
    }),
  );
  return { org, admin, ctx, profile };
}

type World = Awaited<ReturnType<typeof world>>;
const generate = (w: World, over: Record<string, unknown> = {}) =>
  ok(
    executeOperation(generateVoucherBatchOp, w.ctx, {
      profileId: w.profile.id,
      count: '25',
      codeLength: '6',
      charset: 'upper_numeric',
      delivery: 'radius',
      passwordMode: 'separate',
      ...over,
    }),
  );

/** Pages of a PDF: its page objects (`/Type /Page`, not the `/Pages` tree). */
const pageCount = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type\s*\/Page\b(?!s)/g) ?? []).length;

describe('printing voucher cards', () => {
  test('an A4 sheet holds the chosen number of cards; thermal is one ticket per card; the print is audited', async () => {
    const w = await world('vp-print');
    const batch = await generate(w);
    await db
      .update(organizations)
      .set({ hotspotLoginUrl: 'http://hotspot.netku.id/login' })
      .where(eq(organizations.id, w.org.id));
    const data = await ok(executeOperation(printVouchersOp, w.ctx, { batchId: batch.id, perPage: '10' }));
    assert.equal(data.cards.length, 25);
    // Separate mode: the password is on the card, decrypted on the server.
    const [row] = await db
      .select()
      .from(vouchers)
      .where(and(eq(vouchers.batchId, batch.id), eq(vouchers.code, data.cards[0]!.code)));
    assert.equal(data.cards[0]!.password, decryptSecret(row!.passwordEnc!));
    // The QR logs in directly, with the realm RADIUS needs.
    const qr = new URL(data.cards[0]!.qrText!);
    assert.equal(qr.searchParams.get('username'), `${row!.code}@${w.org.slug}`);
    assert.equal(qr.origin + qr.pathname, 'http://hotspot.netku.id/login');

    const a4 = await renderVoucherPdf(data);
    assert.equal(a4.subarray(0, 5).toString(), '%PDF-');
    assert.equal(pageCount(a4), 3, '25 cards at 10 per page');
    const forty = await renderVoucherPdf(
      await ok(executeOperation(printVouchersOp, w.ctx, { batchId: batch.id, perPage: '40' })),
    );
    assert.equal(pageCount(forty), 1);
    const thermal = await renderVoucherPdf(
      await ok(executeOperation(printVouchersOp, w.ctx, { batchId: batch.id, format: 'thermal' })),
      'en',
    );
    assert.equal(pageCount(thermal), 25);

    const audit = await db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.organizationId, w.org.id), eq(auditLogs.action, 'voucher_batch.printed')));
    assert.equal(audit.length, 3);
    assert.deepEqual([audit[0]!.actorUserId, audit[0]!.entityId], [w.admin.user.id, batch.id]);
    assert.ok(!JSON.stringify(audit).includes(data.cards[0]!.password!), 'no password in the audit log');
  });

  test('spent vouchers are left out; a bad card count or QR choice is refused by field', async () => {
    const w = await world('vp-rules');
    const batch = await generate(w, { count: '12', passwordMode: 'same' });
    const rows = await db.select().from(vouchers).where(eq(vouchers.batchId, batch.id)).limit(2);
    await db
      .update(vouchers)
      .set({ status: 'disabled' })
      .where(
        inArray(
          vouchers.id,
          rows.map((r) => r.id),
        ),
      );
    const data = await ok(executeOperation(printVouchersOp, w.ctx, { batchId: batch.id }));
    assert.equal(data.cards.length, 10);
    assert.equal(data.cards[0]!.password, null, 'same mode prints the code alone');
    const bad = await executeOperation(printVouchersOp, w.ctx, { batchId: batch.id, qr: 'maybe', perPage: '7' });
    assert.equal(!bad.ok && bad.code, 'validation');
    assert.deepEqual(Object.keys((!bad.ok && bad.fieldErrors) || {}).sort(), ['perPage', 'qr']);
  });
});

describe('voucher sales report', () => {
  test('sold, used and revenue per day, profile and seller, in the organization zone', async () => {
    const w = await world('vp-sales');
    const reseller = await makeMember(db, w.org.id, 'reseller');
    const own = await generate(w, { count: '10' });
    const theirs = await generate(w, { count: '4', resellerUserId: reseller.user.id });
    const ownRows = await db.select().from(vouchers).where(eq(vouchers.batchId, own.id)).orderBy(vouchers.code);
    // Three own vouchers used on 2026-03-01 WIB (one at 23:30 UTC on 28 Feb = 06:30 WIB), one on the 2nd.
    const at = (iso: string) => sql`${iso}::timestamptz`;
    const use = async (id: string, iso: string) =>
      db
        .update(vouchers)
        .set({ status: 'active', firstLoginAt: at(iso), soldAt: at(iso) })
        .where(eq(vouchers.id, id));
    await use(ownRows[0]!.id, '2026-02-28T23:30:00Z');
    await use(ownRows[1]!.id, '2026-03-01T10:00:00Z');
    await use(ownRows[2]!.id, '2026-03-01T12:00:00Z');
    await use(ownRows[3]!.id, '2026-03-02T12:00:00Z');
    // The reseller bought 4 on 1 March; one of them was used on the 2nd.
    await db
      .update(vouchers)
      .set({ soldAt: at('2026-03-01T03:00:00Z') })
      .where(eq(vouchers.batchId, theirs.id));
    const [used] = await db.select().from(vouchers).where(eq(vouchers.batchId, theirs.id)).limit(1);
    await db
      .update(vouchers)
      .set({ status: 'active', firstLoginAt: at('2026-03-02T05:00:00Z') })
      .where(eq(vouchers.id, used!.id));

    const r = await ok(executeOperation(voucherSalesReportOp, w.ctx, { from: '2026-03-01', to: '2026-03-02' }));
    assert.deepEqual(r.days, [
      { day: '2026-03-02', sold: 1, used: 2, revenue: 5000 },
      { day: '2026-03-01', sold: 7, used: 3, revenue: 3 * 5000 + 4 * 4000 },
    ]);
    assert.deepEqual(r.profiles, [{ profileName: 'Harian', sold: 8, used: 5, revenue: 36_000 }]);
    assert.deepEqual(
      r.resellers.map((x) => [x.resellerName, x.sold, x.revenue]),
      [
        [null, 4, 20_000],
        [reseller.user.name, 4, 16_000],
      ],
    );
    assert.deepEqual(r.totals, { sold: 8, used: 5, revenue: 36_000 });
    const csv = salesReportCsv(r, 'Sendiri');
    assert.match(csv, /^day,sold,used,revenue\r\n2026-03-02,1,2,5000\r\n/);
    assert.match(csv, /\r\nSendiri,4,20000\r\n/);
    assert.match(csv, /\r\ntotal,8,5,36000\r\n$/);

    const backwards = await executeOperation(voucherSalesReportOp, w.ctx, { from: '2026-03-02', to: '2026-03-01' });
    assert.equal(!backwards.ok && backwards.code, 'validation');
  });
});
