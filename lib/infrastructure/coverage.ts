import { eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { odps, organizations } from '@/db/schema';
import { boundingBox, type LatLng } from './geo';
import { haversineSql, nearestFirstSql, pointInBox } from './geo-sql';
import { usedPortsSql } from './odp-usage';

export type Coverage =
  | { ok: true; odpId: string; code: string; distanceM: number; freePorts: number; radiusM: number }
  | { ok: false; reason: 'no_odp'; radiusM: number }
  | { ok: false; reason: 'out_of_range'; code: string; distanceM: number; radiusM: number }
  | { ok: false; reason: 'odp_full'; code: string; distanceM: number; totalPorts: number; radiusM: number };

export type NearbyOdp = {
  id: string;
  code: string;
  name: string;
  lat: number;
  lng: number;
  distanceM: number;
  totalPorts: number;
  usedPorts: number;
  freePorts: number;
};

type Query = { orgId: string; point: LatLng; radiusM: number };

/**
 * ODPs within the radius, nearest first, distances by haversine in SQL. The first filter is
 * the circle's bounding box on the (organization_id, point) GiST index; only those few rows
 * get a distance and a port count. `freeFirst` puts ODPs with a free port ahead of full ones.
 */
async function odpsInRange(
  db: Db,
  p: Query & { freeOnly: boolean; freeFirst: boolean; limit: number },
): Promise<NearbyOdp[]> {
  const box = boundingBox(p.point, p.radiusM);
  const distance = haversineSql(sql`o.latitude`, sql`o.longitude`, p.point);
  const rows = await db.execute<Omit<NearbyOdp, 'freePorts'>>(sql`
    select o.id, o.code, o.name, o.latitude as lat, o.longitude as lng, o.total_ports as "totalPorts",
      u.used as "usedPorts", d.m as "distanceM"
    from ${odps} o
    cross join lateral (select ${distance} as m) d
    cross join lateral (select ${usedPortsSql('o')} as used) u
    where o.organization_id = ${p.orgId}
      and ${pointInBox(sql`o.latitude`, sql`o.longitude`, { west: box.minLng, south: box.minLat, east: box.maxLng, north: box.maxLat })}
      and d.m <= ${p.radiusM}::float8
      ${p.freeOnly ? sql`and u.used < o.total_ports` : sql``}
    order by ${p.freeFirst ? sql`(u.used >= o.total_ports),` : sql``} d.m, o.code
    limit ${p.limit}`);
  return rows.map((r) => ({
    ...r,
    distanceM: Math.round(r.distanceM),
    freePorts: Math.max(0, r.totalPorts - r.usedPorts),
  }));
}

/** Up to `limit` ODPs with a free port within the radius, nearest first (the coverage map). */
export async function nearestFreeOdps(db: Db, p: Query & { limit?: number }): Promise<NearbyOdp[]> {
  return odpsInRange(db, { ...p, freeOnly: true, freeFirst: false, limit: Math.min(p.limit ?? 5, 50) });
}

/**
 * Is there an ODP with a free port within `radiusM` of the point? When not, says why:
 * no ODP at all, the nearest is too far, or every ODP in range is full.
 */
export async function checkCoverage(db: Db, p: Query): Promise<Coverage> {
  const [best] = await odpsInRange(db, { ...p, freeOnly: false, freeFirst: true, limit: 1 });
  if (best && best.freePorts > 0) {
    return {
      ok: true,
      odpId: best.id,
      code: best.code,
      distanceM: best.distanceM,
      freePorts: best.freePorts,
      radiusM: p.radiusM,
    };
  }
  if (best)
    return {
      ok: false,
      reason: 'odp_full',
      code: best.code,
      distanceM: best.distanceM,
      totalPorts: best.totalPorts,
      radiusM: p.radiusM,
    };

  // Nothing in range: name the nearest ODP so sales can tell the prospect how far off it is.
  // The GiST index orders by planar degrees (KNN `<->`); a longitude degree is a little
  // shorter than a latitude degree away from the equator, so the few nearest by degrees are
  // re-ranked by their true distance.
  const distance = haversineSql(sql`k.latitude`, sql`k.longitude`, p.point);
  const [nearest] = await db.execute<{ code: string; distanceM: number }>(sql`
    select k.code, ${distance} as "distanceM"
    from (
      select o.code, o.latitude, o.longitude from ${odps} o
      where o.organization_id = ${p.orgId}
      order by ${nearestFirstSql(sql`o.latitude`, sql`o.longitude`, p.point)}
      limit 8) k
    order by 2, k.code
    limit 1`);
  if (!nearest) return { ok: false, reason: 'no_odp', radiusM: p.radiusM };
  return {
    ok: false,
    reason: 'out_of_range',
    code: nearest.code,
    distanceM: Math.round(nearest.distanceM),
    radiusM: p.radiusM,
  };
}

/** The organization's coverage radius (settings), 250 m when unset. */
export async function coverageRadius(db: Db, orgId: string): Promise<number> {
  const [org] = await db
    .select({ r: organizations.coverageRadiusM })
    .from(organizations)
    .where(eq(organizations.id, orgId));
  return org?.r ?? 250;
}

/** What the coverage map shows for a point: the verdict and the nearest ODPs with a free port. */
export async function coverageAt(db: Db, p: { orgId: string; point: LatLng }) {
  const radiusM = await coverageRadius(db, p.orgId);
  const [verdict, nearest] = await Promise.all([
    checkCoverage(db, { ...p, radiusM }),
    nearestFreeOdps(db, { ...p, radiusM, limit: 5 }),
  ]);
  return { radiusM, verdict, nearest };
}
