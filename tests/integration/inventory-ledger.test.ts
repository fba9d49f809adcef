import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { and, eq, sql } from 'drizzle-orm';
import { inventoryItems, organizations, stockLevels, stockLocations, stockMoves, stockUnits } from '@/db/schema';
import { moveQuantity, moveUnits, receiveUnits } from '@/lib/inventory/ledger';
import { ensureCustomerLocation, ensureTechnicianBag, systemLocation } from '@/lib/inventory/places';
import { AppError } from '@/lib/server/errors';
import { makeMember, makeOrg, makePlan, makeSubscriber, testDb } from '../helpers';

const db = testDb();
const appendOnly = (e: { cause?: { message?: string } }) => /append-only/.test(e.cause?.message ?? '');

async function world() {
  const { org, admin } = await makeOrg(db, 'inv');
  const orgId = org.id;
  const [modem, cable] = await db
    .insert(inventoryItems)
    .values([
      { organizationId: orgId, sku: 'ONT-F670', name: 'ZTE F670L', category: 'ont', tracking: 'serial', hasMac: true },
      {
        organizationId: orgId,
        sku: 'DC-1C',
        name: 'Drop cable 1 core',
        category: 'cable',
        unit: 'm',
        tracking: 'bulk',
      },
    ])
    .returning();
  const [warehouse] = await db
    .insert(stockLocations)
    .values({ organizationId: orgId, kind: 'warehouse', name: 'Gudang utama', code: 'GDG-1' })
    .returning();
  const tech = await makeMember(db, orgId, 'technician');
  const bag = await ensureTechnicianBag(db, { orgId, userId: tech.user.id });
  return { orgId, admin, modem: modem!, cable: cable!, warehouse: warehouse!, tech, bag };
}

/** On hand per (item, location) from the ledger alone: what came in minus what went out. */
async function ledgerOnHand(orgId: string) {
  const rows = await db.execute<{ item_id: string; location_id: string; qty: number }>(sql`
    select item_id, location_id, sum(q)::int as qty from (
      select item_id, to_location_id as location_id, quantity as q from stock_moves
        where organization_id = ${orgId} and to_location_id is not null
      union all
      select item_id, from_location_id, -quantity from stock_moves
        where organization_id = ${orgId} and from_location_id is not null
    ) m group by 1, 2 having sum(q) <> 0 order by 1, 2`);
  return rows.map((r) => `${r.item_id}/${r.location_id}=${r.qty}`);
}

