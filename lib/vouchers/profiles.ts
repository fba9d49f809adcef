import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { voucherProfiles } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { AppError } from '@/lib/server/errors';
import type { Actor } from '@/lib/server/operation';
import { uniqueViolation } from '@/lib/server/pg-errors';
import { contains } from '@/lib/server/search';
import { writeVoucherGroup } from './radius';
import type { VoucherProfileInput } from './schemas';

function toColumns(input: VoucherProfileInput) {
  return {
    name: input.name,
    priceRupiah: input.priceRupiah,
    costRupiah: input.costRupiah,
    validityMinutes: input.validityMinutes,
    timeQuotaMinutes: input.timeQuotaMinutes,
    dataQuotaBytes: input.dataQuotaMb === null ? null : Math.round(input.dataQuotaMb * 1024 * 1024),
    rateLimit: input.rateLimit,
    sharedUsers: input.sharedUsers,
    routerProfile: input.routerProfile,
    radiusGroup: input.radiusGroup,
  };
}

export async function listVoucherProfiles(db: Db, p: { orgId: string; q?: string; includeInactive?: boolean }) {
  return db
    .select()
    .from(voucherProfiles)
    .where(
      and(
        eq(voucherProfiles.organizationId, p.orgId),
        p.includeInactive ? undefined : eq(voucherProfiles.active, true),
        p.q ? sql`${voucherProfiles.name} ilike ${contains(p.q)}` : undefined,
      ),
    )
    .orderBy(asc(voucherProfiles.priceRupiah), asc(voucherProfiles.name));
}

export async function getVoucherProfile(db: Db, p: { orgId: string; profileId: string }) {
  const [row] = await db
    .select()
    .from(voucherProfiles)
    .where(and(eq(voucherProfiles.id, p.profileId), eq(voucherProfiles.organizationId, p.orgId)));
  if (!row) throw new AppError('not_found');
  return row;
}

/**
 * Creates or updates a profile. Its RADIUS group is rewritten in the same transaction, so
 * RADIUS vouchers get the new speed or quota at their next login. Router hotspot profiles
 * are brought in line by the next delivery to each router.
 */
export async function saveVoucherProfile(db: Db, p: Actor & { profileId?: string; input: VoucherProfileInput }) {
  try {
    return await db.transaction(async (tx) => {
      const columns = toColumns(p.input);
      let row: typeof voucherProfiles.$inferSelect;
      let before: typeof voucherProfiles.$inferSelect | undefined;
      if (p.profileId) {
        before = await getVoucherProfile(tx, { orgId: p.orgId, profileId: p.profileId });
        [row] = (await tx
          .update(voucherProfiles)
          .set({ ...columns, updatedAt: sql`now()` })
          .where(and(eq(voucherProfiles.id, p.profileId), eq(voucherProfiles.organizationId, p.orgId)))
          .returning()) as [typeof row];
      } else {
        [row] = (await tx
          .insert(voucherProfiles)
          .values({ organizationId: p.orgId, ...columns })
          .returning()) as [typeof row];
      }
      await writeVoucherGroup(tx, { orgId: p.orgId, profile: row, before });
      await recordAudit(tx, {
        orgId: p.orgId,
        actorUserId: p.actorUserId,
        ip: p.ip,
        action: before ? 'voucher_profile.updated' : 'voucher_profile.created',
        entityType: 'voucher_profile',
        entityId: row.id,
        data: columns,
      });
      return row;
    });
  } catch (error) {
    if (uniqueViolation(error) === 'voucher_profiles_org_name_uq')
      throw new AppError('voucher_profile_name_taken', {}, { name: 'validation.voucherProfileName' });
    throw error;
  }
}

/** Profiles are never deleted (batches point at them): retired ones cannot get new batches. */
export async function setVoucherProfileActive(db: Db, p: Actor & { profileId: string; active: boolean }) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(voucherProfiles)
      .set({ active: p.active, updatedAt: sql`now()` })
      .where(and(eq(voucherProfiles.id, p.profileId), eq(voucherProfiles.organizationId, p.orgId)))
      .returning();
    if (!row) throw new AppError('not_found');
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      action: p.active ? 'voucher_profile.reactivated' : 'voucher_profile.retired',
      entityType: 'voucher_profile',
      entityId: row.id,
    });
    return row;
  });
}
