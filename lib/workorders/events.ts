import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import type { WorkOrderEventKind } from '@/db/enums';
import { workOrderCounters, workOrderEvents, workOrders } from '@/db/schema';
import { AppError } from '@/lib/server/errors';

/** The next SPK number of the organization, gap-free (the counter row is locked until commit). */
export async function nextWorkOrderNumber(tx: Db, orgId: string): Promise<number> {
  const [row] = await tx
    .insert(workOrderCounters)
    .values({ organizationId: orgId, lastNumber: 1 })
    .onConflictDoUpdate({
      target: workOrderCounters.organizationId,
      set: { lastNumber: sql`${workOrderCounters.lastNumber} + 1` },
    })
    .returning({ n: workOrderCounters.lastNumber });
  return row!.n;
}

/** One line on the work order's timeline. */
export async function recordEvent(
  tx: Db,
  p: {
    orgId: string;
    workOrderId: string;
    kind: WorkOrderEventKind;
    userId: string | null;
    data?: Record<string, unknown>;
    lat?: number | null;
    lng?: number | null;
    happenedAt?: Date;
  },
) {
  await tx.insert(workOrderEvents).values({
    organizationId: p.orgId,
    workOrderId: p.workOrderId,
    kind: p.kind,
    userId: p.userId,
    data: p.data ?? null,
    latitude: p.lat ?? null,
    longitude: p.lng ?? null,
    happenedAt: p.happenedAt ?? new Date(),
  });
}

/** The work order, locked for this transaction; another organization's is "not found". */
export async function lockWorkOrder(tx: Db, p: { orgId: string; workOrderId: string }) {
  const [wo] = await tx
    .select()
    .from(workOrders)
    .where(and(eq(workOrders.id, p.workOrderId), eq(workOrders.organizationId, p.orgId)))
    .for('update');
  if (!wo) throw new AppError('not_found');
  return wo;
}
