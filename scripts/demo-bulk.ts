import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { cables, infraSites } from '@/db/schema';
import { periodOf, shiftMonth } from '@/lib/billing/money';
import { runBilling } from '@/lib/billing/run';
import { getBillingSettings } from '@/lib/billing/settings';
import { allocateCustomerNumbers } from '@/lib/core/customer-search';
import { encryptSecret } from '@/lib/crypto';
import { cableGeometry } from '@/lib/infrastructure/cable-path';

/**
 * The demo ISP's year of business, around the hand-made records of scripts/demo-seed.ts
 * (which stay as they are: browser tests use them): a few hundred customers in six
 * neighbourhoods north of the first ones, twelve billing runs with their payments (most on
 * time, some late, a few never), isolations, churn and leads. Set-based: one statement per
 * kind of row, and the real billing run (lib/billing/run.ts) once per month, so invoice
 * numbers, prorata and carried debts are what the app itself would have made.
 * Deterministic: every "random" choice is arithmetic on the row number.
 */
export const BULK_CUSTOMERS = 494;

// North of the first demo streets (RW 05/07): far enough that the nearest ODP to those
// streets stays theirs (the coverage checks of the browser tests name it), and more than
// 2.3 km from the "out of coverage" point they use south of them (-6.94, 107.61).
const AREAS = [
  { name: 'RW 01', street: 'Jl. Cempaka', lat: -6.905, lng: 107.602 },
  { name: 'RW 02', street: 'Jl. Anggrek', lat: -6.9045, lng: 107.611 },
  { name: 'RW 03', street: 'Gg. Kenari', lat: -6.9075, lng: 107.6185 },
  { name: 'RW 04', street: 'Jl. Flamboyan', lat: -6.899, lng: 107.606 },
  { name: 'RW 06', street: 'Jl. Dahlia', lat: -6.8985, lng: 107.615 },
  { name: 'RW 08', street: 'Gg. Sawo', lat: -6.9095, lng: 107.5965 },
] as const;
const OLT: [number, number] = [-6.9122, 107.6069];
// No first name of the hand-made customers (tests search "joko", "siti" and click by name).
// biome-ignore format: a table
const FIRST = [
  'Ahmad', 'Bambang', 'Cahyo', 'Dian', 'Eko', 'Fajar', 'Gilang', 'Hadi', 'Indah', 'Yusuf',
  'Kurnia', 'Lukman', 'Maya', 'Nur', 'Oki', 'Putri', 'Rizky', 'Sri', 'Teguh', 'Umar',
  'Vina', 'Wahyu', 'Yanti', 'Zainal', 'Ratna', 'Dodi', 'Fitri', 'Heru', 'Irfan', 'Lina',
];
// biome-ignore format: a table
const LAST = [
  'Saputra', 'Hidayat', 'Nugroho', 'Permana', 'Kusuma', 'Wibowo', 'Setiawan', 'Pratama', 'Hakim', 'Ramadhan',
  'Firmansyah', 'Gunawan', 'Halim', 'Irawan', 'Kurniawan', 'Maulana', 'Purnama', 'Rahman', 'Sulaiman', 'Utami',
];

/** A constant array literal (our own strings and numbers above, never user input). */
const lit = (xs: readonly (string | number)[]) =>
  sql.raw(
    typeof xs[0] === 'number'
      ? `(array[${xs.join(',')}]::float8[])`
      : `(array[${xs.map((x) => `'${String(x).replace(/'/g, "''")}'`).join(',')}]::text[])`,
  );
/** `i`'s name: distinct for i < 600 (first name cycles 30, last name every 30 rows). */
const nameOf = (i: SQL) => sql`${lit(FIRST)}[1 + ${i} % 30] || ' ' || ${lit(LAST)}[1 + (${i} / 30) % 20]`;

export type DemoUsers = { sales: string; operator: string; finance: string; reseller: string };

