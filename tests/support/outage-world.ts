import { sql } from 'drizzle-orm';
import type { Database } from '@/db/client';

/**
 * A network written set-based, for the outage tests and bench: POPs → OLTs → ODCs (by
 * parent_site_id) → ODPs (odc_id) → active subscriptions on ports 1..n, each with its own
 * customer. Codes follow the tree (`ODC-1-2` is OLT 1's second ODC, `ODP-1-2-3` its third
 * ODP) so a test finds any element by code. Customer numbers start at `firstNumber`.
 */
export async function seedTopology(
  db: Database,
  p: {
    orgId: string;
    planId: string;
    routerId?: string | null;
    olts: number;
    odcsPerOlt: number;
    odpsPerOdc: number;
    subsPerOdp: number;
    prefix?: string;
    firstNumber?: number;
  },
) {
  const pre = p.prefix ?? '';
  const first = p.firstNumber ?? 1;
  await db.execute(sql`
    insert into infra_sites (organization_id, kind, code, name, latitude, longitude)
    values (${p.orgId}, 'pop', ${`${pre}POP-1`}, 'POP pusat', -6.9, 107.6)`);
  await db.execute(sql`
    insert into infra_sites (organization_id, kind, code, name, latitude, longitude, parent_site_id)
    select ${p.orgId}, 'olt', ${pre} || 'OLT-' || o, 'OLT ' || o, -6.9, 107.6,
      (select id from infra_sites where organization_id = ${p.orgId} and code = ${`${pre}POP-1`})
    from generate_series(1, ${p.olts}) o`);
  await db.execute(sql`
    insert into infra_sites (organization_id, kind, code, name, latitude, longitude, parent_site_id)
    select ${p.orgId}, 'odc', ${pre} || 'ODC-' || o || '-' || c, 'ODC ' || o || '-' || c, -6.9, 107.6, olt.id
    from generate_series(1, ${p.olts}) o cross join generate_series(1, ${p.odcsPerOlt}) c
    join infra_sites olt on olt.organization_id = ${p.orgId} and olt.kind = 'olt' and olt.code = ${pre} || 'OLT-' || o`);
  await db.execute(sql`
    insert into odps (organization_id, code, name, latitude, longitude, total_ports, odc_id)
    select ${p.orgId}, ${pre} || 'ODP-' || substr(odc.code, length(${pre}) + 5) || '-' || d, 'ODP ' || d,
      -6.9 + d * 0.0001, 107.6, greatest(8, ${p.subsPerOdp}), odc.id
    from infra_sites odc cross join generate_series(1, ${p.odpsPerOdc}) d
    where odc.organization_id = ${p.orgId} and odc.kind = 'odc' and odc.code like ${`${pre}ODC-%`}`);
  // One customer per port, numbered in ODP order.
  await db.execute(sql`
    with ports as (
      select o.id as odp_id, port, row_number() over (order by o.code, port) + ${first - 1} as n
      from odps o cross join generate_series(1, ${p.subsPerOdp}) port
      where o.organization_id = ${p.orgId} and o.code like ${`${pre}ODP-%`}),
    c as (
      insert into customers (organization_id, number, name, phone, address, status, plan_id)
      select ${p.orgId}, n, 'Pelanggan ' || n, '62812' || lpad(n::text, 7, '0'), 'Jl. Uji No. ' || n, 'active', ${p.planId}
      from ports
      returning id, number)
    insert into subscriptions (organization_id, customer_id, plan_id, billing_type, service_username,
                               service_password_enc, status, odp_id, odp_port, router_id, activated_at)
    select ${p.orgId}, c.id, ${p.planId}, 'postpaid', ${pre.toLowerCase()} || 'u' || c.number, 'x', 'active',
           ports.odp_id, ports.port, ${p.routerId ?? null}::uuid, now() - interval '90 days'
    from ports join c on c.number = ports.n`);
}

/** An element's id by code (sites and ODPs of one organization). */
export async function idOf(db: Database, orgId: string, code: string) {
  const [row] = await db.execute<{ id: string }>(sql`
    select id from infra_sites where organization_id = ${orgId} and code = ${code}
    union all select id from odps where organization_id = ${orgId} and code = ${code}`);
  if (!row) throw new Error(`no element ${code}`);
  return row.id;
}
