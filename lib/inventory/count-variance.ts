import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';

/**
 * What a count found against the books at its location, read live (a unit moved while
 * counting shows where it is now). Serialized: booked here and not scanned = missing; scanned
 * but booked elsewhere = unexpected; scanned and on no books = unknown (never posted: it is
 * received through a purchase order or the import). Bulk: the typed quantity against the
 * level here; a bulk item nobody entered is "not counted" and is left as it is.
 * The count is a picture of its moment, and the books go on moving until approval (often
 * days later): a unit that arrived after the count started is not missing, a scanned unit
 * that was moved on after its scan is not pulled back, a serial scanned before it was
 * received is matched by its serial, and a bulk quantity is compared with the level at the
 * moment it was typed (today's level less the moves since), so a receipt or a work order
 * in between is never written off or booked twice.
 * Values are integer rupiah: a unit's own cost, a bulk item's average cost.
 */
export type Variance = {
  missing: { unitId: string; serial: string; itemId: string; itemName: string; value: number }[];
  unexpected: {
    unitId: string;
    serial: string;
    itemId: string;
    itemName: string;
    fromLocationId: string;
    fromLocationName: string;
    value: number;
  }[];
  unknown: { entryId: string; serial: string }[];
  matched: number;
  quantities: {
    itemId: string;
    itemName: string;
    unit: string;
    expected: number;
    counted: number | null;
    difference: number;
    value: number;
  }[];
  /** Net value of the adjustments approval would post (negative: stock lost). */
  netValue: number;
};

export async function countVariance(
  db: Db,
  p: { orgId: string; countId: string; locationId: string },
): Promise<Variance> {
  const booked = await db.execute<{ id: string; serial: string; item_id: string; name: string; unit_cost: string }>(sql`
    select u.id, u.serial, u.item_id, i.name, u.unit_cost from stock_units u
    join inventory_items i on i.id = u.item_id
    where u.organization_id = ${p.orgId} and u.location_id = ${p.locationId}
      and u.moved_at < (select c.started_at from stock_counts c
        where c.id = ${p.countId} and c.organization_id = ${p.orgId})
    order by i.name, u.serial`);
  const scanned = await db.execute<{
    entry_id: string;
    serial: string;
    unit_id: string | null;
    item_id: string | null;
    name: string | null;
    location_id: string | null;
    location_name: string | null;
    unit_cost: string | null;
    moved_since: boolean | null;
  }>(sql`
    select e.id as entry_id, e.serial, u.id as unit_id, u.item_id, i.name, u.location_id, l.name as location_name, u.unit_cost,
      date_trunc('milliseconds', u.moved_at) > e.counted_at as moved_since
    from stock_count_entries e
    left join stock_units u on u.serial = e.serial and u.organization_id = e.organization_id
    left join inventory_items i on i.id = u.item_id
    left join stock_locations l on l.id = u.location_id
    where e.organization_id = ${p.orgId} and e.stock_count_id = ${p.countId} and e.serial is not null
    order by e.counted_at`);
  const bulk = await db.execute<{
    item_id: string;
    name: string;
    unit: string;
    average_cost: string;
    expected: number;
    counted: number | null;
  }>(sql`
    select i.id as item_id, i.name, i.unit, i.average_cost,
      (coalesce(lv.quantity, 0) - coalesce(since.net, 0))::int as expected, e.quantity as counted
    from inventory_items i
    left join stock_levels lv on lv.item_id = i.id and lv.location_id = ${p.locationId}
    left join stock_count_entries e on e.item_id = i.id and e.stock_count_id = ${p.countId} and e.serial is null
    left join lateral (
      select sum(case when m.to_location_id = ${p.locationId} then m.quantity else -m.quantity end) as net
      from stock_moves m
      where e.id is not null and m.organization_id = ${p.orgId} and m.item_id = i.id
        and m.created_at > e.counted_at
        and (m.to_location_id = ${p.locationId} or m.from_location_id = ${p.locationId})
    ) since on true
    where i.organization_id = ${p.orgId} and i.tracking = 'bulk'
      and (coalesce(lv.quantity, 0) > 0 or e.id is not null)
    order by i.name`);

  const scannedUnits = new Set(scanned.map((s) => s.unit_id).filter(Boolean));
  const missing = booked
    .filter((u) => !scannedUnits.has(u.id))
    .map((u) => ({ unitId: u.id, serial: u.serial, itemId: u.item_id, itemName: u.name, value: Number(u.unit_cost) }));
  const unexpected: Variance['unexpected'] = [];
  const unknown: Variance['unknown'] = [];
  let matched = 0;
  for (const s of scanned) {
    if (!s.unit_id) unknown.push({ entryId: s.entry_id, serial: s.serial });
    // Here, or moved on by a real move after it was counted here: either way it was here.
    else if (s.location_id === p.locationId || s.moved_since) matched++;
    else
      unexpected.push({
        unitId: s.unit_id,
        serial: s.serial,
        itemId: s.item_id!,
        itemName: s.name ?? '',
        fromLocationId: s.location_id!,
        fromLocationName: s.location_name ?? '',
        value: Number(s.unit_cost ?? 0),
      });
  }
  const quantities = bulk.map((b) => {
    const counted = b.counted === null ? null : Number(b.counted);
    const difference = counted === null ? 0 : counted - Number(b.expected);
    return {
      itemId: b.item_id,
      itemName: b.name,
      unit: b.unit,
      expected: Number(b.expected),
      counted,
      difference,
      value: difference * Number(b.average_cost),
    };
  });
  const netValue =
    unexpected.reduce((s, u) => s + u.value, 0) -
    missing.reduce((s, u) => s + u.value, 0) +
    quantities.reduce((s, q) => s + q.value, 0);
  return { missing, unexpected, unknown, matched, quantities, netValue };
}
