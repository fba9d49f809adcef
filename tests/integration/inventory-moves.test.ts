import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { and, eq, sql } from 'drizzle-orm';
import { auditLogs, stockLevels, stockMoves, stockUnits, subscriptions } from '@/db/schema';
import { getUnitHistory } from '@/lib/inventory/history';
import { getLabelData } from '@/lib/inventory/labels';
import { renderLabelsPdf } from '@/lib/inventory/labels-pdf';
import { moveScanOp, transferOp } from '@/lib/inventory/move-operations';
import { readTransferScan, retireUnit, returnUnit, transferStock, writeOffQuantity } from '@/lib/inventory/moves';
import { AppError } from '@/lib/server/errors';
import { executeOperation } from '@/lib/server/operation';
import { ctxFor, makeOrg, testDb } from '../helpers';
import { makeStockWorld } from '../support/inventory-moves';

const db = testDb();

async function setup() {
  const { org, admin } = await makeOrg(db, 'moves');
  const w = await makeStockWorld(db, org.id, admin.user.id);
  const actor = { orgId: org.id, actorUserId: admin.user.id, ip: null };
  return { orgId: org.id, admin, actor, w };
}

const where = async (unitId: string) =>
  (await db.select({ l: stockUnits.locationId }).from(stockUnits).where(eq(stockUnits.id, unitId)))[0]!.l;
const level = async (itemId: string, locationId: string) =>
  (
    await db
      .select({ q: stockLevels.quantity })
      .from(stockLevels)
      .where(and(eq(stockLevels.itemId, itemId), eq(stockLevels.locationId, locationId)))
  )[0]?.q ?? 0;
const code = (fn: () => Promise<unknown>) =>
  fn().then(
    () => assert.fail('expected a refusal'),
    (e: unknown) => {
      assert.ok(e instanceof AppError, String(e));
      return e.code;
    },
  );

/** On hand per (item, location) from the ledger alone equals stock_levels. */
async function assertLedgerMatchesLevels(orgId: string) {
  const [row] = await db.execute<{ diff: number }>(sql`
    with ledger as (
      select item_id, location_id, sum(q)::int as qty from (
        select item_id, to_location_id as location_id, quantity as q from stock_moves
          where organization_id = ${orgId} and to_location_id is not null
        union all
        select item_id, from_location_id, -quantity from stock_moves
          where organization_id = ${orgId} and from_location_id is not null
      ) m group by 1, 2)
    select count(*)::int as diff from ledger l
    full join (select * from stock_levels where organization_id = ${orgId}) s
      on s.item_id = l.item_id and s.location_id = l.location_id
    where coalesce(l.qty, 0) <> coalesce(s.quantity, 0)`);
  assert.equal(row!.diff, 0);
}

