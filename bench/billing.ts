/**
 * npm run bench:billing — the monthly billing run and the isolation pass over 100,000 active
 * subscriptions (half prepaid, half postpaid, some with a first partial month, some with a
 * one-off charge), as the worker runs them (lib/billing). The isolation pass runs at H+0 of
 * the prepaid invoices, so every prepaid subscription is isolated with its two jobs.
 * Last line: {"bench":"billing","subscriptions":…,"issued":…,"isolated":…,"seconds":…}
 */
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { createDb } from '@/db/client';
import { organizations, plans } from '@/db/schema';
import { runIsolation } from '@/lib/billing/isolation';
import { runBilling } from '@/lib/billing/run';
import { benchDatabase, round2 } from './db';

const N = Number(process.env.BENCH_SUBSCRIPTIONS ?? 100_000);
const PERIOD = '2026-11-01';

async function main() {
  const { url, stop } = await benchDatabase('jaring_bench_billing');
  const { db, client } = createDb(url, { max: 2 });
  try {
    const [org] = await db
      .insert(organizations)
      .values({ name: 'Bench Billing Net', slug: `bench-billing-${Date.now()}` })
      .returning();
    const planRows = await db
      .insert(plans)
      .values(
        [10, 20, 50].map((m, i) => ({
          organizationId: org!.id,
          name: `Paket ${m} Mbps`,
          downloadKbps: m * 1024,
          uploadKbps: m * 512,
          priceRupiah: 100_000 + i * 75_000,
          taxable: i > 0,
        })),
      )
      .returning();
    const planIds = `{${planRows.map((p) => p.id).join(',')}}`;
    // BENCH_EVENTS=1: a webhook wants every invoice and isolation (one event row per row of the pass).
    if (process.env.BENCH_EVENTS === '1')
      await db.execute(sql`insert into webhook_endpoints (organization_id, url, event_types, secret)
        values (${org!.id}, 'https://hooks.example.com/bench', '{invoice.created,subscription.isolated}', 'x')`);
    const t0 = performance.now();
    await db.execute(sql`
      insert into customers (organization_id, number, name, phone, address, status, plan_id)
      select ${org!.id}, g, 'Pelanggan ' || g, '62812' || lpad(g::text, 7, '0'), 'Jl. Bench No. ' || g, 'active', (${planIds}::uuid[])[g % 3 + 1]
      from generate_series(1, ${N}) g`);
    // Every tenth subscription was activated last month (a prorata line); the rest long ago.
    await db.execute(sql`
      insert into subscriptions (organization_id, customer_id, plan_id, billing_type, service_username, service_password_enc, status, activated_at)
      select ${org!.id}, c.id, c.plan_id, case when c.number % 2 = 0 then 'prepaid' else 'postpaid' end, 'u' || c.number, 'x', 'active',
        case when c.number % 10 = 0 then '2026-10-17 03:00+00'::timestamptz else '2026-03-01 03:00+00'::timestamptz end
      from customers c where c.organization_id = ${org!.id}`);
    await db.execute(sql`
      insert into pending_charges (organization_id, subscription_id, description, amount)
      select organization_id, id, 'Biaya instalasi', 250000 from subscriptions
      where organization_id = ${org!.id} and activated_at >= '2026-10-01'`);
    await db.execute(sql`vacuum analyze`);
    console.log(`seeded ${N.toLocaleString('en')} subscriptions in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const start = performance.now();
    const report = await runBilling(db, { orgId: org!.id, period: PERIOD, actorUserId: null });
    const billingSeconds = (performance.now() - start) / 1000;
    // 1 Nov 00:05 WIB: prepaid invoices are due at 00:01, postpaid not until after the 20th.
    const isoStart = performance.now();
    // Measured at H+0: no minimum notice (the invoices were issued a moment ago, for real).
    await db.execute(
      sql`insert into billing_settings (organization_id, isolation_notice_hours) values (${org!.id}, 0) on conflict (organization_id) do update set isolation_notice_hours = 0`,
    );
    const { isolated } = await runIsolation(db, { orgId: org!.id, now: new Date('2026-10-31T17:05:00Z') });
    const isolationSeconds = (performance.now() - isoStart) / 1000;
    const seconds = (performance.now() - start) / 1000;

    const [check] = await db.execute<{ invoices: number; numbers: number; jobs: number }>(sql`
      select (select count(*)::int from invoices where organization_id = ${org!.id} and period = ${PERIOD}) as invoices,
             (select count(distinct number)::int from invoices where organization_id = ${org!.id}) as numbers,
             (select count(*)::int from jobs where organization_id = ${org!.id}) as jobs`);
    console.log(
      `billing run: ${report.issued.toLocaleString('en')} of ${report.eligible.toLocaleString('en')} eligible invoiced in ${billingSeconds.toFixed(2)} s (total ${report.total.toLocaleString('id-ID')} rupiah)`,
    );
    console.log(
      `isolation: ${isolated.toLocaleString('en')} prepaid isolated, ${check!.jobs.toLocaleString('en')} jobs queued, in ${isolationSeconds.toFixed(2)} s`,
    );
    console.log(
      `check: ${check!.invoices} invoices, ${check!.numbers} distinct numbers; issued ${report.issued === report.eligible ? '=' : '!='} eligible`,
    );
    console.log(`goal: under 10 s -> ${seconds < 10 ? 'met' : 'NOT met'} (${seconds.toFixed(2)} s)`);
    console.log(
      JSON.stringify({
        bench: 'billing',
        subscriptions: N,
        eligible: report.eligible,
        issued: report.issued,
        isolated,
        billing_seconds: round2(billingSeconds),
        isolation_seconds: round2(isolationSeconds),
        seconds: round2(seconds),
      }),
    );
  } finally {
    await client.end();
    await stop();
  }
}

void main();
