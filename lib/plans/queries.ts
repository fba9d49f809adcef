import { and, asc, eq, ilike } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { plans } from '@/db/schema';
import { contains } from '@/lib/server/search';

export async function listPlans(db: Db, p: { orgId: string; q?: string; includeInactive?: boolean }) {
  return db
    .select()
    .from(plans)
    .where(
      and(
        eq(plans.organizationId, p.orgId),
        p.includeInactive ? undefined : eq(plans.active, true),
        p.q ? ilike(plans.name, contains(p.q)) : undefined,
      ),
    )
    .orderBy(asc(plans.priceRupiah), asc(plans.name))
    .limit(500);
}
