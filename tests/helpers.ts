import { randomUUID } from 'node:crypto';
import { after } from 'node:test';
import { createDb, type Database } from '@/db/client';
import { memberships, organizations, users } from '@/db/schema';
import type { AssignableRole, Role } from '@/lib/auth/permissions';
import type { Ctx } from '@/lib/server/operation';
import { hashPassword } from '@/lib/users/password';

let shared: ReturnType<typeof createDb> | undefined;

/** The migrated test database that `npm test` prepared (DATABASE_URL). */
export function testDb(): Database {
  if (!shared) {
    shared = createDb(process.env.DATABASE_URL!, { max: 5 });
    after(() => shared?.client.end({ timeout: 1 }));
  }
  return shared.db;
}

export const PASSWORD = 'rahasia-123';
let passwordHash: Promise<string> | undefined;

/** A fresh organization with an admin, so tests never see each other's rows. */
export async function makeOrg(db: Database, label = 'org') {
  const suffix = randomUUID().slice(0, 8);
  const [org] = await db
    .insert(organizations)
    .values({ name: `Test ${label} ${suffix}`, slug: `${label}-${suffix}`.toLowerCase() })
    .returning();
  const admin = await makeMember(db, org!.id, 'admin');
  return { org: org!, admin };
}

export async function makeMember(db: Database, orgId: string, role: AssignableRole, opts: { superAdmin?: boolean } = {}) {
  passwordHash ??= hashPassword(PASSWORD);
  const [user] = await db
    .insert(users)
    .values({
      email: `${role}-${randomUUID().slice(0, 8)}@test.jaring.id`,
      name: `Test ${role}`,
      passwordHash: await passwordHash,
      isSuperAdmin: opts.superAdmin ?? false,
    })
    .returning();
  const [membership] = await db.insert(memberships).values({ organizationId: orgId, userId: user!.id, role }).returning();
  return { user: user!, membership: membership! };
}

export function ctxFor(db: Database, orgId: string, userId: string, role: Role, locale: 'id' | 'en' = 'id'): Ctx {
  return { db, orgId, userId, role, ip: '203.0.113.7', locale };
}

export async function waitFor<T>(fn: () => Promise<T | null | undefined | false>, timeoutMs = 20_000, stepMs = 100): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > until) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, stepMs));
  }
}
