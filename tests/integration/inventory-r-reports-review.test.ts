import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { inventoryItems, stockLevels, stockLocations, stockUnits } from '@/db/schema';
import type { Role } from '@/lib/auth/permissions';
import * as ops from '@/lib/inventory/count-operations';
import { moveQuantity, moveUnits, receiveUnits } from '@/lib/inventory/ledger';
import { stockSheet } from '@/lib/inventory/report-sheets';
import { STOCK_PAGE, stockOnHand } from '@/lib/inventory/stock';
import { executeOperation, type Operation, type Result } from '@/lib/server/operation';
import { ctxFor, makeMember, makeOrg, testDb } from '../helpers';
import { seedCountWorld } from '../support/inventory-counts-world';

const db = testDb();

async function world(label: string) {
  const { org, admin } = await makeOrg(db, label);
  const clerk = await makeMember(db, org.id, 'warehouse');
  const stock = await seedCountWorld(db, { orgId: org.id, userId: admin.user.id });
  const as =
    (role: Role, userId: string) =>
    <S extends z.ZodType, T>(op: Operation<S, T>, input: unknown) =>
      executeOperation(op, ctxFor(db, org.id, userId, role), input);
  return {
    orgId: org.id,
    adminId: admin.user.id,
    stock,
    admin: as('admin', admin.user.id),
    clerk: as('warehouse', clerk.user.id),
  };
}

function data<T>(r: Result<T>): T {
  assert.ok(r.ok, JSON.stringify(r));
  return r.data;
}

const unitAt = async (id: string) =>
  (await db.select({ at: stockUnits.locationId }).from(stockUnits).where(eq(stockUnits.id, id)))[0]!.at;

const pause = () => new Promise((r) => setTimeout(r, 5));

describe('stock opname review: the books move on between counting and approval', () => {
  test('a receipt, a transfer and cable used after counting are neither written off nor pulled back', async () => {
    const w = await world('rr-opname-later');
    const s = w.stock;
    const ctx = { orgId: w.orgId, actorUserId: w.adminId };
    const { id } = data(await w.clerk(ops.startCountOp, { locationId: s.warehouse.id }));
    const scan = (serial: string) => w.clerk(ops.scanCountOp, { countId: id, serial });
    for (const serial of ['ZTE0001', 'ZTE0002', 'ZTE0003']) data(await scan(serial));
    // A box label scanned before its purchase order was received.
    assert.equal(data(await scan('ZTE0010')).status, 'unknown');
    data(await w.clerk(ops.setCountQuantityOp, { countId: id, itemId: s.cable.id, quantity: 95 }));
    data(await w.clerk(ops.submitCountOp, { countId: id }));
    await pause();

    // While the count waits for approval, the warehouse keeps working.
    const [later, early] = await receiveUnits(db, {
      ...ctx,
      kind: 'receive',
      itemId: s.modem.id,
      to: s.warehouse.id,
      unitCost: 360_000,
      units: [{ serial: 'ZTE0009' }, { serial: 'ZTE0010' }],
    });
    await moveUnits(db, {
      ...ctx,
      kind: 'transfer',
      to: s.other.id,
      units: [{ id: s.units[0]!.id, from: s.warehouse.id }],
    });
    await moveQuantity(db, {
      ...ctx,
      kind: 'transfer',
      itemId: s.cable.id,
      quantity: 30,
      from: s.warehouse.id,
      to: s.other.id,
    });

    const { variance } = data(await w.clerk(ops.getCountOp, { countId: id }));
    assert.ok(variance);
    assert.deepEqual(variance.missing, [], 'nothing that arrived after the count started is missing');
    assert.deepEqual(variance.unexpected, [], 'a modem moved on after its scan is not pulled back');
    assert.deepEqual(variance.unknown, [], 'the serial received after its scan is matched');
    assert.equal(variance.matched, 4);
    assert.deepEqual(
      variance.quantities.map((q) => [q.expected, q.counted, q.difference]),
      [[100, 95, -5]],
      'the cable is compared with what was on the shelf when it was counted',
    );

    const approved = data(await w.admin(ops.approveCountOp, { countId: id }));
    assert.deepEqual([approved.missing, approved.unexpected, approved.unknown, approved.quantityLines], [0, 0, 0, 1]);
    assert.equal(await unitAt(later!.id), s.warehouse.id);
    assert.equal(await unitAt(early!.id), s.warehouse.id);
    assert.equal(await unitAt(s.units[0]!.id), s.other.id);
    const [cable] = await db
      .select({ q: stockLevels.quantity })
      .from(stockLevels)
      .where(and(eq(stockLevels.itemId, s.cable.id), eq(stockLevels.locationId, s.warehouse.id)));
    assert.equal(cable!.q, 65, '100 − 30 moved out − 5 short');
    const writtenOff = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(stockUnits)
      .innerJoin(stockLocations, eq(stockLocations.id, stockUnits.locationId))
      .where(and(eq(stockUnits.organizationId, w.orgId), eq(stockLocations.kind, 'written_off')));
    assert.equal(writtenOff[0]!.n, 0);
  });
});