export async function seedDemoYear(db: Db, p: { orgId: string; timezone: string; users: DemoUsers }) {
  const { orgId, timezone: tz } = p;
  const month = periodOf(new Date(), tz);
  await seedPlant(db, orgId);
  const routerIds = await seedRouters(db, orgId);
  const numbers = await allocateCustomerNumbers(db, orgId, BULK_CUSTOMERS);
  await db.execute(sql`
    create temp table demo_people on commit drop as
    select i, gen_random_uuid() as customer_id, gen_random_uuid() as subscription_id,
      ${nameOf(sql`i`)} as name,
      lower(${lit(FIRST)}[1 + i % 30]) || (2000 + i) as username,
      '628572' || lpad((i * 7919 % 1000000)::text, 6, '0') as phone,
      i % 6 as area_ix, (i % 6) * 6 + (i / 6) % 6 as odp_ix, i / 36 + 1 as port,
      case when (i * 37) % 100 < 1 then 'pending' when (i * 37) % 100 < 4 then 'churn'
           when (i * 37) % 100 < 11 then 'default' when (i * 37) % 100 < 27 then 'late' else 'good' end as kind,
      case when (i * 53 + 11) % 100 < 35 then 'Paket 10 Mbps' when (i * 53 + 11) % 100 < 75 then 'Paket 20 Mbps'
           when (i * 53 + 11) % 100 < 90 then 'Paket 50 Mbps' else 'Paket 100 Mbps' end as plan_name,
      (i * 71 + 5) % 100 >= 80 as recent
    from generate_series(1, ${BULK_CUSTOMERS}) i`);
  // Joined this year (a lead first), or long ago (imported from the old system); churned
  // customers left in one of the last nine months; defaulters stopped paying 0-2 months ago.
  await db.execute(sql`
    alter table demo_people add column activated_at timestamptz, add column created_at timestamptz,
      add column churn_period date, add column default_from date, add column number int`);
  await db.execute(sql`
    update demo_people set recent = recent and kind not in ('pending', 'churn'),
      churn_period = case when kind = 'churn' then (${month}::date - make_interval(months => 1 + i % 9))::date end,
      default_from = case when kind = 'default' then (${month}::date - make_interval(months => i % 3))::date end`);
  await db.execute(sql`
    update demo_people set activated_at = case
        when kind = 'pending' then null
        when recent then ((${month}::date - make_interval(months => 1 + i % 11))::date + i % 25 + time '10:00') at time zone ${tz}
        else now() - make_interval(days => 400 + i * 13 % 700) end`);
  await db.execute(sql`
    update demo_people set created_at = coalesce(activated_at - interval '6 days', now() - make_interval(days => 1 + i % 9, hours => i % 7))`);
  await db.execute(sql`
    update demo_people d set number = ${numbers[0]! - 1} + n.rn
    from (select i, row_number() over (order by created_at, i) as rn from demo_people) n where n.i = d.i`);
  await db.execute(sql`analyze demo_people`);
  await insertCustomers(db, { orgId, routerIds, reseller: p.users.reseller });
  await seedLeads(db, { orgId, sales: p.users.sales });
  await billYear(db, { orgId, tz, month, users: p.users });
  await settleStatuses(db, { orgId, tz });
  await seedSessions(db, { orgId, routerIds });
}

