import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { infraSites, odps } from '@/db/schema';

/**
 * Where the map opens for someone who has not used it on this device yet: the middle of the
 * organization's ODPs and sites (null when it has none). The median rather than the mean, so
 * one mistyped coordinate far away does not open the map over the sea.
 */
export async function infraCenter(db: Db, p: { orgId: string }): Promise<{ lat: number; lng: number } | null> {
  const [row] = await db.execute<{ lat: number | null; lng: number | null }>(sql`
    select percentile_cont(0.5) within group (order by x.latitude) as lat,
           percentile_cont(0.5) within group (order by x.longitude) as lng
    from (
      select latitude, longitude from ${odps} where organization_id = ${p.orgId}
      union all
      select latitude, longitude from ${infraSites} where organization_id = ${p.orgId}
    ) x`);
  return row && row.lat !== null && row.lng !== null ? { lat: Number(row.lat), lng: Number(row.lng) } : null;
}
