import { and, eq, isNotNull, ne } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { customers, subscriptions } from '@/db/schema';
import { listFreePorts, odpChoices } from '@/lib/infrastructure/ports';
import { routerChoices } from '@/lib/network/routers';
import { listPlans } from '@/lib/plans/queries';
import { AppError } from '@/lib/server/errors';
import type { Viewer } from './queries';

/**
 * What the service form of a customer's subscriptions offers: the active plans, the routers,
 * the ODPs nearest the customer (plus the ones their live subscriptions use) and the free
 * ports of each ODP in use.
 */
export async function serviceChoices(db: Db, viewer: Viewer, customerId: string) {
  const [customer] = await db
    .select({ latitude: customers.latitude, longitude: customers.longitude })
    .from(customers)
    .where(
      and(
        eq(customers.id, customerId),
        eq(customers.organizationId, viewer.orgId),
        viewer.resellerUserId ? eq(customers.resellerUserId, viewer.resellerUserId) : undefined,
      ),
    );
  if (!customer) throw new AppError('not_found');
  const inUse = await db
    .selectDistinct({ odpId: subscriptions.odpId })
    .from(subscriptions)
    .where(
      and(
        eq(subscriptions.customerId, customerId),
        eq(subscriptions.organizationId, viewer.orgId),
        ne(subscriptions.status, 'terminated'),
        isNotNull(subscriptions.odpId),
      ),
    );
  const odpIds = inUse.flatMap((s) => (s.odpId ? [s.odpId] : []));
  const near =
    customer.latitude !== null && customer.longitude !== null
      ? { latitude: customer.latitude, longitude: customer.longitude }
      : null;
  const [plans, routers, odps, free] = await Promise.all([
    listPlans(db, { orgId: viewer.orgId }),
    routerChoices(db, { orgId: viewer.orgId }),
    odpChoices(db, { orgId: viewer.orgId, near, includeIds: odpIds }),
    Promise.all(odpIds.map((odpId) => listFreePorts(db, { orgId: viewer.orgId, odpId }))),
  ]);
  return {
    plans: plans.map((p) => ({ id: p.id, name: p.name })),
    routers: routers.map((r) => ({ id: r.id, name: r.name })),
    odps,
    freePorts: Object.fromEntries(free.map((f) => [f.odpId, f.free])) as Record<string, number[]>,
  };
}
