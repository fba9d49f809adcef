/**
 * npm run bench:outage — an ODC goes down in an organization of 100,000 customers (4 OLTs ×
 * 5 ODCs × 625 ODPs × 8 ports, every subscription active, 2 % opted out of WhatsApp): the
 * affected set walked from the topology and stored (lib/outages/affected.ts), then the
 * incident ticket and one WhatsApp notice per affected customer queued (lib/outages/incident.ts).
 * Each run is one transaction rolled back, so every run starts from the same data.
 * Figures are medians of the runs. Goals: impact < 200 ms, queued < 2 s.
 * Last line: {"bench":"outage","affected":5000,"impact_ms":…,"queued_ms":…}
 */
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { createDb, type Database } from '@/db/client';
import { memberships, organizations, plans, users } from '@/db/schema';
import { countAffected } from '@/lib/outages/affected';
import { openIncident } from '@/lib/outages/incident';
import { createOutage } from '@/lib/outages/mutations';
import { idOf, seedTopology } from '../tests/support/outage-world';
import { benchDatabase, percentile as pct, round2 as round } from './db';

const RUNS = Number(process.env.BENCH_RUNS ?? 10);

async function seed(db: Database) {
  const [org] = await db
    .insert(organizations)
    .values({ name: 'Bench Outage Net', slug: `bench-outage-${Date.now()}` })
    .returning();
  const orgId = org!.id;
  const [user] = await db
    .insert(users)
    .values({ name: 'NOC', email: `noc-${Date.now()}@bench.test`, passwordHash: 'x' })
    .returning();
  await db.insert(memberships).values({ organizationId: orgId, userId: user!.id, role: 'noc' });
  const [plan] = await db
    .insert(plans)
    .values({
      organizationId: orgId,
      name: 'Paket 20 Mbps',
      downloadKbps: 20480,
      uploadKbps: 20480,
      priceRupiah: 166_500,
    })
    .returning();
  await seedTopology(db, { orgId, planId: plan!.id, olts: 4, odcsPerOlt: 5, odpsPerOdc: 625, subsPerOdp: 8 });
  await db.execute(
    sql`update customers set whatsapp_opt_out = true where organization_id = ${orgId} and number % 50 = 0`,
  );
  await db.execute(sql`vacuum analyze`);
  return { orgId, userId: user!.id };
}

class Rollback extends Error {}

async function main() {
  const { url, stop } = await benchDatabase('jaring_bench_outage');
  const { db, client } = createDb(url, { max: 4 });
  try {
    const t0 = performance.now();
    const { orgId, userId } = await seed(db);
    const [{ n }] = (await db.execute<{ n: number }>(
      sql`select count(*)::int as n from customers where organization_id = ${orgId}`,
    )) as unknown as [{ n: number }];
    console.log(`seeded ${n} customers in ${Math.round(performance.now() - t0)} ms`);
    const odc = await idOf(db, orgId, 'ODC-1-1');
    const element = { type: 'odc' as const, id: odc };
    const counted = await countAffected(db, { orgId, element });
    const impact: number[] = [];
    const queued: number[] = [];
    let affected = 0;
    let notices = 0;
    for (let i = 0; i < RUNS + 2; i++) {
      await db
        .transaction(async (tx) => {
          const s = performance.now();
          const outage = await createOutage(tx, { orgId, actorUserId: userId, element, source: 'manual' });
          const m = performance.now();
          const incident = await openIncident(tx, { orgId, actorUserId: userId, ip: null, outage });
          const e = performance.now();
          // The first two runs warm the caches and are not counted.
          if (i >= 2) {
            impact.push(m - s);
            queued.push(e - m);
          }
          affected = outage.affectedCount;
          notices = incident.notices.queued;
          throw new Rollback();
        })
        .catch((error: unknown) => {
          if (!(error instanceof Rollback)) throw error;
        });
    }
    const impactMs = round(pct(impact, 50));
    const queuedMs = round(pct(queued, 50));
    console.log(
      `affected: ${affected} subscriptions (${counted.customers} customers), ${notices} WhatsApp notices queued (opted-out excluded)`,
    );
    console.log(`impact (walk + store, ${RUNS} runs): median ${impactMs} ms, p95 ${round(pct(impact, 95))} ms`);
    console.log(`queued (ticket + notices, ${RUNS} runs): median ${queuedMs} ms, p95 ${round(pct(queued, 95))} ms`);
    console.log(
      `goals: impact < 200 ms -> ${impactMs < 200 ? 'met' : 'NOT met'}; queued < 2 s -> ${queuedMs < 2000 ? 'met' : 'NOT met'}`,
    );
    console.log(JSON.stringify({ bench: 'outage', affected, impact_ms: impactMs, queued_ms: queuedMs }));
  } finally {
    await client.end();
    await stop();
  }
}

void main();
