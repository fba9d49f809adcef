import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import type { StockLocationKind } from '@/db/enums';
import { formatCustomerNumber } from '@/lib/core/customer-number';
import { MAC_PATTERN, normalizeMac } from '@/lib/field/rules';
import { contains, startsWith } from '@/lib/server/search';
import { normalizeSerial, validSerial } from './serials';

export const UNIT_PAGE = 25;

export type UnitSearchParams = {
  orgId: string;
  /** A serial (exact or its start), a MAC, or a customer's name or number. */
  q?: string;
  itemId?: string;
  locationId?: string;
  /** The kind of location the units are at (warehouse, bag, customer, …). */
  kind?: StockLocationKind;
  /** From the previous page's `nextCursor`. */
  cursor?: string;
  /** Rows per page (exports read larger pages). */
  limit?: number;
};

export type UnitRow = {
  id: string;
  serial: string;
  mac: string | null;
  unitCost: number;
  movedAt: Date;
  itemId: string;
  itemSku: string;
  itemName: string;
  locationId: string;
  locationName: string;
  locationCode: string;
  locationKind: StockLocationKind;
  customerId: string | null;
  customerName: string | null;
  customerNumber: string | null;
};

/**
 * Serialized units, ordered by serial (unique per organization, so the serial itself is the
 * keyset cursor), searched by serial, MAC or customer (see `queryMatches`).
 */
export async function searchUnits(
  db: Db,
  p: UnitSearchParams,
): Promise<{ items: UnitRow[]; nextCursor: string | null }> {
  const limit = Math.min(p.limit ?? UNIT_PAGE, 1000);
  const after = decodeSerialCursor(p.cursor);
  const base = sql.join(
    [
      sql`u.organization_id = ${p.orgId}`,
      p.itemId ? sql`u.item_id = ${p.itemId}` : undefined,
      p.locationId ? sql`u.location_id = ${p.locationId}` : undefined,
      p.kind
        ? sql`u.location_id in (select k.id from stock_locations k where k.organization_id = ${p.orgId} and k.kind = ${p.kind})`
        : undefined,
      after ? sql`u.serial > ${after}` : undefined,
    ].filter((x): x is SQL => Boolean(x)),
    sql` and `,
  );
  // A whole serial (scanned or typed) is the one unit: one probe of the (organization, serial)
  // index, no other way of matching tried.
  const whole = p.q && !after ? validSerial(p.q) : null;
  if (whole) {
    const exact = await unitRows(
      db,
      sql`select u.id, u.serial from stock_units u where ${base} and u.serial = ${whole}`,
      1,
    );
    if (exact.length) return { items: exact.map(toUnitRow), nextCursor: null };
  }
  // Each way of matching is its own index scan in serial order, cut at the page size; their
  // union holds the page. An OR in one WHERE would let the planner walk the whole serial index.
  const branches = (p.q ? queryMatches(p.orgId, p.q) : [{ from: sql`stock_units u`, match: sql`true` }]).map(
    ({ from, match }) =>
      sql`(select u.id, u.serial from ${from} where ${base} and ${match} order by u.serial limit ${limit + 1})`,
  );
  const rows = await unitRows(db, sql.join(branches, sql` union `), limit + 1);
  const items = rows.slice(0, limit).map(toUnitRow);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeSerialCursor(last.serial) : null };
}

/** The units `hit` (a query of id and serial) names, with their item, place and customer. */
async function unitRows(db: Db, hit: SQL, limit: number) {
  const rows = await db.execute<RawUnitRow>(sql`
    with hit as (${hit})
    select u.id, u.serial, u.mac, u.unit_cost, u.moved_at, u.item_id, i.sku as item_sku, i.name as item_name,
      u.location_id, l.name as location_name, l.code as location_code, l.kind as location_kind,
      c.id as customer_id, c.name as customer_name, c.number as customer_number
    from hit
    join stock_units u on u.id = hit.id
    join inventory_items i on i.id = u.item_id and i.organization_id = u.organization_id
    join stock_locations l on l.id = u.location_id and l.organization_id = u.organization_id
    left join subscriptions s on s.id = l.subscription_id and s.organization_id = u.organization_id
    left join customers c on c.id = s.customer_id and c.organization_id = u.organization_id
    order by hit.serial
    limit ${limit}`);
  return [...rows];
}

/**
 * The ways `q` matches: the serial's start (an exact serial included) as a range on the
 * (organization, serial) index — LIKE cannot use it outside the C collation, so the LIKE stays
 * as the exact test — the MAC, or the customer (name, phone or number; trigram index on
 * search_text) whose location the unit is at.
 */
function queryMatches(orgId: string, q: string): { from: SQL; match: SQL }[] {
  const units = sql`stock_units u`;
  const serial = normalizeSerial(q);
  const matches = [
    {
      from: units,
      match: sql`u.serial >= ${serial} and u.serial < ${serial} || chr(1114111) and u.serial like ${startsWith(serial)}`,
    },
  ];
  if (MAC_PATTERN.test(q.trim())) matches.push({ from: units, match: sql`u.mac = ${normalizeMac(q.trim())}` });
  // A join from the few matching locations (not an IN), so the units are read by location.
  matches.push({
    from: sql`stock_units u join (
      select cl.id from stock_locations cl
      join subscriptions cs on cs.id = cl.subscription_id and cs.organization_id = cl.organization_id
      join customers cc on cc.id = cs.customer_id and cc.organization_id = cl.organization_id
      where cl.organization_id = ${orgId} and cl.kind = 'customer'
        and cc.search_text like ${contains(q.trim().toLowerCase())}
      limit 500) m on m.id = u.location_id`,
    match: sql`true`,
  });
  return matches;
}

type RawUnitRow = {
  id: string;
  serial: string;
  mac: string | null;
  unit_cost: string | number;
  moved_at: string | Date;
  item_id: string;
  item_sku: string;
  item_name: string;
  location_id: string;
  location_name: string;
  location_code: string;
  location_kind: StockLocationKind;
  customer_id: string | null;
  customer_name: string | null;
  customer_number: number | null;
};

function toUnitRow(r: RawUnitRow): UnitRow {
  return {
    id: r.id,
    serial: r.serial,
    mac: r.mac,
    unitCost: Number(r.unit_cost),
    movedAt: new Date(r.moved_at),
    itemId: r.item_id,
    itemSku: r.item_sku,
    itemName: r.item_name,
    locationId: r.location_id,
    locationName: r.location_name,
    locationCode: r.location_code,
    locationKind: r.location_kind,
    customerId: r.customer_id,
    customerName: r.customer_name,
    customerNumber: r.customer_number === null ? null : formatCustomerNumber(r.customer_number),
  };
}

function encodeSerialCursor(serial: string): string {
  return Buffer.from(serial).toString('base64url');
}

/** A cursor comes back from the browser: anything that is not a serial starts from the first page. */
function decodeSerialCursor(cursor: string | undefined): string | null {
  if (!cursor) return null;
  const serial = Buffer.from(cursor, 'base64url').toString();
  return serial && serial.length <= 64 && /^[A-Z0-9._\-/:]+$/.test(serial) ? serial : null;
}
