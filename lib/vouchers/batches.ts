import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { memberships, routers, voucherBatches } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { encryptSecret } from '@/lib/crypto';
import { emitRows, voucherSaleRows } from '@/lib/events/rows';
import { enqueue } from '@/lib/jobs/enqueue';
import { AppError } from '@/lib/server/errors';
import type { Actor } from '@/lib/server/operation';
import { assertEnoughSpace, generateCodes, generatePasswords } from './codes';
import { voucherDeliver } from './jobs';
import { getVoucherProfile } from './profiles';
import type { GenerateBatchInput } from './schemas';
import { pgTextArray } from './sql-arrays';

// Each round re-draws only the codes the database refused; at ≤ 1 % occupancy one or two
// rounds do it, so running out of rounds means the space is crowded after all.
const MAX_ROUNDS = 8;

/** The ids an input names belong to this organization (or the batch is refused as not found). */
async function checkTargets(db: Db, p: Actor & { input: GenerateBatchInput }) {
  const profile = await getVoucherProfile(db, { orgId: p.orgId, profileId: p.input.profileId });
  if (!profile.active) throw new AppError('voucher_profile_inactive', {}, { profileId: 'validation.invalid' });
  if (p.input.routerId) {
    const [router] = await db
      .select({ id: routers.id })
      .from(routers)
      .where(and(eq(routers.id, p.input.routerId), eq(routers.organizationId, p.orgId)));
    if (!router) throw new AppError('not_found', {}, { routerId: 'validation.invalid' });
  }
  if (p.input.resellerUserId) {
    const [member] = await db
      .select({ id: memberships.id })
      .from(memberships)
      .where(
        and(
          eq(memberships.organizationId, p.orgId),
          eq(memberships.userId, p.input.resellerUserId),
          eq(memberships.role, 'reseller'),
          eq(memberships.active, true),
        ),
      );
    if (!member) throw new AppError('not_found', {}, { resellerUserId: 'validation.invalid' });
  }
  return profile;
}

/** Codes already issued in the same space (prefix, length, charset): they count against the 1 % share. */
async function codesInSpace(db: Db, p: { orgId: string; input: GenerateBatchInput }) {
  const [row] = await db
    .select({ n: sql<number>`coalesce(sum(${voucherBatches.count}), 0)::int` })
    .from(voucherBatches)
    .where(
      and(
        eq(voucherBatches.organizationId, p.orgId),
        eq(voucherBatches.codeLength, p.input.codeLength),
        eq(voucherBatches.charset, p.input.charset),
        eq(voucherBatches.prefix, p.input.prefix),
      ),
    );
  return row?.n ?? 0;
}

/**
 * Inserts `codes` in one statement; returns how many went in. A code another voucher of the
 * organization already has, or that is a customer's service username (the same name would
 * mean two things on a router or in RADIUS), is skipped and re-drawn by the caller.
 */
async function insertCodes(
  db: Db,
  p: {
    orgId: string;
    batchId: string;
    profileId: string;
    resellerUserId: string | null;
    codes: string[];
    passwords: string[] | null;
  },
) {
  const soldAt = p.resellerUserId ? sql`now()` : sql`null`;
  const [row] = await db.execute<{ n: number }>(sql`
    with ins as (
      insert into vouchers (organization_id, batch_id, profile_id, code, password_enc, reseller_user_id, sold_at)
      select ${p.orgId}::uuid, ${p.batchId}::uuid, ${p.profileId}::uuid, t.code, t.pw, ${p.resellerUserId}::uuid, ${soldAt}
      from unnest(${pgTextArray(p.codes)}::text[], ${pgTextArray(p.passwords ?? [])}::text[]) as t(code, pw)
      where not exists (select 1 from subscriptions s where s.organization_id = ${p.orgId} and s.service_username = t.code)
      on conflict (organization_id, code) do nothing
      returning 1)
    select count(*)::int as n from ins`);
  return row?.n ?? 0;
}

/**
 * Generates a batch: the batch row, its vouchers (unique per organization, drawn from the
 * CSPRNG), the delivery job and the audit entry, all in one transaction: a failure leaves
 * nothing half-made, and a rolled-back batch leaves no job behind.
 */
export async function generateBatch(db: Db, p: Actor & { input: GenerateBatchInput }) {
  const input = p.input;
  return db.transaction(async (tx) => {
    const profile = await checkTargets(tx, p);
    assertEnoughSpace({
      charset: input.charset,
      length: input.codeLength,
      count: input.count,
      existing: await codesInSpace(tx, p),
    });
    const [batch] = await tx
      .insert(voucherBatches)
      .values({
        organizationId: p.orgId,
        profileId: profile.id,
        count: input.count,
        codeLength: input.codeLength,
        charset: input.charset,
        prefix: input.prefix,
        passwordMode: input.passwordMode,
        delivery: input.delivery,
        routerId: input.routerId ?? null,
        resellerUserId: input.resellerUserId ?? null,
        priceRupiah: profile.priceRupiah,
        costRupiah: profile.costRupiah,
        createdBy: p.actorUserId,
      })
      .returning();
    const spec = { charset: input.charset, length: input.codeLength, prefix: input.prefix };
    const taken = new Set<string>();
    let stored = 0;
    for (let round = 0; stored < input.count; round++) {
      if (round === MAX_ROUNDS)
        throw new AppError('voucher_space_small', { max: stored }, { codeLength: 'validation.voucherSpace' });
      const codes = generateCodes(input.count - stored, spec, taken);
      const passwords =
        input.passwordMode === 'separate' ? generatePasswords(codes.length, spec).map(encryptSecret) : null;
      stored += await insertCodes(tx, {
        orgId: p.orgId,
        batchId: batch!.id,
        profileId: profile.id,
        resellerUserId: input.resellerUserId ?? null,
        codes,
        passwords,
      });
    }
    // Codes made for a reseller are sold to them (bought from the wallet, or handed over).
    if (input.resellerUserId)
      await emitRows(tx, {
        orgId: p.orgId,
        type: 'voucher.sold',
        rows: voucherSaleRows({ orgId: p.orgId, batchId: batch!.id }),
      });
    const job = await enqueue(tx, voucherDeliver, {
      orgId: p.orgId,
      payload: { batchId: batch!.id },
      createdBy: p.actorUserId,
      // Router deliveries wait out an outage and run in the router's queue, in order with its
      // other changes; RADIUS rows are only database writes.
      routerId: input.delivery === 'router' ? input.routerId! : null,
    });
    const [row] = await tx
      .update(voucherBatches)
      .set({ jobId: job.id })
      .where(and(eq(voucherBatches.id, batch!.id), eq(voucherBatches.organizationId, p.orgId)))
      .returning();
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      action: 'voucher_batch.generated',
      entityType: 'voucher_batch',
      entityId: batch!.id,
      data: {
        profile: profile.name,
        count: input.count,
        delivery: input.delivery,
        routerId: input.routerId ?? null,
        resellerUserId: input.resellerUserId ?? null,
        price: profile.priceRupiah,
        jobId: job.id,
      },
    });
    return row!;
  });
}
