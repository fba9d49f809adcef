/**
 * npm run bench:map — the network map's data route over one organization with 100,000
 * located customers (each with a subscription on an API-mode router, nine in ten online),
 * 2,000 ODPs and 500 cables across Bandung, as lib/network/map.ts answers it: a street view
 * (a few hundred points), a district (just under the 3,000-point limit) and the whole city
 * (server-side clusters), all layers on; then the coverage check with the nearest free ODPs.
 * 400 small organizations are seeded beside it, so the statistics look like a shared database's.
 * Uses BENCH_DATABASE_URL when set, else an embedded PostgreSQL in a temporary folder.
 * Last line: {"bench":"map","customers":…,"odps":…,"street_ms":…,"district_ms":…,"city_clusters_ms":…,"coverage_ms":…}
 */
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { createDb, type Database } from '@/db/client';
import { organizations, plans, routers } from '@/db/schema';
import { coverageAt } from '@/lib/infrastructure/coverage';
import type { Bbox } from '@/lib/infrastructure/geo-sql';
import { MAP_LAYERS, mapFeatures } from '@/lib/infrastructure/map';
import { benchDatabase, percentile, round2 } from './db';

const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 100_000);
const ODPS = 2_000;
const CABLES = 500;
const RUNS = 20;
const GOAL_MS = 200;
// Bandung, about 16.5 km by 11 km.
const CITY: Bbox = { west: 107.55, south: -6.97, east: 107.7, north: -6.87 };

async function seed(db: Database, orgId: string) {
  const [plan] = await db
    .insert(plans)
    .values({
      organizationId: orgId,
      name: 'Paket 20 Mbps',
      downloadKbps: 20480,
      uploadKbps: 20480,
      priceRupiah: 150_000,
    })
    .returning();
  const [router] = await db
    .insert(routers)
    .values({
      organizationId: orgId,
      name: 'RB-Bandung',
      host: '10.0.0.1',
      username: 'api',
      passwordEnc: 'x',
      status: 'online',
      lastSeenAt: new Date(),
    })
    .returning();
  const { west, south, east, north } = CITY;
  await db.execute(sql`select setseed(0.42)`);
  await db.execute(sql`
    insert into odps (organization_id, code, name, latitude, longitude, total_ports, splitter_ratio)
    select ${orgId}, 'ODP-' || lpad(g::text, 5, '0'), 'Tiang ' || g,
      ${south}::float8 + random() * ${north - south}, ${west}::float8 + random() * ${east - west}, 16, '1:16'
    from generate_series(1, ${ODPS}) g`);
  // Short routes of three vertices, a few hundred metres each.
  await db.execute(sql`
    insert into cables (organization_id, code, name, cable_type, core_count, path, length_m, min_lat, min_lng, max_lat, max_lng)
    select ${orgId}, 'KBL-' || lpad(g::text, 4, '0'), 'Kabel ' || g, 'distribution', 24,
      jsonb_build_array(jsonb_build_array(lat, lng), jsonb_build_array(lat + 0.002, lng + 0.001), jsonb_build_array(lat + 0.003, lng + 0.004)),
      600, lat, lng, lat + 0.003, lng + 0.004
    from (select g, ${south}::float8 + random() * ${north - south - 0.003} as lat, ${west}::float8 + random() * ${east - west - 0.004} as lng
          from generate_series(1, ${CABLES}) g) x`);
  await db.execute(sql`
    insert into customers (organization_id, number, name, phone, address, status, plan_id, latitude, longitude)
    select ${orgId}, g, 'Pelanggan ' || g, '62812' || lpad(g::text, 7, '0'), 'Jl. Bench No. ' || g,
      (array['active','active','active','active','active','active','isolated','pending','suspended','terminated'])[g % 10 + 1],
      ${plan!.id}, ${south}::float8 + random() * ${north - south}, ${west}::float8 + random() * ${east - west}
    from generate_series(1, ${CUSTOMERS}) g`);
  await db.execute(sql`
    insert into subscriptions (organization_id, customer_id, plan_id, billing_type, service_username, service_password_enc, status, router_id, odp_id)
    select c.organization_id, c.id, c.plan_id, 'postpaid', 'u' || c.number, 'x', c.status, ${router!.id},
      -- A quarter of them on an ODP (about 12 of 16 ports taken), the rest not yet mapped to one.
      case when c.number % 4 = 0 then (select id from odps o where o.organization_id = c.organization_id
        and o.code = 'ODP-' || lpad((c.number / 4 % ${ODPS} + 1)::text, 5, '0')) end
    from customers c where c.organization_id = ${orgId}`);
  await db.execute(sql`
    insert into router_sessions (organization_id, router_id, kind, item_id, username, subscription_id)
    select s.organization_id, s.router_id, 'pppoe', '*' || s.service_username, s.service_username, s.id
    from subscriptions s where s.organization_id = ${orgId} and s.status = 'active' and random() < 0.9`);
  await seedOtherTenants(db, plan!.id);
  await db.execute(sql`vacuum analyze`);
}

