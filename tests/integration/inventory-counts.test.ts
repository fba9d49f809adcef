import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { auditLogs, stockCounts, stockLevels, stockLocations, stockMoves, stockUnits } from '@/db/schema';
import type { Role } from '@/lib/auth/permissions';
import * as ops from '@/lib/inventory/count-operations';
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
  return { orgId: org.id, stock, admin: as('admin', admin.user.id), clerk: as('warehouse', clerk.user.id) };
}

function data<T>(r: Result<T>): T {
  assert.ok(r.ok, JSON.stringify(r));
  return r.data;
}

function refused(r: Result<unknown>, code: string) {
  assert.equal(r.ok, false, JSON.stringify(r));
  assert.equal(!r.ok && r.code, code);
  return r as { ok: false; message: string };
}

/** On hand per (item, location) from the ledger alone, and from stock_levels: they must agree. */
async function onHandBothWays(orgId: string) {
  const ledger = await db.execute<{ k: string }>(sql`
    select item_id || '/' || location_id || '=' || sum(q) as k from (
      select item_id, to_location_id as location_id, quantity as q from stock_moves
        where organization_id = ${orgId} and to_location_id is not null
      union all
      select item_id, from_location_id, -quantity from stock_moves
        where organization_id = ${orgId} and from_location_id is not null
    ) m group by item_id, location_id having sum(q) <> 0 order by 1`);
  const levels = await db.execute<{ k: string }>(sql`
    select item_id || '/' || location_id || '=' || quantity as k from stock_levels
    where organization_id = ${orgId} and quantity <> 0 order by 1`);
  return { ledger: ledger.map((r) => r.k), levels: levels.map((r) => r.k) };
}

const unitAt = async (id: string) =>
  (await db.select({ at: stockUnits.locationId }).from(stockUnits).where(eq(stockUnits.id, id)))[0]!.at;