/** An ODC per neighbourhood, fed from the OLT, and six 16-port ODPs around each. */
async function seedPlant(db: Db, orgId: string) {
  const odcs = await db
    .insert(infraSites)
    .values(
      AREAS.map((a) => ({
        organizationId: orgId,
        kind: 'odc' as const,
        code: `ODC-${a.name.replace(' ', '')}`,
        name: `ODC ${a.street}`,
        latitude: a.lat,
        longitude: a.lng,
        capacity: 48,
        area: a.name,
      })),
    )
    .returning({ id: infraSites.id });
  await db.insert(cables).values(
    AREAS.map((a) => {
      const path: [number, number][] = [OLT, [a.lat, OLT[1]], [a.lat, a.lng]];
      const code = `FDR-${a.name.replace(' ', '')}`;
      return {
        organizationId: orgId,
        code,
        name: `Feeder OLT-01 → ODC-${a.name.replace(' ', '')}`,
        cableType: 'feeder' as const,
        coreCount: 24,
        path,
        ...cableGeometry(path),
        area: a.name,
      };
    }),
  );
  await db.execute(sql`
    create temp table demo_odps on commit drop as
    select a * 6 + b as ix, gen_random_uuid() as id,
      'ODP-' || replace(${lit(AREAS.map((x) => x.name))}[a + 1], ' ', '') || '-' || lpad((b + 1)::text, 2, '0') as code,
      ${lit(AREAS.map((x) => x.name))}[a + 1] as area, ${lit(AREAS.map((x) => x.street))}[a + 1] as street,
      (${lit(odcs.map((o) => o.id))}[a + 1])::uuid as odc_id,
      ${lit(AREAS.map((x) => x.lat))}[a + 1] + (b % 3 - 1) * 0.0012 as lat,
      ${lit(AREAS.map((x) => x.lng))}[a + 1] + (b / 3 - 0.5) * 0.0016 as lng
    from generate_series(0, 5) a, generate_series(0, 5) b`);
  await db.execute(sql`
    insert into odps (id, organization_id, code, name, latitude, longitude, total_ports, splitter_ratio, odc_id, area)
    select id, ${orgId}, code, 'Tiang ' || street || ' ' || (ix % 6 + 1), lat, lng, 16, '1:16', odc_id, area from demo_odps`);
}

/**
 * Two stand-in MikroTiks. Their host is under `.invalid` (RFC 6761: never resolves), which
 * the router monitor skips, so a demo install does not try to reach them every minute; the
 * status and sessions they show are the seed's.
 */
async function seedRouters(db: Db, orgId: string) {
  const snapshot = (identity: string, board: string) =>
    JSON.stringify({
      identity,
      version: '7.16.2',
      board,
      uptime: '23d4h12m',
      cpuLoad: 14,
      freeMemory: 612_000_000,
      totalMemory: 1_073_741_824,
      pppActive: 0,
      hotspotActive: 0,
      interfaces: [{ name: 'ether1', type: 'ether', running: true, rxByte: 9.1e11, txByte: 3.4e12 }],
      checkedAt: new Date().toISOString(),
    });
  const password = encryptSecret('demo-bukan-router');
  const rows = await db.execute<{ id: string }>(sql`
    insert into routers (organization_id, name, host, username, password_enc, sync_interval_minutes, status, last_seen_at, last_checked_at, last_snapshot)
    values (${orgId}, 'RB4011 POP Wetan', 'pop-wetan.demo.invalid', 'jaring-api', ${password}, 0, 'online', now(), now(), ${snapshot('POP-Wetan', 'RB4011iGS+')}::jsonb),
           (${orgId}, 'CCR2004 POP Utara', 'pop-utara.demo.invalid', 'jaring-api', ${password}, 0, 'online', now(), now(), ${snapshot('POP-Utara', 'CCR2004-16G-2S+')}::jsonb)
    returning id`);
  return rows.map((r) => r.id);
}

async function insertCustomers(db: Db, p: { orgId: string; routerIds: string[]; reseller: string }) {
  await db.execute(sql`
    insert into plans (organization_id, name, download_kbps, upload_kbps, price_rupiah, taxable, router_profile)
    values (${p.orgId}, 'Paket 100 Mbps', 102400, 51200, 444000, true, 'pppoe-100M')`);
  // One ciphertext for all: the demo's service passwords are all "demo1234".
  const password = encryptSecret('demo1234');
  await db.execute(sql`
    insert into customers (id, organization_id, number, name, phone, address, area, latitude, longitude, status, plan_id, reseller_user_id, search_text, created_at, updated_at)
    select d.customer_id, ${p.orgId}, d.number, d.name, d.phone, o.street || ' No. ' || (1 + d.i % 60), o.area,
      o.lat + 0.0004 * sin(d.port * 0.9), o.lng + 0.0005 * cos(d.port * 0.9),
      case when d.kind = 'pending' then 'pending' else 'active' end, pl.id,
      case when d.i % 20 = 7 then ${p.reseller}::uuid end,
      lower(concat_ws(' ', d.name, d.phone, 'c-' || lpad(d.number::text, 6, '0'), d.username)), d.created_at, d.created_at
    from demo_people d join demo_odps o on o.ix = d.odp_ix
    join plans pl on pl.organization_id = ${p.orgId} and pl.name = d.plan_name`);
  await db.execute(sql`
    insert into subscriptions (id, organization_id, customer_id, plan_id, billing_type, service_username, service_password_enc, status, odp_id, odp_port, router_id, activated_at, created_at, updated_at)
    select d.subscription_id, ${p.orgId}, d.customer_id, pl.id, pl.billing_type, d.username, ${password},
      case when d.kind = 'pending' then 'pending' else 'active' end, o.id, d.port,
      (${lit(p.routerIds)}[1 + (d.area_ix / 3)])::uuid, d.activated_at, d.created_at, d.created_at
    from demo_people d join demo_odps o on o.ix = d.odp_ix
    join plans pl on pl.organization_id = ${p.orgId} and pl.name = d.plan_name`);
}

