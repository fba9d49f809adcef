import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { and, eq, sql } from 'drizzle-orm';
import { auditLogs, radcheck, routers, voucherBatches, vouchers } from '@/db/schema';
import { convertLeadOp, createLeadOp, previewImportOp } from '@/lib/customers/operations';
import { deleteRouterOp, routerImportPreviewOp, startRouterImportOp, syncRouterOp } from '@/lib/network/operations';
import { executeOperation } from '@/lib/server/operation';
import {
  disableVouchersOp,
  generateVoucherBatchOp,
  getVoucherBatchOp,
  listVoucherBatchesOp,
  retryVoucherDeliveryOp,
} from '@/lib/vouchers/operations';
import { makeOdp, makePlan, testDb } from '../helpers';
import { ok, voucherRouterSuite } from '../support/vouchers';

const db = testDb();
const { finished, world } = voucherRouterSuite(db);

type World = Awaited<ReturnType<typeof world>>;
const generate = (w: World, over: Record<string, unknown> = {}) =>
  ok(
    executeOperation(generateVoucherBatchOp, w.ctx, {
      profileId: w.profile.id,
      count: '5',
      codeLength: '8',
      charset: 'lower_numeric',
      delivery: 'router',
      routerId: w.router.id,
      ...over,
    }),
  );
const codesOf = async (batchId: string) =>
  (await db.select().from(vouchers).where(eq(vouchers.batchId, batchId)).orderBy(vouchers.code)).map((v) => v.code);

describe('vouchers next to customers on the same router', () => {
  test('the customer sync never calls voucher users extra nor removes them; the import does not offer them', async () => {
    const w = await world('vo-sync');
    const batch = await generate(w);
    assert.equal((await finished(w.ctx, batch.jobId!)).state, 'done');
    w.server.addHotspotUser({ name: 'tamu-lama', password: 'x', profile: 'default' });
    const sync = await finished(
      w.ctx,
      (await ok(executeOperation(syncRouterOp, w.ctx, { routerId: w.router.id, removeExtra: true }))).jobId,
    );
    assert.equal(sync.state, 'done', sync.error ?? '');
    const names = w.server.list('/ip/hotspot/user').map((u) => u.name);
    for (const code of await codesOf(batch.id)) assert.ok(names.includes(code), `${code} is still on the router`);
    assert.ok(!names.includes('tamu-lama'), 'a really unknown user was removed as asked');
    assert.deepEqual(sync.result?.removed, [{ kind: 'hotspot', name: 'tamu-lama', reason: 'extra' }]);

    w.server.addHotspotUser({ name: 'tamu-baru', password: 'x', profile: 'default' });
    const imp = await finished(
      w.ctx,
      (await ok(executeOperation(startRouterImportOp, w.ctx, { routerId: w.router.id }))).jobId,
    );
    assert.equal(imp.result?.hotspot, 1);
    const preview = await ok(
      executeOperation(routerImportPreviewOp, w.ctx, { importId: String(imp.result?.importId) }),
    );
    assert.deepEqual(
      preview.sample.map((s) => s.name),
      ['tamu-baru'],
    );
  });

  test('a router with voucher batches cannot be deleted, and says why', async () => {
    const w = await world('vo-delete');
    await generate(w);
    const r = await executeOperation(deleteRouterOp, w.ctx, { routerId: w.router.id });
    assert.equal(!r.ok && r.code, 'router_has_vouchers');
    assert.match(!r.ok ? r.message : '', /1 batch voucher/);
    assert.equal((await db.select().from(routers).where(eq(routers.id, w.router.id))).length, 1);
  });

  test('a service username that is a voucher code is refused, on conversion and in a CSV import', async () => {
    const w = await world('vo-username');
    const batch = await generate(w, { delivery: 'radius', routerId: '' });
    const [code] = await codesOf(batch.id);
    const plan = await makePlan(db, w.org.id, { name: 'Paket 10 Mbps', billingType: 'postpaid' });
    await makeOdp(db, w.org.id, { latitude: -6.9147, longitude: 107.6098 });
    const lead = await ok(
      executeOperation(createLeadOp, w.ctx, {
        name: 'Budi',
        phone: '0812-3456-7890',
        address: 'Jl. Melati 5',
        latitude: -6.9146,
        longitude: 107.6098,
        planId: plan.id,
        billingType: 'postpaid',
      }),
    );
    const r = await executeOperation(convertLeadOp, w.ctx, {
      leadId: lead.lead.id,
      serviceUsername: code,
      servicePassword: 'kabel123',
    });
    assert.equal(!r.ok && r.code, 'voucher_code_taken');
    assert.equal(!r.ok && r.fieldErrors?.serviceUsername, 'Nama ini sudah dipakai sebagai kode voucher.');
    const csv = `name,phone,address,plan,service_username,service_password\nBudi,0812-3456-7890,Jl. Melati 5,Paket 10 Mbps,${code},rahasia01\n`;
    const preview = await ok(executeOperation(previewImportOp, w.ctx, { csv }));
    assert.equal(preview.valid, 0);
    assert.match(preview.errors[0]!.message, /kode voucher/);
  });
});

