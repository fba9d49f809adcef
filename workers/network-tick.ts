import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Task } from 'graphile-worker';
import type { Database } from '@/db/client';
import { organizations, routers } from '@/db/schema';
import type { TaskError } from '@/db/schema';
import { enqueueJobsFrom } from '@/lib/jobs/enqueue';
import { recordTaskFailure, recordTasksOk, runOrganizationTask, SILENT, taskErrorCode, type PassLog } from '@/lib/jobs/task-status';
import { readRouterState } from '@/lib/network/router-ops';
import { pipelined } from '@/lib/server/pipelined';
import { saveRouterState } from '@/lib/network/router-status';
import { RouterError } from '@/lib/network/routeros/errors';
import { voucherTick } from '@/lib/vouchers/tick';
import { routerPool, withRouter } from './router-pool';

/**
 * Every minute: read each router's status and sessions over its pooled connection (a few
 * at a time, so one unreachable router costs one connect timeout, not everyone's), then
 * queue the syncs whose interval has passed. An unreachable router is its own page's news
 * (marked offline); any other failure is recorded on its organization's network task
 * (scheduled syncs have their own, router_sync).
 */
export async function monitorRouters(db: Database, log: (line: string) => void = () => {}) {
  const list = await db
    .select({ id: routers.id, orgId: routers.organizationId, name: routers.name })
    .from(routers)
    .innerJoin(organizations, eq(organizations.id, routers.organizationId))
    .where(eq(organizations.status, 'active'));
  const failed = new Map<string, TaskError>();
  await pipelined(
    list.map((r) => async () => {
      try {
        const state = await withRouter(db, { orgId: r.orgId, routerId: r.id }, (api) => readRouterState(api));
        const { cameBack } = await saveRouterState(db, { orgId: r.orgId, routerId: r.id, ...state });
        if (cameBack) log(`router ${r.name} (${r.id}) is back online`);
      } catch (error) {
        // withRouter already marked it offline with the reason; the next minute tries again.
        if (error instanceof RouterError) return;
        log(`router ${r.id} check failed: ${String(error)}`);
        failed.set(r.orgId, taskErrorCode(error));
      }
    }),
    4,
  );
  try {
    for (const [orgId, error] of failed) await recordTaskFailure(db, { orgId, task: 'network', error });
    await recordTasksOk(db, { orgIds: [...new Set(list.map((r) => r.orgId))].filter((id) => !failed.has(id)), task: 'network' });
  } catch (error) {
    log(`recording the router checks failed: ${String(error)}`);
  }
  // Deleted routers' connections are closed.
  await routerPool().retain(list.map((r) => r.id));
  return { checked: list.length };
}

/** Routers whose sync interval has passed and that have no sync waiting already (one organization, or all). */
export async function enqueueDueSyncs(db: Database, p: { orgIds?: string[] } = {}) {
  const only = p.orgIds ? `{${p.orgIds.join(',')}}` : null;
  return enqueueJobsFrom(
    db,
    sql`select r.organization_id, 'router-sync' as type, jsonb_build_object('routerId', r.id, 'removeExtra', false, 'scheduled', true) as payload,
          'router:' || r.id as queue_name
        from routers r join organizations o on o.id = r.organization_id and o.status = 'active'
        -- An offline router gets its sync when it answers again (its queue is woken then).
        where r.mode = 'api' and r.sync_interval_minutes > 0 and r.status <> 'offline'
          and (${only}::uuid[] is null or r.organization_id = any(${only}::uuid[]))
          and (r.last_sync_at is null or r.last_sync_at + make_interval(mins => r.sync_interval_minutes) <= now())
          and not exists (select 1 from jobs j where j.organization_id = r.organization_id and j.type = 'router-sync'
                          and j.state in ('queued', 'running', 'retrying') and j.payload->>'routerId' = r.id::text)`,
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
    await recordTasksOk(db, { orgIds: orgs.map((o) => o.id), task: 'router_sync' }).catch((e: unknown) => log.error(`recording the scheduled syncs failed: ${String(e)}`));
    return queued;
  } catch (error) {
    log.error(`scheduled router syncs failed in one pass, queuing them per organization: ${String(error)}`);
  }
  let queued = 0;
  for (const org of orgs) {
    const r = await runOrganizationTask(db, { orgId: org.id, task: 'router_sync', log }, () => enqueueDueSyncs(db, { orgIds: [org.id] }));
    if (r.ok) queued += r.value;
  }
  return queued;
}

export function networkTick(db: Database): Task {
  return async (_payload, helpers) => {
    await monitorRouters(db, (line) => helpers.logger.info(line));
    const queued = await enqueueDueSyncsEach(db, { log: helpers.logger });
    if (queued) helpers.logger.info(`scheduled router syncs queued: ${queued}`);
    // Vouchers read the sessions just stored; a failure here must not fail the router pass.
    try {
      const v = await voucherTick(db, helpers.logger);
      if (v.changed || v.queued) helpers.logger.info(`vouchers: ${v.changed} changed status, ${v.queued} router syncs queued`);
    } catch (error) {
      helpers.logger.error(`voucher pass failed: ${String(error)}`);
    }
  };
}