/**
 * Leads: the converted ones of this year's customers, and the open and turned-down ones
 * sales is working on (two beyond the ODPs' reach, as the coverage check said).
 */
async function seedLeads(db: Db, p: { orgId: string; sales: string }) {
  await db.execute(sql`
    with l as (
      insert into leads (organization_id, name, phone, address, area, latitude, longitude, plan_id, billing_type, status, coverage, created_by, customer_id, created_at)
      select c.organization_id, c.name, c.phone, c.address, c.area, c.latitude, c.longitude, s.plan_id, s.billing_type, 'converted',
        jsonb_build_object('ok', true, 'odpId', o.id, 'code', o.code, 'distanceM', 50, 'freePorts', 16 - d.port, 'radiusM', 250),
        ${p.sales}::uuid, c.id, d.created_at - interval '3 days'
      from demo_people d join customers c on c.id = d.customer_id join subscriptions s on s.id = d.subscription_id
      join demo_odps o on o.ix = d.odp_ix
      where d.recent or d.kind = 'pending'
      returning id, customer_id)
    update customers c set lead_id = l.id from l where c.id = l.customer_id`);
  await db.execute(sql`
    insert into leads (organization_id, name, phone, address, area, latitude, longitude, plan_id, billing_type, status, coverage, created_by, reject_reason, created_at)
    select ${p.orgId}, ${nameOf(sql`(500 + j)`)}, '628573' || lpad((j * 7919 % 1000000)::text, 6, '0'),
      o.street || ' No. ' || (61 + j), o.area, o.lat + far * 0.006 + 0.0003, o.lng - 0.0002, pl.id, pl.billing_type,
      case when j % 5 = 4 then 'rejected' else 'new' end,
      case when far = 1 then jsonb_build_object('ok', false, 'reason', 'out_of_range', 'code', o.code, 'distanceM', 680, 'radiusM', 250)
           else jsonb_build_object('ok', true, 'odpId', o.id, 'code', o.code, 'distanceM', 36, 'freePorts', 2, 'radiusM', 250) end,
      ${p.sales}::uuid,
      case when j % 5 = 4 then ${lit(['Batal: sudah pakai provider lain', 'Rumah kontrakan, pemilik tidak mengizinkan'])}[1 + j % 2] end,
      now() - make_interval(days => j, hours => j * 5 % 11)
    from generate_series(0, 23) j
    cross join lateral (select case when j in (3, 17) then 1 else 0 end as far) f
    join demo_odps o on o.ix = (j * 7) % 36
    join plans pl on pl.organization_id = ${p.orgId} and pl.name = ${lit(['Paket 10 Mbps', 'Paket 20 Mbps', 'Paket 50 Mbps'])}[1 + j % 3]`);
}

/**
 * Twelve monthly billing runs, each followed by that month's payments: prepaid customers pay
 * on the day, postpaid ones before the due day, late payers a few days after it (isolated
 * meanwhile), defaulters never (their debt is carried into the next invoice). A payment
 * that would fall after today has not happened yet. The hand-made customers keep only the
 * invoice scripts/demo-seed.ts gave them (billing_starts_on holds them back meanwhile).
 */
