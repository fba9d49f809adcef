import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { organizations } from '@/db/schema';
import { type PassLog, runOrganizationTask } from '@/lib/jobs/task-status';
import { detectOutages } from './detection';

/**
 * The outage detection pass (every minute, workers/outages-tick.ts), each organization on its
 * own: one that fails is recorded on it (task `outages`) and the others go on. Only
 * organizations with a router (customers' sessions drop) or an OLT (ONUs go LOS) can see a
 * fault, so the others are skipped.
 */
export async function outagesPass(db: Database, p: { log?: PassLog; now?: Date; orgIds?: string[] } = {}) {
  const orgs = await db
    .select({ id: organizations.id })
    .from(organizations)
    .where(
      and(
        eq(organizations.status, 'active'),
        p.orgIds ? inArray(organizations.id, p.orgIds) : undefined,
        sql`(exists (select 1 from routers r where r.organization_id = ${organizations.id})
             or exists (select 1 from olts t where t.organization_id = ${organizations.id}))`,
      ),
    );
  let proposed = 0;
  let failed = 0;
  for (const org of orgs) {
    const r = await runOrganizationTask(db, { orgId: org.id, task: 'outages', log: p.log }, () =>
      detectOutages(db, { orgId: org.id, now: p.now }),
    );
    if (r.ok) proposed += r.value.proposed.length;
    else failed++;
  }
  return { proposed, failed };
}
