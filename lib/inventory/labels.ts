import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { inventoryItems, organizations, stockLocations, stockUnits } from '@/db/schema';
import { AppError } from '@/lib/server/errors';

export { LABEL_FORMATS, type LabelFormat } from './label-formats';

/**
 * One printed label: its QR carries `code` — a unit's serial, a location's or bag's code, an
 * item's SKU — exactly what the transfer page's scanner accepts.
 */
export type Label = { code: string; title: string; subtitle: string | null };

export type LabelData = { organization: string; labels: Label[] };

/**
 * The labels for the chosen items, locations and units of this organization, in that order;
 * ids of another organization are simply not found.
 */
export async function getLabelData(
  db: Db,
  p: { orgId: string; itemIds: string[]; locationIds: string[]; unitIds: string[] },
): Promise<LabelData> {
  const [org] = await db.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, p.orgId));
  const items = p.itemIds.length
    ? await db
        .select({ code: inventoryItems.sku, title: inventoryItems.name })
        .from(inventoryItems)
        .where(and(eq(inventoryItems.organizationId, p.orgId), inArray(inventoryItems.id, p.itemIds)))
        .orderBy(asc(inventoryItems.name))
    : [];
  const locations = p.locationIds.length
    ? await db
        .select({ code: stockLocations.code, title: stockLocations.name })
        .from(stockLocations)
        .where(and(eq(stockLocations.organizationId, p.orgId), inArray(stockLocations.id, p.locationIds)))
        .orderBy(asc(stockLocations.name))
    : [];
  const units = p.unitIds.length
    ? await db
        .select({ code: stockUnits.serial, title: inventoryItems.name, mac: stockUnits.mac })
        .from(stockUnits)
        .innerJoin(inventoryItems, eq(inventoryItems.id, stockUnits.itemId))
        .where(and(eq(stockUnits.organizationId, p.orgId), inArray(stockUnits.id, p.unitIds)))
        .orderBy(asc(stockUnits.serial))
    : [];
  const labels: Label[] = [
    ...items.map((i) => ({ code: i.code, title: i.title, subtitle: null })),
    ...locations.map((l) => ({ code: l.code, title: l.title, subtitle: null })),
    ...units.map((u) => ({ code: u.code, title: u.title, subtitle: u.mac })),
  ];
  if (labels.length === 0) throw new AppError('not_found');
  return { organization: org?.name ?? '', labels };
}

/** What the print page offers: items, own locations (bags with their technician) and units by serial. */
export async function listLabelChoices(db: Db, p: { orgId: string }) {
  const items = await db
    .select({ id: inventoryItems.id, name: inventoryItems.name, sku: inventoryItems.sku })
    .from(inventoryItems)
    .where(and(eq(inventoryItems.organizationId, p.orgId), eq(inventoryItems.active, true)))
    .orderBy(asc(inventoryItems.name))
    .limit(500);
  const locations = await db
    .select({ id: stockLocations.id, name: stockLocations.name, code: stockLocations.code, kind: stockLocations.kind })
    .from(stockLocations)
    .where(
      and(
        eq(stockLocations.organizationId, p.orgId),
        eq(stockLocations.active, true),
        inArray(stockLocations.kind, ['warehouse', 'shelf', 'bag']),
      ),
    )
    .orderBy(asc(stockLocations.kind), asc(stockLocations.name))
    .limit(500);
  return { items, locations };
}
