/**
 * npm run bench:router-isolate — the isolation pass over 1,000 prepaid PPPoE customers who
 * are online, on one router (the RouterOS stand-in on loopback, real wire protocol), through
 * the real job path: runIsolation queues the jobs, the worker applies them over its pooled
 * connection. Counts logins and API commands as the router saw them.
 * Last line: {"bench":"router-isolate","customers":1000,"seconds":…,"logins":…,"commands":…}
 */
import { performance } from 'node:perf_hooks';
import { and, eq, sql } from 'drizzle-orm';
import { createDb } from '@/db/client';
import { jobs, organizations, plans, routers } from '@/db/schema';
import { runIsolation } from '@/lib/billing/isolation';
import { runBilling } from '@/lib/billing/run';
import { encryptSecret } from '@/lib/crypto';
import { subscriptionApply } from '@/lib/network/jobs';
import { closeRouterPool } from '@/workers/router-pool';
import { startWorker } from '@/workers/runner';
import { startRouterOsServer } from '../tests/support/routeros-server';
import { benchDatabase, round2 } from './db';

const N = Number(process.env.BENCH_CUSTOMERS ?? 1000);

async function main() {
  const { url, stop } = await benchDatabase('jaring_bench_router_isolate');
  const { db, client } = createDb(url, { max: 8 });
  const router = await startRouterOsServer({ version: '7.19.1' });
  try {
    const [org] = await db
      .insert(organizations)
      .values({ name: 'Bench Router Net', slug: `bench-router-${Date.now()}` })
      .returning();
    const [plan] = await db
      .insert(plans)
      .values({
        organizationId: org!.id,
        name: 'Paket 20 Mbps',
        downloadKbps: 20480,
        uploadKbps: 10240,
        priceRupiah: 150_000,
      })
      .returning();
    const [row] = await db
      .insert(routers)
      .values({
        organizationId: org!.id,
        name: 'RB-Bench',
        host: router.host,
        port: router.port,
        username: 'admin',
        passwordEnc: encryptSecret('secret'),
      })
      .returning();
    const password = encryptSecret('rahasia1');
    await db.execute(sql`
      insert into customers (organization_id, number, name, phone, address, status, plan_id)
      select ${org!.id}, g, 'Pelanggan ' || g, '62812' || lpad(g::text, 7, '0'), 'Jl. Bench No. ' || g, 'active', ${plan!.id}
      from generate_series(1, ${N}) g`);
    await db.execute(sql`
      insert into subscriptions (organization_id, customer_id, plan_id, billing_type, service_username, service_password_enc, status, activated_at, router_id)
      select ${org!.id}, c.id, c.plan_id, 'prepaid', 'u' || c.number, ${password}, 'active', '2026-03-01 03:00+00', ${row!.id}
      from customers c where c.organization_id = ${org!.id}`);
    router.addProfile({ name: 'Paket 20 Mbps', 'rate-limit': '10240k/20480k' });
    router.addProfile({ name: 'isolir', 'rate-limit': '256k/256k', 'address-list': 'isolir' });
    for (let i = 1; i <= N; i++) {
      router.addSecret({ name: `u${i}`, password: 'rahasia1', profile: 'Paket 20 Mbps', service: 'pppoe' });
      router.connectSession(`u${i}`, { address: `10.10.${Math.floor(i / 250)}.${(i % 250) + 1}` });
    }
    await runBilling(db, { orgId: org!.id, period: '2026-11-01', actorUserId: null });
    await db.execute(sql`vacuum analyze`);
    console.log(`seeded ${N} online PPPoE customers with unpaid prepaid invoices`);

    const runner = await startWorker({
      connectionString: url,
      db,
      concurrency: 4,
      log: false,
      schedule: false,
      networkSchedule: false,
    });
    router.resetStats();
    const start = performance.now();
    // 1 Nov 00:05 WIB: the prepaid invoices' isolation moment has come.
    // Measured at H+0: no minimum notice (the invoices were issued a moment ago, for real).
    await db.execute(
      sql`insert into billing_settings (organization_id, isolation_notice_hours) values (${org!.id}, 0) on conflict (organization_id) do update set isolation_notice_hours = 0`,
    );
    const { isolated } = await runIsolation(db, { orgId: org!.id, now: new Date('2026-10-31T17:05:00Z') });
    const queuedAfter = (performance.now() - start) / 1000;
    const pending = sql`select count(*)::int as n from jobs where organization_id = ${org!.id} and type = ${subscriptionApply.name} and state <> 'done'`;
    for (;;) {
      const [r] = await db.execute<{ n: number }>(pending);
      if (r!.n === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const seconds = (performance.now() - start) / 1000;
    const stats = { ...router.stats };
    await runner.stop();
    await closeRouterPool();

    const secrets = router.list('/ppp/secret');
    const onIsolir = secrets.filter((s) => s.profile === 'isolir').length;
    const online = router.list('/ppp/active').length;
    const [failed] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(jobs)
      .where(and(eq(jobs.organizationId, org!.id), eq(jobs.state, 'failed')));
    const perCustomer = stats.commands / N;
    console.log(
      `isolation pass (decide, history, queue ${isolated} router + ${isolated} notification jobs): ${queuedAfter.toFixed(2)} s; jobs applied by ${seconds.toFixed(2)} s`,
    );
    console.log(
      `isolated ${isolated} subscriptions; router: ${onIsolir}/${secrets.length} secrets on isolir, ${online} still online, ${failed!.n} failed jobs`,
    );
    console.log(
      `router saw ${stats.logins} login(s), ${stats.commands} commands (${perCustomer.toFixed(2)} per customer): ${JSON.stringify(stats.byCommand)}`,
    );
    console.log(
      `goal: 1 login, <= 3 commands per customer, under 5 s -> ${stats.logins === 1 && perCustomer <= 3 && seconds < 5 ? 'met' : 'NOT met'} (${seconds.toFixed(2)} s)`,
    );
    console.log(
      JSON.stringify({
        bench: 'router-isolate',
        customers: N,
        seconds: round2(seconds),
        logins: stats.logins,
        commands: stats.commands,
      }),
    );
  } finally {
    await router.close();
    await client.end();
    await stop();
  }
}

void main();
