import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { auditLogs, organizations } from '@/db/schema';
import { updateOrganizationSettingsOp } from '@/lib/organizations/operations';
import { executeOperation } from '@/lib/server/operation';
import { generateVoucherBatchOp, printVouchersOp, saveVoucherProfileOp } from '@/lib/vouchers/operations';
import { renderVoucherPdf } from '@/lib/vouchers/pdf';
import { printMyBatchOp } from '@/lib/wallet/operations';
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
  const r1 = await makeMember(db, org.id, 'reseller');
  const r2 = await makeMember(db, org.id, 'reseller');
  const batchOf = (resellerUserId: string | null, count = '6') =>
    ok(
      executeOperation(generateVoucherBatchOp, ctx, {
        profileId: profile.id,
        count,
        codeLength: '6',
        charset: 'upper_numeric',
        delivery: 'radius',
        resellerUserId: resellerUserId ?? '',
      }),
    );
  return { org, admin, ctx, r1, r2, batchOf, as: (userId: string) => ctxFor(db, org.id, userId, 'reseller') };
}

const settings = (loginUrl?: string) => ({
  name: 'Net Ku',
  timezone: 'Asia/Jakarta',
  coverageRadiusM: '250',
  ...(loginUrl === undefined ? {} : { hotspotLoginUrl: loginUrl }),
});

describe('a reseller prints the batches they bought', () => {
  test('the same A4 and thermal PDF as staff, only for their own batches, audited', async () => {
    const w = await world('vpo-reseller');
    const mine = await w.batchOf(w.r1.user.id);
    const theirs = await w.batchOf(w.r2.user.id);
    const stock = await w.batchOf(null);

    const a4 = await ok(executeOperation(printMyBatchOp, w.as(w.r1.user.id), { batchId: mine.id, perPage: '8' }));
    assert.equal(a4.cards.length, 6);
    assert.equal(a4.profile.priceRupiah, 5000, 'the card shows the selling price, not the reseller price');
    assert.equal(pages(await renderVoucherPdf(a4)), 1);
    const thermal = await ok(
      executeOperation(printMyBatchOp, w.as(w.r1.user.id), { batchId: mine.id, format: 'thermal' }),
    );
    assert.equal(pages(await renderVoucherPdf(thermal)), 6);

    // Another reseller's batch and the organization's own stock do not exist for them.
    for (const batchId of [theirs.id, stock.id]) {
      const r = await executeOperation(printMyBatchOp, w.as(w.r1.user.id), { batchId });
      assert.equal(!r.ok && r.code, 'not_found');
    }
    // The staff operation (any batch of the organization) is not a reseller's.
    const staff = await executeOperation(printVouchersOp, w.as(w.r1.user.id), { batchId: mine.id });
    assert.equal(!staff.ok && staff.code, 'forbidden');

    const audit = await db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.organizationId, w.org.id), eq(auditLogs.action, 'voucher_batch.printed')));
    assert.deepEqual(
      audit.map((a) => [a.actorUserId, a.entityId]),
      [
        [w.r1.user.id, mine.id],
        [w.r1.user.id, mine.id],
      ],
    );
  });
});

describe("the organization's hotspot login URL", () => {
  test('set in the organization settings, printed by default (staff and resellers), never taken from the link', async () => {
    const w = await world('vpo-login');
    const mine = await w.batchOf(w.r1.user.id);
    // Not a web address: refused by field, in the user's words.
    for (const bad of [
      'ftp://hotspot.netku.id',
      'javascript:alert(1)',
      'hotspot.netku.id/login',
      'http://',
      'http://a b.id',
    ]) {
      const r = await executeOperation(updateOrganizationSettingsOp, w.ctx, settings(bad));
      assert.equal(!r.ok && r.code, 'validation', bad);
      assert.match((!r.ok && r.fieldErrors?.hotspotLoginUrl) || '', /http:\/\/ atau https:\/\//, bad);
    }
    await ok(executeOperation(updateOrganizationSettingsOp, w.ctx, settings('https://login.netku.id/login')));

    const reseller = await ok(executeOperation(printMyBatchOp, w.as(w.r1.user.id), { batchId: mine.id }));
    assert.equal(reseller.loginUrl, 'https://login.netku.id/login');
    assert.equal(new URL(reseller.cards[0]!.qrText!).origin, 'https://login.netku.id');
    // An address in the print link is ignored: a shared link cannot point the QR (with the
    // code and password) at someone else's page. The link may only leave the QR out.
    for (const op of [printVouchersOp, printMyBatchOp]) {
      const ctx = op === printVouchersOp ? w.ctx : w.as(w.r1.user.id);
      const forged = await ok(executeOperation(op, ctx, { batchId: mine.id, loginUrl: 'http://phish.test/login' }));
      assert.equal(forged.loginUrl, 'https://login.netku.id/login');
      assert.ok(forged.cards.every((c) => new URL(c.qrText!).origin === 'https://login.netku.id'));
    }
    const none = await ok(executeOperation(printVouchersOp, w.ctx, { batchId: mine.id, qr: '0' }));
    assert.deepEqual([none.loginUrl, none.cards[0]!.qrText], [null, null]);

    // A settings save without the field (an older form) keeps it; a blank one clears it.
    await ok(executeOperation(updateOrganizationSettingsOp, w.ctx, settings()));
    assert.equal((await orgRow(w.org.id)).hotspotLoginUrl, 'https://login.netku.id/login');
    await ok(executeOperation(updateOrganizationSettingsOp, w.ctx, settings('')));
    assert.equal((await orgRow(w.org.id)).hotspotLoginUrl, null);
    const cleared = await ok(executeOperation(printMyBatchOp, w.as(w.r1.user.id), { batchId: mine.id }));
    assert.equal(cleared.loginUrl, null);
  });
});

const pages = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type\s*\/Page\b(?!s)/g) ?? []).length;
const orgRow = async (id: string) => (await db.select().from(organizations).where(eq(organizations.id, id)))[0]!;
