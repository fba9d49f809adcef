import { and, desc, eq, gte, ilike, lte, or } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { auditLogs, users } from '@/db/schema';
import { afterCursor, decodeCursor, toPage } from '@/lib/server/pagination';
import { contains } from '@/lib/server/search';

export type AuditFilter = {
  orgId: string;
  action?: string;
  actorUserId?: string;
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
    })
    .from(auditLogs)
    .leftJoin(users, eq(users.id, auditLogs.actorUserId))
    .where(
      and(
        eq(auditLogs.organizationId, f.orgId),
        f.action ? eq(auditLogs.action, f.action) : undefined,
        f.actorUserId ? eq(auditLogs.actorUserId, f.actorUserId) : undefined,
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
