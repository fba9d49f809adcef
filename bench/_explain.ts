import { sql } from 'drizzle-orm';
import { createDb } from '@/db/client';
import { affectedSubscriptionsSql } from '@/lib/outages/affected';
import { idOf } from '../tests/support/outage-world';

async function main() {
  const { db, client } = createDb('postgres://postgres@127.0.0.1:5432/jaring_bench_outage', { max: 4 });
  const [org] = await db.execute<{ id: string }>(
    sql`select id from organizations where slug like 'bench-outage-%' order by created_at desc limit 1`,
  );
  const orgId = org!.id;
  const odc = await idOf(db, orgId, 'ODC-1-1');
  for (let i = 0; i < 3; i++) {
    const rows = await db.execute<{ 'QUERY PLAN': string }>(
      sql`explain (analyze, buffers) ${affectedSubscriptionsSql(orgId, { type: 'odc', id: odc })}`,
    );
    if (i === 2) console.log(rows.map((r) => r['QUERY PLAN']).join('\n'));
  }
  await client.end();
}
void main();
