import assert from 'node:assert/strict';
import { and, eq } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { inventoryItems, stockCountEntries, stockCounts, stockLocations } from '@/db/schema';
import * as countOps from '@/lib/inventory/count-operations';
import type { Result } from '@/lib/server/operation';
import { seedCountWorld } from './inventory-counts-world';

type Run = (op: never, input: unknown) => Promise<Result<unknown>>;
type Sides = { db: Database; run: Run; a: { orgId: string; userId: string }; b: { orgId: string; userId: string } };

/** B's stock (prefix BBB), one count being counted with one scan, one submitted: A can read or change none of it. */
async function makeWorld(s: Sides) {
  const stock = await seedCountWorld(s.db, { orgId: s.b.orgId, userId: s.b.userId, prefix: 'BBB' });
  const [open, submitted] = await s.db
    .insert(stockCounts)
    .values([
      { organizationId: s.b.orgId, locationId: stock.warehouse.id, startedBy: s.b.userId },
      { organizationId: s.b.orgId, locationId: stock.other.id, startedBy: s.b.userId, status: 'submitted' },
    ])
    .returning();
  const [entry] = await s.db
    .insert(stockCountEntries)
    .values({
      organizationId: s.b.orgId,
      stockCountId: open!.id,
      itemId: stock.modem.id,
      unitId: stock.units[0]!.id,
      serial: stock.serials[0]!,
    })
    .returning();
  // A's own location, to count B's serials and items in.
  const [mine] = await s.db
    .insert(stockLocations)
    .values({ organizationId: s.a.orgId, kind: 'warehouse', name: 'A Gudang opname', code: 'A-OPN-1' })
    .returning();
  return { stock, open: open!, submitted: submitted!, entry: entry!, mine: mine! };
}

export function countsIsolationCases(sides: () => Sides): Record<string, () => Promise<void>> {
  let world: Promise<Awaited<ReturnType<typeof makeWorld>>> | undefined;
  const bWorld = () => (world ??= makeWorld(sides()));
  const run = (op: unknown, input: unknown) => sides().run(op as never, input);
  const notFound = (r: Result<unknown>) => {
    assert.equal(r.ok, false, JSON.stringify(r));
    assert.equal(!r.ok && r.code, 'not_found');
  };
  const readsNothingOfB = async (r: Result<unknown>) => {
    const b = await bWorld();
    assert.ok(r.ok, JSON.stringify(r));
    const text = JSON.stringify(r.data);
    for (const secret of [b.open.id, b.submitted.id, b.stock.warehouse.id, 'BBB'])
      assert.ok(!text.includes(secret), secret);
  };
  const statusOf = async (id: string) =>
    (await sides().db.select({ s: stockCounts.status }).from(stockCounts).where(eq(stockCounts.id, id)))[0]!.s;
  /** A count of A's own location (for B's serials and items), started once. */
  let mineCount: Promise<string> | undefined;
  const aCount = () =>
    (mineCount ??= (async () => {
      const b = await bWorld();
      const r = await run(countOps.startCountOp, { locationId: b.mine.id });
      assert.ok(r.ok, JSON.stringify(r));
      return (r.data as { id: string }).id;
    })());
  return {
    'inventory.counts.list': async () => readsNothingOfB(await run(countOps.listCountsOp, {})),
    'inventory.counts.get': async () => notFound(await run(countOps.getCountOp, { countId: (await bWorld()).open.id })),
    'inventory.counts.locations': async () => readsNothingOfB(await run(countOps.countLocationsOp, {})),
    'inventory.counts.start': async () => {
      const b = await bWorld();
      notFound(await run(countOps.startCountOp, { locationId: b.stock.other.id }));
      const counts = await sides().db.select().from(stockCounts).where(eq(stockCounts.locationId, b.stock.other.id));
      assert.equal(counts.length, 1);
    },
    'inventory.counts.scan': async () => {
      const b = await bWorld();
      notFound(await run(countOps.scanCountOp, { countId: b.open.id, serial: b.stock.serials[1] }));
      // B's serial counted in A's own count is unknown to A: nothing of B's unit shows.
      const r = await run(countOps.scanCountOp, { countId: await aCount(), serial: b.stock.serials[1] });
      assert.deepEqual(r, { ok: true, data: { status: 'unknown', serial: b.stock.serials[1], itemName: null } });
    },
    'inventory.counts.setQuantity': async () => {
      const b = await bWorld();
      notFound(await run(countOps.setCountQuantityOp, { countId: b.open.id, itemId: b.stock.cable.id, quantity: 1 }));
      notFound(
        await run(countOps.setCountQuantityOp, { countId: await aCount(), itemId: b.stock.cable.id, quantity: 1 }),
      );
    },
    'inventory.counts.removeEntry': async () => {
      const b = await bWorld();
      notFound(await run(countOps.removeCountEntryOp, { countId: b.open.id, entryId: b.entry.id }));
      notFound(await run(countOps.removeCountEntryOp, { countId: await aCount(), entryId: b.entry.id }));
      const left = await sides().db.select().from(stockCountEntries).where(eq(stockCountEntries.id, b.entry.id));
      assert.equal(left.length, 1);
    },
    'inventory.counts.submit': async () => {
      const b = await bWorld();
      notFound(await run(countOps.submitCountOp, { countId: b.open.id }));
      assert.equal(await statusOf(b.open.id), 'counting');
    },
    'inventory.counts.cancel': async () => {
      const b = await bWorld();
      notFound(await run(countOps.cancelCountOp, { countId: b.open.id }));
      assert.equal(await statusOf(b.open.id), 'counting');
    },
    'inventory.counts.approve': async () => {
      const b = await bWorld();
      notFound(await run(countOps.approveCountOp, { countId: b.submitted.id }));
      assert.equal(await statusOf(b.submitted.id), 'submitted');
    },
    'inventory.counts.reject': async () => {
      const b = await bWorld();
      notFound(await run(countOps.rejectCountOp, { countId: b.submitted.id, note: 'bukan milikmu' }));
      assert.equal(await statusOf(b.submitted.id), 'submitted');
    },
    'inventory.counts.export': async () => {
      const b = await bWorld();
      notFound(await run(countOps.exportCountOp, { countId: b.open.id }));
    },
    'inventory.lowStock.export': async () => {
      await bWorld();
      const r = await run(countOps.exportLowStockOp, {});
      assert.ok(r.ok);
      assert.ok(!JSON.stringify(r.data).includes('BBB'));
    },
    'inventory.lowStock': async () => {
      await bWorld();
      const r = await run(countOps.lowStockOp, {});
      assert.ok(r.ok);
      assert.ok(!JSON.stringify(r.data).includes('BBB'));
      const [bItem] = await sides()
        .db.select()
        .from(inventoryItems)
        .where(and(eq(inventoryItems.organizationId, sides().b.orgId), eq(inventoryItems.sku, 'BBB-SC')));
      assert.ok(bItem, 'B has a low-stock item A must not see');
    },
  };
}

