import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { voucherBatches, vouchers } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { enqueue } from '@/lib/jobs/enqueue';
import { retryJob } from '@/lib/jobs/mutations';
import { AppError } from '@/lib/server/errors';
import type { Actor } from '@/lib/server/operation';
import { voucherDisable } from './jobs';
import { applyVoucherRadiusState } from './radius';

async function loadBatch(db: Db, p: { orgId: string; batchId: string }) {
  const [batch] = await db
    .select()
    .from(voucherBatches)
    .where(and(eq(voucherBatches.id, p.batchId), eq(voucherBatches.organizationId, p.orgId)));
  if (!batch) throw new AppError('not_found');
  return batch;
}

/**
 * Withdraws a lost or stolen voucher (unused or active), or every unused voucher of a batch
 * (stock that went missing; vouchers customers already use keep working). The status change,
 * the RADIUS reject rows, the router job and the audit entry are one transaction. On a router
 * the `voucher-disable` job disables the users and drops their sessions.
 */
export async function disableVouchers(db: Db, p: Actor & { batchId: string; voucherId?: string }) {
  return db.transaction(async (tx) => {
    const batch = await loadBatch(tx, p);
    const rows = await tx
      .update(vouchers)
      .set({ status: 'disabled' })
      .where(
        and(
          eq(vouchers.organizationId, p.orgId),
          eq(vouchers.batchId, batch.id),
          p.voucherId ? eq(vouchers.id, p.voucherId) : undefined,
          p.voucherId ? sql`${vouchers.status} in ('unused', 'active')` : eq(vouchers.status, 'unused'),
        ),
      )
      .returning({ id: vouchers.id, code: vouchers.code });
    if (p.voucherId && rows.length === 0) throw new AppError('not_found');
    let jobId: string | null = null;
    if (rows.length > 0 && batch.delivery === 'radius') {
      await applyVoucherRadiusState(tx, {
        orgId: p.orgId,
        where: sql`v.batch_id = ${batch.id} and v.status = 'disabled'`,
      });
    } else if (rows.length > 0 && batch.routerId) {
      const job = await enqueue(tx, voucherDisable, {
        orgId: p.orgId,
        routerId: batch.routerId,
        payload: { batchId: batch.id, codes: p.voucherId ? rows.map((r) => r.code) : null },
        createdBy: p.actorUserId,
      });
      jobId = job.id;
    }
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      action: p.voucherId ? 'voucher.disabled' : 'voucher_batch.disabled',
      entityType: p.voucherId ? 'voucher' : 'voucher_batch',
      entityId: p.voucherId ?? batch.id,
      data: { batchId: batch.id, count: rows.length, codes: rows.slice(0, 20).map((r) => r.code), jobId },
    });
    return { disabled: rows.length, jobId };
  });
}

/** A batch whose delivery failed for good gets its job started again (same payload, audited). */
export async function retryBatchDelivery(db: Db, p: Actor & { batchId: string }) {
  return db.transaction(async (tx) => {
    const batch = await loadBatch(tx, p);
    if (!batch.jobId) throw new AppError('voucher_batch_not_failed');
    try {
      // retryJob locks the job and refuses one that has not failed; it records `job.retried`.
      await retryJob(tx, { orgId: p.orgId, jobId: batch.jobId, actorUserId: p.actorUserId, ip: p.ip });
    } catch (error) {
      if (error instanceof AppError && error.code === 'job_not_retryable')
        throw new AppError('voucher_batch_not_failed');
      throw error;
    }
    await tx
      .update(voucherBatches)
      .set({ status: 'queued' })
      .where(and(eq(voucherBatches.id, batch.id), eq(voucherBatches.organizationId, p.orgId)));
    return { retried: true, jobId: batch.jobId };
  });
}
