import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import type { WorkOrderStatus, WorkOrderType } from '@/db/enums';
import { usedPortsSql } from '@/lib/infrastructure/odp-usage';
import { formatWorkOrderNumber } from '@/lib/workorders/constants';

/** What the field roles have today: the ODPs and how full they are. */
export async function fieldDashboard(db: Db, p: { orgId: string }) {
  const [row] = await db.execute<{ odps: number; ports: number; used: number; full: number }>(sql`
    select count(*)::int as odps, coalesce(sum(total_ports), 0)::int as ports, coalesce(sum(used), 0)::int as used,
      count(*) filter (where used >= total_ports)::int as full
    from (select odps.total_ports, ${usedPortsSql()} as used from odps where odps.organization_id = ${p.orgId}) odps`);
  return { odps: row?.odps ?? 0, ports: row?.ports ?? 0, usedPorts: row?.used ?? 0, fullOdps: row?.full ?? 0 };
}

/** HR: the organization's active members by role, and how many are deactivated. */
export async function peopleDashboard(db: Db, p: { orgId: string }) {
  const [rows, [inactive]] = await Promise.all([
    db.execute<{ role: string; n: number }>(sql`
      select role, count(*)::int as n from memberships
      where organization_id = ${p.orgId} and active group by role order by n desc, role`),
    db.execute<{ n: number }>(sql`
      select count(*)::int as n from memberships where organization_id = ${p.orgId} and not active`),
  ]);
  return { byRole: [...rows], members: rows.reduce((s, r) => s + r.n, 0), inactive: inactive?.n ?? 0 };
}

/** One of today's visits, as the dashboard lists it. */
export type TodayWorkOrder = {
  id: string;
  number: string;
  type: WorkOrderType;
  status: WorkOrderStatus;
  windowStart: string | null;
  windowEnd: string | null;
  customerName: string | null;
  address: string;
  odpCode: string | null;
};

/** The dashboard lists at most this many of today's visits; the count links to the rest. */
export const TODAY_LIST_LIMIT = 8;

const OPEN_WORK = sql`w.status not in ('done', 'cancelled')`;

/**
 * Work orders for the field roles, in the organization's zone: still to do today, upcoming,
 * finished this week (since Monday), and today's installations (the warehouse prepares the
 * modem and cable for each). With `onlyUserId` (a technician) only the ones they are on;
 * `listType` narrows the list of today's visits (not the counts).
 */
export async function workOrdersDashboard(
  db: Db,
  p: { orgId: string; onlyUserId?: string | null; listType?: WorkOrderType },
) {
  const own = p.onlyUserId
    ? sql`and exists (select 1 from work_order_technicians t where t.work_order_id = w.id
        and t.organization_id = ${p.orgId} and t.user_id = ${p.onlyUserId})`
    : sql``;
  const zone = sql`o as (select (now() at time zone timezone)::date as today,
      date_trunc('week', now() at time zone timezone) at time zone timezone as week
    from organizations where id = ${p.orgId})`;
  const [[counts], list] = await Promise.all([
    db.execute<{
      today: number;
      upcoming: number;
      done_week: number;
      installations: number;
      day: string;
      tomorrow: string;
    }>(sql`
      with ${zone}
      select min(o.today)::text as day, (min(o.today) + 1)::text as tomorrow, count(*) filter (where w.scheduled_date = o.today and ${OPEN_WORK})::int as today,
        count(*) filter (where w.scheduled_date > o.today and ${OPEN_WORK})::int as upcoming,
        count(*) filter (where w.status = 'done' and w.finished_at >= o.week)::int as done_week,
        count(*) filter (where w.scheduled_date = o.today and ${OPEN_WORK} and w.type = 'installation')::int
          as installations
      from o left join work_orders w on w.organization_id = ${p.orgId} ${own}`),
    db.execute<{
      id: string;
      number: number;
      type: WorkOrderType;
      status: WorkOrderStatus;
      window_start: string | null;
      window_end: string | null;
      customer_name: string | null;
      address: string;
      odp_code: string | null;
    }>(sql`
      with ${zone}
      select w.id, w.number, w.type, w.status, w.window_start, w.window_end, w.address,
        coalesce(c.name, l.name) as customer_name, d.code as odp_code
      from work_orders w cross join o
      left join customers c on c.id = w.customer_id and c.organization_id = w.organization_id
      left join leads l on l.id = w.lead_id and l.organization_id = w.organization_id
      left join odps d on d.id = w.odp_id and d.organization_id = w.organization_id
      where w.organization_id = ${p.orgId} and w.scheduled_date = o.today and ${OPEN_WORK} ${own}
        ${p.listType ? sql`and w.type = ${p.listType}` : sql``}
      order by w.window_start nulls last, w.number
      limit ${TODAY_LIST_LIMIT}`),
  ]);
  return {
    // The organization's calendar days, for the links to the filtered list.
    days: { today: counts!.day, tomorrow: counts!.tomorrow },
    today: counts?.today ?? 0,
    upcoming: counts?.upcoming ?? 0,
    doneThisWeek: counts?.done_week ?? 0,
    todayInstallations: counts?.installations ?? 0,
    todayList: [...list].map(
      (r): TodayWorkOrder => ({
        id: r.id,
        number: formatWorkOrderNumber(r.number),
        type: r.type,
        status: r.status,
        windowStart: r.window_start,
        windowEnd: r.window_end,
        customerName: r.customer_name,
        address: r.address,
        odpCode: r.odp_code,
      }),
    ),
  };
}
