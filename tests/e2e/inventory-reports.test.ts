import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { inventoryItems, stockLocations } from '@/db/schema';
import { moveQuantity, moveUnits, receiveUnits } from '@/lib/inventory/ledger';
import { ensureTechnicianBag } from '@/lib/inventory/places';
import { makeMember, makeOrg, PASSWORD, testDb } from '../helpers';
import { newPage, settled, signIn } from './browser';

const db = testDb();

/** A warehouse with 3 modems (2 then moved to a technician's bag) and cable; the router item is short. */
async function stockWorld() {
  const { org, admin } = await makeOrg(db, 'e2einv');
  const orgId = org.id;
  const ctx = { orgId, actorUserId: admin.user.id };
  const [modem, cable, router] = await db
    .insert(inventoryItems)
    .values([
      { organizationId: orgId, sku: 'ONT-F670', name: 'ZTE F670L', category: 'ont', tracking: 'serial', hasMac: true },
      {
        organizationId: orgId,
        sku: 'DC-1C',
        name: 'Kabel drop 1 core',
        category: 'cable',
        unit: 'm',
        tracking: 'bulk',
      },
      {
        organizationId: orgId,
        sku: 'RTR-AX',
        name: 'Router AX1500',
        category: 'router',
        tracking: 'bulk',
        minStock: 5,
      },
    ])
    .returning();
  const [warehouse] = await db
    .insert(stockLocations)
    .values({ organizationId: orgId, kind: 'warehouse', name: 'Gudang Utama', code: 'GDG-1' })
    .returning();
  const keeper = await makeMember(db, orgId, 'warehouse');
  const tech = await makeMember(db, orgId, 'technician');
  const bag = await ensureTechnicianBag(db, { orgId, userId: tech.user.id });
  const units = await receiveUnits(db, {
    ...ctx,
    kind: 'receive',
    itemId: modem!.id,
    to: warehouse!.id,
    unitCost: 350_000,
    units: [{ serial: 'ZTEGE2E001' }, { serial: 'ZTEGE2E002' }, { serial: 'ZTEGE2E003' }],
  });
  await moveQuantity(db, {
    ...ctx,
    kind: 'receive',
    itemId: cable!.id,
    quantity: 500,
    from: null,
    to: warehouse!.id,
    unitCost: 2_000,
  });
  await moveQuantity(db, {
    ...ctx,
    kind: 'receive',
    itemId: router!.id,
    quantity: 2,
    from: null,
    to: warehouse!.id,
    unitCost: 300_000,
  });
  await moveUnits(db, {
    ...ctx,
    kind: 'transfer',
    to: bag.id,
    units: units.slice(0, 2).map((u) => ({ id: u.id, from: warehouse!.id })),
  });
  return { keeper, router: router! };
}

describe('stock on a phone (390 x 844)', () => {
  test('the warehouse dashboard figures lead to their lists, and stock reads as cards', async () => {
    const w = await stockWorld();
    const page = await newPage({ viewport: { width: 390, height: 844 } });
    await signIn(page, w.keeper.user.email, PASSWORD);
    // 3 modems × 350.000 + 500 m × 2.000 + 2 routers × 300.000
    await page.getByTestId('stat-stock-value').waitFor();
    assert.match(await page.getByTestId('stat-stock-value').innerText(), /Rp\s2\.650\.000/);
    assert.match(await page.getByTestId('stat-units-in-bags').innerText(), /\b2\b/);
    // The figure counts serialized units: it opens the units list filtered to bags.
    assert.equal(await page.getByTestId('stat-units-in-bags').getAttribute('href'), '/inventory/units?kind=bag');

    await page.getByTestId('stat-low-stock').click();
    await page.waitForURL(/\/inventory\?view=low/);
    await settled(page);
    const low = page.getByTestId('low-stock-row');
    await low.first().waitFor();
    assert.equal(await low.count(), 1);
    assert.match(await low.first().innerText(), /Router AX1500/);

    // The whole stock, per location: warehouse rows and the bag's modems.
    await page.getByTestId('tab-location').click();
    await page.waitForURL(/\/inventory$/);
    await settled(page);
    const rows = page.getByTestId('stock-row');
    await rows.first().waitFor();
    assert.equal(await rows.count(), 4, 'modem, cable and router in the warehouse, modems in the bag');
    assert.match(await page.getByTestId('stock-total-value').innerText(), /Rp\s2\.650\.000/);
    // A card on a phone: labelled lines, no table header row, nothing wider than the screen.
    assert.match(await rows.first().innerText(), /Jumlah|Nilai/);
    assert.ok(
      await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
      'nothing scrolls sideways',
    );
    const text = await page.locator('main').innerText();
    assert.doesNotMatch(text, /inventoryReports\.|\{\w+\}/, 'no raw key or placeholder');

    // The stock filtered to the bags: the modems and their quantity.
    await page.locator('select[name=kind]').selectOption('bag');
    await page.locator('form:has(select[name=kind]) button[type=submit]').click();
    await page.waitForURL(/kind=bag/);
    await settled(page);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=stock-row]').length === 1);
    assert.match(await rows.first().innerText(), /ZTE F670L[\s\S]*2 pcs/);
  });
});
