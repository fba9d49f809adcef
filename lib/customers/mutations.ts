import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { customers, portalAccounts } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { refreshSearchText } from '@/lib/core/customer-search';
import { endCustomerPortalSessions } from '@/lib/portal/session';
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
    if (values.phone !== before.phone) {
      // Whoever held the old number may have set a portal password: it goes with the number,
      // and so do the portal sessions signed in with it (the number's own sessions follow
      // the customer's phone already).
      await tx
        .delete(portalAccounts)
        .where(and(eq(portalAccounts.organizationId, p.orgId), eq(portalAccounts.customerId, before.id)));
      await endCustomerPortalSessions(tx, { orgId: p.orgId, customerId: before.id });
    }
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
