import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { createDb, type Database } from '@/db/client';
import { periodOf, shiftMonth } from '@/lib/billing/money';
import { DEMO_ORG_SLUG } from '@/lib/platform/demo-constants';
import { seedDemo } from '@/scripts/demo-seed';
import { ensureDatabase } from '@/scripts/embedded-postgres';
import { migrateDatabase } from '@/scripts/migrate-lib';

/**
 * The demo seed `npm start` runs, into a database of its own (the demo organization and its
 * logins are unique per install, and other tests seed it too): its volumes, that a second
 * run adds nothing, and how long it takes (printed, not asserted: machines differ).
 */
const name = `jaring_demo_${process.pid}`;
const admin = process.env.DATABASE_URL!;
const url = Object.assign(new URL(admin), { pathname: `/${name}` }).toString();
let handle: ReturnType<typeof createDb>;
let db: Database;

before(async () => {
  await ensureDatabase(admin, name);
  await migrateDatabase(url);
  handle = createDb(url, { max: 2 });
  db = handle.db;
});

after(async () => {
  await handle?.client.end({ timeout: 1 });
  const root = postgres(admin, { max: 1, onnotice: () => {} });
  await root.unsafe(`drop database if exists "${name}" with (force)`);
  await root.end();
});

async function one<T>(query: ReturnType<typeof sql>): Promise<T> {
  const [row] = await db.execute<Record<string, unknown>>(query);
  return row as T;
}

async function counts() {
  return one<Record<string, number>>(sql`
    select (select count(*) from customers)::int as customers, (select count(*) from subscriptions)::int as subscriptions,
      (select count(*) from invoices)::int as invoices, (select count(*) from payments)::int as payments,
      (select count(*) from leads)::int as leads, (select count(*) from routers)::int as routers,
      (select count(*) from vouchers)::int as vouchers, (select count(*) from wallet_entries)::int as wallet,
      (select count(*) from subscription_history)::int as history, (select count(*) from odps)::int as odps`);
}

