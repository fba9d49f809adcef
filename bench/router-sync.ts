/**
 * npm run bench:router-sync — reconcile a router holding 10,000 PPP secrets, 1,000 of which
 * differ from the database (wrong password, profile or disabled flag, or missing), through
 * the real job path: the web side queues a router-sync job, the worker reads the router with
 * one .proplist print and applies the fixes pipelined over its pooled connection.
 * Last line: {"bench":"router-sync","secrets":10000,"changed":1000,"seconds":…}
 */
import { performance } from 'node:perf_hooks';
import { eq, sql } from 'drizzle-orm';
import { createDb } from '@/db/client';
import { jobs, memberships, organizations, plans, routers, users } from '@/db/schema';
import { encryptSecret } from '@/lib/crypto';
import { requestRouterSync } from '@/lib/network/router-jobs';
import type { SyncReport } from '@/lib/network/router-sync';
import { closeRouterPool } from '@/workers/router-pool';
import { startWorker } from '@/workers/runner';
import { startRouterOsServer } from '../tests/support/routeros-server';
import { benchDatabase, round2 } from './db';

const N = Number(process.env.BENCH_SECRETS ?? 10_000);
const DIFFERING = Math.round(N / 10);

async function main() {
  const { url, stop } = await benchDatabase('jaring_bench_router_sync');
  const { db, client } = createDb(url, { max: 8 });
  const router = await startRouterOsServer({ version: '7.19.1' });
  try {
    const [org] = await db
      .insert(organizations)
      .values({ name: 'Bench Sync Net', slug: `bench-sync-${Date.now()}` })
      .returning();
    const [user] = await db
      .insert(users)
      .values({ email: `bench-${Date.now()}@jaring.test`, name: 'Bench NOC', passwordHash: 'x' })
      .returning();
    await db.insert(memberships).values({ organizationId: org!.id, userId: user!.id, role: 'noc' });
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
        name: 'RB-Sync',
        host: router.host,
        port: router.port,
        username: 'admin',
        passwordEnc: encryptSecret('secret'),
      })
      .returning();
    await db.execute(sql`
      insert into customers (organization_id, number, name, phone, address, status, plan_id)
      select ${org!.id}, g, 'Pelanggan ' || g, '62812' || lpad(g::text, 7, '0'), 'Jl. Bench No. ' || g, 'active', ${plan!.id}
      from generate_series(1, ${N}) g`);
    // Each subscription has its own password (encrypted like any other).
    const passwords = Array.from({ length: N }, (_, i) => encryptSecret(`pw-${i + 1}`));
    await db.execute(sql`
      insert into subscriptions (organization_id, customer_id, plan_id, billing_type, service_username, service_password_enc, status, router_id)
      select ${org!.id}, c.id, c.plan_id, 'postpaid', 'u' || c.number, (${JSON.stringify(passwords)}::jsonb ->> (c.number - 1)), 'active', ${row!.id}
      from customers c where c.organization_id = ${org!.id}`);
    router.addProfile({ name: 'Paket 20 Mbps', 'rate-limit': '10240k/20480k' });
    router.addProfile({ name: 'isolir', 'rate-limit': '256k/256k', 'address-list': 'isolir' });
    // Every tenth secret differs: a changed password, a wrong profile, disabled, or missing.
    let missing = 0;
    for (let i = 1; i <= N; i++) {
      const kind = i % 10 === 0 ? (i / 10) % 4 : -1;
      if (kind === 3) {
        missing++;
        continue;
      }
      router.addSecret({
        name: `u${i}`,
        password: kind === 0 ? 'old-password' : `pw-${i}`,
        profile: kind === 1 ? 'default' : 'Paket 20 Mbps',
        disabled: kind === 2,
        service: 'pppoe',
        comment: `C-${i}`,
      });
    }
    await db.execute(sql`vacuum analyze`);
    console.log(
      `seeded ${N.toLocaleString('en')} subscriptions; the router holds ${(N - missing).toLocaleString('en')} secrets, ${DIFFERING} differ or are missing`,
    );

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
    const { jobId } = await requestRouterSync(db, {
      orgId: org!.id,
      actorUserId: user!.id,
      ip: null,
      routerId: row!.id,
      removeExtra: false,
    });
    let job;
    for (;;) {
      [job] = await db.select().from(jobs).where(eq(jobs.id, jobId));
      if (job && (job.state === 'done' || job.state === 'failed')) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const seconds = (performance.now() - start) / 1000;
    const stats = { ...router.stats };
    await runner.stop();
    await closeRouterPool();
    if (job!.state !== 'done') throw new Error(`sync failed: ${job!.error}`);
    const report = job!.result as unknown as SyncReport;
    const changed = report.counts.changed + report.counts.added;
    const wrong = router
      .list('/ppp/secret')
      .filter((s) => s.profile !== 'Paket 20 Mbps' || s.disabled !== 'false').length;
    console.log(
      `report: ${JSON.stringify(report.counts)}; router afterwards: ${router.list('/ppp/secret').length} secrets, ${wrong} still wrong`,
    );
    console.log(`router saw ${stats.logins} login(s), ${stats.commands} commands: ${JSON.stringify(stats.byCommand)}`);
    console.log(`goal: under 5 s -> ${seconds < 5 ? 'met' : 'NOT met'} (${seconds.toFixed(2)} s)`);
    console.log(JSON.stringify({ bench: 'router-sync', secrets: N, changed, seconds: round2(seconds) }));
  } finally {
    await router.close();
    await client.end();
    await stop();
  }
}

void main();
