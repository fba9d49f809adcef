import { and, count, eq, gte, inArray } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { jobs, memberships } from '@/db/schema';
import { listAuditLogs } from '@/lib/audit/queries';
import { can, type Role } from '@/lib/auth/permissions';
import { billingSummary } from '@/lib/billing/queries';
import { listTaskProblems } from '@/lib/jobs/task-status';

/**
 * The start page: counts every member sees, and what their role may see besides: money for
 * billing staff, the latest activity for auditors, failing passes for the organization's
 * admins (the ones who can fix what a failing pass needs).
 */
export async function dashboardSummary(db: Db, viewer: { orgId: string; role: Role }) {
  const { orgId, role } = viewer;
  const weekAgo = new Date(Date.now() - 7 * 86_400_000);
  const [[members], [activeJobs], [failedJobs], money, recent, problems] = await Promise.all([
    db
      .select({ n: count() })
      .from(memberships)
      .where(and(eq(memberships.organizationId, orgId), eq(memberships.active, true))),
    db
      .select({ n: count() })
      .from(jobs)
      .where(and(eq(jobs.organizationId, orgId), inArray(jobs.state, ['queued', 'running', 'retrying']))),
    db
      .select({ n: count() })
      .from(jobs)
      .where(and(eq(jobs.organizationId, orgId), eq(jobs.state, 'failed'), gte(jobs.createdAt, weekAgo))),
    can(role, 'billing.view') ? billingSummary(db, orgId) : null,
    can(role, 'audit.view') ? listAuditLogs(db, { orgId, limit: 5 }) : null,
    can(role, 'organization.settings') ? listTaskProblems(db, { orgId }) : [],
  ]);
  return {
    members: members?.n ?? 0,
    activeJobs: activeJobs?.n ?? 0,
    failedJobs: failedJobs?.n ?? 0,
    money,
    recent,
    problems,
  };
}