describe('stock export review', () => {
  test('the stock export reads a thousand rows a query and still has every row and the page fifty', async () => {
    const { org, admin } = await makeOrg(db, 'rr-stock-export');
    const orgId = org.id;
    const [cable] = await db
      .insert(inventoryItems)
      .values({ organizationId: orgId, sku: 'DC', name: 'Drop', category: 'cable', unit: 'm', tracking: 'bulk' })
      .returning();
    const places = await db
      .insert(stockLocations)
      .values(
        Array.from({ length: 120 }, (_, n) => ({
          organizationId: orgId,
          kind: 'warehouse' as const,
          name: `Gudang ${String(n).padStart(3, '0')}`,
          code: `G-${n}`,
        })),
      )
      .returning();
    for (const place of places)
      await moveQuantity(db, {
        orgId,
        actorUserId: admin.user.id,
        kind: 'receive',
        itemId: cable!.id,
        quantity: 10,
        from: null,
        to: place.id,
        unitCost: 1_000,
      });
    const page = await stockOnHand(db, { orgId });
    assert.equal(page.items.length, STOCK_PAGE);
    // Cable is bulk: the page offers no (empty) units list for it.
    assert.ok(page.items.every((r) => r.tracking === 'bulk'));
    assert.equal(page.hasMore, true);
    assert.deepEqual(page.totals, { quantity: 1_200, value: 1_200_000, rows: 120 });
    const big = await stockOnHand(db, { orgId, pageSize: 1000 });
    assert.equal(big.items.length, 120);
    assert.equal(big.hasMore, false);
    const { sheet, truncated } = await stockSheet(db, { locale: 'id', filter: { orgId } });
    assert.equal(sheet.rows.length, 120);
    assert.equal(truncated, false);
  });
});

describe('opname export review', () => {
  test("an approved count's file shows a write-off as a loss and a found unit as a gain", async () => {
    const w = await world('rr-opname-export');
    const { id } = data(await w.clerk(ops.startCountOp, { locationId: w.stock.warehouse.id }));
    for (const serial of ['ZTE0001', 'ZTE0002', 'ZTE0004'])
      data(await w.clerk(ops.scanCountOp, { countId: id, serial }));
    data(await w.clerk(ops.setCountQuantityOp, { countId: id, itemId: w.stock.cable.id, quantity: 90 }));
    data(await w.clerk(ops.submitCountOp, { countId: id }));
    data(await w.admin(ops.approveCountOp, { countId: id }));
    const file = data(await w.clerk(ops.exportCountOp, { countId: id }));
    assert.deepEqual(
      file.sheet.rows.map((r) => [r[1]!.v, r[6]!.v, r[7]!.v]),
      [
        ['ZTE0003', '-1', -350_000],
        ['ZTE0004', '1', 350_000],
        [null, '-10', -15_000],
      ],
    );
  });
});
