import type { Database } from '@/db/client';
import { inventoryItems, stockLocations } from '@/db/schema';
import { moveQuantity, receiveUnits } from '@/lib/inventory/ledger';

/**
 * A small stock world for counting: a warehouse with three ONTs (ZTE…01-03, Rp 350.000 each)
 * and 100 m of drop cable (Rp 1.500 a metre), a second warehouse holding one more ONT (…04),
 * and an item with a minimum of 10 pieces and none on hand. Serials carry `prefix` so two
 * organizations' worlds never share one.
 */
export async function seedCountWorld(db: Database, p: { orgId: string; userId: string; prefix?: string }) {
  const prefix = p.prefix ?? 'ZTE';
  const [modem, cable, connector] = await db
    .insert(inventoryItems)
    .values([
      {
        organizationId: p.orgId,
        sku: `${prefix}-ONT`,
        name: `${prefix} ONT F670L`,
        category: 'ont',
        tracking: 'serial',
        hasMac: true,
        minStock: 2,
      },
      {
        organizationId: p.orgId,
        sku: `${prefix}-DC`,
        name: `${prefix} Drop cable`,
        category: 'cable',
        unit: 'm',
        tracking: 'bulk',
      },
      {
        organizationId: p.orgId,
        sku: `${prefix}-SC`,
        name: `${prefix} Konektor SC`,
        category: 'connector',
        tracking: 'bulk',
        minStock: 10,
      },
    ])
    .returning();
  const [warehouse, other] = await db
    .insert(stockLocations)
    .values([
      { organizationId: p.orgId, kind: 'warehouse', name: `${prefix} Gudang utama`, code: `${prefix}-GDG-1` },
      { organizationId: p.orgId, kind: 'warehouse', name: `${prefix} Gudang cabang`, code: `${prefix}-GDG-2` },
    ])
    .returning();
  const ctx = { orgId: p.orgId, actorUserId: p.userId, kind: 'receive' as const };
  const units = await receiveUnits(db, {
    ...ctx,
    itemId: modem!.id,
    to: warehouse!.id,
    unitCost: 350_000,
    units: [1, 2, 3].map((n) => ({ serial: `${prefix}000${n}` })),
  });
  const [away] = await receiveUnits(db, {
    ...ctx,
    itemId: modem!.id,
    to: other!.id,
    unitCost: 350_000,
    units: [{ serial: `${prefix}0004` }],
  });
  await moveQuantity(db, { ...ctx, itemId: cable!.id, quantity: 100, from: null, to: warehouse!.id, unitCost: 1_500 });
  return {
    modem: modem!,
    cable: cable!,
    connector: connector!,
    warehouse: warehouse!,
    other: other!,
    units,
    away: away!,
    serials: [1, 2, 3, 4].map((n) => `${prefix}000${n}`),
  };
}
