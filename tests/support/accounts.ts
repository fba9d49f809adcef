import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { passwordResets, users } from '@/db/schema';
import * as accountOps from '@/lib/account/operations';
import { startTwoFactor } from '@/lib/account/two-factor';
import { totpCode } from '@/lib/auth/totp';
import type { Result } from '@/lib/server/operation';
import { makeMember, PASSWORD } from '../helpers';

/** The account part of the tenant-isolation and permission-matrix tests (kept here, small). */

/**
 * Inputs for the permission matrix. Account operations act on the signed-in user (the
 * admin's user under each role): two-factor is started here so the code confirms it.
 */
export async function accountMatrixInputs(db: Database, orgId: string, adminUserId: string) {
  const member = await makeMember(db, orgId, 'technician');
  const spare = await makeMember(db, orgId, 'warehouse');
  const { secret } = await startTwoFactor(db, { userId: adminUserId, ip: null });
  return {
    'account.changePassword': { currentPassword: PASSWORD, newPassword: PASSWORD },
    'account.confirmTwoFactor': { code: await totpCode(secret) },
    'account.disableTwoFactor': { password: PASSWORD },
    'account.get': {},
    'account.signOutEverywhere': {},
    'account.startTwoFactor': {},
    'account.updateProfile': { phone: '0812 1111 2222' },
    'users.issueResetLink': { membershipId: member.membership.id },
    'users.resetTwoFactor': { membershipId: member.membership.id },
    'platform.listUsers': { q: 'test' },
    'platform.setUserActive': { userId: spare.user.id, active: false },
  } as Record<string, unknown>;
}

type Run = (op: never, input: unknown) => Promise<Result<unknown>>;
type Sides = { db: Database; run: Run; a: { orgId: string; userId: string }; b: { orgId: string; userId: string } };

/**
 * A's admin works on their own account only: B's admin's password, two-factor, number and
 * sessions stay as they were, and B's members get no reset link from A.
 */
export function accountIsolationCases(sides: () => Sides): Record<string, () => Promise<void>> {
  const run = (op: unknown, input: unknown) => sides().run(op as never, input);
  const bUser = async () => (await sides().db.select().from(users).where(eq(users.id, sides().b.userId)))[0]!;
  let bBefore: Promise<typeof users.$inferSelect> | undefined;
  const bUnchanged = async () => {
    const before = await (bBefore ??= bUser());
    const now = await bUser();
    assert.deepEqual(
      [now.passwordHash, now.sessionVersion, now.totpSecretEnc, now.totpEnabledAt, now.phone],
      [before.passwordHash, before.sessionVersion, before.totpSecretEnc, before.totpEnabledAt, before.phone],
    );
  };
  const okThenB = async (r: Result<unknown>) => {
    await (bBefore ??= bUser());
    assert.ok(r.ok, JSON.stringify(r));
    await bUnchanged();
  };
  const forbidden = (r: Result<unknown>) => assert.equal(!r.ok && r.code, 'forbidden');
  return {
    'account.changePassword': async () =>
      okThenB(await run(accountOps.changePasswordOp, { currentPassword: PASSWORD, newPassword: PASSWORD })),
    'account.startTwoFactor': async () => okThenB(await run(accountOps.startTwoFactorOp, {})),
    'account.confirmTwoFactor': async () => {
      await (bBefore ??= bUser());
      const { secret } = await startTwoFactor(sides().db, { userId: sides().a.userId, ip: null });
      await okThenB(await run(accountOps.confirmTwoFactorOp, { code: await totpCode(secret) }));
    },
    'account.disableTwoFactor': async () => okThenB(await run(accountOps.disableTwoFactorOp, { password: PASSWORD })),
    'account.get': async () => {
      const r = await run(accountOps.getAccountOp, {});
      assert.ok(r.ok);
      assert.ok(!JSON.stringify(r.data).includes((await bUser()).email));
    },
    'account.signOutEverywhere': async () => okThenB(await run(accountOps.signOutEverywhereOp, {})),
    'account.updateProfile': async () => okThenB(await run(accountOps.updateProfileOp, { phone: '081299990000' })),
    'users.issueResetLink': async () => {
      const bMember = await makeMember(sides().db, sides().b.orgId, 'noc');
      const r = await run(accountOps.issueResetLinkOp, { membershipId: bMember.membership.id });
      assert.equal(!r.ok && r.code, 'not_found');
      assert.equal(
        (await sides().db.select().from(passwordResets).where(eq(passwordResets.userId, bMember.user.id))).length,
        0,
      );
    },
    'users.resetTwoFactor': async () => {
      const bMember = await makeMember(sides().db, sides().b.orgId, 'finance');
      await sides()
        .db.update(users)
        .set({ totpEnabledAt: new Date(), totpSecretEnc: 'v1.x.y.z' })
        .where(eq(users.id, bMember.user.id));
      const r = await run(accountOps.resetMemberTwoFactorOp, { membershipId: bMember.membership.id });
      assert.equal(!r.ok && r.code, 'not_found');
      const [after] = await sides().db.select().from(users).where(eq(users.id, bMember.user.id));
      assert.ok(after!.totpEnabledAt && after!.sessionVersion === 0);
    },
    'platform.listUsers': async () => forbidden(await run(accountOps.listPlatformUsersOp, {})),
    'platform.setUserActive': async () => {
      forbidden(await run(accountOps.setUserActiveOp, { userId: sides().b.userId, active: false }));
      assert.equal((await bUser()).active, true);
    },
  };
}
