import type { Db } from '@/db/client';
import { auditLogs } from '@/db/schema';

export type AuditEntry = {
  orgId: string;
  actorUserId: string | null;
  action: string;
  entityType: string;
  entityId?: string | null;
  ip?: string | null;
  data?: Record<string, unknown>;
};

/** Call inside the same transaction as the change, so the trail never disagrees with the data. */
export async function recordAudit(db: Db, entry: AuditEntry) {
  await db.insert(auditLogs).values({
    organizationId: entry.orgId,
    actorUserId: entry.actorUserId,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId ?? null,
    ip: entry.ip ?? null,
    data: entry.data ?? {},
  });
}