describe('the demo seed', () => {
  test('a year of business for ~500 customers, in seconds; a second run adds nothing', async () => {
    const started = performance.now();
    const first = await seedDemo(db);
    const ms = Math.round(performance.now() - started);
    console.log(`[demo-seed] first run: ${ms} ms`);
    assert.equal(first.created, true);
    const seeded = await counts();
    console.log(`[demo-seed] ${JSON.stringify(seeded)}`);

    const [org] = await db.execute<{ id: string; timezone: string }>(
      sql`select id, timezone from organizations where slug = ${DEMO_ORG_SLUG}`,
    );
    const orgId = org!.id;
    assert.ok(seeded.customers! >= 480 && seeded.customers! <= 520, `customers: ${seeded.customers}`);

    // Twelve months of invoices, each month with many.
    const month = periodOf(new Date(), org!.timezone);
    const months = await db.execute<{ period: string; n: number }>(sql`
      select period::text, count(*)::int as n from invoices where organization_id = ${orgId} group by period order by period`);
    assert.equal(months.length, 12, JSON.stringify(months));
    assert.equal(months[0]!.period, shiftMonth(month, -11));
    assert.equal(months.at(-1)!.period, month);
    assert.ok(
      months.every((m) => m.n >= 300),
      JSON.stringify(months),
    );

    const shape = await one<Record<string, number>>(sql`
      select
        (select count(*) from invoices i where i.organization_id = ${orgId} and i.status in ('unpaid', 'partial', 'carried')
           and i.due_date < (now() at time zone ${org!.timezone})::date)::int as overdue,
        (select count(*) from invoices i where i.organization_id = ${orgId} and i.status = 'paid' and i.paid_at::date > i.due_date)::int as paid_late,
        (select count(*) from subscriptions where organization_id = ${orgId} and status = 'isolated')::int as isolated,
        (select count(*) from customers where organization_id = ${orgId} and status = 'isolated')::int as isolated_customers,
        (select count(*) from subscriptions where organization_id = ${orgId} and status = 'terminated')::int as terminated,
        (select count(distinct p.name) from subscriptions s join plans p on p.id = s.plan_id where s.organization_id = ${orgId})::int as plans,
        (select count(distinct area) from customers where organization_id = ${orgId} and latitude is not null)::int as areas,
        (select count(*) from routers where organization_id = ${orgId} and status = 'online')::int as routers_online,
        (select count(*) from router_sessions where organization_id = ${orgId})::int as sessions,
        (select count(distinct status) from leads where organization_id = ${orgId})::int as lead_stages,
        (select count(*) from vouchers where organization_id = ${orgId} and status in ('used', 'active'))::int as vouchers_used,
        (select count(*) from voucher_profiles where organization_id = ${orgId})::int as voucher_profiles,
        (select count(*) from wallet_entries e join users u on u.id = e.reseller_user_id
           where e.organization_id = ${orgId} and u.email = 'reseller@demo.jaring.id')::int as reseller_entries,
        (select balance from wallets w join users u on u.id = w.reseller_user_id where u.email = 'reseller@demo.jaring.id')::int as reseller_balance,
        (select sum(amount) from wallet_entries e where e.organization_id = ${orgId})::int as ledger_sum,
        (select count(*) from tickets where organization_id = ${orgId} and status = 'open')::int as tickets_open,
        (select count(*) from tickets where organization_id = ${orgId} and rating is not null)::int as tickets_rated,
        (select count(*) from work_orders w join work_order_technicians t on t.work_order_id = w.id
           join users u on u.id = t.user_id
           where w.organization_id = ${orgId} and u.email = 'technician@demo.jaring.id'
             and w.scheduled_date = (now() at time zone ${org!.timezone})::date)::int as technician_today`);
    console.log(`[demo-seed] ${JSON.stringify(shape)}`);
    assert.ok(shape.overdue! > 0, 'some invoices are overdue');
    assert.ok(shape.paid_late! > 20, 'some invoices were paid late');
    assert.ok(shape.isolated! >= 10, 'isolated subscriptions exist');
    assert.equal(shape.isolated_customers, shape.isolated);
    assert.ok(shape.terminated! >= 5, 'a few customers left');
    assert.ok(shape.plans! >= 4 && shape.areas! >= 6);
    assert.equal(shape.routers_online, 2);
    assert.ok(shape.sessions! > 300);
    assert.equal(shape.lead_stages, 3);
    assert.ok(shape.vouchers_used! > 50 && shape.voucher_profiles! >= 3);
    assert.ok(shape.reseller_entries! >= 5, 'the reseller has a wallet history');
    assert.equal(shape.reseller_balance, shape.ledger_sum, 'the balance is the sum of the ledger');
    assert.ok(shape.tickets_open! >= 2 && shape.tickets_rated === 1, 'complaints to work on, one rated');
    assert.ok(shape.technician_today! >= 1, "the demo technician has today's visits");

    // Stock (scripts/demo-inventory.ts): ONTs with MACs in the demo technician's bag, drop
    // cable in the bag and the warehouse, a received PO, an item under its minimum.
    const stock = await one<Record<string, number>>(sql`
      select
        (select count(*) from stock_units su join stock_locations l on l.id = su.location_id join users u on u.id = l.user_id
          where su.organization_id = ${orgId} and l.kind = 'bag' and u.email = 'technician@demo.jaring.id' and su.mac is not null)::int as bag_onts,
        (select count(distinct l.kind) from stock_levels sl join stock_locations l on l.id = sl.location_id
          join inventory_items i on i.id = sl.item_id where i.organization_id = ${orgId} and i.unit = 'm' and sl.quantity > 0)::int as cable_places,
        (select count(*) from purchase_orders where organization_id = ${orgId} and status = 'received')::int as received_pos,
        (select count(*) from inventory_items i where i.organization_id = ${orgId} and i.min_stock > (select coalesce(sum(sl.quantity), 0)
          from stock_levels sl join stock_locations l on l.id = sl.location_id where sl.item_id = i.id and l.kind in ('warehouse', 'shelf', 'bag')))::int as under_minimum`);
    assert.deepEqual(stock, { bag_onts: 6, cable_places: 2, received_pos: 1, under_minimum: 1 });

    // Fibre (scripts/demo-fibre.ts): two OLTs offline with the reason, every ODC fed by a PON
    // port, an ONU per active customer on an ODP with a week of readings, a few weak signals,
    // one critical and one LOS.
    const fibre = await one<Record<string, number>>(sql`
      select
        (select count(*) from olts where organization_id = ${orgId} and status = 'offline' and last_error like '%192.0.2%')::int as olts_offline,
        (select count(*) from infra_sites where organization_id = ${orgId} and kind = 'odc' and pon_port_id is null)::int as odcs_unfed,
        (select count(*) from onus where organization_id = ${orgId})::int as onus,
        (select count(*) from subscriptions s join odps o on o.id = s.odp_id where s.organization_id = ${orgId} and s.status = 'active')::int as fibre_active,
        (select count(*) from onus where organization_id = ${orgId} and level = 'warning')::int as warning,
        (select count(*) from onus where organization_id = ${orgId} and level = 'critical')::int as critical,
        (select count(*) from onus where organization_id = ${orgId} and state = 'los')::int as los,
        (select min(at) < now() - interval '6 days' from onu_readings where organization_id = ${orgId})::int as week`);
    assert.equal(fibre.olts_offline, 2);
    assert.equal(fibre.odcs_unfed, 0);
    assert.ok(fibre.onus! > 100 && fibre.onus === fibre.fibre_active, JSON.stringify(fibre));
    assert.deepEqual([fibre.warning, fibre.critical, fibre.los, fibre.week], [4, 1, 1, 1]);

    // Consistent with the rules the app applies: every overdue unpaid invoice's subscription
    // is isolated (the isolation pass has nothing to do), every paid invoice is fully
    // allocated, and the counters continue after the seeded numbers.
    const rules = await one<Record<string, number | boolean>>(sql`
      select
        (select count(*) from invoices i join subscriptions s on s.id = i.subscription_id
          where i.organization_id = ${orgId} and s.status = 'active' and i.status in ('unpaid', 'partial')
            and i.billing_type = 'postpaid' and i.due_date + 1 < (now() at time zone ${org!.timezone})::date)::int as active_overdue,
        (select count(*) from invoices i where i.organization_id = ${orgId} and i.status = 'paid'
          and i.total <> (select coalesce(sum(a.amount), 0) from payment_allocations a where a.invoice_id = i.id))::int as unbalanced,
        (select last_number from customer_counters where organization_id = ${orgId}) =
          (select max(number) from customers where organization_id = ${orgId}) as customer_counter_ok,
        (select bool_and(c.last_number >= (select count(*) from invoices i where i.organization_id = ${orgId} and i.period = c.period))
          from invoice_counters c where c.organization_id = ${orgId}) as invoice_counters_ok,
        (select count(*) from (select odp_id, odp_port from subscriptions where odp_port is not null
          group by 1, 2 having count(*) > 1) d)::int as shared_ports`);
    assert.deepEqual(rules, {
      active_overdue: 0,
      unbalanced: 0,
      customer_counter_ok: true,
      invoice_counters_ok: true,
      shared_ports: 0,
    });

    // The hand-made records the browser tests use are as they were.
    const joko = await one<{ status: string; invoices: number }>(sql`
      select c.status, (select count(*) from invoices i where i.customer_id = c.id)::int as invoices
      from customers c where c.organization_id = ${orgId} and c.name = 'Joko Susilo'`);
    assert.deepEqual(joko, { status: 'isolated', invoices: 1 });
    const named = await one<{ n: number }>(sql`
      select count(*)::int as n from customers where organization_id = ${orgId}
        and (search_text like '%joko%' or search_text like '%siti%')`);
    assert.equal(named.n, 2, 'searching "joko" or "siti" finds only the hand-made customers');

    const again = performance.now();
    const second = await seedDemo(db);
    console.log(`[demo-seed] second run: ${Math.round(performance.now() - again)} ms`);
    assert.equal(second.created, false);
    assert.deepEqual(await counts(), seeded);
  });
});
