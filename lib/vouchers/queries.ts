import { aliasedTable, and, desc, eq, inArray, or, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { jobs, memberships, routers, users, voucherBatches, voucherProfiles, vouchers } from '@/db/schema';
import { decryptSecret } from '@/lib/crypto';
import { AppError } from '@/lib/server/errors';
import { afterCursor, decodeCursor, toPage } from '@/lib/server/pagination';
import { contains } from '@/lib/server/search';
import type { BatchDisplayStatus, BatchStatus, VoucherStatus } from './constants';

const resellers = aliasedTable(users, 'reseller');

/** Batches, newest first, with their profile, router and delivery job (state, progress, error). */
const batchColumns = {
  id: voucherBatches.id,
  createdAt: voucherBatches.createdAt,
  count: voucherBatches.count,
  codeLength: voucherBatches.codeLength,
  charset: voucherBatches.charset,
  prefix: voucherBatches.prefix,
  passwordMode: voucherBatches.passwordMode,
  delivery: voucherBatches.delivery,
  status: voucherBatches.status,
  deliveredCount: voucherBatches.deliveredCount,
  failedCount: voucherBatches.failedCount,
  priceRupiah: voucherBatches.priceRupiah,
  costRupiah: voucherBatches.costRupiah,
  resellerUserId: voucherBatches.resellerUserId,
  profileId: voucherBatches.profileId,
  profileName: voucherProfiles.name,
  routerId: voucherBatches.routerId,
  routerName: routers.name,
  jobId: voucherBatches.jobId,
  jobState: jobs.state,
  jobError: jobs.error,
  jobAttempts: jobs.attempts,
  progressDone: jobs.progressDone,
  progressTotal: jobs.progressTotal,
  createdByName: users.name,
  resellerName: resellers.name,
};

function batchQuery(db: Db) {
  return db
    .select(batchColumns)
    .from(voucherBatches)
    .innerJoin(voucherProfiles, eq(voucherProfiles.id, voucherBatches.profileId))
    .leftJoin(routers, eq(routers.id, voucherBatches.routerId))
    .leftJoin(jobs, eq(jobs.id, voucherBatches.jobId))
    .leftJoin(users, eq(users.id, voucherBatches.createdBy))
    .leftJoin(resellers, eq(resellers.id, voucherBatches.resellerUserId));
}

/**
 * What the pages show as the batch's state: the stored status, except that a delivery whose
 * job failed for good (no retries left) is `failed`, not "delivering" forever.
 */
export function batchDisplayStatus(b: { status: BatchStatus; jobState: string | null }): BatchDisplayStatus {
  return b.jobState === 'failed' && (b.status === 'queued' || b.status === 'delivering') ? 'failed' : b.status;
}

const withDisplay = <T extends { status: BatchStatus; jobState: string | null }>(b: T) => ({
  ...b,
  displayStatus: batchDisplayStatus(b),
});

const failedJob = sql`${jobs.state} = 'failed' and ${voucherBatches.status} in ('queued', 'delivering')`;

/** Per batch of `batchIds`, how many of its vouchers are in each status (one grouped read). */
async function countsByBatch(db: Db, p: { orgId: string; batchIds: string[] }) {
  const out = new Map<string, Partial<Record<VoucherStatus, number>>>();
  if (p.batchIds.length === 0) return out;
  const rows = await db
    .select({ batchId: vouchers.batchId, status: vouchers.status, n: sql<number>`count(*)::int` })
    .from(vouchers)
    .where(and(eq(vouchers.organizationId, p.orgId), inArray(vouchers.batchId, p.batchIds)))
    .groupBy(vouchers.batchId, vouchers.status);
  for (const r of rows) out.set(r.batchId, { ...out.get(r.batchId), [r.status]: r.n });
  return out;
}

/**
 * Batches, newest first. `q` matches the profile's name or finds the batch holding a code;
 * `status` is the displayed status (so `failed` finds deliveries that gave up).
 */
export async function listVoucherBatches(
  db: Db,
  p: { orgId: string; profileId?: string; q?: string; status?: BatchDisplayStatus; cursor?: string; limit?: number },
) {
  const limit = p.limit ?? 25;
  const byStatus =
    p.status === 'failed'
      ? failedJob
      : p.status
        ? and(eq(voucherBatches.status, p.status), sql`not (${failedJob})`)
        : undefined;
  const rows = await batchQuery(db)
    .where(
      and(
        eq(voucherBatches.organizationId, p.orgId),
        p.profileId ? eq(voucherBatches.profileId, p.profileId) : undefined,
        p.q
          ? or(
              sql`${voucherProfiles.name} ilike ${contains(p.q)}`,
              sql`exists (select 1 from vouchers v where v.organization_id = ${p.orgId} and v.batch_id = ${voucherBatches.id} and v.code = ${p.q})`,
            )
          : undefined,
        byStatus,
        afterCursor(voucherBatches.createdAt, voucherBatches.id, decodeCursor(p.cursor)),
      ),
    )
    .orderBy(desc(voucherBatches.createdAt), desc(voucherBatches.id))
    .limit(limit + 1);
  const page = toPage(rows, limit);
  const counts = await countsByBatch(db, { orgId: p.orgId, batchIds: page.items.map((b) => b.id) });
  return { ...page, items: page.items.map((b) => ({ ...withDisplay(b), byStatus: counts.get(b.id) ?? {} })) };
}

/** One batch with how many of its vouchers are in each status. */
export async function getVoucherBatch(db: Db, p: { orgId: string; batchId: string }) {
  const [batch] = await batchQuery(db).where(
    and(eq(voucherBatches.id, p.batchId), eq(voucherBatches.organizationId, p.orgId)),
  );
  if (!batch) throw new AppError('not_found');
  const counts = await countsByBatch(db, { orgId: p.orgId, batchIds: [batch.id] });
  return { ...withDisplay(batch), byStatus: counts.get(batch.id) ?? {} };
}

/** Vouchers (codes, status, usage), filtered by batch / status / code, in pages. */
export async function listVouchers(
  db: Db,
  p: { orgId: string; batchId?: string; status?: VoucherStatus; q?: string; cursor?: string; limit?: number },
) {
  const limit = p.limit ?? 50;
  const rows = await db
    .select({
      id: vouchers.id,
      createdAt: vouchers.createdAt,
      batchId: vouchers.batchId,
      code: vouchers.code,
      status: vouchers.status,
      firstLoginAt: vouchers.firstLoginAt,
      expiresAt: vouchers.expiresAt,
      usedSeconds: vouchers.usedSeconds,
      usedBytes: vouchers.usedBytes,
      soldAt: vouchers.soldAt,
      resellerUserId: vouchers.resellerUserId,
      profileName: voucherProfiles.name,
    })
    .from(vouchers)
    .innerJoin(voucherProfiles, eq(voucherProfiles.id, vouchers.profileId))
    .where(
      and(
        eq(vouchers.organizationId, p.orgId),
        p.batchId ? eq(vouchers.batchId, p.batchId) : undefined,
        p.status ? eq(vouchers.status, p.status) : undefined,
        p.q ? sql`${vouchers.code} ilike ${contains(p.q)}` : undefined,
        afterCursor(vouchers.createdAt, vouchers.id, decodeCursor(p.cursor)),
      ),
    )
    .orderBy(desc(vouchers.createdAt), desc(vouchers.id))
    .limit(limit + 1);
  return toPage(rows, limit);
}

/**
 * What a printed card shows for each voucher of a batch: code, password (decrypted in
 * `separate` mode), and the profile's price and validity. Spent vouchers are left out.
 */
export async function voucherCards(db: Db, p: { orgId: string; batchId: string }) {
  const [batch] = await db
    .select({
      id: voucherBatches.id,
      passwordMode: voucherBatches.passwordMode,
      priceRupiah: voucherBatches.priceRupiah,
      profile: voucherProfiles,
    })
    .from(voucherBatches)
    .innerJoin(voucherProfiles, eq(voucherProfiles.id, voucherBatches.profileId))
    .where(and(eq(voucherBatches.id, p.batchId), eq(voucherBatches.organizationId, p.orgId)));
  if (!batch) throw new AppError('not_found');
  const rows = await db
    .select({ code: vouchers.code, passwordEnc: vouchers.passwordEnc, status: vouchers.status })
    .from(vouchers)
    .where(
      and(
        eq(vouchers.organizationId, p.orgId),
        eq(vouchers.batchId, p.batchId),
        sql`${vouchers.status} in ('unused', 'active')`,
      ),
    )
    .orderBy(vouchers.createdAt, vouchers.id);
  const { profile } = batch;
  return {
    batchId: batch.id,
    passwordMode: batch.passwordMode,
    profile: {
      name: profile.name,
      priceRupiah: batch.priceRupiah,
      validityMinutes: profile.validityMinutes,
      timeQuotaMinutes: profile.timeQuotaMinutes,
      dataQuotaBytes: profile.dataQuotaBytes,
      rateLimit: profile.rateLimit,
    },
    cards: rows.map((r) => ({
      code: r.code,
      password: r.passwordEnc ? decryptSecret(r.passwordEnc) : r.code,
      status: r.status,
    })),
  };
}

/**
 * Sales per day (in the organization's zone), profile and reseller: vouchers sold (a
 * reseller's purchase, else the first login) and revenue at the batch's price snapshot
 * (card price, or the reseller price for a reseller's vouchers).
 */
export async function voucherSales(db: Db, p: { orgId: string; from: string; to: string }) {
  const rows = await db.execute<{
    day: string;
    profileId: string;
    profileName: string;
    resellerUserId: string | null;
    resellerName: string | null;
    sold: number;
    revenue: number;
  }>(sql`
    select to_char(v.sold_at at time zone o.timezone, 'YYYY-MM-DD') as day, v.profile_id as "profileId", pr.name as "profileName",
      v.reseller_user_id as "resellerUserId", u.name as "resellerName", count(*)::int as sold,
      -- The ISP's takings: the card price on its own sales, the reseller price on a reseller's.
      sum(case when v.reseller_user_id is null then b.price_rupiah else b.cost_rupiah end)::bigint as revenue
    from vouchers v
    join organizations o on o.id = v.organization_id
    join voucher_batches b on b.id = v.batch_id and b.organization_id = v.organization_id
    join voucher_profiles pr on pr.id = v.profile_id and pr.organization_id = v.organization_id
    left join users u on u.id = v.reseller_user_id
    where v.organization_id = ${p.orgId} and v.sold_at is not null
      and v.sold_at >= (${p.from}::date)::timestamp at time zone o.timezone
      and v.sold_at < ((${p.to}::date) + 1)::timestamp at time zone o.timezone
    group by 1, 2, 3, 4, 5 order by 1 desc, 3, 5 nulls first`);
  return [...rows].map((r) => ({ ...r, revenue: Number(r.revenue) }));
}

/** Active resellers of the organization, for the "owner" choice when generating a batch. */
export async function resellerChoices(db: Db, p: { orgId: string }) {
  return db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.organizationId, p.orgId), eq(memberships.role, 'reseller'), eq(memberships.active, true)))
    .orderBy(users.name)
    .limit(500);
}
