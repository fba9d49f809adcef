import { and, desc, eq, gte, ilike, lte, or } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { apiKeys, auditLogs, users } from '@/db/schema';
import { afterCursor, decodeCursor, toPage } from '@/lib/server/pagination';
import { contains } from '@/lib/server/search';

export type AuditFilter = {
  orgId: string;
  action?: string;
  actorUserId?: string;
  /** Only changes made through the REST API with this key. */
  apiKeyId?: string;
  entityType?: string;
  q?: string;
  from?: Date;
  to?: Date;
  cursor?: string;
  limit?: number;
};

export async function listAuditLogs(db: Db, f: AuditFilter) {
  const limit = f.limit ?? 25;
  const cursor = decodeCursor(f.cursor);
  const rows = await db
    .select({
      id: auditLogs.id,
      action: auditLogs.action,
      entityType: auditLogs.entityType,
      entityId: auditLogs.entityId,
      ip: auditLogs.ip,
      data: auditLogs.data,
      createdAt: auditLogs.createdAt,
      actorName: users.name,
      actorEmail: users.email,
      // A change made through the REST API: the key's name ("<maker> · API: <key>").
      apiKeyName: apiKeys.name,
    })
    .from(auditLogs)
    .leftJoin(users, eq(users.id, auditLogs.actorUserId))
    .leftJoin(apiKeys, and(eq(apiKeys.id, auditLogs.apiKeyId), eq(apiKeys.organizationId, auditLogs.organizationId)))
    .where(
      and(
        eq(auditLogs.organizationId, f.orgId),
        f.action ? eq(auditLogs.action, f.action) : undefined,
        f.actorUserId ? eq(auditLogs.actorUserId, f.actorUserId) : undefined,
        f.apiKeyId ? eq(auditLogs.apiKeyId, f.apiKeyId) : undefined,
        f.entityType ? eq(auditLogs.entityType, f.entityType) : undefined,
        f.from ? gte(auditLogs.createdAt, f.from) : undefined,
        f.to ? lte(auditLogs.createdAt, f.to) : undefined,
        f.q
          ? or(
              ilike(auditLogs.entityId, contains(f.q)),
              ilike(users.email, contains(f.q)),
              ilike(users.name, contains(f.q)),
            )
          : undefined,
        afterCursor(
          auditLogs.createdAt,
          auditLogs.id,
          cursor && { createdAt: cursor.createdAt, id: Number(cursor.id) },
        ),
      ),
    )
    .orderBy(desc(auditLogs.createdAt), desc(auditLogs.id))
    .limit(limit + 1);
  return toPage(rows, limit);
}

export async function listAuditActions(db: Db, orgId: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ action: auditLogs.action })
    .from(auditLogs)
    .where(eq(auditLogs.organizationId, orgId))
    .orderBy(auditLogs.action);
  return rows.map((r) => r.action);
}

/** The organization's API keys (a handful), for the audit filter; never the secret. */
export async function listAuditApiKeys(db: Db, orgId: string) {
  return db
    .select({ id: apiKeys.id, name: apiKeys.name, prefix: apiKeys.prefix })
    .from(apiKeys)
    .where(eq(apiKeys.organizationId, orgId))
    .orderBy(apiKeys.name)
    .limit(200);
}
