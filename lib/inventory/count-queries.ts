import { and, asc, count as countRows, desc, eq, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '@/db/client';
import type { StockCountStatus } from '@/db/enums';
import { inventoryItems, stockCountEntries, stockCounts, stockLocations, users } from '@/db/schema';
import { AppError } from '@/lib/server/errors';
import { countVariance } from './count-variance';
import { COUNTABLE_KINDS } from './counts';

export const COUNTS_PAGE_SIZE = 25;

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

const starter = alias(users, 'starter');
const decider = alias(users, 'decider');

const countColumns = {
  id: stockCounts.id,
  status: stockCounts.status,
  locationId: stockCounts.locationId,
  locationName: stockLocations.name,
  locationKind: stockLocations.kind,
  locationCode: stockLocations.code,
  notes: stockCounts.notes,
  startedAt: stockCounts.startedAt,
  startedByName: starter.name,
  submittedAt: stockCounts.submittedAt,
  decidedAt: stockCounts.decidedAt,
  decidedByName: decider.name,
  decisionNote: stockCounts.decisionNote,
};

/** The organization's counts, newest first, with how many entries each has. */
export async function listCounts(
  db: Db,
  p: { orgId: string; status?: StockCountStatus; locationId?: string; q?: string; page?: number },
) {
  const page = p.page ?? 1;
  const where = and(
    eq(stockCounts.organizationId, p.orgId),
    p.status ? eq(stockCounts.status, p.status) : undefined,
    p.locationId ? eq(stockCounts.locationId, p.locationId) : undefined,
    p.q
      ? sql`${stockCounts.locationId} in (select id from stock_locations where organization_id = ${p.orgId}
          and (name ilike ${`%${escapeLike(p.q)}%`} or code ilike ${`%${escapeLike(p.q)}%`}))`
      : undefined,
  );
  const rows = await db
    .select({
      ...countColumns,
      entries: sql<number>`(select count(*)::int from stock_count_entries e where e.stock_count_id = stock_counts.id)`,
    })
    .from(stockCounts)
    .innerJoin(stockLocations, eq(stockLocations.id, stockCounts.locationId))
    .leftJoin(starter, eq(starter.id, stockCounts.startedBy))
    .leftJoin(decider, eq(decider.id, stockCounts.decidedBy))
    .where(where)
    .orderBy(desc(stockCounts.startedAt), desc(stockCounts.id))
    .limit(COUNTS_PAGE_SIZE)
    .offset((page - 1) * COUNTS_PAGE_SIZE);
  const [{ total }] = await db.select({ total: countRows() }).from(stockCounts).where(where);
  return { items: rows, total: Number(total), page, pageSize: COUNTS_PAGE_SIZE };
}

/** How many counts wait for approval (the warehouse dashboard's number). */
export async function countAwaitingApproval(db: Db, p: { orgId: string }) {
  const [{ n }] = await db
    .select({ n: countRows() })
    .from(stockCounts)
    .where(and(eq(stockCounts.organizationId, p.orgId), eq(stockCounts.status, 'submitted')));
  return Number(n);
}

/**
 * One count: the location, what was scanned (newest first), the bulk items to type quantities
 * for (those with stock here and those already entered), and the variance against the books.
 */
export async function getCount(db: Db, p: { orgId: string; countId: string }) {
  const [count] = await db
    .select(countColumns)
    .from(stockCounts)
    .innerJoin(stockLocations, eq(stockLocations.id, stockCounts.locationId))
    .leftJoin(starter, eq(starter.id, stockCounts.startedBy))
    .leftJoin(decider, eq(decider.id, stockCounts.decidedBy))
    .where(and(eq(stockCounts.id, p.countId), eq(stockCounts.organizationId, p.orgId)));
  if (!count) throw new AppError('not_found');
  const scans = await db
    .select({
      id: stockCountEntries.id,
      serial: stockCountEntries.serial,
      unitId: stockCountEntries.unitId,
      itemName: inventoryItems.name,
      countedAt: stockCountEntries.countedAt,
    })
    .from(stockCountEntries)
    .leftJoin(inventoryItems, eq(inventoryItems.id, stockCountEntries.itemId))
    .where(
      and(
        eq(stockCountEntries.organizationId, p.orgId),
        eq(stockCountEntries.stockCountId, count.id),
        sql`${stockCountEntries.serial} is not null`,
      ),
    )
    .orderBy(desc(stockCountEntries.countedAt));
  // An open count is compared with the books as they are now; a decided one shows what was
  // posted (the ledger rows carrying the count), since its adjustments changed the books.
  const open = count.status === 'counting' || count.status === 'submitted';
  const variance = open
    ? await countVariance(db, { orgId: p.orgId, countId: count.id, locationId: count.locationId })
    : null;
  const posted = count.status === 'approved' ? await postedMoves(db, { orgId: p.orgId, countId: count.id }) : [];
  return { count, scans, variance, posted, bulkItems: open ? await bulkItemChoices(db, p.orgId) : [] };
}

/** The adjustments an approval posted. */
async function postedMoves(db: Db, p: { orgId: string; countId: string }) {
  const rows = await db.execute<{
    id: number;
    item_name: string;
    unit: string;
    serial: string | null;
    quantity: number;
    from_name: string | null;
    to_name: string | null;
    unit_cost: string | null;
    gain: boolean;
  }>(sql`
    select m.id, i.name as item_name, i.unit, u.serial, m.quantity, f.name as from_name, t.name as to_name, m.unit_cost,
      m.to_location_id is not distinct from c.location_id as gain
    from stock_moves m
    join stock_counts c on c.id = m.stock_count_id and c.organization_id = m.organization_id
    join inventory_items i on i.id = m.item_id
    left join stock_units u on u.id = m.unit_id
    left join stock_locations f on f.id = m.from_location_id
    left join stock_locations t on t.id = m.to_location_id
    where m.organization_id = ${p.orgId} and m.stock_count_id = ${p.countId}
    order by m.id`);
  return rows.map((r) => ({
    id: Number(r.id),
    itemName: r.item_name,
    unit: r.unit,
    serial: r.serial,
    quantity: Number(r.quantity),
    fromName: r.from_name,
    toName: r.to_name,
    /** Into the counted location: a gain (+); out of it (written off, off the books): a loss (−). */
    gain: Boolean(r.gain),
    value: (r.gain ? 1 : -1) * Number(r.quantity) * Number(r.unit_cost ?? 0),
  }));
}

/** Active bulk items, for the "add a quantity" choice while counting. */
async function bulkItemChoices(db: Db, orgId: string) {
  return db
    .select({ id: inventoryItems.id, name: inventoryItems.name, sku: inventoryItems.sku, unit: inventoryItems.unit })
    .from(inventoryItems)
    .where(
      and(
        eq(inventoryItems.organizationId, orgId),
        eq(inventoryItems.tracking, 'bulk'),
        eq(inventoryItems.active, true),
      ),
    )
    .orderBy(asc(inventoryItems.name))
    .limit(500);
}

/** Locations a count can be started for, with whether one is open there already. */
export async function countableLocations(db: Db, p: { orgId: string }) {
  return db
    .select({
      id: stockLocations.id,
      name: stockLocations.name,
      kind: stockLocations.kind,
      code: stockLocations.code,
      openCountId: sql<
        string | null
      >`(select c.id from stock_counts c where c.location_id = stock_locations.id and c.status in ('counting', 'submitted') limit 1)`,
    })
    .from(stockLocations)
    .where(
      and(
        eq(stockLocations.organizationId, p.orgId),
        eq(stockLocations.active, true),
        inArray(stockLocations.kind, [...COUNTABLE_KINDS]),
      ),
    )
    .orderBy(asc(stockLocations.kind), asc(stockLocations.name))
    .limit(1000);
}
