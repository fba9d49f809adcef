import type { Db } from '@/db/client';
import { auditLogs } from '@/db/schema';
import { currentApiKeyId } from '@/lib/api/metering';

export type AuditEntry = {
  orgId: string;
  actorUserId: string | null;
  action: string;
  entityType: string;
  entityId?: string | null;
  ip?: string | null;
  data?: Record<string, unknown>;
};

/**
 * Call inside the same transaction as the change, so the trail never disagrees with the data.
 * A change made through the REST API carries the key it came with (lib/api/metering.ts withApiKey).
 */
export async function recordAudit(db: Db, entry: AuditEntry) {
  await db.insert(auditLogs).values({
    organizationId: entry.orgId,
    actorUserId: entry.actorUserId,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId ?? null,
    ip: entry.ip ?? null,
    apiKeyId: currentApiKeyId(),
    data: entry.data ?? {},
  });
}
