import assert from 'node:assert/strict';
import { mkdtemp, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { and, eq, sql } from 'drizzle-orm';
import { createDb } from '@/db/client';
import {
  auditLogs,
  gatewayTransactions,
  jobs,
  voucherBatches,
  voucherProfiles,
  vouchers,
  walletEntries,
  wallets,
  walletTopupRequests,
} from '@/db/schema';
import { receiveCallback } from '@/lib/payments/callbacks';
import { resolveReview } from '@/lib/payments/manage';
import { saveGatewaySettings } from '@/lib/payments/settings';
import { AppError } from '@/lib/server/errors';
import { executeOperation, type Operation } from '@/lib/server/operation';
import { voucherDeliver } from '@/lib/vouchers/jobs';
import { getWalletBalance, postWalletEntry, sumWalletEntries } from '@/lib/wallet/ledger';
import * as walletOps from '@/lib/wallet/operations';
import { buyVouchers } from '@/lib/wallet/purchase';
import { listResellerVouchers } from '@/lib/wallet/reseller-vouchers';
import { adjustWallet, decideTopup, requestTopup } from '@/lib/wallet/topups';
import { ctxFor, makeMember, makeOrg, testDb } from '../helpers';
import { startFakeTripay } from '../support/gateways/tripay';
import type { GatewayFake } from '../support/gateways/types';
import { makeVoucherBatch } from '../support/vouchers';

const db = testDb();
// The smallest PNG signature a slip is typed by (its bytes, not its name).
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
let tripay: GatewayFake;
before(async () => {
  tripay = await startFakeTripay();
  process.env.TRIPAY_API_URL = tripay.url;
});
after(() => tripay.close());

/** An organization with a finance clerk, two resellers and a voucher profile (reseller price 4,000). */
async function world() {
  const { org, admin } = await makeOrg(db, 'wallet');
  const finance = await makeMember(db, org.id, 'finance');
  const [r1, r2] = [await makeMember(db, org.id, 'reseller'), await makeMember(db, org.id, 'reseller')];
  const { profile } = await makeVoucherBatch(db, org.id, admin.user.id);
  const credit = (resellerUserId: string, amount: number) =>
    adjustWallet(db, {
      orgId: org.id,
      actorUserId: finance.user.id,
      ip: null,
      input: { resellerUserId, amount, note: 'saldo awal' },
    });
  return { org, admin, finance, r1: r1.user.id, r2: r2.user.id, profile, credit };
}

const op = (o: unknown) => o as Operation<never, unknown>;
async function expectCode(p: Promise<unknown>, code: string) {
  await assert.rejects(p, (e: unknown) => e instanceof AppError && e.code === code);
}

describe('the wallet ledger', () => {
  test('balance is the sum of the entries and never goes below zero', async () => {
    const w = await world();
    await w.credit(w.r1, 50_000);
    await w.credit(w.r1, -20_000);
    await expectCode(w.credit(w.r1, -30_001), 'wallet_insufficient');
    await w.credit(w.r1, -30_000);
    assert.equal(await getWalletBalance(db, { orgId: w.org.id, resellerUserId: w.r1 }), 0);
    assert.equal(await sumWalletEntries(db, { orgId: w.org.id, resellerUserId: w.r1 }), 0);
    const rows = await db
      .select()
      .from(walletEntries)
      .where(eq(walletEntries.resellerUserId, w.r1))
      .orderBy(walletEntries.createdAt);
    assert.deepEqual(
      rows.map((r) => [r.amount, r.balanceAfter]),
      [
        [50_000, 50_000],
        [-20_000, 30_000],
        [-30_000, 0],
      ],
    );
    // Even a write that bypasses the ledger cannot make a balance negative.
    await assert.rejects(db.update(wallets).set({ balance: -1 }).where(eq(wallets.resellerUserId, w.r1)));
    // Staff have no wallet: an adjustment for them is refused as not found.
    await expectCode(w.credit(w.finance.user.id, 10_000), 'not_found');
  });

  test('a message tells the reseller how much is missing', async () => {
    const w = await world();
    await w.credit(w.r1, 5_000);
    const r = await executeOperation(op(walletOps.buyVouchersOp), ctxFor(db, w.org.id, w.r1, 'reseller'), {
      profileId: w.profile.id,
      count: '2',
    });
    assert.ok(!r.ok);
    assert.equal(r.code, 'wallet_insufficient');
    assert.match(r.message, /5\.000.*8\.000/);
  });
});

describe('buying vouchers from the wallet', () => {
  test("the batch is the reseller's, paid at reseller price, in one step", async () => {
    const w = await world();
    await w.credit(w.r1, 20_000);
    const { batch, total, balance } = await buyVouchers(db, {
      orgId: w.org.id,
      resellerUserId: w.r1,
      ip: null,
      input: { profileId: w.profile.id, count: 3 },
    });
    assert.equal(total, 12_000);
    assert.equal(balance, 8_000);
    assert.equal(batch.resellerUserId, w.r1);
    assert.equal(batch.delivery, 'radius');
    const codes = await db.select().from(vouchers).where(eq(vouchers.batchId, batch.id));
    assert.equal(codes.length, 3);
    assert.ok(codes.every((v) => v.resellerUserId === w.r1 && v.soldAt));
    const [entry] = await db
      .select()
      .from(walletEntries)
      .where(and(eq(walletEntries.resellerUserId, w.r1), eq(walletEntries.kind, 'purchase')));
    assert.equal(entry!.refId, batch.id);
    assert.equal(entry!.amount, -12_000);
    // A price the reseller did not see is refused, not charged.
    await expectCode(
      buyVouchers(db, {
        orgId: w.org.id,
        resellerUserId: w.r1,
        ip: null,
        input: { profileId: w.profile.id, count: 1, expectedTotal: 3_000 },
      }),
      'wallet_price_changed',
    );
  });

  test("the reseller's codes keep the price they were bought at", async () => {
    const w = await world();
    await w.credit(w.r1, 20_000);
    const { batch } = await buyVouchers(db, {
      orgId: w.org.id,
      resellerUserId: w.r1,
      ip: null,
      input: { profileId: w.profile.id, count: 2 },
    });
    await db.update(voucherProfiles).set({ priceRupiah: 9_000 }).where(eq(voucherProfiles.id, w.profile.id));
    const list = await listResellerVouchers(db, { orgId: w.org.id, resellerUserId: w.r1 });
    assert.equal(list.items.length, 2);
    assert.ok(list.items.every((v) => v.batchId === batch.id && v.priceRupiah === batch.priceRupiah));
    assert.notEqual(batch.priceRupiah, 9_000);
  });

  test('50 purchases at once against a balance for 10: exactly 10 succeed, balance 0', async () => {
    const w = await world();
    await w.credit(w.r1, 10 * 4_000 * 2);
    const wide = createDb(process.env.DATABASE_URL!, { max: 50 });
    let results: PromiseSettledResult<unknown>[];
    try {
      results = await Promise.allSettled(
        Array.from({ length: 50 }, () =>
          buyVouchers(wide.db, {
            orgId: w.org.id,
            resellerUserId: w.r1,
            ip: null,
            input: { profileId: w.profile.id, count: 2 },
          }),
        ),
      );
    } finally {
      await wide.client.end({ timeout: 5 });
    }
    const ok = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    assert.equal(ok.length, 10);
    assert.ok(
      refused.every((r) => r.reason instanceof AppError && r.reason.code === 'wallet_insufficient'),
      String(refused[0]?.reason),
    );
    assert.equal(await getWalletBalance(db, { orgId: w.org.id, resellerUserId: w.r1 }), 0);
    assert.equal(await sumWalletEntries(db, { orgId: w.org.id, resellerUserId: w.r1 }), 0);
    // No batch, voucher or delivery job exists for a refused purchase.
    const batches = await db.select().from(voucherBatches).where(eq(voucherBatches.resellerUserId, w.r1));
    assert.equal(batches.length, 10);
    const [{ n }] = (await db
      .select({ n: sql<number>`count(*)::int` })
      .from(vouchers)
      .where(eq(vouchers.resellerUserId, w.r1))) as [{ n: number }];
    assert.equal(n, 20);
    const deliveries = await db
      .select()
      .from(jobs)
      .where(and(eq(jobs.organizationId, w.org.id), eq(jobs.type, voucherDeliver.name)));
    assert.equal(deliveries.length, 11); // the 10 purchases and the world's own batch
    // The running balance follows the order the purchases happened in.
    const rows = await db
      .select()
      .from(walletEntries)
      .where(eq(walletEntries.resellerUserId, w.r1))
      .orderBy(walletEntries.createdAt, walletEntries.id);
    let running = 0;
    for (const r of rows) assert.equal(r.balanceAfter, (running += r.amount));
  });
});

describe('top-ups', () => {
  test('a manual request is credited once, however many times finance presses approve', async () => {
    const w = await world();
    const req = await requestTopup(db, {
      orgId: w.org.id,
      actorUserId: w.r1,
      ip: null,
      input: { amount: 100_000, note: 'transfer BCA' },
    });
    assert.equal(await getWalletBalance(db, { orgId: w.org.id, resellerUserId: w.r1 }), 0);
    const wide = createDb(process.env.DATABASE_URL!, { max: 20 });
    let results: PromiseSettledResult<unknown>[];
    try {
      results = await Promise.allSettled(
        Array.from({ length: 20 }, () =>
          decideTopup(wide.db, {
            orgId: w.org.id,
            actorUserId: w.finance.user.id,
            ip: null,
            requestId: req.id,
            decision: 'approve',
          }),
        ),
      );
    } finally {
      await wide.client.end({ timeout: 5 });
    }
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
    assert.equal(await getWalletBalance(db, { orgId: w.org.id, resellerUserId: w.r1 }), 100_000);
    await expectCode(
      decideTopup(db, {
        orgId: w.org.id,
        actorUserId: w.finance.user.id,
        ip: null,
        requestId: req.id,
        decision: 'reject',
        reason: 'salah',
      }),
      'topup_not_pending',
    );
  });

  test("a reseller opens the slip they sent, not another reseller's; a refused request leaves no file", async () => {
    const w = await world();
    const filesDir = await mkdtemp(path.join(os.tmpdir(), 'jaring-slips-'));
    const slip = () => new File([PNG], 'slip.png', { type: 'image/png' });
    const req = await requestTopup(db, {
      orgId: w.org.id,
      actorUserId: w.r1,
      ip: null,
      input: { amount: 50_000, proof: slip() },
      filesDir,
    });
    const own = await executeOperation(op(walletOps.myTopupProofOp), ctxFor(db, w.org.id, w.r1, 'reseller'), {
      requestId: req.id,
    });
    assert.ok(own.ok && (own.data as { path: string }).path === req.proofPath);
    const other = await executeOperation(op(walletOps.myTopupProofOp), ctxFor(db, w.org.id, w.r2, 'reseller'), {
      requestId: req.id,
    });
    assert.ok(!other.ok && other.code === 'not_found');
    const finance = ctxFor(db, w.org.id, w.finance.user.id, 'finance');
    assert.ok((await executeOperation(op(walletOps.topupProofOp), finance, { requestId: req.id })).ok);
    // Staff have no wallet: the request fails inside the transaction and its slip is removed.
    await expectCode(
      requestTopup(db, {
        orgId: w.org.id,
        actorUserId: w.finance.user.id,
        ip: null,
        input: { amount: 50_000, proof: slip() },
        filesDir,
      }),
      'not_found',
    );
    assert.deepEqual(await readdir(path.join(filesDir, w.org.id, 'topup-proofs')), [path.basename(req.proofPath!)]);
  });

  test('a rejection needs a reason and credits nothing; a reseller cannot decide', async () => {
    const w = await world();
    const req = await requestTopup(db, { orgId: w.org.id, actorUserId: w.r1, ip: null, input: { amount: 50_000 } });
    const finance = ctxFor(db, w.org.id, w.finance.user.id, 'finance');
    const noReason = await executeOperation(op(walletOps.decideTopupOp), finance, {
      requestId: req.id,
      decision: 'reject',
    });
    assert.ok(!noReason.ok && noReason.fieldErrors?.reason);
    const asReseller = await executeOperation(op(walletOps.decideTopupOp), ctxFor(db, w.org.id, w.r1, 'reseller'), {
      requestId: req.id,
      decision: 'approve',
    });
    assert.ok(!asReseller.ok && asReseller.code === 'forbidden');
    assert.ok(
      (
        await executeOperation(op(walletOps.decideTopupOp), finance, {
          requestId: req.id,
          decision: 'reject',
          reason: 'Bukti transfer tidak ada',
        })
      ).ok,
    );
    const [row] = await db.select().from(walletTopupRequests).where(eq(walletTopupRequests.id, req.id));
    assert.equal(row!.status, 'rejected');
    assert.equal(row!.reason, 'Bukti transfer tidak ada');
    assert.equal(await getWalletBalance(db, { orgId: w.org.id, resellerUserId: w.r1 }), 0);
  });

  test('a gateway top-up is credited exactly once for twenty identical callbacks', async () => {
    const w = await world();
    await saveGatewaySettings(db, {
      orgId: w.org.id,
      actorUserId: w.admin.user.id,
      ip: null,
      input: {
        gateway: 'tripay',
        enabled: true,
        mode: 'production',
        credentials: tripay.credentials,
        methods: [{ code: 'BRIVA', enabled: true, feeType: 'flat', feeValue: 2_500, feeBearer: 'customer' }],
      },
    });
    const reseller = ctxFor(db, w.org.id, w.r1, 'reseller');
    const methods = await executeOperation(op(walletOps.topupMethodsOp), reseller, { amount: 100_000 });
    assert.ok(methods.ok && JSON.stringify(methods.data).includes('BRIVA'));
    const started = await executeOperation(op(walletOps.startGatewayTopupOp), reseller, {
      amount: 'Rp 100.000',
      gateway: 'tripay',
      method: 'BRIVA',
    });
    assert.ok(started.ok, JSON.stringify(started));
    const t = started.data as { orderId: string; charged: number; instructions: { vaNumber?: string } };
    assert.equal(t.charged, 102_500);
    assert.ok(t.instructions.vaNumber);
    // The same amount and method again shows the same payment.
    const again = await executeOperation(op(walletOps.startGatewayTopupOp), reseller, {
      amount: '100000',
      gateway: 'tripay',
      method: 'BRIVA',
    });
    assert.ok(again.ok && (again.data as { orderId: string }).orderId === t.orderId);

    tripay.setStatus(t.orderId, 'paid');
    const cb = tripay.callback(t.orderId, 'paid');
    const wide = createDb(process.env.DATABASE_URL!, { max: 20 });
    try {
      await Promise.all(
        Array.from({ length: 20 }, () =>
          receiveCallback(wide.db, {
            gateway: 'tripay',
            rawBody: cb.body,
            headers: new Headers(cb.headers),
            remoteIp: null,
          }),
        ),
      );
    } finally {
      await wide.client.end({ timeout: 5 });
    }
    assert.equal(await getWalletBalance(db, { orgId: w.org.id, resellerUserId: w.r1 }), 100_000);
    const credits = await db
      .select()
      .from(walletEntries)
      .where(and(eq(walletEntries.resellerUserId, w.r1), eq(walletEntries.kind, 'topup')));
    assert.equal(credits.length, 1);
    const [request] = await db.select().from(walletTopupRequests).where(eq(walletTopupRequests.resellerUserId, w.r1));
    assert.equal(request!.status, 'approved');
    assert.equal(request!.channel, 'gateway');
  });

  test('a gateway top-up that expires is closed and credits nothing', async () => {
    const w = await world();
    await saveGatewaySettings(db, {
      orgId: w.org.id,
      actorUserId: w.admin.user.id,
      ip: null,
      input: {
        gateway: 'tripay',
        enabled: true,
        mode: 'production',
        credentials: tripay.credentials,
        methods: [{ code: 'BRIVA', enabled: true, feeType: 'flat', feeValue: 0, feeBearer: 'customer' }],
      },
    });
    const started = await executeOperation(op(walletOps.startGatewayTopupOp), ctxFor(db, w.org.id, w.r1, 'reseller'), {
      amount: '50000',
      gateway: 'tripay',
      method: 'BRIVA',
    });
    assert.ok(started.ok);
    const orderId = (started.data as { orderId: string }).orderId;
    tripay.setStatus(orderId, 'expired');
    const cb = tripay.callback(orderId, 'expired');
    await receiveCallback(db, {
      gateway: 'tripay',
      rawBody: cb.body,
      headers: new Headers(cb.headers),
      remoteIp: null,
    });
    const [request] = await db.select().from(walletTopupRequests).where(eq(walletTopupRequests.resellerUserId, w.r1));
    assert.equal(request!.status, 'rejected');
    assert.equal(await getWalletBalance(db, { orgId: w.org.id, resellerUserId: w.r1 }), 0);
  });
});

describe('gateway top-ups after the payment', () => {
  // The Tripay fake also builds REFUND callbacks (the shared fake type lists only the usual three).
  const refundCallback = (orderId: string) =>
    (tripay.callback as (id: string, outcome: string) => ReturnType<GatewayFake['callback']>)(orderId, 'refunded');
  /** Tripay (production unless told) with a 2,500 fee the payer bears; a started 100,000 top-up. */
  async function startTopup(mode: 'production' | 'sandbox' = 'production') {
    const w = await world();
    await saveGatewaySettings(db, {
      orgId: w.org.id,
      actorUserId: w.admin.user.id,
      ip: null,
      input: {
        gateway: 'tripay',
        enabled: true,
        mode,
        credentials: tripay.credentials,
        methods: [{ code: 'BRIVA', enabled: true, feeType: 'flat', feeValue: 2_500, feeBearer: 'customer' }],
      },
    });
    const started = await executeOperation(op(walletOps.startGatewayTopupOp), ctxFor(db, w.org.id, w.r1, 'reseller'), {
      amount: '100000',
      gateway: 'tripay',
      method: 'BRIVA',
    });
    assert.ok(started.ok, JSON.stringify(started));
    const orderId = (started.data as { orderId: string }).orderId;
    const [t] = await db.select().from(gatewayTransactions).where(eq(gatewayTransactions.orderId, orderId));
    const deliver = async (cb: { body: string; headers: Record<string, string> }) =>
      receiveCallback(db, { gateway: 'tripay', rawBody: cb.body, headers: new Headers(cb.headers), remoteIp: null });
    const request = async () =>
      (await db.select().from(walletTopupRequests).where(eq(walletTopupRequests.gatewayTransactionId, t!.id)))[0]!;
    const balance = () => getWalletBalance(db, { orgId: w.org.id, resellerUserId: w.r1 });
    return { w, orderId, t: t!, deliver, request, balance };
  }

  test('a refund made at the gateway takes the credit back out of the wallet, once', async () => {
    const s = await startTopup();
    await s.deliver(tripay.callback(s.orderId, 'paid'));
    assert.equal(await s.balance(), 100_000);
    const refund = refundCallback(s.orderId);
    await s.deliver(refund);
    await s.deliver(refund);
    assert.equal(await s.balance(), 0);
    assert.equal(await sumWalletEntries(db, { orgId: s.w.org.id, resellerUserId: s.w.r1 }), 0);
    const entries = await db.select().from(walletEntries).where(eq(walletEntries.resellerUserId, s.w.r1));
    assert.deepEqual(
      entries.map((e) => e.amount).sort((a, b) => a - b),
      [-100_000, 100_000],
    );
    assert.equal((await s.request()).reason, 'refunded at the gateway');
    const [audit] = await db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.entityId, (await s.request()).id), eq(auditLogs.action, 'wallet.topup_refunded')));
    assert.ok(audit);
  });

  test('a refund of a top-up already spent never makes the balance negative; finance is told', async () => {
    const s = await startTopup();
    await s.deliver(tripay.callback(s.orderId, 'paid'));
    await buyVouchers(db, {
      orgId: s.w.org.id,
      resellerUserId: s.w.r1,
      ip: null,
      input: { profileId: s.w.profile.id, count: 5 },
    });
    await s.deliver(refundCallback(s.orderId));
    assert.equal(await s.balance(), 80_000);
    assert.match((await s.request()).reason ?? '', /100000 not recovered/);
    const [audit] = await db
      .select()
      .from(auditLogs)
      .where(
        and(eq(auditLogs.entityId, (await s.request()).id), eq(auditLogs.action, 'wallet.topup_refund_uncovered')),
      );
    assert.ok(audit);
  });

  test('a wrong amount is held; finance rejecting it closes the request, accepting credits what came in', async () => {
    const rejected = await startTopup();
    await rejected.deliver(tripay.callback(rejected.orderId, 'paid', { amount: rejected.t.chargedAmount - 1_000 }));
    assert.equal((await rejected.request()).status, 'pending');
    await resolveReview(db, {
      orgId: rejected.w.org.id,
      actorUserId: rejected.w.finance.user.id,
      ip: null,
      transactionId: rejected.t.id,
      decision: 'reject',
      note: 'kurang bayar',
    });
    assert.equal((await rejected.request()).status, 'rejected');
    assert.equal(await rejected.balance(), 0);

    const accepted = await startTopup();
    await accepted.deliver(tripay.callback(accepted.orderId, 'paid', { amount: accepted.t.chargedAmount - 1_000 }));
    await resolveReview(db, {
      orgId: accepted.w.org.id,
      actorUserId: accepted.w.finance.user.id,
      ip: null,
      transactionId: accepted.t.id,
      decision: 'accept',
      note: 'diterima',
    });
    // Received 101,500 less the 2,500 fee the reseller was to pay.
    assert.equal(await accepted.balance(), 99_000);
    assert.equal((await accepted.request()).status, 'approved');
  });

  test('a sandbox top-up is play money: never credited, and the request does not wait forever', async () => {
    const s = await startTopup('sandbox');
    await s.deliver(tripay.callback(s.orderId, 'paid'));
    assert.equal(await s.balance(), 0);
    const request = await s.request();
    assert.equal(request.status, 'rejected');
    assert.equal(request.reason, 'sandbox');
  });
});

