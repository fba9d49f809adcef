import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';

export type ActivityItem = {
  id: number;
  action: string;
  actorName: string | null;
  /** Who or what the change was about, by name (a customer, router, plan, …), when known. */
  subject: string | null;
  /** The page of that subject, when it has one. */
  href: string | null;
  amount: number | null;
  /** A status change's new status. */
  to: string | null;
  createdAt: string;
};

/**
 * The latest audit rows with the names of what they were about, looked up in one statement:
 * the row keeps only the id (`entity_id`) and a little data, and the feed reads as sentences
 * ("Budi mengisolir pelanggan Siti"), not as codes and ids.
 */
export async function recentActivity(db: Db, p: { orgId: string; limit?: number }): Promise<ActivityItem[]> {
  const rows = await db.execute<{
    id: number;
    action: string;
    entityType: string;
    entityId: string | null;
    actorName: string | null;
    customerId: string | null;
    routerId: string | null;
    customerName: string | null;
    other: string | null;
    amount: string | null;
    to: string | null;
    createdAt: string;
  }>(sql`
    with a as (
      select id, action, entity_type, entity_id, actor_user_id, data, created_at,
        case when entity_id ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then entity_id::uuid end as uid
      from audit_logs where organization_id = ${p.orgId}
      order by created_at desc, id desc limit ${p.limit ?? 8}
    )
    select a.id::int as id, a.action, a.entity_type as "entityType", a.entity_id as "entityId", u.name as "actorName",
      coalesce(c.id, sc.id) as "customerId", r.id as "routerId", coalesce(c.name, sc.name) as "customerName",
      coalesce(r.name, pl.name, o.code, l.name, mu.name, a.data->>'name', a.data->>'email', a.data->>'code') as other,
      a.data->>'amount' as amount, a.data->>'to' as to, a.created_at as "createdAt"
    from a
    left join users u on u.id = a.actor_user_id
    left join customers c on a.entity_type = 'customer' and c.id = a.uid and c.organization_id = ${p.orgId}
    left join subscriptions s on a.entity_type = 'subscription' and s.id = a.uid and s.organization_id = ${p.orgId}
    left join customers sc on sc.id = s.customer_id
    left join routers r on a.entity_type = 'router' and r.id = a.uid and r.organization_id = ${p.orgId}
    left join plans pl on a.entity_type = 'plan' and pl.id = a.uid and pl.organization_id = ${p.orgId}
    left join odps o on a.entity_type = 'odp' and o.id = a.uid and o.organization_id = ${p.orgId}
    left join leads l on a.entity_type = 'lead' and l.id = a.uid and l.organization_id = ${p.orgId}
    left join memberships m on a.entity_type = 'membership' and m.id = a.uid and m.organization_id = ${p.orgId}
    left join users mu on mu.id = m.user_id
    order by a.created_at desc, a.id desc`);
  return rows.map((r) => ({
    id: r.id,
    action: r.action,
    actorName: r.actorName,
    subject: r.customerName ?? r.other,
    href: r.customerId ? `/customers/${r.customerId}` : r.routerId ? `/routers/${r.routerId}` : null,
    amount: r.amount !== null && /^-?\d+$/.test(r.amount) ? Number(r.amount) : null,
    to: r.to,
    createdAt: r.createdAt,
  }));
}
