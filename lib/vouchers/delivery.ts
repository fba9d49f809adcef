import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { voucherBatches, voucherProfiles, vouchers } from '@/db/schema';
import { decryptSecret } from '@/lib/crypto';
import type { BatchStatus } from './constants';
import type { VoucherProfileOnRouter, VoucherUser } from './router';

/** The database side of a delivery job (the worker does the router side). */
export async function loadBatchForDelivery(db: Db, p: { orgId: string; batchId: string }) {
  const [row] = await db
    .select({ batch: voucherBatches, profile: voucherProfiles })
    .from(voucherBatches)
    .innerJoin(
      voucherProfiles,
      and(
        eq(voucherProfiles.id, voucherBatches.profileId),
        eq(voucherProfiles.organizationId, voucherBatches.organizationId),
      ),
    )
    .where(and(eq(voucherBatches.id, p.batchId), eq(voucherBatches.organizationId, p.orgId)));
  return row ?? null;
}

/** The profile as the router should hold it: its hotspot profile name defaults to the profile's name. */
export function profileOnRouter(profile: typeof voucherProfiles.$inferSelect): VoucherProfileOnRouter {
  return {
    name: profile.routerProfile?.trim() || profile.name,
    rateLimit: profile.rateLimit,
    sharedUsers: profile.sharedUsers,
    timeQuotaMinutes: profile.timeQuotaMinutes,
    dataQuotaBytes: profile.dataQuotaBytes,
  };
}

/**
 * The batch's logins for the router. Used, expired and disabled vouchers are not (re)added:
 * a retried or repeated delivery must not bring a spent voucher back.
 */
export async function batchUsersToDeliver(db: Db, p: { orgId: string; batchId: string }): Promise<VoucherUser[]> {
  const rows = await db
    .select({ code: vouchers.code, passwordEnc: vouchers.passwordEnc })
    .from(vouchers)
    .where(
      and(
        eq(vouchers.organizationId, p.orgId),
        eq(vouchers.batchId, p.batchId),
        inArray(vouchers.status, ['unused', 'active']),
      ),
    );
  return rows.map((r) => ({ code: r.code, password: r.passwordEnc ? decryptSecret(r.passwordEnc) : r.code }));
}

export async function setBatchDelivery(
  db: Db,
  p: { orgId: string; batchId: string; status: BatchStatus; delivered?: number; failed?: number },
) {
  await db
    .update(voucherBatches)
    .set({
      status: p.status,
      ...(p.delivered !== undefined ? { deliveredCount: p.delivered } : {}),
      ...(p.failed !== undefined ? { failedCount: p.failed } : {}),
    })
    .where(and(eq(voucherBatches.id, p.batchId), eq(voucherBatches.organizationId, p.orgId)));
}

/**
 * Batches on one router that still have vouchers to watch (unused or active), or one whose
 * validity ran out in the last day: a sync that marked it expired and then lost the router
 * before disabling it there is retried, and the retry must still find that batch even when
 * nothing else in it is live (else the router would let the expired voucher in for ever).
 */
export async function liveBatchesOnRouter(db: Db, p: { orgId: string; routerId: string }) {
  const rows = await db.execute<{ id: string }>(sql`
    select b.id from voucher_batches b
    where b.organization_id = ${p.orgId} and b.router_id = ${p.routerId} and b.delivery = 'router'
      and exists (select 1 from vouchers v where v.organization_id = ${p.orgId} and v.batch_id = b.id
        and (v.status in ('unused', 'active') or (v.status = 'expired' and v.expires_at > now() - interval '1 day')))`);
  return [...rows].map((r) => r.id);
}

/** Of `codes` (enabled on the router), those that must not log in any more. */
export async function withdrawnCodes(db: Db, p: { orgId: string; batchId: string; codes: string[] }) {
  if (p.codes.length === 0) return [];
  const rows = await db.execute<{ code: string }>(sql`
    select v.code from vouchers v
    where v.organization_id = ${p.orgId} and v.batch_id = ${p.batchId} and v.status in ('expired', 'disabled')
      and v.code in (select jsonb_array_elements_text(${JSON.stringify(p.codes)}::jsonb))`);
  return [...rows].map((r) => r.code);
}
