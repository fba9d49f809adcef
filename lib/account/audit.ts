import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { memberships } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';

/**
 * An event about a person's account (password, two-factor, sessions) belongs to every
 * organization they are a member of: each one's admins see it in their own audit log.
 * `orgId` adds the organization the actor was working in (e.g. a super admin's).
 */
export async function recordUserAudit(
  db: Db,
  p: {
    userId: string;
    actorUserId: string | null;
    action: string;
    ip: string | null;
    data?: Record<string, unknown>;
    orgId?: string;
  },
) {
  const rows = await db
    .select({ orgId: memberships.organizationId })
    .from(memberships)
    .where(eq(memberships.userId, p.userId));
  const orgIds = new Set(rows.map((r) => r.orgId));
  if (p.orgId) orgIds.add(p.orgId);
  for (const orgId of orgIds) {
    await recordAudit(db, {
      orgId,
      actorUserId: p.actorUserId,
      action: p.action,
      entityType: 'user',
      entityId: p.userId,
      ip: p.ip,
      data: p.data,
    });
  }
}
