import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { organizations, paymentGateways, voucherBatches, voucherProfiles, vouchers } from '@/db/schema';
import { getBillingSettings } from '@/lib/billing/settings';
import { afterCursor, decodeCursor, toPage } from '@/lib/server/pagination';
import type { VoucherStatus } from '@/lib/vouchers/constants';

/**
 * What the top-up panel needs to choose its first tab: whether any gateway method is on
 * (else the manual transfer is the way, opened first), and the organization's bank accounts
 * from its billing settings, shown beside the transfer form.
 */
export async function walletTopupInfo(db: Db, p: { orgId: string }) {
  const [gateway] = await db
    .select({ id: paymentGateways.id })
    .from(paymentGateways)
    .where(
      and(
        eq(paymentGateways.organizationId, p.orgId),
        eq(paymentGateways.enabled, true),
        sql`exists (select 1 from jsonb_array_elements(${paymentGateways.methods}) m where (m->>'enabled')::boolean)`,
      ),
    )
    .limit(1);
  const settings = await getBillingSettings(db, p.orgId);
  return { online: Boolean(gateway), bankAccounts: settings.bankAccounts?.trim() || null };
}

/**
 * The codes a reseller bought, newest first (unused ones by default: those are for sale),
 * with what a buyer needs to read on a shared message: the profile, the price it was bought at, its validity,
 * and the organization's hotspot login page.
 */
export async function listResellerVouchers(
  db: Db,
  p: { orgId: string; resellerUserId: string; batchId?: string; status?: VoucherStatus; cursor?: string },
) {
  const limit = 50;
  const rows = await db
    .select({
      id: vouchers.id,
      createdAt: vouchers.createdAt,
      code: vouchers.code,
      status: vouchers.status,
      batchId: vouchers.batchId,
      profileName: voucherProfiles.name,
      // The price the batch was bought at: a later change to the profile is not this code's price.
      priceRupiah: voucherBatches.priceRupiah,
      validityMinutes: voucherProfiles.validityMinutes,
    })
    .from(vouchers)
    .innerJoin(voucherProfiles, eq(voucherProfiles.id, vouchers.profileId))
    .innerJoin(
      voucherBatches,
      and(eq(voucherBatches.id, vouchers.batchId), eq(voucherBatches.organizationId, vouchers.organizationId)),
    )
    .where(
      and(
        eq(vouchers.organizationId, p.orgId),
        eq(vouchers.resellerUserId, p.resellerUserId),
        p.batchId ? eq(vouchers.batchId, p.batchId) : undefined,
        eq(vouchers.status, p.status ?? 'unused'),
        afterCursor(vouchers.createdAt, vouchers.id, decodeCursor(p.cursor)),
      ),
    )
    .orderBy(desc(vouchers.createdAt), desc(vouchers.id))
    .limit(limit + 1);
  const [org] = await db
    .select({ name: organizations.name, loginUrl: organizations.hotspotLoginUrl })
    .from(organizations)
    .where(eq(organizations.id, p.orgId));
  return { ...toPage(rows, limit), organization: org?.name ?? '', loginUrl: org?.loginUrl ?? null };
}
