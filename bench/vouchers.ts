/**
 * npm run bench:vouchers — one batch of 100,000 hotspot vouchers generated and stored as the
 * "Generate" button does it (lib/vouchers/batches.ts generateBatch: CSPRNG codes, one
 * multi-row insert per round with the organization's unique index, the delivery job and the
 * audit entry in one transaction), into an organization that already has 20,000 customers
 * (whose usernames codes must not take) and an earlier batch of 100,000 vouchers.
 * Uses BENCH_DATABASE_URL when set, else an embedded PostgreSQL in a temporary folder.
 * Last line: {"bench":"vouchers","count":100000,"seconds":…}
 */
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { createDb } from '@/db/client';
import { memberships, organizations, plans, routers, users } from '@/db/schema';
import { generateBatch } from '@/lib/vouchers/batches';
import { voucherDeliver } from '@/lib/vouchers/jobs';
import { saveVoucherProfile } from '@/lib/vouchers/profiles';
import type { GenerateBatchInput } from '@/lib/vouchers/schemas';
import { benchDatabase, round2 } from './db';

const COUNT = Number(process.env.BENCH_VOUCHERS ?? 100_000);
const CUSTOMERS = 20_000;
// `separate` adds a second random password per voucher, encrypted (AES-256-GCM) one by one.
const PASSWORD_MODE = process.env.BENCH_PASSWORD_MODE === 'separate' ? 'separate' : 'same';
const GOAL_SECONDS = 3;

async function main() {
  const { url, stop } = await benchDatabase('jaring_bench_vouchers');
  const { db, client } = createDb(url, { max: 2 });
  try {
    const [org] = await db
      .insert(organizations)
      .values({ name: 'Bench Voucher Net', slug: `bench-vouchers-${Date.now()}` })
      .returning();
    const [user] = await db
      .insert(users)
      .values({ email: `admin-${Date.now()}@bench.jaring.id`, name: 'Bench Admin', passwordHash: 'x' })
      .returning();
    await db.insert(memberships).values({ organizationId: org!.id, userId: user!.id, role: 'admin' });
    const [router] = await db
      .insert(routers)
      .values({ organizationId: org!.id, name: 'RB-Hotspot', host: '10.0.0.1', username: 'api', passwordEnc: 'x' })
      .returning();
    const [plan] = await db
      .insert(plans)
      .values({
        organizationId: org!.id,
        name: 'Paket 10 Mbps',
        downloadKbps: 10240,
        uploadKbps: 10240,
        priceRupiah: 100_000,
      })
      .returning();
    await db.execute(sql`
      insert into customers (organization_id, number, name, phone, address, status, plan_id)
      select ${org!.id}, g, 'Pelanggan ' || g, '62812' || lpad(g::text, 7, '0'), 'Jl. Bench No. ' || g, 'active', ${plan!.id}
      from generate_series(1, ${CUSTOMERS}) g`);
    await db.execute(sql`
      insert into subscriptions (organization_id, customer_id, plan_id, billing_type, service_username, service_password_enc, status)
      select organization_id, id, plan_id, 'prepaid', 'u' || number, 'x', 'active' from customers where organization_id = ${org!.id}`);
    const actor = { orgId: org!.id, actorUserId: user!.id, ip: null };
    const profile = await saveVoucherProfile(db, {
      ...actor,
      input: {
        name: 'Voucher 1 Hari',
        priceRupiah: 5_000,
        costRupiah: 4_000,
        validityMinutes: 1440,
        timeQuotaMinutes: null,
        dataQuotaMb: null,
        rateLimit: '2M/2M',
        sharedUsers: 1,
        routerProfile: null,
        radiusGroup: null,
      },
    });
    const input: GenerateBatchInput = {
      profileId: profile.id,
      count: COUNT,
      codeLength: 8,
      charset: 'lower_numeric',
      prefix: '',
      passwordMode: PASSWORD_MODE,
      delivery: 'router',
      routerId: router!.id,
      resellerUserId: null,
    };

    const warm = performance.now();
    await generateBatch(db, { ...actor, input });
    const warmSeconds = (performance.now() - warm) / 1000;
    await db.execute(sql`vacuum analyze`);
    console.log(
      `seeded ${CUSTOMERS.toLocaleString('en')} customers and a first batch of ${COUNT.toLocaleString('en')} vouchers (that batch: ${warmSeconds.toFixed(2)} s)`,
    );

    const start = performance.now();
    const batch = await generateBatch(db, { ...actor, input });
    const seconds = (performance.now() - start) / 1000;

    const [check] = await db.execute<{ total: number; distinct: number; inBatch: number; jobs: number }>(sql`
      select (select count(*)::int from vouchers where organization_id = ${org!.id}) as total,
             (select count(distinct code)::int from vouchers where organization_id = ${org!.id}) as distinct,
             (select count(*)::int from vouchers where batch_id = ${batch.id}) as "inBatch",
             (select count(*)::int from jobs where organization_id = ${org!.id} and type = ${voucherDeliver.name}) as jobs`);
    console.log(
      `batch (password mode ${PASSWORD_MODE}): ${check!.inBatch.toLocaleString('en')} vouchers stored in ${seconds.toFixed(2)} s (${Math.round(check!.inBatch / seconds).toLocaleString('en')} per second), delivery job queued`,
    );
    console.log(
      `check: ${check!.total.toLocaleString('en')} vouchers in the organization, ${check!.distinct.toLocaleString('en')} distinct codes, ${check!.jobs} delivery jobs`,
    );
    console.log(
      `goal: under ${GOAL_SECONDS} s -> ${seconds < GOAL_SECONDS ? 'met' : 'NOT met'} (${seconds.toFixed(2)} s)`,
    );
    console.log(JSON.stringify({ bench: 'vouchers', count: check!.inBatch, seconds: round2(seconds) }));
  } finally {
    await client.end();
    await stop();
  }
}

void main();
