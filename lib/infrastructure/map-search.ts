import { and, asc, eq, ilike, isNotNull, ne, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { cables, customers, infraSites, odps } from '@/db/schema';
import { formatCustomerNumber } from '@/lib/core/customer-number';
import { searchCondition } from '@/lib/core/customer-search';
import { AppError } from '@/lib/server/errors';
import { contains } from '@/lib/server/search';

export const MAP_SEARCH_LIMIT = 10;

export const mapSearchSchema = z.object({
  q: z.string().trim().min(1, 'validation.required').max(100, 'validation.tooLong'),
});

export type MapSearchItem = {
  kind: 'customer' | 'odp' | 'site' | 'cable';
  id: string;
  label: string;
  sublabel: string | null;
  lat: number;
  lng: number;
};

/**
 * The map's search box: customers (name, phone, C-number or service username, through the
 * customers list's trigram index), ODPs, sites and cables by code or name. Only things with a
 * position; at most ten, taken in turn from each kind so one kind cannot crowd out the rest.
 */
export async function searchMap(
  db: Db,
  p: { orgId: string; q: string; includeCustomers: boolean },
): Promise<MapSearchItem[]> {
  const like = contains(p.q);
  const [people, odpRows, siteRows, cableRows] = await Promise.all([
    p.includeCustomers ? searchCustomers(db, p.orgId, p.q) : [],
    db
      .select({ id: odps.id, code: odps.code, name: odps.name, lat: odps.latitude, lng: odps.longitude })
      .from(odps)
      .where(and(eq(odps.organizationId, p.orgId), or(ilike(odps.code, like), ilike(odps.name, like))))
      .orderBy(asc(odps.code))
      .limit(MAP_SEARCH_LIMIT),
    db
      .select({
        id: infraSites.id,
        kind: infraSites.kind,
        code: infraSites.code,
        name: infraSites.name,
        lat: infraSites.latitude,
        lng: infraSites.longitude,
      })
      .from(infraSites)
      .where(
        and(eq(infraSites.organizationId, p.orgId), or(ilike(infraSites.code, like), ilike(infraSites.name, like))),
      )
      .orderBy(asc(infraSites.code))
      .limit(MAP_SEARCH_LIMIT),
    db
      .select({
        id: cables.id,
        code: cables.code,
        name: cables.name,
        // The middle vertex of the route: where the map centres on the cable.
        lat: sql<number>`(${cables.path} -> (jsonb_array_length(${cables.path}) / 2) ->> 0)::float8`,
        lng: sql<number>`(${cables.path} -> (jsonb_array_length(${cables.path}) / 2) ->> 1)::float8`,
      })
      .from(cables)
      .where(and(eq(cables.organizationId, p.orgId), or(ilike(cables.code, like), ilike(cables.name, like))))
      .orderBy(asc(cables.code))
      .limit(MAP_SEARCH_LIMIT),
  ]);
  const lists: MapSearchItem[][] = [
    people,
    odpRows.map((o) => ({ kind: 'odp' as const, id: o.id, label: o.code, sublabel: o.name, lat: o.lat, lng: o.lng })),
    siteRows.map((s) => ({
      kind: 'site' as const,
      id: s.id,
      label: s.code,
      sublabel: `${s.kind.toUpperCase()} · ${s.name}`,
      lat: s.lat,
      lng: s.lng,
    })),
    cableRows.map((c) => ({
      kind: 'cable' as const,
      id: c.id,
      label: c.code,
      sublabel: c.name,
      lat: c.lat,
      lng: c.lng,
    })),
  ];
  const out: MapSearchItem[] = [];
  for (let i = 0; out.length < MAP_SEARCH_LIMIT && lists.some((l) => l.length > i); i++) {
    for (const list of lists) if (list[i] && out.length < MAP_SEARCH_LIMIT) out.push(list[i]!);
  }
  return out;
}

async function searchCustomers(db: Db, orgId: string, q: string): Promise<MapSearchItem[]> {
  let condition;
  try {
    condition = searchCondition(q);
  } catch (error) {
    // Too short for the trigram index: the other kinds still answer.
    if (error instanceof AppError) return [];
    throw error;
  }
  const rows = await db
    .select({
      id: customers.id,
      name: customers.name,
      number: customers.number,
      address: customers.address,
      lat: customers.latitude,
      lng: customers.longitude,
    })
    .from(customers)
    .where(
      and(
        eq(customers.organizationId, orgId),
        isNotNull(customers.latitude),
        ne(customers.status, 'terminated'),
        condition,
      ),
    )
    .orderBy(asc(customers.number))
    .limit(MAP_SEARCH_LIMIT);
  return rows.map((c) => ({
    kind: 'customer' as const,
    id: c.id,
    label: c.name,
    sublabel: `${formatCustomerNumber(c.number)} · ${c.address}`,
    lat: c.lat!,
    lng: c.lng!,
  }));
}