/** Inputs for every counts operation in an organization: each op gets its own count and location, so any order works. */
export async function countsMatrixInputs(
  db: Database,
  orgId: string,
  userId: string,
): Promise<Record<string, unknown>> {
  const places = await db
    .insert(stockLocations)
    .values(
      [1, 2, 3, 4, 5, 6].map((n) => ({
        organizationId: orgId,
        kind: 'warehouse' as const,
        name: `Gudang matriks ${n}`,
        code: `MTX-OPN-${n}`,
      })),
    )
    .returning();
  const [cable] = await db
    .insert(inventoryItems)
    .values({
      organizationId: orgId,
      sku: 'MTX-DC',
      name: 'Kabel matriks',
      category: 'cable',
      unit: 'm',
      tracking: 'bulk',
    })
    .returning();
  const count = async (i: number, status: 'counting' | 'submitted') =>
    (
      await db
        .insert(stockCounts)
        .values({ organizationId: orgId, locationId: places[i]!.id, startedBy: userId, status })
        .returning()
    )[0]!.id;
  const counting = await count(0, 'counting');
  const toSubmit = await count(1, 'counting');
  const toCancel = await count(2, 'counting');
  const toApprove = await count(3, 'submitted');
  const toReject = await count(4, 'submitted');
  const [entry] = await db
    .insert(stockCountEntries)
    .values({ organizationId: orgId, stockCountId: counting, serial: 'MTX-UNKNOWN-1' })
    .returning();
  return {
    'inventory.counts.list': {},
    'inventory.counts.get': { countId: counting },
    'inventory.counts.locations': {},
    'inventory.counts.start': { locationId: places[5]!.id },
    'inventory.counts.scan': { countId: counting, serial: 'MTX-SCAN-1' },
    'inventory.counts.setQuantity': { countId: counting, itemId: cable!.id, quantity: 3 },
    'inventory.counts.removeEntry': { countId: counting, entryId: entry!.id },
    'inventory.counts.submit': { countId: toSubmit },
    'inventory.counts.cancel': { countId: toCancel },
    'inventory.counts.approve': { countId: toApprove },
    'inventory.counts.reject': { countId: toReject, note: 'Hitung ulang rak B' },
    'inventory.counts.export': { countId: counting, format: 'csv' },
    'inventory.lowStock': {},
    'inventory.lowStock.export': { format: 'xlsx' },
  };
}
