import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import type { AcsTaskStatus } from '@/db/enums';
import { acsServers, acsTasks, jobs, subscriptions } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { enqueue, enqueueFrom } from '@/lib/jobs/enqueue';
import { AppError } from '@/lib/server/errors';
import type { Actor } from '@/lib/server/operation';
import type { AcsAccess } from './access';
import { findModem, linkModemsBySerial, modemOfSubscription } from './devices';
import { acsDiscover, acsTaskFollow, acsTaskSend } from './jobs';
import { shownDetail } from './tasks';

const RECENT_TASKS = 8;

async function assertSubscription(db: Db, p: { orgId: string; subscriptionId: string }) {
  const [sub] = await db
    .select({ id: subscriptions.id })
    .from(subscriptions)
    .where(and(eq(subscriptions.id, p.subscriptionId), eq(subscriptions.organizationId, p.orgId)));
  if (!sub) throw new AppError('not_found');
}

/**
 * The modem card of a subscription: whether the organization has an ACS at all (the card is
 * hidden otherwise), the linked modem with its last summary, its recent tasks, the last
 * "find the modem" search, and what a technician types into a modem by hand.
 */
export async function modemCard(db: Db, p: { orgId: string; subscriptionId: string }) {
  await assertSubscription(db, p);
  const [server] = await db
    .select({ acsUrl: acsServers.acsUrl, cwmpUsername: acsServers.cwmpUsername })
    .from(acsServers)
    .where(eq(acsServers.organizationId, p.orgId));
  if (!server) return { configured: false as const };
  const device = await modemOfSubscription(db, p);
  const tasks = device
    ? await db
        .select({
          id: acsTasks.id,
          kind: acsTasks.kind,
          status: acsTasks.status,
          detail: acsTasks.detail,
          fault: acsTasks.fault,
          createdAt: acsTasks.createdAt,
          finishedAt: acsTasks.finishedAt,
        })
        .from(acsTasks)
        .where(and(eq(acsTasks.organizationId, p.orgId), eq(acsTasks.acsDeviceId, device.id)))
        .orderBy(desc(acsTasks.createdAt))
        .limit(RECENT_TASKS)
    : [];
  const [search] = await db
    .select({ id: jobs.id, state: jobs.state, result: jobs.result, error: jobs.error, createdAt: jobs.createdAt })
    .from(jobs)
    .where(
      and(
        eq(jobs.organizationId, p.orgId),
        eq(jobs.type, acsDiscover.name),
        sql`${jobs.payload}->>'subscriptionId' = ${p.subscriptionId}`,
      ),
    )
    .orderBy(desc(jobs.createdAt))
    .limit(1);
  return {
    configured: true as const,
    manual: { acsUrl: server.acsUrl, cwmpUsername: server.cwmpUsername },
    device: device && {
      id: device.id,
      serial: device.serial,
      manufacturer: device.manufacturer,
      model: device.model,
      firmware: device.firmware,
      dataModel: device.dataModel,
      lastInformAt: device.lastInformAt,
      summary: device.summary ?? {},
      summaryAt: device.summaryAt,
    },
    tasks: (await withGivenUpJobs(db, p.orgId, tasks)).map((t) => ({ ...t, detail: shownDetail(t.detail) })),
    search: search ?? null,
  };
}

/**
 * A request whose job used up its attempts (an NBI unreachable for the send's five tries, a
 * modem silent through the follow-up's three days) shows failed, with why, rather than
 * pending forever.
 */
async function withGivenUpJobs<T extends { id: string; status: AcsTaskStatus; fault: string | null }>(
  db: Db,
  orgId: string,
  tasks: T[],
): Promise<T[]> {
  const pending = tasks.filter((t) => t.status === 'sending' || t.status === 'queued').map((t) => t.id);
  if (pending.length === 0) return tasks;
  const failed = await db
    .select({ taskId: sql<string>`${jobs.payload}->>'taskId'`, type: jobs.type, error: jobs.error })
    .from(jobs)
    .where(
      and(
        eq(jobs.organizationId, orgId),
        inArray(jobs.type, [acsTaskSend.name, acsTaskFollow.name]),
        eq(jobs.state, 'failed'),
        inArray(sql`${jobs.payload}->>'taskId'`, pending),
      ),
    );
  return tasks.map((t) => {
    const job = failed.find((f) => f.taskId === t.id);
    if (!job) return t;
    const kind = /^\[acs\.([a-z_]+)\]/.exec(job.error ?? '')?.[1];
    const fault = job.type === acsTaskFollow.name ? 'expired' : (kind ?? 'unreachable');
    return { ...t, status: 'failed' as const, fault };
  });
}

/** "No modem found yet — search": the acs-discover job for this subscription, audited. */
export async function requestModemSearch(db: Db, p: Actor & { subscriptionId: string }) {
  return db.transaction(async (tx) => {
    await assertSubscription(tx, p);
    const [server] = await tx
      .select({ id: acsServers.organizationId })
      .from(acsServers)
      .where(eq(acsServers.organizationId, p.orgId));
    if (!server) throw new AppError('acs_not_configured');
    const job = await enqueue(tx, acsDiscover, {
      orgId: p.orgId,
      payload: { subscriptionId: p.subscriptionId },
      createdBy: p.actorUserId,
    });
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      action: 'acs_device.search_requested',
      entityType: 'subscription',
      entityId: p.subscriptionId,
      data: { jobId: job.id },
    });
    return { jobId: job.id };
  });
}

/** The acs-discover job: one subscription's modem, or the organization's periodic pass. */
export async function discoverModems(db: Db, acs: AcsAccess, p: { orgId: string; subscriptionId?: string }) {
  if (!p.subscriptionId) return linkModemsBySerial(db, acs, { orgId: p.orgId });
  const device = await findModem(db, acs, { orgId: p.orgId, subscriptionId: p.subscriptionId });
  return device ? { found: true, serial: device.serial, model: device.model } : { found: false };
}

/**
 * The periodic pass (workers/acs-tick.ts, every 15 minutes): one acs-discover job per active
 * organization with an ACS, each linking the modems whose serial matches a subscription that
 * has none yet. A job already waiting for an organization is not doubled.
 */
export async function enqueueModemDiscovery(db: Db) {
  return enqueueFrom(
    db,
    acsDiscover,
    sql`select s.organization_id, '{}'::jsonb as payload from acs_servers s
      join organizations o on o.id = s.organization_id and o.status = 'active'
      where not exists (
        select 1 from jobs j where j.organization_id = s.organization_id and j.type = ${acsDiscover.name}
          and j.state in ('queued', 'running', 'retrying') and not (j.payload ? 'subscriptionId'))`,
  );
}

/** The modem card of an organization with an ACS (what the customer page's card renders). */
export type ModemCardData = Extract<Awaited<ReturnType<typeof modemCard>>, { configured: true }>;