describe('stock opname', () => {
  test('count by scanning and typing, variance with value, approval posts the adjustments through the ledger', async () => {
    const w = await world('opname');
    const { id } = data(await w.clerk(ops.startCountOp, { locationId: w.stock.warehouse.id }));
    const scan = (serial: string) => w.clerk(ops.scanCountOp, { countId: id, serial });
    assert.equal(data(await scan(' zte0001 ')).status, 'expected');
    assert.equal(data(await scan('ZTE0002')).status, 'expected');
    assert.equal(data(await scan('ZTE0004')).status, 'unexpected');
    assert.equal(data(await scan('NOPE-123')).status, 'unknown');
    const dup = refused(await scan('zte0001'), 'stock_count_duplicate');
    assert.match(dup.message, /ZTE0001 sudah dihitung/);
    refused(await scan('!'), 'validation');
    // A quantity is set, not added: typing 90 then 95 counts 95.
    data(await w.clerk(ops.setCountQuantityOp, { countId: id, itemId: w.stock.cable.id, quantity: 90 }));
    data(await w.clerk(ops.setCountQuantityOp, { countId: id, itemId: w.stock.cable.id, quantity: '95' }));
    refused(
      await w.clerk(ops.setCountQuantityOp, { countId: id, itemId: w.stock.modem.id, quantity: 1 }),
      'stock_item_serialized',
    );
    data(await w.clerk(ops.submitCountOp, { countId: id }));
    refused(await scan('ZTE0003'), 'stock_count_closed');

    const { variance } = data(await w.clerk(ops.getCountOp, { countId: id }));
    assert.ok(variance);
    assert.deepEqual(
      variance.missing.map((m) => [m.serial, m.value]),
      [['ZTE0003', 350_000]],
    );
    assert.deepEqual(
      variance.unexpected.map((u) => [u.serial, u.fromLocationName]),
      [['ZTE0004', 'ZTE Gudang cabang']],
    );
    assert.deepEqual(
      variance.unknown.map((u) => u.serial),
      ['NOPE-123'],
    );
    assert.equal(variance.matched, 2);
    assert.deepEqual(
      variance.quantities.map((q) => [q.itemName, q.expected, q.counted, q.difference, q.value]),
      [['ZTE Drop cable', 100, 95, -5, -7_500]],
    );
    assert.equal(variance.netValue, 350_000 - 350_000 - 7_500);

    const file = data(await w.clerk(ops.exportCountOp, { countId: id }));
    assert.deepEqual(
      file.sheet.rows.map((r) => [r[0]!.v, r[1]!.v, r[7]!.v]),
      [
        ['Hilang', 'ZTE0003', -350_000],
        ['Tak terduga', 'ZTE0004', 350_000],
        ['Tidak dikenal', 'NOPE-123', 0],
        ['Selisih jumlah', null, -7_500],
      ],
    );

    // The counter's role cannot post its own count.
    refused(await w.clerk(ops.approveCountOp, { countId: id }), 'forbidden');
    const before = (await db.select().from(stockMoves).where(eq(stockMoves.organizationId, w.orgId))).length;
    const approved = data(await w.admin(ops.approveCountOp, { countId: id }));
    assert.deepEqual([approved.missing, approved.unexpected, approved.unknown, approved.quantityLines], [1, 1, 1, 1]);

    const [writtenOff] = await db
      .select()
      .from(stockLocations)
      .where(and(eq(stockLocations.organizationId, w.orgId), eq(stockLocations.kind, 'written_off')));
    assert.equal(await unitAt(w.stock.units[2]!.id), writtenOff!.id);
    assert.equal(await unitAt(w.stock.away.id), w.stock.warehouse.id);
    const [cable] = await db
      .select({ q: stockLevels.quantity })
      .from(stockLevels)
      .where(and(eq(stockLevels.itemId, w.stock.cable.id), eq(stockLevels.locationId, w.stock.warehouse.id)));
    assert.equal(cable!.q, 95);
    const posted = await db.select().from(stockMoves).where(eq(stockMoves.stockCountId, id));
    assert.equal(posted.length, 3);
    assert.equal((await db.select().from(stockMoves).where(eq(stockMoves.organizationId, w.orgId))).length, before + 3);
    assert.ok(posted.every((m) => m.kind === 'adjust' && m.batchId === posted[0]!.batchId));
    const both = await onHandBothWays(w.orgId);
    assert.deepEqual(both.ledger, both.levels);

    const shown = data(await w.clerk(ops.getCountOp, { countId: id }));
    assert.equal(shown.count.status, 'approved');
    assert.equal(shown.posted.length, 3);
    assert.deepEqual(
      shown.posted.map((m) => [m.serial, m.toName]).filter(([s]) => s),
      [
        ['ZTE0003', writtenOff!.name],
        ['ZTE0004', 'ZTE Gudang utama'],
      ],
    );
    const audit = await db
      .select({ action: auditLogs.action })
      .from(auditLogs)
      .where(and(eq(auditLogs.organizationId, w.orgId), eq(auditLogs.entityId, id)));
    assert.deepEqual(audit.map((a) => a.action).sort(), [
      'stock_count.approved',
      'stock_count.started',
      'stock_count.submitted',
    ]);
    // Decided: it cannot be approved again.
    refused(await w.admin(ops.approveCountOp, { countId: id }), 'stock_count_not_submitted');
  });

  test('reject posts nothing and keeps the note; one open count per location', async () => {
    const w = await world('opname-reject');
    const { id } = data(await w.clerk(ops.startCountOp, { locationId: w.stock.warehouse.id }));
    refused(await w.clerk(ops.startCountOp, { locationId: w.stock.warehouse.id }), 'stock_count_open');
    data(await w.clerk(ops.scanCountOp, { countId: id, serial: 'ZTE0001' }));
    refused(await w.admin(ops.rejectCountOp, { countId: id }), 'validation');
    refused(await w.admin(ops.rejectCountOp, { countId: id, note: 'Hitung ulang' }), 'stock_count_not_submitted');
    data(await w.clerk(ops.submitCountOp, { countId: id }));
    refused(await w.clerk(ops.startCountOp, { locationId: w.stock.warehouse.id }), 'stock_count_open');
    const moves = async () => (await db.select().from(stockMoves).where(eq(stockMoves.organizationId, w.orgId))).length;
    const before = await moves();
    data(await w.admin(ops.rejectCountOp, { countId: id, note: 'Rak B belum dihitung, hitung ulang.' }));
    assert.equal(await moves(), before);
    const [row] = await db.select().from(stockCounts).where(eq(stockCounts.id, id));
    assert.equal(row!.status, 'rejected');
    assert.equal(row!.decisionNote, 'Rak B belum dihitung, hitung ulang.');
    // The location is free again.
    const again = data(await w.clerk(ops.startCountOp, { locationId: w.stock.warehouse.id }));
    data(await w.clerk(ops.cancelCountOp, { countId: again.id }));
    const list = data(await w.clerk(ops.listCountsOp, {}));
    assert.deepEqual(
      list.items.map((c) => c.status),
      ['cancelled', 'rejected'],
    );
  });

  test('a wrong scan can be taken back while counting; a customer location cannot be counted', async () => {
    const w = await world('opname-undo');
    const { id } = data(await w.clerk(ops.startCountOp, { locationId: w.stock.warehouse.id }));
    data(await w.clerk(ops.scanCountOp, { countId: id, serial: 'ZTE0004' }));
    const { scans } = data(await w.clerk(ops.getCountOp, { countId: id }));
    data(await w.clerk(ops.removeCountEntryOp, { countId: id, entryId: scans[0]!.id }));
    const after = data(await w.clerk(ops.getCountOp, { countId: id }));
    assert.equal(after.scans.length, 0);
    assert.equal(after.variance?.missing.length, 3);
    const locations = data(await w.clerk(ops.countLocationsOp, {}));
    assert.equal(locations.find((l) => l.id === w.stock.warehouse.id)?.openCountId, id);
    const [customerish] = await db
      .insert(stockLocations)
      .values({ organizationId: w.orgId, kind: 'written_off', name: 'Hapus', code: 'HAPUS-X' })
      .returning();
    refused(await w.clerk(ops.startCountOp, { locationId: customerish!.id }), 'stock_count_location');
  });
});
