import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { customers } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { refreshSearchText } from '@/lib/core/customer-search';
import { AppError } from '@/lib/server/errors';

export async function updateCustomer(
  db: Db,
  p: {
    orgId: string;
    actorUserId: string;
    ip: string | null;
    resellerUserId: string | null;
    customerId: string;
    input: { name: string; phone: string; email?: string | null; address: string; area: string | null };
  },
) {
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(customers)
      .where(
        and(
          eq(customers.id, p.customerId),
          eq(customers.organizationId, p.orgId),
          p.resellerUserId ? eq(customers.resellerUserId, p.resellerUserId) : undefined,
        ),
      )
      .for('update');
    if (!before) throw new AppError('not_found');
    const values = { ...p.input, email: p.input.email ?? null };
    await tx
      .update(customers)
      .set({ ...values, updatedAt: sql`now()` })
      .where(eq(customers.id, before.id));
    await refreshSearchText(tx, before.id);
    const changed = Object.fromEntries(
      Object.entries(values)
        .filter(([k, v]) => before[k as keyof typeof before] !== v)
        .map(([k, v]) => [k, { from: before[k as keyof typeof before], to: v }]),
    );
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      action: 'customer.updated',
      entityType: 'customer',
      entityId: before.id,
      data: changed,
    });
  });
}