describe('reseller isolation', () => {
  test('a reseller sees and spends only their own wallet, requests and batches', async () => {
    const w = await world();
    await w.credit(w.r1, 40_000);
    await w.credit(w.r2, 40_000);
    const bought = await buyVouchers(db, {
      orgId: w.org.id,
      resellerUserId: w.r2,
      ip: null,
      input: { profileId: w.profile.id, count: 1 },
    });
    const r2Request = await requestTopup(db, {
      orgId: w.org.id,
      actorUserId: w.r2,
      ip: null,
      input: { amount: 25_000, note: 'punya r2' },
    });
    const ctx1 = ctxFor(db, w.org.id, w.r1, 'reseller');
    const run = (o: unknown, input: unknown) => executeOperation(op(o), ctx1, input);
    const show = (r: unknown) => JSON.stringify(r);
    for (const [o, input] of [
      [walletOps.getWalletOp, {}],
      [walletOps.listMyBatchesOp, {}],
      [walletOps.myTopupsOp, {}],
      [walletOps.latestGatewayTopupOp, {}],
    ] as const) {
      const r = await run(o, input);
      assert.ok(r.ok);
      assert.ok(
        !show(r.data).includes(bought.batch.id) &&
          !show(r.data).includes(r2Request.id) &&
          !show(r.data).includes('punya r2'),
        o.name,
      );
    }
    const cards = await run(walletOps.printMyBatchOp, { batchId: bought.batch.id });
    assert.ok(!cards.ok && cards.code === 'not_found');
    // Inputs cannot name another reseller: the wallet is always the signed-in one.
    await run(walletOps.buyVouchersOp, { profileId: w.profile.id, count: 1, resellerUserId: w.r2 });
    assert.equal(await getWalletBalance(db, { orgId: w.org.id, resellerUserId: w.r2 }), 36_000);
    assert.equal(await getWalletBalance(db, { orgId: w.org.id, resellerUserId: w.r1 }), 36_000);
    // Staff operations and the staff voucher pages are not the reseller's.
    for (const o of [
      walletOps.listTopupsOp,
      walletOps.resellerLedgerOp,
      walletOps.adjustWalletOp,
      walletOps.listResellerWalletsOp,
    ]) {
      const r = await run(o, { resellerUserId: w.r2, amount: '1000', note: 'x' });
      assert.ok(!r.ok && r.code === 'forbidden', o.name);
    }
    const staffCards = await executeOperation(op((await import('@/lib/vouchers/operations')).printVouchersOp), ctx1, {
      batchId: bought.batch.id,
    });
    assert.ok(!staffCards.ok && staffCards.code === 'forbidden');
  });

  test('a commission posted by another module lands in the ledger with its running balance', async () => {
    const w = await world();
    await db.transaction((tx) =>
      postWalletEntry(tx, {
        orgId: w.org.id,
        resellerUserId: w.r1,
        kind: 'commission',
        amount: 7_500,
        refType: 'invoice',
        refId: 'inv-1',
        actorUserId: null,
      }),
    );
    const r = await executeOperation(op(walletOps.getWalletOp), ctxFor(db, w.org.id, w.r1, 'reseller'), {
      kind: 'commission',
    });
    assert.ok(r.ok);
    const data = r.data as { balance: number; entries: { items: { balanceAfter: number }[] } };
    assert.equal(data.balance, 7_500);
    assert.deepEqual(
      data.entries.items.map((e) => e.balanceAfter),
      [7_500],
    );
  });
});
