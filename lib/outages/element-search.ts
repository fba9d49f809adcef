import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import type { OutageElementType } from '@/db/enums';
import { contains } from '@/lib/server/search';

/** Elements of one type matching the typed text (the outages page's "mark down" picker). */
export async function searchElements(db: Db, p: { orgId: string; type: OutageElementType; q?: string }) {
  const like = contains(p.q ?? '');
  const rows = await db.execute<{ id: string; label: string; area: string | null; ports: number | null }>(
    p.type === 'router'
      ? sql`select id, name as label, area, null::int as ports from routers
            where organization_id = ${p.orgId} and (name ilike ${like} or coalesce(area, '') ilike ${like})
            order by name limit 20`
      : p.type === 'odp' || p.type === 'odp_port'
        ? sql`select id, code || ' — ' || name as label, area, total_ports as ports from odps
              where organization_id = ${p.orgId} and (code ilike ${like} or name ilike ${like} or coalesce(area, '') ilike ${like})
              order by code limit 20`
        : p.type === 'pon_port'
          ? sql`select pp.id, t.name || ' · ' || pp.name as label, null::text as area, null::int as ports
                from olt_pon_ports pp join olts t on t.id = pp.olt_id and t.organization_id = ${p.orgId}
                where pp.organization_id = ${p.orgId} and (t.name ilike ${like} or pp.name ilike ${like})
                order by t.name, pp.slot, pp.port limit 20`
          : p.type === 'cable'
            ? sql`select id, code || ' — ' || name as label, area, null::int as ports from cables
                where organization_id = ${p.orgId} and (code ilike ${like} or name ilike ${like})
                order by code limit 20`
            : sql`select id, code || ' — ' || name as label, area, null::int as ports from infra_sites
                where organization_id = ${p.orgId} and kind = ${p.type}
                  and (code ilike ${like} or name ilike ${like} or coalesce(area, '') ilike ${like})
                order by code limit 20`,
  );
  return [...rows];
}
