import { and, desc, eq, gte, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { apiCalls, apiKeys, memberships, organizations, users } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import type { Permission, Role } from '@/lib/auth/permissions';
import { zonedDayStart } from '@/lib/format';
import { AppError } from '@/lib/server/errors';
import { afterCursor, decodeCursor, toPage } from '@/lib/server/pagination';
import { insertApiKey } from './keys';
import { scopesBeyond } from './keys-scopes';

export type ApiKeyStatus = 'active' | 'revoked' | 'expired' | 'owner_inactive';

/**
 * The organization's keys, newest first, with who made them and whether they still work: a
 * key stops when it is revoked, expires, or its maker is no longer an active member (as
 * `authenticateApiKey` decides). Never the secret or its hash.
 */
export async function listApiKeys(db: Db, p: { orgId: string }) {
  const rows = await db
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      prefix: apiKeys.prefix,
      scopes: apiKeys.scopes,
      makerName: users.name,
      makerEmail: users.email,
      makerActive: sql<boolean>`coalesce(${memberships.active} and ${users.active}, false)`,
      rateLimitPerMinute: apiKeys.rateLimitPerMinute,
      createdAt: apiKeys.createdAt,
      expiresAt: apiKeys.expiresAt,
      revokedAt: apiKeys.revokedAt,
      lastUsedAt: apiKeys.lastUsedAt,
      lastUsedIp: apiKeys.lastUsedIp,
    })
    .from(apiKeys)
    .leftJoin(users, eq(users.id, apiKeys.createdBy))
    .leftJoin(
      memberships,
      and(eq(memberships.userId, apiKeys.createdBy), eq(memberships.organizationId, apiKeys.organizationId)),
    )
    .where(eq(apiKeys.organizationId, p.orgId))
    .orderBy(desc(apiKeys.createdAt), desc(apiKeys.id))
    .limit(200);
  const now = Date.now();
  return rows.map(({ makerActive, ...k }) => ({
    ...k,
    status: (k.revokedAt
      ? 'revoked'
      : k.expiresAt && k.expiresAt.getTime() <= now
        ? 'expired'
        : makerActive
          ? 'active'
          : 'owner_inactive') satisfies ApiKeyStatus as ApiKeyStatus,
  }));
}

export type CreateApiKeyInput = {
  name: string;
  scopes: string[];
  /** The last day the key works (YYYY-MM-DD in the organization's zone), or none. */
  expiresOn?: string;
  rateLimitPerMinute: number;
};

/**
 * Makes a key acting as its maker: the scopes must be the maker's own permissions (a field
 * error otherwise, never a silent trim). The token comes back this once; the audit row holds
 * the name, prefix and scopes, never the token.
 */
export async function createApiKey(
  db: Db,
  p: { orgId: string; actorUserId: string; ip: string | null; role: Role; input: CreateApiKeyInput },
) {
  const beyond = scopesBeyond(p.role, p.input.scopes);
  if (beyond.length) throw new AppError('validation', {}, { scopes: 'apiKeys.validation.scopesBeyond' });
  const expiresAt = p.input.expiresOn ? await endOfOrgDay(db, p.orgId, p.input.expiresOn) : null;
  if (expiresAt && expiresAt.getTime() <= Date.now())
    throw new AppError('validation', {}, { expiresOn: 'apiKeys.validation.expiryPast' });
  return db.transaction(async (tx) => {
    const { key, token } = await insertApiKey(tx, {
      orgId: p.orgId,
      name: p.input.name,
      scopes: p.input.scopes as Permission[],
      createdBy: p.actorUserId,
      makerRole: p.role,
      expiresAt,
      rateLimitPerMinute: p.input.rateLimitPerMinute,
    });
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      action: 'api_key.created',
      entityType: 'api_key',
      entityId: key.id,
      data: {
        name: key.name,
        prefix: `jrg_${key.prefix}`,
        scopes: key.scopes,
        expiresAt: key.expiresAt?.toISOString() ?? null,
        rateLimitPerMinute: key.rateLimitPerMinute,
      },
    });
    return { id: key.id, name: key.name, prefix: key.prefix, token };
  });
}

/** The first moment after the given day ends, in the organization's zone. */
async function endOfOrgDay(db: Db, orgId: string, day: string) {
  const [org] = await db
    .select({ timezone: organizations.timezone })
    .from(organizations)
    .where(eq(organizations.id, orgId));
  return zonedDayStart(day, org?.timezone ?? 'Asia/Jakarta', 1);
}

/** Revokes a key at once (the next call with it is a 401). Revoking a revoked key changes nothing. */
export async function revokeApiKey(
  db: Db,
  p: { orgId: string; actorUserId: string; ip: string | null; apiKeyId: string },
) {
  return db.transaction(async (tx) => {
    const [key] = await tx
      .select({ id: apiKeys.id, name: apiKeys.name, prefix: apiKeys.prefix, revokedAt: apiKeys.revokedAt })
      .from(apiKeys)
      .where(and(eq(apiKeys.id, p.apiKeyId), eq(apiKeys.organizationId, p.orgId)))
      .for('update');
    if (!key) throw new AppError('not_found');
    if (key.revokedAt) return { id: key.id, revokedAt: key.revokedAt };
    const [row] = await tx
      .update(apiKeys)
      .set({ revokedAt: sql`now()` })
      .where(and(eq(apiKeys.id, key.id), eq(apiKeys.organizationId, p.orgId), isNull(apiKeys.revokedAt)))
      .returning({ revokedAt: apiKeys.revokedAt });
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      action: 'api_key.revoked',
      entityType: 'api_key',
      entityId: key.id,
      data: { name: key.name, prefix: `jrg_${key.prefix}` },
    });
    return { id: key.id, revokedAt: row!.revokedAt! };
  });
}

export const STATUS_CLASSES = ['2xx', '3xx', '4xx', '5xx'] as const;
export type StatusClass = (typeof STATUS_CLASSES)[number];

/** One key's calls, newest first (keyset over created_at, id), optionally one status class. */
export async function listApiKeyCalls(
  db: Db,
  p: { orgId: string; apiKeyId: string; status?: StatusClass; cursor?: string; limit?: number },
) {
  const [key] = await db
    .select({ id: apiKeys.id, name: apiKeys.name, prefix: apiKeys.prefix })
    .from(apiKeys)
    .where(and(eq(apiKeys.id, p.apiKeyId), eq(apiKeys.organizationId, p.orgId)));
  if (!key) throw new AppError('not_found');
  const limit = p.limit ?? 50;
  const cursor = decodeCursor(p.cursor);
  const floor = p.status ? Number(p.status[0]) * 100 : null;
  const rows = await db
    .select({
      id: apiCalls.id,
      method: apiCalls.method,
      path: apiCalls.path,
      operation: apiCalls.operation,
      status: apiCalls.status,
      durationMs: apiCalls.durationMs,
      ip: apiCalls.ip,
      createdAt: apiCalls.createdAt,
    })
    .from(apiCalls)
    .where(
      and(
        eq(apiCalls.apiKeyId, key.id),
        eq(apiCalls.organizationId, p.orgId),
        floor === null ? undefined : and(gte(apiCalls.status, floor), lt(apiCalls.status, floor + 100)),
        afterCursor(apiCalls.createdAt, apiCalls.id, cursor && { createdAt: cursor.createdAt, id: cursor.id }),
      ),
    )
    .orderBy(desc(apiCalls.createdAt), desc(apiCalls.id))
    .limit(limit + 1);
  return { key, page: toPage(rows, limit) };
}
