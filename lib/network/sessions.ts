import { and, asc, count, eq, ilike, or } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { customers, routerSessions, routers, subscriptions } from '@/db/schema';
import { contains } from '@/lib/server/search';
import type { SessionKind } from './constants';

/** Who is online, as last read from the routers: search, filter by router/kind, pages. */
export async function listSessions(
  db: Db,
  p: { orgId: string; routerId?: string; kind?: SessionKind; q?: string; page?: number; pageSize?: number },
) {
  const pageSize = p.pageSize ?? 50;
  const page = Math.max(1, p.page ?? 1);
  const where = and(
    eq(routerSessions.organizationId, p.orgId),
    p.routerId ? eq(routerSessions.routerId, p.routerId) : undefined,
    p.kind ? eq(routerSessions.kind, p.kind) : undefined,
    p.q
      ? or(
          ilike(routerSessions.username, contains(p.q)),
          ilike(routerSessions.address, contains(p.q)),
          ilike(routerSessions.callerId, contains(p.q)),
        )
      : undefined,
  );
  const [items, [total]] = await Promise.all([
    db
      .select({
        id: routerSessions.id,
        kind: routerSessions.kind,
        username: routerSessions.username,
        address: routerSessions.address,
        callerId: routerSessions.callerId,
        uptime: routerSessions.uptime,
        bytesIn: routerSessions.bytesIn,
        bytesOut: routerSessions.bytesOut,
        seenAt: routerSessions.seenAt,
        routerId: routerSessions.routerId,
        routerName: routers.name,
        customerId: subscriptions.customerId,
        customerName: customers.name,
      })
      .from(routerSessions)
      .innerJoin(routers, eq(routers.id, routerSessions.routerId))
      .leftJoin(subscriptions, eq(subscriptions.id, routerSessions.subscriptionId))
      .leftJoin(customers, eq(customers.id, subscriptions.customerId))
      .where(where)
      .orderBy(asc(routerSessions.username), asc(routerSessions.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: count() }).from(routerSessions).where(where),
  ]);
  return { items, total: total?.n ?? 0, page, pageSize };
}
