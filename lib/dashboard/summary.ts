import { and, count, eq, gte, inArray } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { jobs, memberships } from '@/db/schema';
import type { Permission } from '@/lib/auth/permissions';
import { listTaskProblems } from '@/lib/jobs/task-status';
import { recentActivity } from './activity';

/**
 * What every member's start page has: counts of members and jobs, the latest activity for
 * auditors, failing passes for the organization's admins (the ones who can fix what a
 * failing pass needs). The role's own sections come from the other dashboard operations.
 * `may`: what this caller holds (`ctxCan`: an API key's scopes, not only its maker's role).
 */
export async function dashboardSummary(db: Db, viewer: { orgId: string; may: (permission: Permission) => boolean }) {
  const { orgId, may } = viewer;
  const weekAgo = new Date(Date.now() - 7 * 86_400_000);
  const [[members], [activeJobs], [failedJobs], recent, problems] = await Promise.all([
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
    may('audit.view') ? recentActivity(db, { orgId, limit: 8 }) : null,
    may('organization.settings') ? listTaskProblems(db, { orgId }) : [],
  ]);
  return {
    members: members?.n ?? 0,
    activeJobs: activeJobs?.n ?? 0,
    failedJobs: failedJobs?.n ?? 0,
    recent,
    problems,
  };
}
