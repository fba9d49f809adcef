import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { backupCopies, backupRuns, memberships, organizations, users } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { enqueue } from '@/lib/jobs/enqueue';
import { AppError } from '@/lib/server/errors';
import type { Actor } from '@/lib/server/operation';
import { afterCursor, decodeCursor, toPage } from '@/lib/server/pagination';
import { backupRun } from './jobs';

/**
 * A run that is under way: queued, running or waiting for its next attempt (`retrying`: its job
 * comes back with the archive it kept), heard of in the last hours, and its job still in the
 * queue (being run, or with attempts left). A worker that died mid-run leaves one "running" for
 * ever; after that window it no longer blocks a new one. A job that is gone or failed for good
 * (removed by hand, or a database restored without it) leaves nothing to wait for.
 */
const UNDER_WAY = sql`${backupRuns.status} in ('queued', 'running', 'retrying')
  and ${backupRuns.updatedAt} > now() - interval '6 hours'
  and exists (select 1 from graphile_worker.jobs g
    where g.key = ${backupRuns.jobId}::text and (g.locked_at is not null or g.attempts < g.max_attempts))`;

export async function runUnderWay(db: Db) {
  const [row] = await db.select().from(backupRuns).where(UNDER_WAY).orderBy(desc(backupRuns.createdAt)).limit(1);
  return row ?? null;
}

/**
 * *Cadangkan sekarang*: a run, queued as a `backup-run` job in the same transaction. Asking
 * again while one is queued or running gives that one (a double tap starts one backup). The
 * job row belongs to the organization the super admin is working in (jobs rows always have one).
 */
export async function requestBackupRun(db: Db, p: Actor) {
  return db.transaction(async (tx) => {
    // Two taps at once: the second waits here and then finds the first run.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('jaring:backup-run-request'))`);
    const current = await runUnderWay(tx);
    if (current) return { runId: current.id, alreadyRunning: true };
    const { runId } = await queueBackupRun(tx, { trigger: 'manual', orgId: p.orgId, requestedBy: p.actorUserId });
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      action: 'backup.run_requested',
      entityType: 'backup_run',
      entityId: runId,
    });
    return { runId, alreadyRunning: false };
  });
}

/**
 * The schedule's run for a local day, made and queued at most once: the unique index on the
 * day makes a second worker (or a restarted one) find it taken. Null when it already was.
 */
export async function claimScheduledRun(db: Db, p: { day: string; orgId: string }) {
  return db.transaction(async (tx) => {
    const [run] = await tx
      .insert(backupRuns)
      .values({ trigger: 'schedule', scheduledFor: p.day })
      .onConflictDoNothing()
      .returning({ id: backupRuns.id });
    if (!run) return null;
    return queueBackupRun(tx, { runId: run.id, orgId: p.orgId });
  });
}

/**
 * Queues a run's `backup-run` job in the caller's transaction (a new manual run, or the run
 * given) and links the two. Every jobs row has an organization: `orgId` is whose jobs page shows it.
 */
export async function queueBackupRun(
  db: Db,
  p: { orgId: string; runId?: string; trigger?: 'manual' | 'schedule'; requestedBy?: string | null },
) {
  const runId =
    p.runId ??
    (
      await db
        .insert(backupRuns)
        .values({ trigger: p.trigger ?? 'manual', requestedBy: p.requestedBy ?? null })
        .returning({ id: backupRuns.id })
    )[0]!.id;
  const job = await enqueue(db, backupRun, { orgId: p.orgId, payload: { runId }, createdBy: p.requestedBy ?? null });
  await db.update(backupRuns).set({ jobId: job.id }).where(eq(backupRuns.id, runId));
  return { runId, jobId: job.id };
}

/** The last local day the schedule claimed (null: never). */
export async function lastScheduledDay(db: Db): Promise<string | null> {
  const [row] = await db
    .select({ day: sql<string | null>`max(${backupRuns.scheduledFor})::text` })
    .from(backupRuns)
    .where(eq(backupRuns.trigger, 'schedule'));
  return row?.day ?? null;
}

/**
 * Where a scheduled run's job row lives (every jobs row has an organization): the organization
 * of the longest-standing super admin's first membership, else the oldest active organization.
 * Null on an install without organizations (nothing to back up for anyone yet).
 */
export async function platformJobOrg(db: Db): Promise<string | null> {
  const [admin] = await db
    .select({ orgId: memberships.organizationId })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
    .where(
      and(
        eq(users.isSuperAdmin, true),
        eq(users.active, true),
        eq(memberships.active, true),
        eq(organizations.status, 'active'),
      ),
    )
    .orderBy(asc(users.createdAt), asc(memberships.createdAt))
    .limit(1);
  if (admin) return admin.orgId;
  const [oldest] = await db
    .select({ id: organizations.id })
    .from(organizations)
    .where(eq(organizations.status, 'active'))
    .orderBy(asc(organizations.createdAt))
    .limit(1);
  return oldest?.id ?? null;
}

/** The runs, newest first, each with its copies (the outcome on every target). */
export async function listRuns(db: Db, p: { cursor?: string; limit?: number }) {
  const limit = p.limit ?? 20;
  const rows = await db
    .select()
    .from(backupRuns)
    .where(afterCursor(backupRuns.createdAt, backupRuns.id, decodeCursor(p.cursor)))
    .orderBy(desc(backupRuns.createdAt), desc(backupRuns.id))
    .limit(limit + 1);
  const page = toPage(rows, limit);
  const copies = page.items.length
    ? await db
        .select()
        .from(backupCopies)
        .where(
          inArray(
            backupCopies.runId,
            page.items.map((r) => r.id),
          ),
        )
        .orderBy(asc(backupCopies.createdAt))
    : [];
  return {
    nextCursor: page.nextCursor,
    items: page.items.map(({ manifest: _manifest, ...run }) => ({
      ...run,
      copies: copies.filter((c) => c.runId === run.id),
    })),
  };
}

/** One run with its manifest and copies. */
export async function getRun(db: Db, p: { runId: string }) {
  const [run] = await db.select().from(backupRuns).where(eq(backupRuns.id, p.runId));
  if (!run) throw new AppError('not_found');
  const copies = await db
    .select()
    .from(backupCopies)
    .where(eq(backupCopies.runId, run.id))
    .orderBy(asc(backupCopies.createdAt));
  return { ...run, copies };
}

/** The newest good backup (succeeded, or partial: its file is somewhere), if any. */
export async function lastGoodRun(db: Db) {
  const [row] = await db
    .select()
    .from(backupRuns)
    .where(sql`${backupRuns.status} in ('succeeded', 'partial') and ${backupRuns.archivedAt} is not null`)
    .orderBy(desc(backupRuns.archivedAt))
    .limit(1);
  return row ?? null;
}
