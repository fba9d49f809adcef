import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { and, eq, sql } from 'drizzle-orm';
import { memberships, organizations, users } from '@/db/schema';
import { createPlatformOwner, platformOwnerExists } from '@/lib/platform/owner';
import { ensureSetupToken, removeSetupToken, setupTokenMatches } from '@/lib/platform/setup-token';
import { AppError } from '@/lib/server/errors';
import { demoEmail, seedDemo } from '@/scripts/demo-seed';
import { testDb } from '../helpers';

const db = testDb();
const code = (e: unknown) => (e instanceof AppError ? e.code : String(e));

async function demoSuperAdmin() {
  const [row] = await db
    .select({ isSuperAdmin: users.isSuperAdmin, role: memberships.role })
    .from(users)
    .innerJoin(memberships, eq(memberships.userId, users.id))
    .innerJoin(organizations, and(eq(organizations.id, memberships.organizationId), eq(organizations.slug, 'demo')))
    .where(eq(users.email, demoEmail('super_admin')));
  return row;
}

/** What the old seed made: a platform super admin who sat in the demo org as admin. */
async function flagAsBefore() {
  const [user] = await db
    .update(users)
    .set({ isSuperAdmin: true })
    .where(eq(users.email, demoEmail('super_admin')))
    .returning();
  await db.update(memberships).set({ role: 'admin' }).where(eq(memberships.userId, user!.id));
}

describe('demo data and the platform owner', () => {
  test('the demo "super admin" is super admin of the demo organization only, also on installs seeded before', async () => {
    await seedDemo(db);
    assert.deepEqual(await demoSuperAdmin(), { isSuperAdmin: false, role: 'super_admin' });

    // An install seeded by the old code: the demo login was a platform super admin.
    await flagAsBefore();
    await seedDemo(db); // npm start without production: the seed corrects it
    assert.deepEqual(await demoSuperAdmin(), { isSuperAdmin: false, role: 'super_admin' });

    // A production install never runs the seed: the migration corrects it.
    await flagAsBefore();
    const migration = readFileSync(path.join('db', 'migrations', '0009_demo_not_platform_admin.sql'), 'utf8');
    for (const statement of migration.split('--> statement-breakpoint')) await db.execute(sql.raw(statement));
    assert.deepEqual(await demoSuperAdmin(), { isSuperAdmin: false, role: 'super_admin' });
  });

  test('the platform owner is created once; a second setup is refused', async () => {
    const rollback = new Error('rollback');
    await assert.rejects(
      db.transaction(async (tx) => {
        // Other tests' super admins (if any) would make this install "set up" already.
        await tx.update(users).set({ isSuperAdmin: false }).where(eq(users.isSuperAdmin, true));
        assert.equal(await platformOwnerExists(tx), false);
        const u = Date.now().toString(36);
        const input = {
          organizationName: 'Pemilik Net',
          slug: `pemilik-${u}`,
          adminName: 'Pemilik',
          email: `owner-${u}@t.test`,
          password: 'rahasia-123',
          ip: null,
          source: 'setup' as const,
        };
        const { user } = await createPlatformOwner(tx, input);
        const [row] = await tx.select().from(users).where(eq(users.id, user.id));
        assert.equal(row!.isSuperAdmin, true);
        assert.equal(await platformOwnerExists(tx), true);
        await assert.rejects(
          createPlatformOwner(tx, { ...input, slug: `lain-${u}`, email: `lain-${u}@t.test` }),
          (e) => code(e) === 'setup_done',
        );
        throw rollback;
      }),
      (e) => e === rollback,
    );
  });

  test('the setup token is random, private to the server, checked exactly, and gone once used', () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'jaring-setup-')), 'setup-token');
    assert.equal(setupTokenMatches('anything', file), false, 'no file, no setup');
    const token = ensureSetupToken(file);
    assert.ok(token.length >= 32);
    assert.equal(ensureSetupToken(file), token, 'the same token until it is used');
    assert.equal(statSync(file).mode & 0o077, 0, 'readable by the server user only');
    assert.equal(setupTokenMatches(token, file), true);
    assert.equal(setupTokenMatches(`${token}x`, file), false);
    assert.equal(setupTokenMatches('', file), false);
    removeSetupToken(file);
    assert.equal(setupTokenMatches(token, file), false);
  });
});
