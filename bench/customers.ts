/**
 * npm run bench:customers — seeds 1,000,000 customers in one organization and measures the
 * customer list as the app runs it (lib/customers/queries.ts): search and page 2.
 * Uses BENCH_DATABASE_URL when set, else an embedded PostgreSQL in a temporary folder.
 * Last line: {"bench":"customers","rows":…,"search_p95_ms":…,"page_p95_ms":…}
 */
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { createDb } from '@/db/client';
import { organizations, plans } from '@/db/schema';
import { listCustomers } from '@/lib/customers/queries';
import { customerListSchema } from '@/lib/customers/schemas';
import { benchDatabase, percentile as pct, round2 as round } from './db';

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const RUNS = 40;

const FIRST = [
  'budi',
  'siti',
  'agus',
  'dewi',
  'joko',
  'rina',
  'andi',
  'sri',
  'eko',
  'wati',
  'hendra',
  'yuni',
  'dedi',
  'lina',
  'rudi',
  'fitri',
  'bayu',
  'nur',
  'iwan',
  'maya',
];
const LAST = [
  'santoso',
  'aminah',
  'susilo',
  'lestari',
  'salim',
  'marlina',
  'wijaya',
  'rahayu',
  'saputra',
  'hidayat',
  'kusuma',
  'pratama',
  'setiawan',
  'nugroho',
  'purnama',
  'handayani',
  'gunawan',
  'siregar',
  'nasution',
  'simanjuntak',
];

async function main() {
  const { url, stop } = await benchDatabase('jaring_bench');
  const { db, client } = createDb(url, { max: 2 });
  try {
    const t0 = performance.now();
    const [org] = await db
      .insert(organizations)
      .values({ name: 'Bench Net', slug: `bench-${Date.now()}` })
      .returning();
    const planRows = await db
      .insert(plans)
      .values(
        [10, 20, 30, 50].map((m) => ({
          organizationId: org!.id,
          name: `Paket ${m} Mbps`,
          downloadKbps: m * 1024,
          uploadKbps: m * 512,
          priceRupiah: m * 5_000,
        })),
      )
      .returning();
    const planIds = `{${planRows.map((p) => p.id).join(',')}}`;
    await db.execute(sql`drop index if exists customers_search_trgm_idx`);
    // Names, phones and usernames as an Indonesian ISP has them; newest customers last.
    await db.execute(sql`
      insert into customers (organization_id, number, name, phone, address, area, status, plan_id, search_text, created_at)
      select ${org!.id}::uuid, g,
        initcap(f.w) || ' ' || initcap(l.w),
        '628' || (11 + g % 79)::text || lpad((g::bigint * 7919 % 100000000)::text, 8, '0'),
        'Jl. ' || initcap(l.w) || ' No. ' || (g % 200 + 1),
        'RW ' || lpad((g % 40 + 1)::text, 2, '0'),
        (array['active','active','active','active','active','active','isolated','pending','suspended','terminated'])[g % 10 + 1],
        (${planIds}::uuid[])[g % 4 + 1],
        lower(initcap(f.w) || ' ' || initcap(l.w) || ' 628' || (11 + g % 79)::text || lpad((g::bigint * 7919 % 100000000)::text, 8, '0')
          || ' c-' || lpad(g::text, greatest(6, length(g::text)), '0') || ' ' || f.w || g::text),
        now() - make_interval(mins => (${ROWS} - g))
      from generate_series(1, ${ROWS}) g
      cross join lateral (select (${`{${FIRST.join(',')}}`}::text[])[(g * 31 % ${FIRST.length}) + 1] as w) f
      cross join lateral (select (${`{${LAST.join(',')}}`}::text[])[(g * 17 % ${LAST.length}) + 1] as w) l`);
    await db.execute(sql`create index customers_search_trgm_idx on customers using gin (search_text gin_trgm_ops)`);
    await db.execute(sql`insert into customer_counters (organization_id, last_number) values (${org!.id}, ${ROWS})`);
    await db.execute(sql`vacuum analyze customers`);
    const seedSeconds = (performance.now() - t0) / 1000;
    console.log(`seeded ${ROWS.toLocaleString('en')} customers in ${seedSeconds.toFixed(1)} s`);

    const viewer = { orgId: org!.id };
    const run = async (input: Record<string, unknown>) => {
      const start = performance.now();
      const page = await listCustomers(db, viewer, customerListSchema.parse(input));
      return { ms: performance.now() - start, page };
    };
    // Searches an operator types: a name, a surname, a phone in local form, a username, a number.
    const searches = [
      'budi',
      'santoso',
      'siti rahayu',
      '0812',
      '0813000',
      'hendra4521',
      'rudi9',
      'C-004567',
      '777123',
      'nasution',
      'tidakada',
    ];
    const searchTimes: number[] = [];
    for (let i = 0; i < RUNS; i++) for (const q of searches) searchTimes.push((await run({ q })).ms);

    // Page 2 of the lists an operator opens: all, by status, by plan, by name, by number.
    const lists = [
      {},
      { status: 'isolated' },
      { planId: planRows[1]!.id },
      { sort: 'name' },
      { sort: 'number' },
      { status: 'active', sort: 'oldest' },
    ];
    const pageTimes: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      for (const filter of lists) {
        const first = await run(filter);
        pageTimes.push((await run({ ...filter, cursor: first.page.nextCursor })).ms);
      }
    }
    const figures = {
      bench: 'customers',
      rows: ROWS,
      search_median_ms: round(pct(searchTimes, 50)),
      search_p95_ms: round(pct(searchTimes, 95)),
      page_median_ms: round(pct(pageTimes, 50)),
      page_p95_ms: round(pct(pageTimes, 95)),
      seed_seconds: round(seedSeconds),
    };
    console.log(
      `search (${searchTimes.length} queries: ${searches.join(' | ')}): median ${figures.search_median_ms} ms, p95 ${figures.search_p95_ms} ms`,
    );
    console.log(
      `page 2 (${pageTimes.length} queries over ${lists.length} list views): median ${figures.page_median_ms} ms, p95 ${figures.page_p95_ms} ms`,
    );
    console.log(
      `goal: both p95 under 50 ms -> ${figures.search_p95_ms < 50 && figures.page_p95_ms < 50 ? 'met' : 'NOT met'}`,
    );
    console.log(JSON.stringify(figures));
  } finally {
    await client.end();
    await stop();
  }
}

void main();
