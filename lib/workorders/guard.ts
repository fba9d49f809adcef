import { and, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { type WorkOrder, workOrders, workOrderTechnicians } from '@/db/schema';
import type { Locale } from '@/lib/i18n/config';
import { translate } from '@/lib/i18n/translate';
import type { FieldConflict, FieldResult } from './schemas';

export function conflictAnswer(locale: Locale, conflict: FieldConflict, version?: number): FieldResult {
  return {
    ok: false,
    conflict,
    message: translate(locale, `workOrders.conflicts.${conflict}`),
    ...(version ? { version } : {}),
  };
}

/**
 * Whether this technician may still take a step on the work order: it exists in their
 * organization, is neither cancelled nor finished, and they are still on it (the office may
 * have reassigned it while the phone was offline). Locks the row when asked, so steps on one
 * work order apply one after the other.
 */
export async function fieldGuard(
  db: Db,
  p: { orgId: string; userId: string; workOrderId: string; lock?: boolean },
): Promise<{ wo: WorkOrder; conflict: null } | { wo: WorkOrder | null; conflict: FieldConflict }> {
  const query = db
    .select()
    .from(workOrders)
    .where(and(eq(workOrders.id, p.workOrderId), eq(workOrders.organizationId, p.orgId)));
  const [wo] = p.lock ? await query.for('update') : await query;
  if (!wo) return { wo: null, conflict: 'not_found' };
  if (wo.status === 'cancelled') return { wo, conflict: 'cancelled' };
  if (wo.status === 'done') return { wo, conflict: 'finished' };
  const [mine] = await db
    .select({ userId: workOrderTechnicians.userId })
    .from(workOrderTechnicians)
    .where(
      and(
        eq(workOrderTechnicians.workOrderId, wo.id),
        eq(workOrderTechnicians.organizationId, p.orgId),
        eq(workOrderTechnicians.userId, p.userId),
      ),
    );
  if (!mine) return { wo, conflict: 'reassigned' };
  return { wo, conflict: null };
}
