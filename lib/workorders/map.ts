import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import type { WorkOrderStatus, WorkOrderType } from '@/db/enums';
import { formatWorkOrderNumber } from './constants';

/** More pins than a dispatcher can read; the map says when the list was cut. */
export const MAP_WORK_ORDER_LIMIT = 500;
/** A position older than this says little about where the technician is now. */
export const POSITION_MAX_AGE_DAYS = 7;

export type MapWorkOrder = {
  id: string;
  number: string;
  type: WorkOrderType;
  status: WorkOrderStatus;
  scheduledDate: string;
  windowStart: string | null;
  windowEnd: string | null;
  today: boolean;
  lat: number;
  lng: number;
  address: string;
  customerName: string | null;
  technicians: string[];
};

export type TechnicianPosition = {
  userId: string;
  name: string;
  kind: 'on_the_way' | 'check_in' | 'check_out';
  at: string;
  lat: number;
  lng: number;
  workOrderId: string;
  workOrderNumber: string;
};

/**
 * Work orders with a place on the map: today's and upcoming ones still to do (in the
 * organization's zone), plus any visit already under way whatever its date. With `onlyUserId`
 * (a technician) only the ones that user is assigned to.
 */
export async function mapWorkOrders(
  db: Db,
  p: { orgId: string; onlyUserId?: string | null },
): Promise<{ items: MapWorkOrder[]; truncated: boolean }> {
  const own = p.onlyUserId
    ? sql`and exists (select 1 from work_order_technicians t where t.work_order_id = w.id
        and t.organization_id = ${p.orgId} and t.user_id = ${p.onlyUserId})`
    : sql``;
  const rows = await db.execute<{
    id: string;
    number: number;
    type: WorkOrderType;
    status: WorkOrderStatus;
    scheduled_date: string;
    window_start: string | null;
    window_end: string | null;
    today: boolean;
    lat: number;
    lng: number;
    address: string;
    customer_name: string | null;
    technicians: string[];
  }>(sql`
    with o as (select (now() at time zone timezone)::date as today from organizations where id = ${p.orgId})
    select w.id, w.number, w.type, w.status, w.scheduled_date::text as scheduled_date, w.window_start, w.window_end,
      w.scheduled_date = o.today as today, w.latitude as lat, w.longitude as lng, w.address,
      coalesce(c.name, l.name) as customer_name,
      coalesce((select array_agg(u.name order by u.name) from work_order_technicians t join users u on u.id = t.user_id
        where t.work_order_id = w.id and t.organization_id = w.organization_id), '{}') as technicians
    from work_orders w cross join o
    left join customers c on c.id = w.customer_id and c.organization_id = w.organization_id
    left join leads l on l.id = w.lead_id and l.organization_id = w.organization_id
    where w.organization_id = ${p.orgId} and w.latitude is not null and w.longitude is not null
      and w.scheduled_date is not null
      and (
        (w.status in ('scheduled', 'on_the_way', 'in_progress') and w.scheduled_date >= o.today)
        or w.status in ('on_the_way', 'in_progress')
      )
      ${own}
    order by w.scheduled_date, w.window_start nulls last, w.number
    limit ${MAP_WORK_ORDER_LIMIT + 1}`);
  const list = [...rows];
  return {
    truncated: list.length > MAP_WORK_ORDER_LIMIT,
    items: list.slice(0, MAP_WORK_ORDER_LIMIT).map((r) => ({
      id: r.id,
      number: formatWorkOrderNumber(r.number),
      type: r.type,
      status: r.status,
      scheduledDate: r.scheduled_date,
      windowStart: r.window_start,
      windowEnd: r.window_end,
      today: r.today,
      lat: r.lat,
      lng: r.lng,
      address: r.address,
      customerName: r.customer_name,
      technicians: r.technicians,
    })),
  };
}

/**
 * Where each active member of the organization last reported from a work order (on the way,
 * check-in, check-out with the phone's GPS), within the last few days: NOC's view of the
 * field team. The time is the phone's, which is earlier than when it arrived if it was offline.
 */
export async function technicianPositions(db: Db, p: { orgId: string }): Promise<TechnicianPosition[]> {
  const rows = await db.execute<{
    user_id: string;
    name: string;
    kind: TechnicianPosition['kind'];
    at: Date | string;
    lat: number;
    lng: number;
    work_order_id: string;
    number: number;
  }>(sql`
    select distinct on (e.user_id) e.user_id, u.name, e.kind, e.happened_at as at, e.latitude as lat,
      e.longitude as lng, e.work_order_id, w.number
    from work_order_events e
    join users u on u.id = e.user_id
    join memberships m on m.user_id = e.user_id and m.organization_id = e.organization_id and m.active
    join work_orders w on w.id = e.work_order_id and w.organization_id = e.organization_id
    where e.organization_id = ${p.orgId} and e.kind in ('on_the_way', 'check_in', 'check_out')
      and e.latitude is not null and e.longitude is not null
      and e.happened_at > now() - make_interval(days => ${POSITION_MAX_AGE_DAYS})
    order by e.user_id, e.happened_at desc, e.created_at desc`);
  return [...rows]
    .map((r) => ({
      userId: r.user_id,
      name: r.name,
      kind: r.kind,
      at: new Date(r.at).toISOString(),
      lat: r.lat,
      lng: r.lng,
      workOrderId: r.work_order_id,
      workOrderNumber: formatWorkOrderNumber(r.number),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