async function billYear(db: Db, p: { orgId: string; tz: string; month: string; users: DemoUsers }) {
  const { orgId, tz, month } = p;
  const bulk = sql`(select subscription_id from demo_people)`;
  await db.execute(sql`
    update subscriptions set billing_starts_on = ${shiftMonth(month, 1)}::date
    where organization_id = ${orgId} and id not in ${bulk} and billing_starts_on is null`);
  for (let k = 11; k >= 0; k--) {
    const period = shiftMonth(month, -k);
    await db.execute(sql`
      update subscriptions s set status = 'terminated', odp_port = null, updated_at = now()
      from demo_people d where d.subscription_id = s.id and d.churn_period <= ${period}::date and s.status <> 'terminated'`);
    await runBilling(db, { orgId, period, actorUserId: null });
    await payMonth(db, { orgId, tz, period, users: p.users });
  }
  // Issued on the invoice day of their month, as the scheduled run does.
  await db.execute(sql`
    update invoices set created_at = (issue_date + time '07:00') at time zone ${tz}
    where organization_id = ${orgId} and subscription_id in ${bulk}`);
  await db.execute(sql`
    update audit_logs set created_at = ((data->>'period')::date + time '07:00') at time zone ${tz}
    where organization_id = ${orgId} and action = 'billing.run' and data->>'period' <> ${month}`);
  await db.execute(sql`
    update subscriptions set billing_starts_on = null
    where organization_id = ${orgId} and id not in ${bulk} and billing_starts_on = ${shiftMonth(month, 1)}::date`);
}

async function payMonth(db: Db, p: { orgId: string; tz: string; period: string; users: DemoUsers }) {
  // One statement: the payments, their allocations and the paid invoices from one set.
  await db.execute(sql`
    with pay as materialized (
      select gen_random_uuid() as payment_id, i.id as invoice_id, i.customer_id, i.total, h % 10 < 6 as cash, h, x.paid_at
      from invoices i join demo_people d on d.subscription_id = i.subscription_id
      cross join lateral (select abs(hashtext(d.i || ':' || i.period)) as h) hh
      cross join lateral (select ((i.issue_date + case when i.billing_type = 'prepaid' then 0
          when d.kind = 'late' and h % 3 = 0 then 21 + h % 7 else 1 + h % 18 end) + time '09:00'
          + make_interval(mins => h % 600)) at time zone ${p.tz} as paid_at) x
      where i.organization_id = ${p.orgId} and i.period = ${p.period}::date and i.status = 'unpaid'
        and (d.default_from is null or i.period < d.default_from) and x.paid_at <= now()),
    payment as (
      insert into payments (id, organization_id, customer_id, amount, method, reference, status, received_by, reviewed_by, reviewed_at, created_at)
      select payment_id, ${p.orgId}, customer_id, total, case when cash then 'cash' else 'transfer' end,
        case when not cash then ${lit(['BCA', 'BRI', 'Mandiri', 'BNI'])}[1 + h % 4] || ' ' || to_char(paid_at at time zone ${p.tz}, 'YYYYMMDD') || '-' || (h % 90 + 10) end,
        'approved', case when cash then ${p.users.operator}::uuid end,
        case when not cash then ${p.users.finance}::uuid end, case when not cash then paid_at + interval '2 hours' end, paid_at
      from pay returning id),
    allocation as (
      insert into payment_allocations (payment_id, invoice_id, amount)
      select pay.payment_id, pay.invoice_id, pay.total from pay join payment on payment.id = pay.payment_id)
    update invoices i set status = 'paid', paid_amount = i.total, paid_at = pay.paid_at
    from pay where pay.invoice_id = i.id`);
}

/**
 * Who is isolated today follows the isolation rule (lib/billing/isolation.ts) on the
 * invoices as they now stand, and the status history tells the year: imported or verified,
 * activated, isolated and reconnected around each late payment, terminated.
 */
