import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { Database, Db } from '@/db/client';
import { type ApiKey, apiKeys, memberships, organizations, users } from '@/db/schema';
import { can, isRole, PERMISSION_NAMES, type Permission, type Role } from '@/lib/auth/permissions';
import type { Locale } from '@/lib/i18n/config';
import { type Ctx, makeCtx } from '@/lib/server/operation';

/** `jrg_` + a 12-character prefix (stored, to find the key) + a 43-character secret (hashed). */
const TOKEN = /^jrg_([A-Za-z0-9]{12})([A-Za-z0-9_-]{43})$/;
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

const hashSecret = (secret: string) => createHash('sha256').update(secret).digest('hex');

function randomPrefix() {
  const bytes = randomBytes(12);
  return Array.from(bytes, (b) => ALPHABET[b % ALPHABET.length]).join('');
}

/**
 * Makes a key; the token is returned this once and never stored. Scopes outside the maker's
 * role are dropped here too (the operation refuses them with a field error first).
 */
export async function insertApiKey(
  db: Db,
  p: {
    orgId: string;
    name: string;
    scopes: readonly Permission[];
    createdBy: string;
    makerRole: Role;
    expiresAt?: Date | null;
    rateLimitPerMinute?: number;
  },
): Promise<{ key: ApiKey; token: string }> {
  const prefix = randomPrefix();
  const secret = randomBytes(32).toString('base64url');
  const [key] = await db
    .insert(apiKeys)
    .values({
      organizationId: p.orgId,
      name: p.name,
      prefix,
      secretHash: hashSecret(secret),
      scopes: [...new Set(p.scopes)].filter((s) => can(p.makerRole, s)),
      createdBy: p.createdBy,
      expiresAt: p.expiresAt ?? null,
      rateLimitPerMinute: p.rateLimitPerMinute ?? 600,
    })
    .returning();
  return { key: key!, token: `jrg_${prefix}${secret}` };
}

/** Who an API call is: the key, its organization, and the member it acts as. */
export type ApiPrincipal = {
  key: ApiKey;
  orgId: string;
  userId: string;
  role: Role;
  /** The key's scopes that the maker's role still holds today. */
  scopes: ReadonlySet<Permission>;
};

/** The key row with its organization and maker, built once per database handle (every call reads it). */
function buildKeyByPrefix(db: Db) {
  return db
    .select({
      key: apiKeys,
      role: memberships.role,
      memberActive: memberships.active,
      userActive: users.active,
      superAdmin: users.isSuperAdmin,
      orgStatus: organizations.status,
    })
    .from(apiKeys)
    .innerJoin(organizations, eq(organizations.id, apiKeys.organizationId))
    .leftJoin(users, eq(users.id, apiKeys.createdBy))
    .leftJoin(
      memberships,
      and(eq(memberships.userId, apiKeys.createdBy), eq(memberships.organizationId, apiKeys.organizationId)),
    )
    .where(eq(apiKeys.prefix, sql.placeholder('prefix')))
    .prepare('api_key_by_prefix');
}
const keyByPrefixQueries = new WeakMap<Db, ReturnType<typeof buildKeyByPrefix>>();
function keyByPrefix(db: Db) {
  let query = keyByPrefixQueries.get(db);
  if (!query) keyByPrefixQueries.set(db, (query = buildKeyByPrefix(db)));
  return query;
}

/**
 * The key a bearer token names, or why not: unknown (or a wrong secret), revoked, expired, or
 * its maker no longer an active member of an active organization. Constant-time on the secret.
 */
export async function authenticateApiKey(
  db: Db,
  token: string | null | undefined,
  now = new Date(),
): Promise<{ ok: true; principal: ApiPrincipal } | { ok: false; reason: 'unknown' | 'revoked' | 'expired' | 'owner' }> {
  const m = token ? TOKEN.exec(token.trim()) : null;
  if (!m) return { ok: false, reason: 'unknown' };
  const [row] = await keyByPrefix(db).execute({ prefix: m[1]! });
  const given = Buffer.from(hashSecret(m[2]!), 'hex');
  const stored = Buffer.from(row?.key.secretHash ?? hashSecret('-'), 'hex');
  if (!row || !timingSafeEqual(given, stored)) return { ok: false, reason: 'unknown' };
  if (row.key.revokedAt) return { ok: false, reason: 'revoked' };
  if (row.key.expiresAt && row.key.expiresAt <= now) return { ok: false, reason: 'expired' };
  if (!row.memberActive || !row.userActive || row.orgStatus !== 'active' || !row.role || !isRole(row.role))
    return { ok: false, reason: 'owner' };
  // As a session would see them (lib/auth/session.ts): only the platform flag makes a super admin.
  const role: Role = row.superAdmin ? 'super_admin' : row.role === 'super_admin' ? 'admin' : row.role;
  const scopes = new Set(
    row.key.scopes.filter(
      (s): s is Permission => (PERMISSION_NAMES as string[]).includes(s) && can(role, s as Permission),
    ),
  );
  return {
    ok: true,
    principal: { key: row.key, orgId: row.key.organizationId, userId: row.key.createdBy!, role, scopes },
  };
}

/** The operation context of an API call: the maker's role, narrowed to the key's scopes. */
export function apiCtx(db: Database, principal: ApiPrincipal, p: { ip: string | null; locale: Locale }): Ctx {
  return {
    ...makeCtx({
      db,
      userId: principal.userId,
      orgId: principal.orgId,
      role: principal.role,
      ip: p.ip,
      locale: p.locale,
    }),
    scopes: principal.scopes,
    apiKeyId: principal.key.id,
  };
}
