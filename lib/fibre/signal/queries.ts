import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';

/**
 * The NOC dashboard's fibre figures: working ONUs at a critical level, and ONUs in LOS, each
 * linking to the ONU list filtered the same way (`/olts/onus?level=critical`,
 * `/olts/onus?state=los`). `onus` 0: the organization has no ONU yet (tiles are hidden).
 */
export async function signalDashboard(db: Db, p: { orgId: string }) {
  const [row] = await db.execute<{ onus: number; critical: number; los: number }>(sql`
    select count(*)::int as onus,
           count(*) filter (where state = 'working' and level = 'critical')::int as critical,
           count(*) filter (where state = 'los')::int as los
    from onus where organization_id = ${p.orgId}`);
  return { onus: row?.onus ?? 0, critical: row?.critical ?? 0, los: row?.los ?? 0 };
}
