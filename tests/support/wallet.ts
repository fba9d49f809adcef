import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { walletEntries, wallets, walletTopupRequests } from '@/db/schema';
import { type Ctx, executeOperation, type Operation, type Result } from '@/lib/server/operation';
import * as walletOps from '@/lib/wallet/operations';
import { buyVouchers } from '@/lib/wallet/purchase';
import { adjustWallet, requestTopup } from '@/lib/wallet/topups';
import { ctxFor, makeMember } from '../helpers';
import { makeVoucherBatch } from './vouchers';

/** The wallet part of the tenant-isolation and permission-matrix tests (kept here, small). */

// A 1×1 PNG: the transfer slip of the world's pending request.
const SLIP = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/** A reseller with a balance, a pending top-up request and one bought batch. */
export async function makeWalletWorld(db: Database, orgId: string, adminUserId: string, label = 'W') {
  const reseller = await makeMember(db, orgId, 'reseller');
  const resellerUserId = reseller.user.id;
  const { profile } = await makeVoucherBatch(db, orgId, adminUserId, `Voucher ${label} ${resellerUserId.slice(0, 4)}`);
  await adjustWallet(db, {
    orgId,
    actorUserId: adminUserId,
    ip: null,
    input: { resellerUserId, amount: 100_000, note: `saldo ${label}` },
  });
  const { batch } = await buyVouchers(db, {
    orgId,
    resellerUserId,
    ip: null,
    input: { profileId: profile.id, count: 2 },
  });
  const request = await requestTopup(db, {
    orgId,
    actorUserId: resellerUserId,
    ip: null,
    input: { amount: 50_000, note: `permintaan ${label}`, proof: new File([SLIP], 'slip.png', { type: 'image/png' }) },
  });
  return { resellerUserId, profile, batch, request };
}

/**
 * Inputs for the permission matrix. The wallet operations of a reseller act on the signed-in
 * user's own wallet, so the matrix runs them (role reseller) as `resellerUserId`, a real
 * reseller member; everything else runs as the admin's user under each role.
 */
export async function walletMatrixInputs(db: Database, orgId: string, adminUserId: string, routerId: string) {
  const w = await makeWalletWorld(db, orgId, adminUserId);
  const inputs: Record<string, unknown> = {
    'wallet.get': { kind: '' },
    'wallet.purchaseOptions': {},
    'wallet.buyVouchers': { profileId: w.profile.id, count: '1', routerId },
    'wallet.batches': {},
    'wallet.printBatch': { batchId: w.batch.id, format: 'thermal' },
    'wallet.requestTopup': { amount: 'Rp 25.000', note: 'transfer' },
    'wallet.myTopups': {},
    'wallet.topupMethods': { amount: '50000' },
    // The scenario's Tripay account (sandbox, BRIVA) and its loopback stand-in.
    'wallet.startGatewayTopup': { amount: '50000', gateway: 'tripay', method: 'BRIVA' },
    'wallet.latestGatewayTopup': {},
    'wallet.listTopups': { status: 'pending' },
    'wallet.decideTopup': { requestId: w.request.id, decision: 'approve' },
    'wallet.adjust': { resellerUserId: w.resellerUserId, amount: '-5.000', note: 'koreksi salah input' },
    'wallet.resellers': {},
    'wallet.resellerLedger': { resellerUserId: w.resellerUserId },
    'wallet.topupInfo': {},
    'wallet.vouchers': { batchId: w.batch.id },
    'wallet.topupProof': { requestId: w.request.id },
    'wallet.myTopupProof': { requestId: w.request.id },
  };
  return { inputs, resellerUserId: w.resellerUserId };
}

type Run = <T>(op: Operation<never, T>, input: unknown) => Promise<Result<T>>;
type Sides = {
  db: Database;
  run: Run;
  a: { orgId: string; userId: string };
  b: { orgId: string; userId: string; routerId: string };
};

const notFound = (r: Result<unknown>) => {
  assert.equal(r.ok, false);
  assert.equal(!r.ok && r.code, 'not_found');
};
const json = (v: unknown) => JSON.stringify(v);
const op = <K extends keyof typeof walletOps>(k: K) => walletOps[k] as unknown as Operation<never, unknown>;

/**
 * Organization A tries every wallet operation on organization B: A's admin (finance's
 * operations) with B's reseller, request and ledger; A's reseller (the reseller's own
 * operations) with B's profile, router and batch.
 */
