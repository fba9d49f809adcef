import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { organizations, subscriptions } from '@/db/schema';
import { radiusUsername } from '@/lib/network/radius/provision';
import { AppError } from '@/lib/server/errors';

/**
 * What FreeRADIUS's accounting (radacct) says about an organization's customers. Rows are
 * found by the realm-qualified username (`budi@<slug>`), so one organization never reads
 * another's sessions. Octets: input = from the customer (upload), output = to them.
 */
/**
 * Rows count only when their NAS (the address FreeRADIUS recorded: the packet's source, see
 * deploy/freeradius/jaring) is one of the organization's routers. FreeRADIUS's realm policy
 * already refuses another organization's NAS; this keeps rows written before it, or by a
 * client that bypasses it, out of the organization's pages and voucher counts.
 */
export function fromOrganizationNas(orgId: string, nasColumn: SQL) {
  return sql`host(${nasColumn}) in (
    select n.nasname from nas n where n.organization_id = ${orgId}
    union all select coalesce(r.nas_address, lower(r.host)) from routers r where r.organization_id = ${orgId})`;
}

async function usernameOf(db: Db, p: { orgId: string; subscriptionId: string }) {
  const [row] = await db
    .select({ username: subscriptions.serviceUsername, slug: organizations.slug, timezone: organizations.timezone })
    .from(subscriptions)
    .innerJoin(organizations, eq(organizations.id, subscriptions.organizationId))
    .where(and(eq(subscriptions.id, p.subscriptionId), eq(subscriptions.organizationId, p.orgId)));
  if (!row) throw new AppError('not_found');
  return { username: radiusUsername(row.username, row.slug), timezone: row.timezone };
}

export type RadiusSession = {
  id: number;
  sessionId: string;
  start: string | null;
  update: string | null;
  stop: string | null;
  seconds: number | null;
  download: number;
  upload: number;
  address: string | null;
  callingStationId: string | null;
  nas: string;
  terminateCause: string | null;
};

/** The latest sessions of one subscription, newest first, and whether it is online now. */
export async function customerRadiusSessions(db: Db, p: { orgId: string; subscriptionId: string; limit?: number }) {
  const { username } = await usernameOf(db, p);
  const rows = await db.execute<RadiusSession>(sql`
    select radacctid::int as id, acctsessionid as "sessionId", acctstarttime as start, acctupdatetime as update,
      acctstoptime as stop, acctsessiontime::bigint as seconds,
      coalesce(acctoutputoctets, 0)::bigint as download, coalesce(acctinputoctets, 0)::bigint as upload,
      host(framedipaddress) as address, callingstationid as "callingStationId", host(nasipaddress) as nas,
      acctterminatecause as "terminateCause"
    from radacct where username = ${username} and ${fromOrganizationNas(p.orgId, sql`nasipaddress`)}
    order by acctstarttime desc nulls last limit ${p.limit ?? 20}::int`);
  const sessions = [...rows].map((r) => ({
    ...r,
    seconds: r.seconds === null ? null : Number(r.seconds),
    download: Number(r.download),
    upload: Number(r.upload),
  }));
  return { username, online: sessions.some((s) => s.stop === null), sessions };
}

/** Download / upload per month (in the organization's time zone), the last `months`. */
export async function customerRadiusUsage(db: Db, p: { orgId: string; subscriptionId: string; months?: number }) {
  const { username, timezone } = await usernameOf(db, p);
  const rows = await db.execute<{
    month: string;
    sessions: number;
    seconds: number;
    download: number;
    upload: number;
  }>(sql`
    select to_char(date_trunc('month', acctstarttime at time zone ${timezone}), 'YYYY-MM') as month,
      count(*)::int as sessions, coalesce(sum(acctsessiontime), 0)::bigint as seconds,
      coalesce(sum(acctoutputoctets), 0)::bigint as download, coalesce(sum(acctinputoctets), 0)::bigint as upload
    from radacct
    where username = ${username} and ${fromOrganizationNas(p.orgId, sql`nasipaddress`)}
      and acctstarttime >= (date_trunc('month', now() at time zone ${timezone}) - make_interval(months => ${(p.months ?? 6) - 1}::int)) at time zone ${timezone}
    group by 1 order by 1 desc`);
  return [...rows].map((r) => ({
    month: r.month,
    sessions: r.sessions,
    seconds: Number(r.seconds),
    download: Number(r.download),
    upload: Number(r.upload),
  }));
}

/** Who is online through RADIUS now (open accounting sessions), with search and pages. */
export async function radiusOnline(db: Db, p: { orgId: string; q?: string; page?: number; pageSize?: number }) {
  const [org] = await db.select({ slug: organizations.slug }).from(organizations).where(eq(organizations.id, p.orgId));
  if (!org) throw new AppError('not_found');
  const pageSize = p.pageSize ?? 50;
  const page = Math.max(1, p.page ?? 1);
  const like = (v: string) => v.replace(/[\\%_]/g, (c) => `\\${c}`);
  const realm = `%@${like(org.slug)}`;
  const q = p.q ? `%${like(p.q)}%` : null;
  const search = q
    ? sql`and (a.username ilike ${q} or host(a.framedipaddress) like ${q} or a.callingstationid ilike ${q})`
    : sql``;
  const rows = await db.execute<{
    id: number;
    username: string;
    start: string | null;
    update: string | null;
    download: number;
    upload: number;
    address: string | null;
    callingStationId: string | null;
    nas: string;
    customerId: string | null;
    customerName: string | null;
    total: number;
  }>(sql`
    select a.radacctid::int as id, a.username, a.acctstarttime as start, a.acctupdatetime as update,
      coalesce(a.acctoutputoctets, 0)::bigint as download, coalesce(a.acctinputoctets, 0)::bigint as upload,
      host(a.framedipaddress) as address, a.callingstationid as "callingStationId", host(a.nasipaddress) as nas,
      s.customer_id as "customerId", c.name as "customerName", count(*) over ()::int as total
    from radacct a
    left join subscriptions s on s.organization_id = ${p.orgId} and s.service_username || '@' || ${org.slug} = a.username
    left join customers c on c.id = s.customer_id
    where a.acctstoptime is null and a.username like ${realm} and ${fromOrganizationNas(p.orgId, sql`a.nasipaddress`)} ${search}
    order by a.username, a.radacctid
    limit ${pageSize}::int offset ${(page - 1) * pageSize}::int`);
  const items = [...rows].map(({ total: _t, ...r }) => ({
    ...r,
    download: Number(r.download),
    upload: Number(r.upload),
  }));
  return { items, total: [...rows][0]?.total ?? 0, page, pageSize };
}