describe('inventory moves', () => {
  test('a transfer of three modems and cable to a bag is one batch, audited once', async () => {
    const { orgId, actor, w } = await setup();
    const serials = w.units.slice(0, 3).map((u) => u.serial.toLowerCase());
    const r = await transferStock(db, {
      ...actor,
      input: {
        destinationId: w.bag.id,
        serials,
        quantities: [{ itemId: w.cable.id, fromLocationId: w.warehouse.id, quantity: 120 }],
      },
    });
    assert.equal(r.units, 3);
    for (const u of w.units.slice(0, 3)) assert.equal(await where(u.id), w.bag.id);
    assert.equal(await level(w.cable.id, w.bag.id), 120);
    assert.equal(await level(w.cable.id, w.warehouse.id), 380);
    assert.equal(await level(w.modem.id, w.bag.id), 3);
    const moves = await db.select().from(stockMoves).where(eq(stockMoves.batchId, r.batchId));
    assert.equal(moves.length, 4);
    assert.ok(moves.every((m) => m.kind === 'transfer' && m.toLocationId === w.bag.id));
    const audits = await db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.organizationId, orgId), eq(auditLogs.action, 'stockMove.transfer')));
    assert.equal(audits.length, 1);
    await assertLedgerMatchesLevels(orgId);
  });

  test('bag -> shelf is a return; a refusal keeps nothing of the transfer', async () => {
    const { orgId, actor, w } = await setup();
    const [a, b] = w.units;
    await transferStock(db, { ...actor, input: { destinationId: w.bag.id, serials: [a!.serial], quantities: [] } });
    const back = await transferStock(db, {
      ...actor,
      input: { destinationId: w.shelf.id, serials: [a!.serial, b!.serial], quantities: [] },
    });
    const kinds = await db
      .select({ unit: stockMoves.unitId, kind: stockMoves.kind })
      .from(stockMoves)
      .where(eq(stockMoves.batchId, back.batchId));
    assert.equal(kinds.find((k) => k.unit === a!.id)?.kind, 'return');
    assert.equal(kinds.find((k) => k.unit === b!.id)?.kind, 'transfer');
    // The installed unit and an unknown serial are refused by name; nothing moves.
    const before = await where(w.units[3]!.id);
    assert.equal(
      await code(() =>
        transferStock(db, {
          ...actor,
          input: { destinationId: w.bag.id, serials: [w.units[3]!.serial, w.installed.serial], quantities: [] },
        }),
      ),
      'stock_unit_not_own',
    );
    assert.equal(
      await code(() =>
        transferStock(db, { ...actor, input: { destinationId: w.bag.id, serials: ['NOPE-999'], quantities: [] } }),
      ),
      'stock_unit_unknown',
    );
    assert.equal(
      await code(() =>
        transferStock(db, {
          ...actor,
          input: {
            destinationId: w.bag.id,
            serials: [w.units[3]!.serial],
            quantities: [{ itemId: w.cable.id, fromLocationId: w.warehouse.id, quantity: 501 }],
          },
        }),
      ),
      'stock_insufficient',
    );
    assert.equal(await where(w.units[3]!.id), before);
    assert.equal(
      await code(() =>
        transferStock(db, { ...actor, input: { destinationId: w.site.id, serials: [], quantities: [] } }),
      ),
      'stock_nothing_to_move',
    );
    assert.equal(
      await code(() =>
        transferStock(db, {
          ...actor,
          input: { destinationId: w.site.id, serials: [w.units[4]!.serial], quantities: [] },
        }),
      ),
      'stock_not_own_location',
    );
    await assertLedgerMatchesLevels(orgId);
  });

  test('the scanner reads a destination code, a serial, a bulk SKU, and refuses with the reason', async () => {
    const { orgId, w } = await setup();
    const scan = (value: string, destinationId?: string) => readTransferScan(db, { orgId, value, destinationId });
    const dest = await scan(w.bag.code.toLowerCase());
    assert.equal(dest.type, 'destination');
    const unit = await scan(` ${w.units[0]!.serial.toLowerCase()} `, w.bag.id);
    assert.ok(unit.type === 'unit' && unit.unit.locationId === w.warehouse.id && unit.unit.itemName === 'ZTE F670L');
    assert.equal((await scan(w.cable.sku)).type, 'item');
    assert.equal(await code(() => scan(w.modem.sku)), 'stock_item_serialized');
    assert.equal(await code(() => scan('TIDAKADA1')), 'stock_unit_unknown');
    assert.equal(await code(() => scan(w.installed.serial)), 'stock_unit_not_own');
    assert.equal(await code(() => scan(w.units[0]!.serial, w.warehouse.id)), 'stock_unit_already_there');
    assert.equal(await code(() => scan(w.site.code)), 'stock_not_own_location');
    // Through the operation: a translated message the scanner shows.
    const { admin } = await setup();
    const r = await executeOperation(moveScanOp, ctxFor(db, orgId, admin.user.id, 'warehouse'), { value: 'XYZ-404' });
    assert.ok(!r.ok && r.message.includes('XYZ-404'));
    const tech = await executeOperation(transferOp, ctxFor(db, orgId, admin.user.id, 'technician'), {});
    assert.ok(!tech.ok && tech.code === 'forbidden');
  });

  test('faulty, write-off with a reason, write-off of cable, and a return from the customer', async () => {
    const { orgId, actor, w } = await setup();
    await retireUnit(db, { ...actor, input: { unitId: w.units[0]!.id, to: 'faulty', reason: 'tidak menyala' } });
    const faulty = await getUnitHistory(db, { orgId, unitId: w.units[0]!.id });
    assert.equal(faulty.unit.location.kind, 'faulty');
    assert.equal(faulty.moves.at(-1)?.reason, 'tidak menyala');
    // Back from RMA to the shelf, then written off for good.
    await returnUnit(db, { ...actor, input: { unitId: w.units[0]!.id, toLocationId: w.shelf.id } });
    assert.equal(await where(w.units[0]!.id), w.shelf.id);
    await retireUnit(db, { ...actor, input: { unitId: w.units[0]!.id, to: 'written_off', reason: 'hilang' } });
    assert.equal(
      await code(() =>
        retireUnit(db, { ...actor, input: { unitId: w.units[0]!.id, to: 'faulty', reason: 'coba lagi' } }),
      ),
      'stock_unit_written_off',
    );
    assert.equal(
      await code(() => returnUnit(db, { ...actor, input: { unitId: w.units[1]!.id, toLocationId: w.bag.id } })),
      'stock_unit_not_returnable',
    );
    // The modem collected from the customer goes back to the warehouse, and its MAC is no
    // longer the customer's device (Kunci MAC must not lock a modem that has gone).
    const [installedUnit] = await db.select().from(stockUnits).where(eq(stockUnits.id, w.installed.id));
    await db
      .update(subscriptions)
      .set({ deviceMac: installedUnit!.mac })
      .where(eq(subscriptions.id, w.subscription.id));
    await returnUnit(db, {
      ...actor,
      input: { unitId: w.installed.id, toLocationId: w.warehouse.id, reason: 'berhenti' },
    });
    assert.equal(await where(w.installed.id), w.warehouse.id);
    const [sub] = await db.select().from(subscriptions).where(eq(subscriptions.id, w.subscription.id));
    assert.equal(sub?.deviceMac, null);
    await writeOffQuantity(db, {
      ...actor,
      input: { itemId: w.cable.id, fromLocationId: w.warehouse.id, quantity: 30, reason: 'kabel putus' },
    });
    assert.equal(await level(w.cable.id, w.warehouse.id), 470);
    assert.equal(
      await code(() =>
        writeOffQuantity(db, {
          ...actor,
          input: { itemId: w.cable.id, fromLocationId: w.warehouse.id, quantity: 471, reason: 'terlalu banyak' },
        }),
      ),
      'stock_insufficient',
    );
    const kinds = (
      await db
        .select({ k: stockMoves.kind })
        .from(stockMoves)
        .where(eq(stockMoves.organizationId, orgId))
        .orderBy(stockMoves.id)
    )
      .map((m) => m.k)
      .filter((k) => !['receive', 'transfer', 'install'].includes(k));
    assert.deepEqual(kinds, ['faulty', 'return', 'write_off', 'return', 'write_off']);
    await assertLedgerMatchesLevels(orgId);
  });

  test('asset history shows receive, transfer, install with who, the customer, and labels render', async () => {
    const { orgId, admin, w } = await setup();
    const h = await getUnitHistory(db, { orgId, unitId: w.installed.id });
    assert.deepEqual(
      h.moves.map((m) => m.kind),
      ['receive', 'transfer', 'install'],
    );
    assert.equal(h.unit.customer?.id, w.customer.id);
    assert.equal(h.moves[2]!.toCustomer?.id, w.customer.id);
    assert.equal(h.moves[1]!.to?.id, w.bag.id);
    // Received without a purchase order: none to link to.
    assert.equal(h.moves[0]!.purchaseOrder?.id ?? null, null);
    assert.ok(h.moves.every((m) => m.actor === admin.user.name));
    const labels = await getLabelData(db, {
      orgId,
      itemIds: [w.modem.id],
      locationIds: [w.bag.id, w.shelf.id],
      unitIds: w.units.map((u) => u.id),
    });
    assert.equal(labels.labels.length, 3 + w.units.length);
    assert.ok(labels.labels.some((l) => l.code === w.bag.code));
    for (const format of ['a4', 'roll58', 'label40x30'] as const) {
      const pdf = await renderLabelsPdf(labels, format);
      assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    }
  });
});