export function walletIsolationCases(sides: () => Sides): Record<string, () => Promise<void>> {
  let bData: ReturnType<typeof makeWalletWorld> | undefined;
  let aReseller: Promise<Ctx> | undefined;
  const bWorld = () => (bData ??= makeWalletWorld(sides().db, sides().b.orgId, sides().b.userId, 'B'));
  const asReseller = async (o: Operation<never, unknown>, input: unknown) => {
    aReseller ??= makeMember(sides().db, sides().a.orgId, 'reseller').then((m) =>
      ctxFor(sides().db, sides().a.orgId, m.user.id, 'reseller'),
    );
    return executeOperation(o, await aReseller, input);
  };
  const bBalance = async () => {
    const [row] = await sides()
      .db.select()
      .from(wallets)
      .where(eq(wallets.resellerUserId, (await bWorld()).resellerUserId));
    return row!.balance;
  };
  const readsNothingOfB = async (r: Result<unknown>) => {
    const b = await bWorld();
    assert.ok(r.ok);
    for (const secret of [b.resellerUserId, b.batch.id, b.request.id, b.profile.id, 'permintaan B', 'saldo B'])
      assert.ok(!json(r.data).includes(secret), secret);
  };
  return {
    'wallet.get': async () => readsNothingOfB(await asReseller(op('getWalletOp'), {})),
    'wallet.purchaseOptions': async () => readsNothingOfB(await asReseller(op('purchaseOptionsOp'), {})),
    'wallet.buyVouchers': async () => {
      const b = await bWorld();
      notFound(await asReseller(op('buyVouchersOp'), { profileId: b.profile.id, count: 1 }));
      assert.equal(await bBalance(), 92_000);
    },
    'wallet.batches': async () => readsNothingOfB(await asReseller(op('listMyBatchesOp'), {})),
    'wallet.printBatch': async () =>
      notFound(await asReseller(op('printMyBatchOp'), { batchId: (await bWorld()).batch.id })),
    'wallet.requestTopup': async () => {
      await bWorld();
      const r = await asReseller(op('requestTopupOp'), { amount: '20000' });
      assert.ok(r.ok);
      const [row] = await sides()
        .db.select()
        .from(walletTopupRequests)
        .where(eq(walletTopupRequests.id, (r.data as { id: string }).id));
      assert.equal(row!.organizationId, sides().a.orgId);
    },
    'wallet.myTopups': async () => readsNothingOfB(await asReseller(op('myTopupsOp'), {})),
    'wallet.topupMethods': async () => {
      // B's Tripay account is never offered to A.
      const r = await asReseller(op('topupMethodsOp'), { amount: 50_000 });
      assert.ok(r.ok && !json(r.data).includes('tripay'));
    },
    'wallet.startGatewayTopup': async () => {
      const r = await asReseller(op('startGatewayTopupOp'), { amount: '50000', gateway: 'tripay', method: 'BRIVA' });
      assert.ok(!r.ok && r.code === 'method_unavailable');
    },
    'wallet.latestGatewayTopup': async () => readsNothingOfB(await asReseller(op('latestGatewayTopupOp'), {})),
    'wallet.listTopups': async () => readsNothingOfB(await sides().run(op('listTopupsOp'), {})),
    'wallet.decideTopup': async () => {
      const b = await bWorld();
      notFound(await sides().run(op('decideTopupOp'), { requestId: b.request.id, decision: 'approve' }));
      const [row] = await sides().db.select().from(walletTopupRequests).where(eq(walletTopupRequests.id, b.request.id));
      assert.equal(row!.status, 'pending');
    },
    'wallet.adjust': async () => {
      const b = await bWorld();
      notFound(
        await sides().run(op('adjustWalletOp'), {
          resellerUserId: b.resellerUserId,
          amount: '1000000',
          note: 'dari A',
        }),
      );
      assert.equal(await bBalance(), 92_000);
    },
    'wallet.topupInfo': async () => readsNothingOfB(await asReseller(op('topupInfoOp'), {})),
    'wallet.vouchers': async () => {
      const b = await bWorld();
      const r = await asReseller(op('myVouchersOp'), { batchId: b.batch.id });
      assert.ok(r.ok && (r.data as { items: unknown[] }).items.length === 0);
      await readsNothingOfB(await asReseller(op('myVouchersOp'), {}));
    },
    'wallet.topupProof': async () =>
      notFound(await sides().run(op('topupProofOp'), { requestId: (await bWorld()).request.id })),
    'wallet.myTopupProof': async () =>
      notFound(await asReseller(op('myTopupProofOp'), { requestId: (await bWorld()).request.id })),
    'wallet.resellers': async () => readsNothingOfB(await sides().run(op('listResellerWalletsOp'), {})),
    'wallet.resellerLedger': async () => {
      const b = await bWorld();
      const r = await sides().run(op('resellerLedgerOp'), { resellerUserId: b.resellerUserId });
      assert.ok(r.ok && (r.data as { items: unknown[] }).items.length === 0);
      const entries = await sides()
        .db.select()
        .from(walletEntries)
        .where(eq(walletEntries.resellerUserId, b.resellerUserId));
      assert.equal(entries.length, 2);
    },
  };
}
