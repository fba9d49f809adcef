import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, test } from 'node:test';
import { and, eq, like, sql } from 'drizzle-orm';
import { inventoryItems, messages, organizationTaskStatus, users } from '@/db/schema';
import { moveQuantity } from '@/lib/inventory/ledger';
import { countLowStockItems, lowStockItems } from '@/lib/inventory/low-stock';
import { lowStockPass } from '@/lib/inventory/low-stock-alerts';
import { makeMember, makeOrg, testDb } from '../helpers';
import { seedCountWorld } from '../support/inventory-counts-world';

const db = testDb();

/** An organization with the count world (a connector: minimum 10, none on hand) and its staff. */
async function world(label: string) {
  const { org, admin } = await makeOrg(db, label);
  const stock = await seedCountWorld(db, { orgId: org.id, userId: admin.user.id });
  const clerk = await makeMember(db, org.id, 'warehouse');
  const noPhone = await makeMember(db, org.id, 'warehouse');
  await db.update(users).set({ phone: '6281311112222' }).where(eq(users.id, clerk.user.id));
  // The admin has a phone too, but low-stock alerts go to the warehouse role.
  await db.update(users).set({ phone: '6281311113333' }).where(eq(users.id, admin.user.id));
  return { orgId: org.id, admin, clerk, noPhone, stock };
}

const alertsFor = (orgId: string, itemId: string) =>
  db
    .select()
    .from(messages)
    .where(and(eq(messages.organizationId, orgId), like(messages.eventKey, `low_stock:${itemId}:%`)));

const alertedAt = async (itemId: string) =>
  (await db.select().from(inventoryItems).where(eq(inventoryItems.id, itemId)))[0]!.lowStockAlertedAt;

async function failInsertsFor(table: string, orgId: string) {
  const name = `test_fail_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  await db.execute(
    sql.raw(`create function ${name}() returns trigger language plpgsql as $$
      begin if new.organization_id = '${orgId}' then raise exception 'injected failure for %', new.organization_id; end if; return new; end $$`),
  );
  await db.execute(sql.raw(`create trigger ${name} before insert on ${table} for each row execute function ${name}()`));
  return async () => {
    await db.execute(sql.raw(`drop trigger if exists ${name} on ${table}`));
    await db.execute(sql.raw(`drop function if exists ${name}()`));
  };
}

describe('low-stock alerts', () => {
  test('the list: items below their minimum on hand (warehouses, shelves, bags), largest shortage first', async () => {
    const w = await world('lowstock-list');
    const low = await lowStockItems(db, { orgId: w.orgId });
    assert.deepEqual(
      low.map((i) => [i.sku, i.onHand, i.minStock, i.shortage]),
      [['ZTE-SC', 0, 10, 10]],
    );
    assert.equal(await countLowStockItems(db, { orgId: w.orgId }), 1);
  });

  test('one WhatsApp per shortage to the warehouse role; again only after recovery and a new shortage', async () => {
    const w = await world('lowstock-once');
    const item = w.stock.connector.id;
    const first = await lowStockPass(db, { orgIds: [w.orgId] });
    assert.equal(first.alerted, 1);
    let sent = await alertsFor(w.orgId, item);
    assert.equal(sent.length, 1);
    assert.equal(sent[0]!.toPhone, '6281311112222');
    assert.equal(sent[0]!.status, 'queued');
    assert.match(sent[0]!.body, /ZTE Konektor SC \(ZTE-SC\) tinggal 0 pcs, di bawah minimum 10/);
    assert.ok(await alertedAt(item));

    // Still short: no second message.
    assert.equal((await lowStockPass(db, { orgIds: [w.orgId] })).alerted, 0);
    assert.equal((await alertsFor(w.orgId, item)).length, 1);

    // Back at the minimum: the mark is cleared, nothing is sent.
    const ctx = { orgId: w.orgId, actorUserId: w.admin.user.id };
    await moveQuantity(db, {
      ...ctx,
      kind: 'receive',
      itemId: item,
      quantity: 12,
      from: null,
      to: w.stock.warehouse.id,
    });
    await lowStockPass(db, { orgIds: [w.orgId] });
    assert.equal(await alertedAt(item), null);
    assert.equal((await alertsFor(w.orgId, item)).length, 1);

    // A new shortage alerts again.
    await moveQuantity(db, { ...ctx, kind: 'adjust', itemId: item, quantity: 5, from: w.stock.warehouse.id, to: null });
    assert.equal((await lowStockPass(db, { orgIds: [w.orgId] })).alerted, 1);
    sent = await alertsFor(w.orgId, item);
    assert.equal(sent.length, 2);
    assert.ok(sent.every((m) => m.toPhone === '6281311112222'));
  });

  test("one organization's failure does not stop another's alerts", async () => {
    const broken = await world('lowstock-broken');
    const fine = await world('lowstock-fine');
    const restore = await failInsertsFor('messages', broken.orgId);
    try {
      const r = await lowStockPass(db, { orgIds: [broken.orgId, fine.orgId] });
      assert.equal(r.alerted, 1);
    } finally {
      await restore();
    }
    assert.equal((await alertsFor(fine.orgId, fine.stock.connector.id)).length, 1);
    assert.equal(await alertedAt(broken.stock.connector.id), null);
    const [status] = await db
      .select()
      .from(organizationTaskStatus)
      .where(
        and(eq(organizationTaskStatus.organizationId, broken.orgId), sql`${organizationTaskStatus.task} = 'low_stock'`),
      );
    assert.equal(status?.lastError, 'database');
    // Once the fault is gone, the next pass alerts it.
    assert.equal((await lowStockPass(db, { orgIds: [broken.orgId] })).alerted, 1);
  });
});
