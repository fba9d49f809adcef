/**
 * npm run bench:dashboard — the admin dashboard's queries (lib/dashboard: summary, money,
 * network, sales), uncached, for an organization of 100,000 customers with twelve months of
 * invoices and payments (some paid late, some unpaid, some isolated or terminated), routers
 * with live sessions, leads and audit rows. Seeded set-based. Each run reads the four
 * sections at once, as the page does; the figure is the wall time of one page's reads.
 * Last line: {"bench":"dashboard","customers":100000,"p95_ms":…}
 */
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { createDb, type Database } from '@/db/client';
import { memberships, organizations, plans, users } from '@/db/schema';
import { can } from '@/lib/auth/permissions';
import { financeDashboard } from '@/lib/dashboard/finance';
import { nocDashboard } from '@/lib/dashboard/noc';
import { salesDashboard } from '@/lib/dashboard/sales';
import { dashboardSummary } from '@/lib/dashboard/summary';
import { benchDatabase, percentile as pct, round2 as round } from './db';

const N = Number(process.env.BENCH_CUSTOMERS ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 40);
const TZ = 'Asia/Jakarta';

async function seed(db: Database) {
  const [org] = await db
    .insert(organizations)
    .values({ name: 'Bench Dashboard Net', slug: `bench-dash-${Date.now()}` })
    .returning();
  const orgId = org!.id;
  const [user] = await db
    .insert(users)
    .values({ name: 'Admin', email: `admin-${Date.now()}@bench.test`, passwordHash: 'x' })
    .returning();
  await db.insert(memberships).values({ organizationId: orgId, userId: user!.id, role: 'admin' });
  const planRows = await db
    .insert(plans)
    .values(
      [10, 20, 30, 50, 100].map((m, i) => ({
        organizationId: orgId,
        name: `Paket ${m} Mbps`,
        downloadKbps: m * 1024,
        uploadKbps: m * 1024,
        priceRupiah: 100_000 + i * 50_000,
      })),
    )
    .returning();
  const planIds = `{${planRows.map((p) => p.id).join(',')}}`;
  // Customers joined over the last three years; 4 % isolated, 3 % terminated; 40 areas.
  await db.execute(sql`
    insert into customers (organization_id, number, name, phone, address, area, status, plan_id, created_at)
    select ${orgId}, g, 'Pelanggan ' || g, '62812' || lpad(g::text, 7, '0'), 'Jl. Bench No. ' || g,
      'RW ' || lpad((g % 40 + 1)::text, 2, '0'),
      case when g % 25 = 0 then 'isolated' when g % 33 = 0 then 'terminated' else 'active' end,
      (${planIds}::uuid[])[g % 5 + 1], now() - (g % 1095) * interval '1 day'
    from generate_series(1, ${N}) g`);
  await db.execute(sql`
    insert into subscriptions (organization_id, customer_id, plan_id, billing_type, service_username, service_password_enc, status, activated_at)
    select ${orgId}, c.id, c.plan_id, 'postpaid', 'u' || c.number, 'x', c.status, c.created_at
    from customers c where c.organization_id = ${orgId}`);
  // Twelve monthly invoices per subscription, due on the 20th: 85 % paid on time, 7 % late,
  // the rest open (this month: 40 % paid so far). As the billing run does, an older unpaid
  // invoice's debt was carried into the next one, except for a few long-isolated customers.
  await db.execute(sql`
    with m as (
      select (date_trunc('month', now() at time zone ${TZ}) - k * interval '1 month')::date as period, k
      from generate_series(0, 11) k),
    s as (
      select s.id, s.customer_id, c.number, p.price_rupiah as price
      from subscriptions s join customers c on c.id = s.customer_id join plans p on p.id = s.plan_id
      where s.organization_id = ${orgId}),
    x as (
      select s.*, m.period, m.k, (m.period + 19) as due, (s.number * 7 + m.k * 13) % 100 as roll from s, m)
    insert into invoices (organization_id, number, customer_id, subscription_id, period, issue_date, due_date, billing_type,
      subtotal, tax, total, paid_amount, status, paid_at, created_at)
    select ${orgId}, 'INV/' || to_char(period, 'YYYYMM') || '/' || number, customer_id, id, period, period, due, 'postpaid',
      price, 0, price,
      case when (k = 0 and roll < 40) or (k > 0 and roll < 92) then price else 0 end,
      case when (k = 0 and roll < 40) or (k > 0 and roll < 92) then 'paid'
        when k <= 1 or (k <= 3 and number % 25 = 0) then 'unpaid' else 'carried' end,
      case when k = 0 and roll < 40 then least(now(), (period + roll % 15)::timestamp at time zone ${TZ})
        when k > 0 and roll < 85 then (period + roll % 19)::timestamp at time zone ${TZ} + interval '10 hours'
        when k > 0 and roll < 92 then (due + 5 + roll % 20)::timestamp at time zone ${TZ} + interval '10 hours' end,
      (period::timestamp at time zone ${TZ})
    from x`);
  await db.execute(sql`
    insert into payments (organization_id, customer_id, amount, method, status, created_at)
    select ${orgId}, customer_id, total, case when number like '%1' then 'transfer' else 'cash' end, 'approved', paid_at
    from invoices where organization_id = ${orgId} and status = 'paid'`);
  // Isolation after each late due date, and terminations spread over the year.
  await db.execute(sql`
    insert into subscription_history (organization_id, subscription_id, from_status, to_status, reason, created_at)
    select ${orgId}::uuid, subscription_id, 'active', 'isolated', 'overdue', (due_date + 1)::timestamp at time zone ${TZ}
    from invoices where organization_id = ${orgId} and (paid_at is null or paid_at::date > due_date) and due_date < now()
    union all
    select ${orgId}::uuid, s.id, 'active', 'terminated', 'manual', now() - (c.number % 360) * interval '1 day'
    from subscriptions s join customers c on c.id = s.customer_id where s.organization_id = ${orgId} and s.status = 'terminated'`);
  const routerIds = await db.execute<{ id: string }>(sql`
    insert into routers (organization_id, name, host, username, password_enc, status, last_error_kind, last_checked_at)
    select ${orgId}, 'RB-' || g, '10.0.0.' || g, 'admin', 'x', case when g = 4 then 'offline' else 'online' end,
      case when g = 4 then 'timeout' end, now()
    from generate_series(1, 4) g returning id`);
  const routerArray = `{${routerIds.map((r) => r.id).join(',')}}`;
  // 80 % of active subscriptions online, spread over the online routers.
  await db.execute(sql`
    insert into router_sessions (organization_id, router_id, kind, item_id, username, subscription_id)
    select ${orgId}, (${routerArray}::uuid[])[c.number % 3 + 1], 'pppoe', '*' || c.number, s.service_username, s.id
    from subscriptions s join customers c on c.id = s.customer_id
    where s.organization_id = ${orgId} and s.status = 'active' and c.number % 5 <> 0`);
  await db.execute(sql`
    insert into leads (organization_id, name, phone, address, area, latitude, longitude, plan_id, billing_type, status, coverage, created_by, created_at)
    select ${orgId}, 'Calon ' || g, '62813' || g, 'Jl. Lead ' || g, 'RW 01', -6.9, 107.6, (${planIds}::uuid[])[g % 5 + 1], 'postpaid',
      case when g % 3 = 0 then 'converted' when g % 7 = 0 then 'rejected' else 'new' end,
      case when g % 4 = 0 then '{"ok": false, "reason": "out_of_range"}'::jsonb else '{"ok": true}'::jsonb end,
      ${user!.id}, now() - (g % 200) * interval '1 day'
    from generate_series(1, 3000) g`);
  await db.execute(sql`
    insert into jobs (organization_id, type, state, error, created_at)
    select ${orgId}, 'router-sync', case when g % 10 = 0 then 'failed' else 'done' end, case when g % 10 = 0 then 'timeout' end,
      now() - g * interval '1 hour'
    from generate_series(1, 2000) g`);
  await db.execute(sql`
    insert into audit_logs (organization_id, actor_user_id, action, entity_type, entity_id, data, created_at)
    select ${orgId}, ${user!.id}, 'subscription.status_changed', 'subscription', s.id::text, '{"to": "isolated"}'::jsonb,
      now() - c.number * interval '1 minute'
    from subscriptions s join customers c on c.id = s.customer_id where s.organization_id = ${orgId} and c.number <= 20000`);
  await db.execute(sql`vacuum analyze`);
  return orgId;
}

