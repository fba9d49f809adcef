import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { usedPortsSql } from '@/lib/infrastructure/odp-usage';

/** What the field roles have today: the ODPs and how full they are. */
export async function fieldDashboard(db: Db, p: { orgId: string }) {
  const [row] = await db.execute<{ odps: number; ports: number; used: number; full: number }>(sql`
    select count(*)::int as odps, coalesce(sum(total_ports), 0)::int as ports, coalesce(sum(used), 0)::int as used,
      count(*) filter (where used >= total_ports)::int as full
    from (select odps.total_ports, ${usedPortsSql()} as used from odps where odps.organization_id = ${p.orgId}) odps`);
  return { odps: row?.odps ?? 0, ports: row?.ports ?? 0, usedPorts: row?.used ?? 0, fullOdps: row?.full ?? 0 };
}

/** HR: the organization's active members by role. */
export async function peopleDashboard(db: Db, p: { orgId: string }) {
  const rows = await db.execute<{ role: string; n: number }>(sql`
    select role, count(*)::int as n from memberships
    where organization_id = ${p.orgId} and active group by role order by n desc, role`);
  return { byRole: [...rows], members: rows.reduce((s, r) => s + r.n, 0) };
}
