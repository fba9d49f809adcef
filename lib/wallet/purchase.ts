import { and, asc, desc, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { routers, voucherBatches, voucherProfiles } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { formatIDR } from '@/lib/format';
import { AppError } from '@/lib/server/errors';
import { afterCursor, decodeCursor, toPage } from '@/lib/server/pagination';
import { generateBatch } from '@/lib/vouchers/batches';
import { getVoucherProfile } from '@/lib/vouchers/profiles';
import { lockWallet, postWalletEntry } from './ledger';
import type { BuyVouchersInput } from './schemas';

type Reseller = { orgId: string; resellerUserId: string; ip: string | null };

/**
 * How a reseller's codes look. Fixed, so the reseller has nothing to get wrong: lower-case
 * letters and digits are the easiest to type on a phone's hotspot login page, and 8 of them
 * leave room for millions of vouchers under the 1 % share of the code space.
 */
const RESELLER_CODES = { codeLength: 8, charset: 'lower_numeric', prefix: '', passwordMode: 'same' } as const;

/**
 * Buys `count` vouchers of a profile at its reseller price, from the wallet. One database
 * transaction: the wallet row is locked first (so concurrent purchases of one reseller queue
 * and each sees the balance the previous one left), the balance is checked, the batch with
 * its codes and delivery job is made, and the debit naming the batch is booked. Any failure
 * rolls all of it back: no batch without its payment, no payment without its batch.
 *
 * Delivery: with `routerId`, to that router's hotspot users (API); without, as RADIUS rows,
 * which every hotspot of the organization that asks its RADIUS accepts. The organization
 * has no single "hotspot router", so the reseller picks where the vouchers will be sold
 * (the buy form offers the organization's routers by name only).
 */
export async function buyVouchers(db: Db, p: Reseller & { input: BuyVouchersInput }) {
  const { input } = p;
  return db.transaction(async (tx) => {
    const wallet = await lockWallet(tx, p.orgId, p.resellerUserId);
    const profile = await getVoucherProfile(tx, { orgId: p.orgId, profileId: input.profileId });
    if (!profile.active) throw new AppError('voucher_profile_inactive', {}, { profileId: 'validation.invalid' });
    const total = profile.costRupiah * input.count;
    if (input.expectedTotal !== undefined && input.expectedTotal !== total)
      throw new AppError('wallet_price_changed', { total: formatIDR(total) });
    if (wallet.balance < total)
      throw new AppError('wallet_insufficient', { balance: formatIDR(wallet.balance), needed: formatIDR(total) });
    if (input.routerId) await assertApiRouter(tx, p.orgId, input.routerId);

    const batch = await generateBatch(tx, {
      orgId: p.orgId,
      actorUserId: p.resellerUserId,
      ip: p.ip,
      input: {
        ...RESELLER_CODES,
        profileId: profile.id,
        count: input.count,
        delivery: input.routerId ? 'router' : 'radius',
        routerId: input.routerId ?? null,
        resellerUserId: p.resellerUserId,
      },
    });
    // A free profile (reseller price 0) moves no money, so it leaves no ledger row.
    const entry =
      total > 0
        ? await postWalletEntry(tx, {
            orgId: p.orgId,
            resellerUserId: p.resellerUserId,
            kind: 'purchase',
            amount: -total,
            refType: 'voucher_batch',
            refId: batch.id,
            note: `${input.count} × ${profile.name}`,
            actorUserId: p.resellerUserId,
          })
        : null;
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.resellerUserId,
      ip: p.ip,
      action: 'wallet.purchase',
      entityType: 'voucher_batch',
      entityId: batch.id,
      data: {
        profile: profile.name,
        count: input.count,
        unitCost: profile.costRupiah,
        total,
        balanceAfter: entry?.balanceAfter ?? wallet.balance,
      },
    });
    return { batch, total, balance: entry?.balanceAfter ?? wallet.balance };
  });
}

/** A router delivery needs the router's API: a RADIUS-mode router is served by RADIUS rows. */
async function assertApiRouter(tx: Db, orgId: string, routerId: string) {
  const [router] = await tx
    .select({ mode: routers.mode })
    .from(routers)
    .where(and(eq(routers.id, routerId), eq(routers.organizationId, orgId)));
  if (router?.mode !== 'api') throw new AppError('not_found', {}, { routerId: 'validation.invalid' });
}

/** What the buy form offers: active profiles at reseller price, and where vouchers can go. */
export async function purchaseOptions(db: Db, p: { orgId: string }) {
  const profiles = await db
    .select({
      id: voucherProfiles.id,
      name: voucherProfiles.name,
      priceRupiah: voucherProfiles.priceRupiah,
      costRupiah: voucherProfiles.costRupiah,
      validityMinutes: voucherProfiles.validityMinutes,
      timeQuotaMinutes: voucherProfiles.timeQuotaMinutes,
      dataQuotaBytes: voucherProfiles.dataQuotaBytes,
    })
    .from(voucherProfiles)
    .where(and(eq(voucherProfiles.organizationId, p.orgId), eq(voucherProfiles.active, true)))
    .orderBy(asc(voucherProfiles.costRupiah), asc(voucherProfiles.name));
  const routerRows = await db
    .select({ id: routers.id, name: routers.name, area: routers.area, mode: routers.mode })
    .from(routers)
    .where(eq(routers.organizationId, p.orgId))
    .orderBy(asc(routers.name));
  return {
    profiles,
    routers: routerRows.filter((r) => r.mode === 'api').map(({ id, name, area }) => ({ id, name, area })),
    radius: routerRows.some((r) => r.mode === 'radius'),
  };
}

/** The reseller's own batches, newest first. */
export async function listResellerBatches(
  db: Db,
  p: { orgId: string; resellerUserId: string; cursor?: string; limit?: number },
) {
  const limit = p.limit ?? 10;
  const rows = await db
    .select({
      id: voucherBatches.id,
      createdAt: voucherBatches.createdAt,
      count: voucherBatches.count,
      status: voucherBatches.status,
      deliveredCount: voucherBatches.deliveredCount,
      priceRupiah: voucherBatches.priceRupiah,
      costRupiah: voucherBatches.costRupiah,
      profileName: voucherProfiles.name,
    })
    .from(voucherBatches)
    .innerJoin(voucherProfiles, eq(voucherProfiles.id, voucherBatches.profileId))
    .where(
      and(
        eq(voucherBatches.organizationId, p.orgId),
        eq(voucherBatches.resellerUserId, p.resellerUserId),
        afterCursor(voucherBatches.createdAt, voucherBatches.id, decodeCursor(p.cursor)),
      ),
    )
    .orderBy(desc(voucherBatches.createdAt), desc(voucherBatches.id))
    .limit(limit + 1);
  return toPage(rows, limit);
}