async function main() {
  const { url, stop } = await benchDatabase('jaring_bench_dashboard');
  const { db, client } = createDb(url, { max: 10 });
  try {
    const t0 = performance.now();
    // BENCH_REUSE=1 with BENCH_DATABASE_URL: time an organization an earlier run seeded there.
    const [kept] = process.env.BENCH_REUSE
      ? await db.execute<{ id: string }>(sql`select id from organizations where slug like 'bench-dash-%' limit 1`)
      : [];
    const orgId = kept?.id ?? (await seed(db));
    const [counts] = await db.execute<{ invoices: number; payments: number }>(sql`
      select (select count(*)::int from invoices where organization_id = ${orgId}) as invoices,
        (select count(*)::int from payments where organization_id = ${orgId}) as payments`);
    console.log(
      `seeded ${N.toLocaleString('en')} customers, ${counts!.invoices.toLocaleString('en')} invoices, ${counts!.payments.toLocaleString('en')} payments in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
    const sections = {
      summary: () => dashboardSummary(db, { orgId, may: (p) => can('admin', p) }),
      money: () => financeDashboard(db, { orgId }),
      network: () => nocDashboard(db, { orgId }),
      sales: () => salesDashboard(db, { orgId }),
    };
    const each: Record<string, number[]> = { summary: [], money: [], network: [], sales: [] };
    const timed = async (name: keyof typeof sections) => {
      const s = performance.now();
      await sections[name]();
      each[name]!.push(performance.now() - s);
    };
    const page = () => Promise.all((Object.keys(sections) as (keyof typeof sections)[]).map(timed));
    for (let i = 0; i < 3; i++) await page();
    for (const k of Object.keys(each)) each[k] = [];
    const pages: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const s = performance.now();
      await page();
      pages.push(performance.now() - s);
    }
    const f = await financeDashboard(db, { orgId });
    console.log(
      `check: MRR ${f.mrr.toLocaleString('id-ID')}, outstanding ${f.outstanding.toLocaleString('id-ID')}, ${f.collections.length} months of collections, top unpaid ${f.topUnpaid.length}`,
    );
    for (const [name, xs] of Object.entries(each))
      console.log(`${name.padEnd(8)} median ${round(pct(xs, 50))} ms, p95 ${round(pct(xs, 95))} ms`);
    const p95 = round(pct(pages, 95));
    console.log(`page (all sections at once, ${RUNS} runs): median ${round(pct(pages, 50))} ms, p95 ${p95} ms`);
    console.log(`goal: p95 under 150 ms -> ${p95 < 150 ? 'met' : 'NOT met'}`);
    console.log(JSON.stringify({ bench: 'dashboard', customers: N, p95_ms: p95 }));
  } finally {
    await client.end();
    await stop();
  }
}

void main();