describe('withdrawing vouchers', () => {
  test('one lost voucher is disabled on the router by a job and kicked; a whole batch leaves used ones alone', async () => {
    const w = await world('vo-disable');
    const batch = await generate(w);
    assert.equal((await finished(w.ctx, batch.jobId!)).state, 'done');
    const [lost, inUse, ...rest] = await codesOf(batch.id);
    w.server.connectHotspot(lost!);
    const [lostRow] = await db
      .select()
      .from(vouchers)
      .where(and(eq(vouchers.batchId, batch.id), eq(vouchers.code, lost!)));
    const one = await ok(executeOperation(disableVouchersOp, w.ctx, { batchId: batch.id, voucherId: lostRow!.id }));
    assert.equal(one.disabled, 1);
    const job = await finished(w.ctx, one.jobId!);
    assert.deepEqual([job.state, job.result?.disabled, job.result?.kicked], ['done', 1, 1]);
    assert.equal(w.server.find('/ip/hotspot/user', lost!)?.disabled, 'true');
    assert.notEqual(w.server.find('/ip/hotspot/user', inUse!)?.disabled, 'true');

    await db
      .update(vouchers)
      .set({ status: 'active', firstLoginAt: new Date() })
      .where(and(eq(vouchers.batchId, batch.id), eq(vouchers.code, inUse!)));
    const all = await ok(executeOperation(disableVouchersOp, w.ctx, { batchId: batch.id }));
    assert.equal(all.disabled, rest.length);
    await finished(w.ctx, all.jobId!);
    for (const code of rest) assert.equal(w.server.find('/ip/hotspot/user', code)?.disabled, 'true');
    assert.notEqual(
      w.server.find('/ip/hotspot/user', inUse!)?.disabled,
      'true',
      'a customer already online keeps the voucher they bought',
    );
    const detail = await ok(executeOperation(getVoucherBatchOp, w.ctx, { batchId: batch.id }));
    assert.deepEqual(detail.byStatus, { active: 1, disabled: 4 });
    const audit = await db
      .select()
      .from(auditLogs)
      .where(
        and(
          eq(auditLogs.organizationId, w.org.id),
          sql`${auditLogs.action} in ('voucher.disabled', 'voucher_batch.disabled')`,
        ),
      );
    assert.equal(audit.length, 2);
    // Disabling again finds nothing to withdraw.
    const again = await executeOperation(disableVouchersOp, w.ctx, { batchId: batch.id, voucherId: lostRow!.id });
    assert.equal(!again.ok && again.code, 'not_found');
  });

  test('a RADIUS voucher gets Auth-Type := Reject at once', async () => {
    const w = await world('vo-disable-radius');
    const batch = await generate(w, { delivery: 'radius', routerId: '' });
    assert.equal((await finished(w.ctx, batch.jobId!)).state, 'done');
    const [row] = await db.select().from(vouchers).where(eq(vouchers.batchId, batch.id)).limit(1);
    await ok(executeOperation(disableVouchersOp, w.ctx, { batchId: batch.id, voucherId: row!.id }));
    const rejects = await db
      .select()
      .from(radcheck)
      .where(and(eq(radcheck.organizationId, w.org.id), eq(radcheck.attribute, 'Auth-Type')));
    assert.deepEqual(
      rejects.map((r) => [r.username, r.value]),
      [[`${row!.code}@${w.org.slug}`, 'Reject']],
    );
  });
});

describe('a delivery that failed for good', () => {
  test('shows as failed with the reason, can be found by that status, and a retry delivers it', async () => {
    const w = await world('vo-failed');
    w.server.trapNext('/ip/hotspot/user/profile/add', 'invalid value for argument rate-limit');
    const batch = await generate(w);
    await finished(w.ctx, batch.jobId!);
    const detail = await ok(executeOperation(getVoucherBatchOp, w.ctx, { batchId: batch.id }));
    assert.equal(detail.displayStatus, 'failed');
    assert.match(detail.jobError ?? '', /rate-limit/);
    const failed = await ok(executeOperation(listVoucherBatchesOp, w.ctx, { status: 'failed' }));
    assert.deepEqual(
      failed.items.map((b) => b.id),
      [batch.id],
    );
    assert.equal((await ok(executeOperation(listVoucherBatchesOp, w.ctx, { status: 'delivering' }))).items.length, 0);

    await ok(executeOperation(retryVoucherDeliveryOp, w.ctx, { batchId: batch.id }));
    const job = await finished(w.ctx, batch.jobId!);
    assert.equal(job.state, 'done', job.error ?? '');
    const after = await ok(executeOperation(getVoucherBatchOp, w.ctx, { batchId: batch.id }));
    assert.deepEqual([after.displayStatus, after.deliveredCount], ['delivered', 5]);
    assert.equal(w.server.list('/ip/hotspot/user').length, 5);
    const twice = await executeOperation(retryVoucherDeliveryOp, w.ctx, { batchId: batch.id });
    assert.equal(!twice.ok && twice.code, 'voucher_batch_not_failed');
    const [b] = await db.select().from(voucherBatches).where(eq(voucherBatches.id, batch.id));
    assert.equal(b!.status, 'delivered');
  });

  test('batches are found by profile name or by one of their codes', async () => {
    const w = await world('vo-search');
    const batch = await generate(w, { delivery: 'radius', routerId: '' });
    const [code] = await codesOf(batch.id);
    for (const q of [code!, 'Voucher 1']) {
      const r = await ok(executeOperation(listVoucherBatchesOp, w.ctx, { q }));
      assert.deepEqual(
        r.items.map((b) => b.id),
        [batch.id],
        q,
      );
    }
    assert.equal((await ok(executeOperation(listVoucherBatchesOp, w.ctx, { q: 'tidak-ada' }))).items.length, 0);
  });
});