/**
 * 400 small ISPs (50 customers each) beside the big one, so the planner's statistics look like
 * production's: with a single organization a correlated `organization_id` condition is estimated
 * as "every row" and the plans that hurt many-tenant databases never show up here.
 */
async function seedOtherTenants(db: Database, planId: string) {
  await db.execute(sql`
    insert into organizations (name, slug) select 'Tetangga ' || g, 'bench-other-' || g || '-' || ${Date.now()} from generate_series(1, 400) g`);
  await db.execute(sql`
    insert into customers (organization_id, number, name, phone, address, status, plan_id)
    select o.id, g, 'P' || g, '62812', 'Jl', 'active', ${planId}
    from organizations o cross join generate_series(1, 50) g where o.slug like 'bench-other-%'`);
  await db.execute(sql`
    insert into subscriptions (organization_id, customer_id, plan_id, billing_type, service_username, service_password_enc, status)
    select c.organization_id, c.id, c.plan_id, 'postpaid', 'o' || c.number, 'x', 'active'
    from customers c join organizations o on o.id = c.organization_id where o.slug like 'bench-other-%'`);
}

/** Median and p95 of RUNS calls, after one warm-up call. */
async function time<T>(fn: () => Promise<T>): Promise<{ median: number; p95: number; last: T }> {
  let last = await fn();
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    last = await fn();
    ms.push(performance.now() - t);
  }
  return { median: round2(percentile(ms, 50)), p95: round2(percentile(ms, 95)), last };
}

const around = (lat: number, lng: number, halfDeg: number): Bbox => ({
  west: lng - halfDeg,
  south: lat - halfDeg,
  east: lng + halfDeg,
  north: lat + halfDeg,
});

async function main() {
  const { url, stop } = await benchDatabase('jaring_bench_map');
  const { db, client } = createDb(url, { max: 4 });
  try {
    const [org] = await db
      .insert(organizations)
      .values({ name: 'Bench Map Net', slug: `bench-map-${Date.now()}` })
      .returning();
    const orgId = org!.id;
    const t0 = performance.now();
    await seed(db, orgId);
    console.log(
      `seeded ${CUSTOMERS.toLocaleString('en')} customers, ${ODPS} ODPs, ${CABLES} cables in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );

    const view = (bbox: Bbox, zoom: number) => () =>
      mapFeatures(db, { orgId, bbox, zoom, layers: MAP_LAYERS, includeCustomers: true });
    const street = await time(view(around(-6.92, 107.62, 0.0035), 17));
    const district = await time(view(around(-6.92, 107.62, 0.011), 15));
    const city = await time(view(CITY, 12));
    let i = 0;
    const coverage = await time(() => {
      i++;
      return coverageAt(db, {
        orgId,
        point: { latitude: -6.95 + (i % 7) * 0.01, longitude: 107.58 + (i % 11) * 0.01 },
      });
    });

    const explained = await db.execute<{ 'QUERY PLAN': string }>(sql`explain (format text)
      select count(*) from customers c where c.organization_id = ${orgId} and c.latitude is not null
        and point(c.longitude, c.latitude) <@ box(point(107.61::float8, -6.93::float8), point(107.63::float8, -6.91::float8))`);
    const usesIndex = explained.some((r) => r['QUERY PLAN'].includes('customers_org_point_gist'));

    const points = (r: typeof street.last) =>
      r.customers?.mode === 'points'
        ? `${r.customers.items.length} points`
        : `${r.customers?.items.length} clusters of ${r.customers && 'total' in r.customers ? r.customers.total : 0}`;
    const line = (label: string, r: typeof street) =>
      `${label.padEnd(26)} median ${String(r.median).padStart(7)} ms, p95 ${String(r.p95).padStart(7)} ms  (${points(r.last)}, ${r.last.odps?.length ?? 0} ODPs, ${r.last.cables?.length ?? 0} cables)`;
    console.log(line('street (~780 m view, z17)', street));
    console.log(line('district (~2.4 km, z15)', district));
    console.log(line('whole city (z12)', city));
    console.log(
      `${'coverage (verdict + 5)'.padEnd(26)} median ${String(coverage.median).padStart(7)} ms, p95 ${String(coverage.p95).padStart(7)} ms  (${coverage.last.nearest.length} nearest free ODPs)`,
    );
    console.log(`bounds query uses the GiST index customers_org_point_gist: ${usesIndex ? 'yes' : 'NO'}`);
    const worst = Math.max(street.median, district.median, city.median, coverage.median);
    console.log(
      `goal: every median under ${GOAL_MS} ms -> ${worst < GOAL_MS ? 'met' : 'NOT met'} (slowest ${worst} ms)`,
    );
    console.log(
      JSON.stringify({
        bench: 'map',
        customers: CUSTOMERS,
        odps: ODPS,
        street_ms: street.median,
        district_ms: district.median,
        city_clusters_ms: city.median,
        coverage_ms: coverage.median,
        street_p95_ms: street.p95,
        district_p95_ms: district.p95,
        city_clusters_p95_ms: city.p95,
        coverage_p95_ms: coverage.p95,
      }),
    );
  } finally {
    await client.end();
    await stop();
  }
}

void main();
