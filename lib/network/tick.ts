import { and, eq, inArray, notLike, sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import type { TaskError } from '@/db/schema';
import { organizations, routers } from '@/db/schema';
import { DEFAULT_MAX_ATTEMPTS } from '@/lib/jobs/contract';
import { enqueueFrom } from '@/lib/jobs/enqueue';
import {
  type PassLog,
  recordTaskFailure,
  recordTasksOk,
  runOrganizationTask,
  SILENT,
  taskErrorCode,
} from '@/lib/jobs/task-status';
import { pipelined } from '@/lib/server/pipelined';
import { routerSync } from './jobs';
import type { RouterAccess } from './router-access';
import { readRouterState } from './router-ops';
import { saveRouterState } from './router-status';
import { RouterError } from './routeros/errors';

/**
 * The network tick's router monitor (every minute): read each router's status and sessions
 * over its connection (a few at a time, so one unreachable router costs one connect timeout,
 * not everyone's). An unreachable router is its own page's news (marked offline); any other
 * failure is recorded on its organization's network task (scheduled syncs have their own,
 * router_sync). Returns the routers there are, so the worker can close the connections of
 * deleted ones.
 */
export async function monitorRouters(db: Database, access: RouterAccess, log: (line: string) => void = () => {}) {
  const list = await db
    .select({ id: routers.id, orgId: routers.organizationId, name: routers.name })
    .from(routers)
    .innerJoin(organizations, eq(organizations.id, routers.organizationId))
    // A host under .invalid (RFC 6761) never resolves: nothing to reach (the demo's stand-ins).
    .where(and(eq(organizations.status, 'active'), notLike(routers.host, '%.invalid')));
  const failed = new Map<string, TaskError>();
  await pipelined(
    list.map((r) => async () => {
      try {
        const state = await access.use({ orgId: r.orgId, routerId: r.id }, (api) => readRouterState(api));
        const { cameBack } = await saveRouterState(db, { orgId: r.orgId, routerId: r.id, ...state });
        if (cameBack) log(`router ${r.name} (${r.id}) is back online`);
      } catch (error) {
        // The access already marked it offline with the reason; the next minute tries again.
        if (error instanceof RouterError) return;
        log(`router ${r.id} check failed: ${String(error)}`);
        failed.set(r.orgId, taskErrorCode(error));
      }
    }),
    4,
  );
  try {
    for (const [orgId, error] of failed) await recordTaskFailure(db, { orgId, task: 'network', error });
    await recordTasksOk(db, {
      orgIds: [...new Set(list.map((r) => r.orgId))].filter((id) => !failed.has(id)),
      task: 'network',
    });
  } catch (error) {
    log(`recording the router checks failed: ${String(error)}`);
  }
  return { checked: list.length, routerIds: list.map((r) => r.id) };
}

/**
 * Routers whose sync interval has passed and that have no sync waiting already (one
 * organization, or all). A scheduled sync does not wait out an outage (default attempts):
 * the router's next interval queues another.
 */
export async function enqueueDueSyncs(db: Database, p: { orgIds?: string[] } = {}) {
  const only = p.orgIds ? `{${p.orgIds.join(',')}}` : null;
  return enqueueFrom(
    db,
    routerSync,
    sql`select r.organization_id, jsonb_build_object('routerId', r.id, 'removeExtra', false, 'scheduled', true) as payload, r.id as router_id
        from routers r join organizations o on o.id = r.organization_id and o.status = 'active'
        -- An offline router gets its sync when it answers again (its queue is woken then).
        where r.mode = 'api' and r.sync_interval_minutes > 0 and r.status <> 'offline'
          and (${only}::uuid[] is null or r.organization_id = any(${only}::uuid[]))
          and (r.last_sync_at is null or r.last_sync_at + make_interval(mins => r.sync_interval_minutes) <= now())
          and not exists (select 1 from jobs j where j.organization_id = r.organization_id and j.type = ${routerSync.name}
                          and j.state in ('queued', 'running', 'retrying') and j.payload->>'routerId' = r.id::text)`,
    { maxAttempts: DEFAULT_MAX_ATTEMPTS },
  );
}

/**
 * The scheduled syncs of every organization in one statement; if that fails, organization
 * by organization, so the one that fails is recorded and the others still get theirs. Their
 * own task (router_sync): the router monitor's success each minute must not clear a sync
 * failure.
 */
export async function enqueueDueSyncsEach(db: Database, p: { log?: PassLog; orgIds?: string[] } = {}) {
  const log = p.log ?? SILENT;
  const orgs = await db
    .selectDistinct({ id: routers.organizationId })
    .from(routers)
    .innerJoin(organizations, eq(organizations.id, routers.organizationId))
    .where(and(eq(organizations.status, 'active'), p.orgIds ? inArray(routers.organizationId, p.orgIds) : undefined));
  try {
    const queued = await enqueueDueSyncs(db, { orgIds: p.orgIds });
    await recordTasksOk(db, { orgIds: orgs.map((o) => o.id), task: 'router_sync' }).catch((e: unknown) =>
      log.error(`recording the scheduled syncs failed: ${String(e)}`),
    );
    return queued;
  } catch (error) {
    log.error(`scheduled router syncs failed in one pass, queuing them per organization: ${String(error)}`);
  }
  let queued = 0;
  for (const org of orgs) {
    const r = await runOrganizationTask(db, { orgId: org.id, task: 'router_sync', log }, () =>
      enqueueDueSyncs(db, { orgIds: [org.id] }),
    );
    if (r.ok) queued += r.value;
  }
  return queued;
}
