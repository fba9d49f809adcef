import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { stockCounts } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { AppError } from '@/lib/server/errors';
import type { Actor } from '@/lib/server/operation';
import { countVariance } from './count-variance';
import { lockCount } from './counts';
import { moveQuantity, moveUnits, newBatchId } from './ledger';
import { systemLocation } from './places';

async function submittedCount(tx: Db, p: { orgId: string; countId: string }) {
  const count = await lockCount(tx, p);
  if (count.status !== 'submitted') throw new AppError('stock_count_not_submitted');
  return count;
}

/**
 * Approval posts the count's adjustments through the ledger, all in one transaction and one
 * batch (kind adjust, the count on every row): missing units go to the written-off location,
 * unexpected units are moved here from where the books had them, bulk differences come onto
 * or leave the books. Unknown serials are not posted. The variance is read again inside the
 * transaction, so what is posted is what the books say now; a unit that moves at the same
 * moment makes the approval fail (`stock_unit_not_here`) rather than post a stale line.
 */
export async function approveCount(db: Db, p: Actor & { countId: string }) {
  return db.transaction(async (tx) => {
    const count = await submittedCount(tx, p);
    const v = await countVariance(tx, { orgId: p.orgId, countId: count.id, locationId: count.locationId });
    const move = {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      kind: 'adjust' as const,
      batchId: newBatchId(),
      stockCountId: count.id,
      reason: 'stock_count',
    };
    if (v.missing.length > 0) {
      const writtenOff = await systemLocation(tx, { orgId: p.orgId, kind: 'written_off' });
      await moveUnits(tx, {
        ...move,
        units: v.missing.map((u) => ({ id: u.unitId, from: count.locationId })),
        to: writtenOff.id,
      });
    }
    if (v.unexpected.length > 0)
      await moveUnits(tx, {
        ...move,
        units: v.unexpected.map((u) => ({ id: u.unitId, from: u.fromLocationId })),
        to: count.locationId,
      });
    for (const q of v.quantities) {
      if (q.difference === 0) continue;
      await moveQuantity(tx, {
        ...move,
        itemId: q.itemId,
        quantity: Math.abs(q.difference),
        from: q.difference > 0 ? null : count.locationId,
        to: q.difference > 0 ? count.locationId : null,
      });
    }
    await tx
      .update(stockCounts)
      .set({ status: 'approved', decidedBy: p.actorUserId, decidedAt: sql`now()` })
      .where(and(eq(stockCounts.id, count.id), eq(stockCounts.organizationId, p.orgId)));
    const summary = {
      missing: v.missing.length,
      unexpected: v.unexpected.length,
      unknown: v.unknown.length,
      quantityLines: v.quantities.filter((q) => q.difference !== 0).length,
      netValue: v.netValue,
    };
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      action: 'stock_count.approved',
      entityType: 'stock_count',
      entityId: count.id,
      data: { locationId: count.locationId, batchId: move.batchId, ...summary },
    });
    return { id: count.id, status: 'approved' as const, ...summary };
  });
}

/** Rejecting posts nothing; the note tells the counter what to do (count again, check a shelf). */
export async function rejectCount(db: Db, p: Actor & { countId: string; note: string }) {
  return db.transaction(async (tx) => {
    const count = await submittedCount(tx, p);
    await tx
      .update(stockCounts)
      .set({ status: 'rejected', decidedBy: p.actorUserId, decidedAt: sql`now()`, decisionNote: p.note })
      .where(and(eq(stockCounts.id, count.id), eq(stockCounts.organizationId, p.orgId)));
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      action: 'stock_count.rejected',
      entityType: 'stock_count',
      entityId: count.id,
      data: { note: p.note },
    });
    return { id: count.id, status: 'rejected' as const };
  });
}