async function settleStatuses(db: Db, p: { orgId: string; tz: string }) {
  const s = await getBillingSettings(db, p.orgId);
  // When the isolation pass takes an unpaid invoice: its moment, but never before the notice.
  const moment = sql`greatest(((case when i.billing_type = 'prepaid' then i.issue_date else i.due_date + ${s.graceDays + 1}::int end) + ${s.isolationTime}::time) at time zone ${p.tz}, i.created_at + make_interval(hours => ${s.isolationNoticeHours}::int))`;
  await db.execute(sql`
    update subscriptions s set status = 'isolated'
    from demo_people d where d.subscription_id = s.id and s.status = 'active' and exists (
      select 1 from invoices i where i.subscription_id = s.id and i.status in ('unpaid', 'partial', 'carried') and ${moment} <= now())`);
  await db.execute(sql`
    update customers c set status = s.status from subscriptions s, demo_people d
    where d.subscription_id = s.id and c.id = s.customer_id and c.status <> s.status`);
  await db.execute(sql`
    insert into subscription_history (organization_id, subscription_id, from_status, to_status, reason, created_at)
    select ${p.orgId}::uuid, d.subscription_id, null, 'pending', case when d.recent or d.kind = 'pending' then 'lead_verified' else 'imported' end, d.created_at
    from demo_people d
    union all
    select ${p.orgId}::uuid, d.subscription_id, 'pending', 'active', null, d.activated_at from demo_people d where d.activated_at is not null
    union all
    select ${p.orgId}::uuid, d.subscription_id, 'active', 'terminated', null, (d.churn_period - 2 + time '14:00') at time zone ${p.tz}
    from demo_people d where d.churn_period is not null
    union all
    select ${p.orgId}::uuid, i.subscription_id, 'active', 'isolated', 'unpaid_invoice', ${moment}
    from invoices i join demo_people d on d.subscription_id = i.subscription_id
    where i.status = 'paid' and i.paid_at > ${moment}
    union all
    select ${p.orgId}::uuid, i.subscription_id, 'isolated', 'active', 'paid', i.paid_at
    from invoices i join demo_people d on d.subscription_id = i.subscription_id
    where i.status = 'paid' and i.paid_at > ${moment}
    union all
    select ${p.orgId}::uuid, s.id, 'active', 'isolated', 'unpaid_invoice',
      (select min(${moment}) from invoices i where i.subscription_id = s.id and i.status in ('unpaid', 'partial', 'carried'))
    from subscriptions s join demo_people d on d.subscription_id = s.id where s.status = 'isolated'`);
}

/** Who is online on the stand-in routers: most active customers, as a status read would find them. */
async function seedSessions(db: Db, p: { orgId: string; routerIds: string[] }) {
  await db.execute(sql`
    insert into router_sessions (organization_id, router_id, kind, item_id, username, address, caller_id, uptime, bytes_in, bytes_out, subscription_id)
    select ${p.orgId}, s.router_id, 'pppoe', '*' || upper(to_hex(4096 + d.i)), s.service_username,
      '10.' || (20 + d.area_ix) || '.' || (d.i / 200) || '.' || (d.i % 200 + 10),
      'E4:8D:8C:' || lpad(to_hex(d.i / 256), 2, '0') || ':' || lpad(to_hex(d.i % 256), 2, '0') || ':' || lpad(to_hex(d.odp_ix), 2, '0'),
      (1 + d.i % 19) || 'd' || (d.i % 24) || 'h' || (d.i * 7 % 60) || 'm', (d.i * 7919 % 900 + 40)::bigint * 1048576,
      (d.i * 104729 % 9000 + 300)::bigint * 1048576, s.id
    from demo_people d join subscriptions s on s.id = d.subscription_id
    where s.status = 'active' and (d.i * 29) % 100 >= 12`);
  await db.execute(sql`
    update routers r set last_snapshot = jsonb_set(r.last_snapshot, '{pppActive}', to_jsonb(n.online))
    from (select router_id, count(*)::int as online from router_sessions where organization_id = ${p.orgId} group by router_id) n
    where n.router_id = r.id`);
}
