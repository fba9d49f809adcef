import { type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { EARTH_RADIUS_M, type LatLng } from './geo';

type Expr = AnyPgColumn | SQL;

/**
 * Great-circle distance in metres from a row's (latitude, longitude) to a point, computed in
 * Postgres with the same haversine formula and earth radius as distanceMeters (lib/network/geo.ts),
 * so SQL and JavaScript agree to the millimetre.
 */
export function haversineSql(lat: Expr, lng: Expr, point: LatLng): SQL<number> {
  const pLat = sql`${point.latitude}::float8`;
  const pLng = sql`${point.longitude}::float8`;
  return sql<number>`(2 * ${EARTH_RADIUS_M}::float8 * asin(least(1, sqrt(
    power(sin(radians(${lat} - ${pLat}) / 2), 2)
    + cos(radians(${pLat})) * cos(radians(${lat})) * power(sin(radians(${lng} - ${pLng}) / 2), 2)))))`;
}

export type Bbox = { west: number; south: number; east: number; north: number };

/**
 * `point(lng, lat) <@ box`: written exactly like the GiST index expressions
 * (organization_id, point(longitude, latitude)), so Postgres answers it from the index.
 * Points on an edge count as inside.
 */
export function pointInBox(lat: Expr, lng: Expr, b: Bbox): SQL<boolean> {
  return sql<boolean>`point(${lng}, ${lat}) <@ ${boxSql(b)}`;
}

/** The cables' index expression is a box too: `&&` finds the routes whose box meets the view. */
export function boxSql(b: Bbox): SQL {
  return sql`box(point(${b.west}::float8, ${b.south}::float8), point(${b.east}::float8, ${b.north}::float8))`;
}

/**
 * Nearest-first order (`<->`, KNN) on the same GiST expression, in planar degrees: within
 * Indonesia (|lat| < 12°) a longitude degree is at least 98 % of a latitude degree, so the
 * order is close to the true one; callers that need metres re-rank with haversineSql.
 */
export function nearestFirstSql(lat: Expr, lng: Expr, point: LatLng): SQL {
  return sql`point(${lng}, ${lat}) <-> point(${point.longitude}::float8, ${point.latitude}::float8)`;
}
