/**
 * npm run bench:inventory — the inventory's two hot reads for an organization with 200,000
 * serialized units in 500 locations (warehouses, shelves, technicians' bags, customers) and
 * 1,000,000 ledger rows (each unit received, then moved four times; its last move is where it
 * is now), plus bulk items on hand. Seeded set-based. Timed: the serial lookup (searchUnits,
 * the function behind the units search and a scanned serial, with random serials) and the
 * stock-on-hand page's query (stockOnHand: its page and its totals).
 * Last line: {"bench":"inventory","units":200000,"serial_lookup_p95_ms":…,"stock_page_p95_ms":…}
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { createDb, type Database } from '@/db/client';
import { stockOnHand } from '@/lib/inventory/stock';
import { searchUnits } from '@/lib/inventory/unit-search';
import { benchDatabase, percentile as pct, round2 as round } from './db';

const UNITS = Number(process.env.BENCH_UNITS ?? 200_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 200);
// 20 warehouses, 80 shelves, 150 bags, 250 customers.
const LOCATIONS = { warehouse: 20, shelf: 80, bag: 150, customer: 250 };
const MOVES_PER_UNIT = 5;

const serialOf = (n: number) => `ZTEG${String(n).padStart(8, '0')}`;

async function seed(db: Database) {
  const stamp = Date.now();
  const [org] = await db.execute<{ id: string }>(sql`
    insert into organizations (name, slug) values ('Bench Inventory Net', ${`bench-inv-${stamp}`}) returning id`);
  const orgId = org!.id;
  const [admin] = await db.execute<{ id: string }>(sql`
    insert into users (name, email, password_hash) values ('Admin', ${`admin-${stamp}@bench.test`}, 'x') returning id`);
  await db.execute(
    sql`insert into memberships (organization_id, user_id, role) values (${orgId}, ${admin!.id}, 'admin')`,
  );
  // 10 serialized items (ONTs and routers), 10 bulk (cable, connectors, …).
  await db.execute(sql`
    insert into inventory_items (organization_id, sku, name, category, unit, tracking, has_mac, min_stock, cost_price, average_cost)
    select ${orgId}, 'SKU-' || g, case when g <= 10 then 'ONT model ' || g else 'Bahan ' || g end,
      case when g <= 5 then 'ont' when g <= 10 then 'router' when g <= 15 then 'cable' else 'connector' end,
      case when g between 11 and 15 then 'm' else 'pcs' end,
      case when g <= 10 then 'serial' else 'bulk' end, g <= 10, 10, 100000 + g * 10000, 100000 + g * 10000
    from generate_series(1, 20) g`);
  await db.execute(sql`
    insert into stock_locations (organization_id, kind, name, code)
    select ${orgId}, 'warehouse', 'Gudang ' || g, 'GDG-' || g from generate_series(1, ${LOCATIONS.warehouse}) g`);
  await db.execute(sql`
    insert into stock_locations (organization_id, kind, name, code, parent_id)
    select ${orgId}, 'shelf', 'Rak ' || g, 'RAK-' || g,
      (select id from stock_locations where organization_id = ${orgId} and code = 'GDG-' || (g % ${LOCATIONS.warehouse} + 1))
    from generate_series(1, ${LOCATIONS.shelf}) g`);
  await db.execute(sql`
    insert into users (name, email, password_hash)
    select 'Teknisi ' || g, 'tek-' || g || '-' || ${stamp} || '@bench.test', 'x' from generate_series(1, ${LOCATIONS.bag}) g`);
  await db.execute(sql`
    insert into memberships (organization_id, user_id, role)
    select ${orgId}, id, 'technician' from users where email like ${`tek-%-${stamp}@bench.test`}`);
  await db.execute(sql`
    insert into stock_locations (organization_id, kind, name, code, user_id)
    select ${orgId}, 'bag', 'Tas ' || u.name, 'TAS-' || row_number() over (order by u.email), u.id
    from users u where u.email like ${`tek-%-${stamp}@bench.test`}`);
  const [plan] = await db.execute<{ id: string }>(sql`
    insert into plans (organization_id, name, download_kbps, upload_kbps, price_rupiah)
    values (${orgId}, 'Paket 20 Mbps', 20480, 20480, 150000) returning id`);
  await db.execute(sql`
    insert into customers (organization_id, number, name, phone, address, status, plan_id, search_text)
    select ${orgId}, g, 'Pelanggan ' || g, '62812' || lpad(g::text, 7, '0'), 'Jl. Bench ' || g, 'active', ${plan!.id},
      'pelanggan ' || g || ' 62812' || lpad(g::text, 7, '0') || ' c-' || lpad(g::text, 6, '0')
    from generate_series(1, ${LOCATIONS.customer}) g`);
  await db.execute(sql`
    insert into subscriptions (organization_id, customer_id, plan_id, billing_type, service_username, service_password_enc, status)
    select ${orgId}, c.id, c.plan_id, 'postpaid', 'u' || c.number, 'x', 'active' from customers c where c.organization_id = ${orgId}`);
  await db.execute(sql`
    insert into stock_locations (organization_id, kind, name, code, subscription_id)
    select ${orgId}, 'customer', 'Pelanggan ' || c.number, 'CUST-' || c.number, s.id
    from subscriptions s join customers c on c.id = s.customer_id where s.organization_id = ${orgId}`);
  // Locations numbered 1..500 for the set-based generation below.
  await db.execute(sql`
    create temp table bench_loc as
    select row_number() over (order by kind, code)::int as n, id, kind from stock_locations where organization_id = ${orgId}`);
  await db.execute(sql`create temp table bench_item as
    select row_number() over (order by sku)::int as n, id, average_cost from inventory_items
    where organization_id = ${orgId} and tracking = 'serial'`);
  // A unit's k-th place (k = 0 received, 4 now): spread over every location; where it is now is
  // its last one. Items 1..10 in turn.
  await db.execute(sql`
    insert into stock_units (organization_id, item_id, serial, mac, location_id, unit_cost, received_at, moved_at)
    select ${orgId}, i.id, 'ZTEG' || lpad(g::text, 8, '0'),
      case when i.n <= 5 then upper(rtrim(regexp_replace(lpad(to_hex(g), 12, '0'), '(..)', '\\1:', 'g'), ':')) end,
      l.id, i.average_cost, now() - (g % 700) * interval '1 day', now() - (g % 30) * interval '1 day'
    from generate_series(1, ${UNITS}) g
    join bench_item i on i.n = g % 10 + 1
    join bench_loc l on l.n = (g * 7 + 4 * 13) % ${LOCATIONS.warehouse + LOCATIONS.shelf + LOCATIONS.bag + LOCATIONS.customer} + 1`);
  const batch = crypto.randomUUID();
  const total = LOCATIONS.warehouse + LOCATIONS.shelf + LOCATIONS.bag + LOCATIONS.customer;
  await db.execute(sql`
    insert into stock_moves (organization_id, batch_id, kind, item_id, unit_id, quantity, from_location_id, to_location_id, unit_cost, actor_user_id, created_at)
    select ${orgId}, ${batch}, case when k = 0 then 'receive' when k = 4 then 'install' else 'transfer' end,
      u.item_id, u.id, 1, f.id, t.id, case when k = 0 then u.unit_cost end, ${admin!.id},
      u.received_at + k * interval '1 day'
    from (select u.*, substr(u.serial, 5)::int as g from stock_units u where u.organization_id = ${orgId}) u
    cross join generate_series(0, ${MOVES_PER_UNIT - 1}) k
    left join bench_loc f on k > 0 and f.n = (u.g * 7 + (k - 1) * 13) % ${total} + 1
    join bench_loc t on t.n = (u.g * 7 + k * 13) % ${total} + 1`);
  // Levels as the ledger leaves them: serialized = units there; bulk = some on every own location.
  await db.execute(sql`
    insert into stock_levels (organization_id, item_id, location_id, quantity)
    select organization_id, item_id, location_id, count(*) from stock_units where organization_id = ${orgId} group by 1, 2, 3`);
  await db.execute(sql`
    with bulk as (select id, average_cost from inventory_items where organization_id = ${orgId} and tracking = 'bulk'),
    own as (select id from bench_loc where kind in ('warehouse', 'shelf', 'bag'))
    , ins as (
      insert into stock_levels (organization_id, item_id, location_id, quantity)
      select ${orgId}, b.id, o.id, 100 from bulk b cross join own o returning item_id, location_id, quantity)
    insert into stock_moves (organization_id, batch_id, kind, item_id, quantity, to_location_id, unit_cost, actor_user_id)
    select ${orgId}, ${batch}, 'receive', i.item_id, i.quantity, i.location_id, b.average_cost, ${admin!.id}
    from ins i join bulk b on b.id = i.item_id`);
  await db.execute(sql`vacuum analyze`);
  return orgId;
}

async function main() {
  const { url, stop } = await benchDatabase('jaring_bench_inventory');
  const { db, client } = createDb(url, { max: 4 });
  try {
    const t0 = performance.now();
    // BENCH_REUSE=1 with BENCH_DATABASE_URL: time an organization an earlier run seeded there.
    const [kept] = process.env.BENCH_REUSE
      ? await db.execute<{ id: string }>(sql`select id from organizations where slug like 'bench-inv-%' limit 1`)
      : [];
    const orgId = kept?.id ?? (await seed(db));
    const [counts] = await db.execute<{ units: number; moves: number; locations: number }>(sql`
      select (select count(*)::int from stock_units where organization_id = ${orgId}) as units,
        (select count(*)::int from stock_moves where organization_id = ${orgId}) as moves,
        (select count(*)::int from stock_locations where organization_id = ${orgId}) as locations`);
    console.log(
      `seeded ${counts!.units.toLocaleString('en')} units in ${counts!.locations} locations, ${counts!.moves.toLocaleString('en')} moves in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
    const lookups: number[] = [];
    const pages: number[] = [];
    for (let i = 0; i < RUNS + 10; i++) {
      const serial = serialOf(1 + Math.floor(Math.random() * counts!.units));
      const s = performance.now();
      const found = await searchUnits(db, { orgId, q: serial });
      if (i >= 10) lookups.push(performance.now() - s);
      if (found.items[0]?.serial !== serial) throw new Error(`serial ${serial} not found`);
    }
    for (let i = 0; i < Math.min(RUNS, 100) + 5; i++) {
      const s = performance.now();
      await stockOnHand(db, { orgId });
      if (i >= 5) pages.push(performance.now() - s);
    }
    const first = await stockOnHand(db, { orgId });
    console.log(
      `check: stock page ${first.items.length} rows of ${first.totals.rows}, value ${first.totals.value.toLocaleString('id-ID')}`,
    );
    // The floor on this machine at this moment: one trivial round trip to the server.
    const trips: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const s = performance.now();
      await db.execute(sql`select 1`);
      trips.push(performance.now() - s);
    }
    console.log(`round trip (select 1): median ${round(pct(trips, 50))} ms, p95 ${round(pct(trips, 95))} ms`);
    const lookup = round(pct(lookups, 95));
    const page = round(pct(pages, 95));
    console.log(`serial lookup (${lookups.length} runs): median ${round(pct(lookups, 50))} ms, p95 ${lookup} ms`);
    console.log(`stock page (${pages.length} runs): median ${round(pct(pages, 50))} ms, p95 ${page} ms`);
    console.log(
      `load average ${os
        .loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')} on ${os.cpus().length} CPUs`,
    );
    console.log(
      `goals: serial lookup p95 < 10 ms -> ${lookup < 10 ? 'met' : 'NOT met'}; stock page p95 < 50 ms -> ${page < 50 ? 'met' : 'NOT met'}`,
    );
    console.log(
      JSON.stringify({
        bench: 'inventory',
        units: counts!.units,
        serial_lookup_p95_ms: lookup,
        stock_page_p95_ms: page,
      }),
    );
  } finally {
    await client.end();
    await stop();
  }
}

void main();