describe('inventory ledger', () => {
  test('on hand is derivable from the ledger, and the ledger cannot be edited', async () => {
    const w = await world();
    const ctx = { orgId: w.orgId, actorUserId: w.admin.user.id };
    const units = await receiveUnits(db, {
      ...ctx,
      kind: 'receive',
      itemId: w.modem.id,
      to: w.warehouse.id,
      unitCost: 350_000,
      units: [{ serial: 'ZTEG0001', mac: 'AA:BB:CC:00:00:01' }, { serial: 'ZTEG0002' }, { serial: 'ZTEG0003' }],
    });
    await moveQuantity(db, {
      ...ctx,
      kind: 'receive',
      itemId: w.cable.id,
      quantity: 1000,
      from: null,
      to: w.warehouse.id,
      unitCost: 1_500,
    });
    await moveUnits(db, {
      ...ctx,
      kind: 'transfer',
      to: w.bag.id,
      units: units.slice(0, 2).map((u) => ({ id: u.id, from: w.warehouse.id })),
    });
    await moveQuantity(db, {
      ...ctx,
      kind: 'transfer',
      itemId: w.cable.id,
      quantity: 300,
      from: w.warehouse.id,
      to: w.bag.id,
    });
    const plan = await makePlan(db, w.orgId);
    const { subscription } = await makeSubscriber(db, w.orgId, { planId: plan.id, routerId: null });
    const home = await ensureCustomerLocation(db, { orgId: w.orgId, subscriptionId: subscription.id });
    await moveUnits(db, { ...ctx, kind: 'install', to: home.id, units: [{ id: units[0]!.id, from: w.bag.id }] });
    await moveQuantity(db, { ...ctx, kind: 'install', itemId: w.cable.id, quantity: 85, from: w.bag.id, to: home.id });
    const faulty = await systemLocation(db, { orgId: w.orgId, kind: 'faulty' });
    await moveUnits(db, { ...ctx, kind: 'faulty', to: faulty.id, units: [{ id: units[2]!.id, from: w.warehouse.id }] });

    const levels = await db
      .select()
      .from(stockLevels)
      .where(and(eq(stockLevels.organizationId, w.orgId), sql`${stockLevels.quantity} <> 0`));
    const kept = levels.map((l) => `${l.itemId}/${l.locationId}=${l.quantity}`).sort();
    assert.deepEqual(await ledgerOnHand(w.orgId), kept);
    // Serialized: the level is the count of units there.
    const bagModems = levels.find((l) => l.itemId === w.modem.id && l.locationId === w.bag.id);
    assert.equal(bagModems?.quantity, 1);
    const cableAt = (loc: string) => levels.find((l) => l.itemId === w.cable.id && l.locationId === loc)?.quantity;
    assert.deepEqual([cableAt(w.warehouse.id), cableAt(w.bag.id), cableAt(home.id)], [700, 215, 85]);
    const [item] = await db.select().from(inventoryItems).where(eq(inventoryItems.id, w.modem.id));
    assert.equal(item?.averageCost, 350_000);

    await assert.rejects(
      db.execute(sql`update stock_moves set quantity = 2 where organization_id = ${w.orgId}`),
      appendOnly,
    );
    await assert.rejects(db.execute(sql`delete from stock_moves where organization_id = ${w.orgId}`), appendOnly);
    // Deleting the organization takes its ledger with it.
    await db.delete(organizations).where(eq(organizations.id, w.orgId));
    const [{ n }] = await db.execute<{ n: number }>(
      sql`select count(*)::int as n from stock_moves where organization_id = ${w.orgId}`,
    );
    assert.equal(n, 0);
  });

  test('a quantity never goes negative: refused by name, and the CHECK guards a raw write', async () => {
    const w = await world();
    const ctx = { orgId: w.orgId, actorUserId: w.admin.user.id };
    await moveQuantity(db, {
      ...ctx,
      kind: 'receive',
      itemId: w.cable.id,
      quantity: 50,
      from: null,
      to: w.warehouse.id,
      unitCost: 1_500,
    });
    await assert.rejects(
      moveQuantity(db, {
        ...ctx,
        kind: 'transfer',
        itemId: w.cable.id,
        quantity: 51,
        from: w.warehouse.id,
        to: w.bag.id,
      }),
      (e) => e instanceof AppError && e.code === 'stock_insufficient' && e.params.available === 50,
    );
    await assert.rejects(
      db.execute(sql`update stock_levels set quantity = -1 where organization_id = ${w.orgId}`),
      (e: { cause?: { constraint_name?: string } }) => e.cause?.constraint_name === 'stock_levels_quantity_nonnegative',
    );
  });

  test('two technicians installing the same serial at once: exactly one wins', async () => {
    const w = await world();
    const ctx = { orgId: w.orgId, actorUserId: w.admin.user.id };
    const [unit] = await receiveUnits(db, {
      ...ctx,
      kind: 'receive',
      itemId: w.modem.id,
      to: w.bag.id,
      unitCost: 1,
      units: [{ serial: 'RACE0001' }],
    });
    const plan = await makePlan(db, w.orgId);
    const homes = await Promise.all(
      [1, 2].map(async () => {
        const { subscription } = await makeSubscriber(db, w.orgId, { planId: plan.id, routerId: null });
        return ensureCustomerLocation(db, { orgId: w.orgId, subscriptionId: subscription.id });
      }),
    );
    const results = await Promise.allSettled(
      homes.map((home) =>
        db.transaction((tx) =>
          moveUnits(tx, { ...ctx, kind: 'install', to: home.id, units: [{ id: unit!.id, from: w.bag.id }] }),
        ),
      ),
    );
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
    const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    assert.ok(lost.reason instanceof AppError && lost.reason.code === 'stock_unit_not_here');
    const moves = await db.select().from(stockMoves).where(eq(stockMoves.unitId, unit!.id));
    assert.equal(moves.filter((m) => m.kind === 'install').length, 1);
    const [now] = await db.select().from(stockUnits).where(eq(stockUnits.id, unit!.id));
    assert.equal(now?.locationId, moves.at(-1)?.toLocationId);
  });

  test('a serial or MAC is recorded once per organization', async () => {
    const w = await world();
    const ctx = {
      orgId: w.orgId,
      actorUserId: w.admin.user.id,
      kind: 'receive' as const,
      itemId: w.modem.id,
      to: w.warehouse.id,
      unitCost: 1,
    };
    await receiveUnits(db, { ...ctx, units: [{ serial: 'DUP00001', mac: 'AA:BB:CC:00:00:09' }] });
    await assert.rejects(
      receiveUnits(db, { ...ctx, units: [{ serial: 'DUP00001' }] }),
      (e) => e instanceof AppError && e.code === 'stock_serial_taken' && e.params.serial === 'DUP00001',
    );
    await assert.rejects(
      receiveUnits(db, { ...ctx, units: [{ serial: 'DUP00002', mac: 'AA:BB:CC:00:00:09' }] }),
      (e) => e instanceof AppError && e.code === 'stock_mac_taken',
    );
    // Another organization may have the same serial.
    const other = await world();
    await receiveUnits(db, {
      ...ctx,
      orgId: other.orgId,
      itemId: other.modem.id,
      to: other.warehouse.id,
      units: [{ serial: 'DUP00001' }],
    });
  });
});
