import { and, desc, eq, gt, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { organizations, organizationTaskStatus, type PeriodicTask, TASK_ERRORS, type TaskError } from '@/db/schema';
import { RouterError } from '@/lib/network/routeros/errors';
import { GatewayError } from '@/lib/payments/types';
import { AppError } from '@/lib/server/errors';

/** Where a periodic pass writes its lines (graphile-worker's `helpers.logger` fits). */
export type PassLog = { info(line: string): void; error(line: string): void };
export const SILENT: PassLog = { info() {}, error() {} };

/** What admins may read about a failure: a code from TASK_ERRORS, never the exception's text. */
export function taskErrorCode(error: unknown): TaskError {
  if (error instanceof AppError && (TASK_ERRORS as readonly string[]).includes(error.code))
    return error.code as TaskError;
  if (error instanceof AppError && error.code.startsWith('gateway_')) return 'gateway';
  if (error instanceof GatewayError) return 'gateway';
  if (error instanceof RouterError) return 'router';
  // postgres.js errors carry a five-character SQLSTATE; drizzle wraps them in `cause`.
  const e = error as { code?: unknown; cause?: { code?: unknown } } | null;
  const sqlState = e?.cause?.code ?? e?.code;
  if (typeof sqlState === 'string' && /^[0-9A-Z]{5}$/.test(sqlState)) return 'database';
  return 'unexpected';
}

/**
 * Runs one organization's part of a periodic pass. A failure is recorded on that
 * organization (the admins' dashboard and the super admin's organizations page show it) and
 * swallowed, so the pass goes on with the next organization; the full error goes to the
 * worker's log. The part should use its own transaction, so its failure rolls back only its
 * own writes.
 */
export async function runOrganizationTask<T>(
  db: Db,
  p: { orgId: string; task: PeriodicTask; log?: PassLog },
  part: () => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; error: TaskError }> {
  let value: T;
  try {
    value = await part();
  } catch (error) {
    const code = taskErrorCode(error);
    p.log?.error(
      `${p.task} of organization ${p.orgId} failed (${code}): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    await recordTaskFailure(db, { orgId: p.orgId, task: p.task, error: code }).catch((e: unknown) =>
      p.log?.error(`recording the failure failed: ${String(e)}`),
    );
    return { ok: false, error: code };
  }
  await recordTaskOk(db, { orgId: p.orgId, task: p.task }).catch((e: unknown) =>
    p.log?.error(`recording ${p.task} of ${p.orgId} failed: ${String(e)}`),
  );
  return { ok: true, value };
}

// A success is written when it ends a failure, or at most every ten minutes: the network
// pass runs each minute for every organization and need not write a row each time.
export async function recordTaskOk(db: Db, p: { orgId: string; task: PeriodicTask }) {
  await recordTasksOk(db, { orgIds: [p.orgId], task: p.task });
}

/** recordTaskOk for many organizations in one statement. */
export async function recordTasksOk(db: Db, p: { orgIds: string[]; task: PeriodicTask }) {
  if (p.orgIds.length === 0) return;
  await db
    .insert(organizationTaskStatus)
    .values(p.orgIds.map((orgId) => ({ organizationId: orgId, task: p.task, lastOkAt: sql`now()` })))
    .onConflictDoUpdate({
      target: [organizationTaskStatus.organizationId, organizationTaskStatus.task],
      set: { lastOkAt: sql`now()`, failures: 0, lastError: null, updatedAt: sql`now()` },
      setWhere: sql`${organizationTaskStatus.failures} > 0 or ${organizationTaskStatus.lastOkAt} is null or ${organizationTaskStatus.lastOkAt} < now() - interval '10 minutes'`,
    });
}

export async function recordTaskFailure(db: Db, p: { orgId: string; task: PeriodicTask; error: TaskError }) {
  await db
    .insert(organizationTaskStatus)
    .values({ organizationId: p.orgId, task: p.task, lastFailedAt: sql`now()`, lastError: p.error, failures: 1 })
    .onConflictDoUpdate({
      target: [organizationTaskStatus.organizationId, organizationTaskStatus.task],
      set: {
        lastFailedAt: sql`now()`,
        lastError: p.error,
        failures: sql`${organizationTaskStatus.failures} + 1`,
        updatedAt: sql`now()`,
      },
    });
}

export type TaskProblem = {
  organizationId: string;
  organizationName: string;
  task: PeriodicTask;
  error: TaskError | null;
  failures: number;
  lastFailedAt: Date | null;
  lastOkAt: Date | null;
};

/** Passes failing now (the last run failed), for one organization or, without orgId, all (super admin). */
export async function listTaskProblems(db: Db, p: { orgId?: string; limit?: number } = {}): Promise<TaskProblem[]> {
  return db
    .select({
      organizationId: organizationTaskStatus.organizationId,
      organizationName: organizations.name,
      task: organizationTaskStatus.task,
      error: organizationTaskStatus.lastError,
      failures: organizationTaskStatus.failures,
      lastFailedAt: organizationTaskStatus.lastFailedAt,
      lastOkAt: organizationTaskStatus.lastOkAt,
    })
    .from(organizationTaskStatus)
    .innerJoin(organizations, eq(organizations.id, organizationTaskStatus.organizationId))
    .where(
      and(
        gt(organizationTaskStatus.failures, 0),
        p.orgId ? eq(organizationTaskStatus.organizationId, p.orgId) : undefined,
      ),
    )
    .orderBy(desc(organizationTaskStatus.lastFailedAt))
    .limit(p.limit ?? 100);
}
