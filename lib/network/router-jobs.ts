import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { jobs, routerSessions } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { enqueue } from '@/lib/jobs/enqueue';
import { AppError } from '@/lib/server/errors';
import type { Actor } from '@/lib/server/operation';
import { routerCheck, routerImport, routerProfiles, routerSync, sessionKick } from './jobs';
import { getRouter } from './routers';

/**
 * What the web app asks of a router. It never connects itself: each request is a job for
 * the worker, and the page follows the job's progress and result.
 */

async function requested(
  db: Db,
  p: Actor & { routerId: string; action: string; jobId: string; data?: Record<string, unknown> },
) {
  await recordAudit(db, {
    orgId: p.orgId,
    actorUserId: p.actorUserId,
    ip: p.ip,
    action: p.action,
    entityType: 'router',
    entityId: p.routerId,
    data: { jobId: p.jobId, ...p.data },
  });
}

/** Test connection / refresh: a fresh login, then identity, resources and sessions. */
export async function requestRouterCheck(db: Db, p: Actor & { routerId: string }) {
  return db.transaction(async (tx) => {
    await getRouter(tx, p);
    const job = await enqueue(tx, routerCheck, {
      orgId: p.orgId,
      payload: { routerId: p.routerId, fresh: true },
      createdBy: p.actorUserId,
    });
    await requested(tx, { ...p, action: 'router.check_requested', jobId: job.id });
    return { jobId: job.id };
  });
}

/** Reconcile the router (or one subscription on it) with the database. */
export async function requestRouterSync(
  db: Db,
  p: Actor & { routerId: string; subscriptionId?: string; removeExtra: boolean },
) {
  return db.transaction(async (tx) => {
    await getRouter(tx, p);
    const job = await enqueue(tx, routerSync, {
      orgId: p.orgId,
      routerId: p.routerId,
      payload: {
        routerId: p.routerId,
        removeExtra: p.removeExtra,
        ...(p.subscriptionId ? { subscriptionId: p.subscriptionId } : {}),
      },
      createdBy: p.actorUserId,
    });
    await requested(tx, {
      ...p,
      action: 'router.sync_requested',
      jobId: job.id,
      data: { removeExtra: p.removeExtra, subscriptionId: p.subscriptionId ?? null },
    });
    return { jobId: job.id };
  });
}

/** Create or update the plans' profiles and the isolir profile on the router. */
export async function requestProfilePush(db: Db, p: Actor & { routerId: string }) {
  return db.transaction(async (tx) => {
    await getRouter(tx, p);
    const job = await enqueue(tx, routerProfiles, {
      orgId: p.orgId,
      routerId: p.routerId,
      payload: { routerId: p.routerId },
      createdBy: p.actorUserId,
    });
    await requested(tx, { ...p, action: 'router.profiles_requested', jobId: job.id });
    return { jobId: job.id };
  });
}

/** Read the router's PPP secrets and hotspot users for an import preview. */
export async function requestRouterImport(db: Db, p: Actor & { routerId: string }) {
  return db.transaction(async (tx) => {
    await getRouter(tx, p);
    const job = await enqueue(tx, routerImport, {
      orgId: p.orgId,
      payload: { routerId: p.routerId },
      createdBy: p.actorUserId,
    });
    await requested(tx, { ...p, action: 'router.import_requested', jobId: job.id });
    return { jobId: job.id };
  });
}

/** Disconnect one live session; the customer's device dials again. */
export async function requestSessionKick(db: Db, p: Actor & { sessionId: string }) {
  return db.transaction(async (tx) => {
    const [s] = await tx
      .select()
      .from(routerSessions)
      .where(and(eq(routerSessions.id, p.sessionId), eq(routerSessions.organizationId, p.orgId)));
    if (!s) throw new AppError('not_found');
    const job = await enqueue(tx, sessionKick, {
      orgId: p.orgId,
      payload: { routerId: s.routerId, sessionId: s.id, kind: s.kind, itemId: s.itemId, username: s.username },
      createdBy: p.actorUserId,
    });
    await requested(tx, {
      ...p,
      routerId: s.routerId,
      action: 'session.kick_requested',
      jobId: job.id,
      data: { username: s.username, kind: s.kind },
    });
    return { jobId: job.id };
  });
}

/** The latest jobs about one router, for its page. */
export async function routerJobs(db: Db, p: { orgId: string; routerId: string; limit?: number }) {
  return db
    .select({
      id: jobs.id,
      type: jobs.type,
      state: jobs.state,
      progressDone: jobs.progressDone,
      progressTotal: jobs.progressTotal,
      result: jobs.result,
      error: jobs.error,
      createdAt: jobs.createdAt,
      finishedAt: jobs.finishedAt,
    })
    .from(jobs)
    .where(and(eq(jobs.organizationId, p.orgId), sql`${jobs.payload}->>'routerId' = ${p.routerId}`))
    .orderBy(sql`${jobs.createdAt} desc`)
    .limit(p.limit ?? 10);
}
