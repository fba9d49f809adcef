import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { auditLogs, memberships, messages, passwordResets, users, whatsappSessions } from '@/db/schema';
import * as accountOps from '@/lib/account/operations';
import { findOpenResetLink, requestResetCode, resetWithCode, resetWithToken } from '@/lib/account/resets';
import { authenticate } from '@/lib/auth/authenticate';
import { authOptions } from '@/lib/auth/options';
import { loadSessionInfo } from '@/lib/auth/session';
import { totpCode } from '@/lib/auth/totp';
import { decryptSecret, encryptSecret } from '@/lib/crypto';
import { dispatchOnce, SessionPacer } from '@/lib/messaging/dispatch';
import { createHttpTransport } from '@/lib/messaging/transports';
import * as orgOps from '@/lib/organizations/operations';
import { executeOperation, type Result } from '@/lib/server/operation';
import { verifyPassword } from '@/lib/users/password';
import { ctxFor, makeMember, makeOrg, PASSWORD, testDb } from '../helpers';
import { startFakeHttpGateway } from '../support/whatsapp-http';

const db = testDb();
process.env.NEXTAUTH_SECRET ??= 'test-secret-test-secret';
const NEW_PASSWORD = 'kata-sandi-baru-9';

const ok = <T>(r: Result<T>): T => {
  assert.ok(r.ok, JSON.stringify(r));
  return r.data;
};
const failedWith = (r: Result<unknown>, code: string) => {
  assert.equal(r.ok, false, JSON.stringify(r));
  assert.equal(!r.ok && r.code, code);
};
const actions = async (orgId: string, userId: string) =>
  (
    await db
      .select({ action: auditLogs.action })
      .from(auditLogs)
      .where(and(eq(auditLogs.organizationId, orgId), eq(auditLogs.entityId, userId)))
  ).map((a) => a.action);

/** The token next-auth would issue at sign-in, and what getSessionInfo reads back from it. */
async function signedInSession(user: { id: string; email: string; name: string; sessionVersion: number }) {
  const token = await authOptions.callbacks!.jwt!({ token: {}, user, account: null } as never);
  const session = (await authOptions.callbacks!.session!({
    session: { user: {}, expires: '' },
    token,
  } as never)) as unknown as { user: { id: string; sv: number } };
  return { userId: session.user.id, sessionVersion: session.user.sv, wantedOrgId: undefined };
}

describe('password change and sessions', () => {
  test('a wrong current password is refused; the right one changes it and signs out every session', async () => {
    const { org, admin } = await makeOrg(db, 'acct');
    const ctx = ctxFor(db, org.id, admin.user.id, 'admin');
    const session = await signedInSession(admin.user);
    assert.ok(await loadSessionInfo(db, session));

    const wrong = await executeOperation(accountOps.changePasswordOp, ctx, {
      currentPassword: 'bukan-ini',
      newPassword: NEW_PASSWORD,
    });
    failedWith(wrong, 'wrong_password');
    assert.ok(!wrong.ok && wrong.fieldErrors?.currentPassword);
    const short = await executeOperation(accountOps.changePasswordOp, ctx, {
      currentPassword: PASSWORD,
      newPassword: 'pendek',
    });
    failedWith(short, 'validation');

    ok(
      await executeOperation(accountOps.changePasswordOp, ctx, {
        currentPassword: PASSWORD,
        newPassword: NEW_PASSWORD,
      }),
    );
    const [user] = await db.select().from(users).where(eq(users.id, admin.user.id));
    assert.ok(await verifyPassword(NEW_PASSWORD, user!.passwordHash));
    assert.equal(await loadSessionInfo(db, session), null, 'the session from before the change is gone');
    assert.ok((await authenticate(db, { email: admin.user.email, password: NEW_PASSWORD, ip: null })).ok);
    assert.ok((await actions(org.id, admin.user.id)).includes('user.password_changed'));
  });

  test('sign out everywhere: a session made before the bump is refused at once, a new one works', async () => {
    const { org, admin } = await makeOrg(db, 'acct');
    const signIn = await authenticate(db, { email: admin.user.email, password: PASSWORD, ip: null });
    assert.ok(signIn.ok);
    const before = await signedInSession(signIn.user);
    assert.equal(before.sessionVersion, 0);
    assert.equal((await loadSessionInfo(db, before))?.user.id, admin.user.id);

    ok(await executeOperation(accountOps.signOutEverywhereOp, ctxFor(db, org.id, admin.user.id, 'admin'), {}));
    assert.equal(await loadSessionInfo(db, before), null);
    const again = await authenticate(db, { email: admin.user.email, password: PASSWORD, ip: null });
    assert.ok(again.ok);
    assert.equal((await loadSessionInfo(db, await signedInSession(again.user)))?.user.id, admin.user.id);
    assert.ok((await actions(org.id, admin.user.id)).includes('user.signed_out_everywhere'));
  });

  test('the WhatsApp number on the account is checked and stored as 62…', async () => {
    const { org, admin } = await makeOrg(db, 'acct');
    const ctx = ctxFor(db, org.id, admin.user.id, 'admin');
    failedWith(await executeOperation(accountOps.updateProfileOp, ctx, { phone: '12345' }), 'validation');
    ok(await executeOperation(accountOps.updateProfileOp, ctx, { phone: '0812-3456-7890' }));
    assert.equal(ok(await executeOperation(accountOps.getAccountOp, ctx, {})).phone, '6281234567890');
  });
});

describe('super admin disables an account platform-wide', () => {
  test('its sessions stop at once, it cannot sign in, and every organization of the user sees it in the audit log', async () => {
    const { org, admin } = await makeOrg(db, 'plat');
    const member = await makeMember(db, org.id, 'noc');
    const other = await makeOrg(db, 'plat2');
    await db.insert(memberships).values({ organizationId: other.org.id, userId: member.user.id, role: 'finance' });
    const session = await signedInSession(member.user);
    assert.ok(await loadSessionInfo(db, session));

    failedWith(
      await executeOperation(accountOps.setUserActiveOp, ctxFor(db, org.id, admin.user.id, 'admin'), {
        userId: member.user.id,
        active: false,
      }),
      'forbidden',
    );
    const superCtx = ctxFor(db, org.id, admin.user.id, 'super_admin');
    failedWith(
      await executeOperation(accountOps.setUserActiveOp, superCtx, { userId: admin.user.id, active: false }),
      'self_change',
    );
    ok(await executeOperation(accountOps.setUserActiveOp, superCtx, { userId: member.user.id, active: false }));

    assert.equal(await loadSessionInfo(db, session), null);
    assert.deepEqual(await authenticate(db, { email: member.user.email, password: PASSWORD, ip: null }), {
      ok: false,
      error: 'account_disabled',
    });
    assert.ok((await actions(org.id, member.user.id)).includes('user.disabled'));
    assert.ok((await actions(other.org.id, member.user.id)).includes('user.disabled'));
    const listed = ok(await executeOperation(accountOps.listPlatformUsersOp, superCtx, { q: member.user.email }));
    assert.deepEqual(
      listed.items.map((u) => [u.id, u.active, u.organizations]),
      [[member.user.id, false, 2]],
    );

    // Enabled again: new sign-ins work, the old session stays dead.
    ok(await executeOperation(accountOps.setUserActiveOp, superCtx, { userId: member.user.id, active: true }));
    assert.equal(await loadSessionInfo(db, session), null);
    assert.ok((await authenticate(db, { email: member.user.email, password: PASSWORD, ip: null })).ok);
  });
});

describe('reset link issued by an admin', () => {
  test('works once, signs out old sessions, and is audited', async () => {
    const { org, admin } = await makeOrg(db, 'reset');
    const member = await makeMember(db, org.id, 'technician');
    const session = await signedInSession(member.user);
    const link = ok(
      await executeOperation(accountOps.issueResetLinkOp, ctxFor(db, org.id, admin.user.id, 'admin'), {
        membershipId: member.membership.id,
      }),
    );
    const [stored] = await db.select().from(passwordResets).where(eq(passwordResets.userId, member.user.id));
    assert.notEqual(stored!.tokenHash, link.token, 'only a hash is stored');
    assert.equal(stored!.expiresAt.getTime() - stored!.createdAt.getTime() < 30 * 60_000 + 1000, true);
    assert.equal((await findOpenResetLink(db, { token: link.token }))?.email, member.user.email);

    await resetWithToken(db, { token: link.token, password: NEW_PASSWORD, ip: '203.0.113.9' });
    const [user] = await db.select().from(users).where(eq(users.id, member.user.id));
    assert.ok(await verifyPassword(NEW_PASSWORD, user!.passwordHash));
    assert.equal(await loadSessionInfo(db, session), null);
    await assert.rejects(resetWithToken(db, { token: link.token, password: 'lagi-lagi-123', ip: null }), {
      code: 'reset_invalid',
    });
    assert.equal(await findOpenResetLink(db, { token: link.token }), null);
    const trail = await actions(org.id, member.user.id);
    assert.ok(trail.includes('user.password_reset_issued') && trail.includes('user.password_reset'));
  });

  test('expires after 30 minutes', async () => {
    const { org, admin } = await makeOrg(db, 'reset');
    const member = await makeMember(db, org.id, 'sales');
    const ctx = ctxFor(db, org.id, admin.user.id, 'admin');
    const late = ok(await executeOperation(accountOps.issueResetLinkOp, ctx, { membershipId: member.membership.id }));
    const in31 = new Date(Date.now() + 31 * 60_000);
    assert.equal(await findOpenResetLink(db, { token: late.token, now: in31 }), null);
    await assert.rejects(resetWithToken(db, { token: late.token, password: NEW_PASSWORD, ip: null, now: in31 }), {
      code: 'reset_invalid',
    });
    await resetWithToken(db, {
      token: late.token,
      password: NEW_PASSWORD,
      ip: null,
      now: new Date(Date.now() + 29 * 60_000),
    });
  });

  test('not for oneself, a super admin, or a person who is also a member elsewhere', async () => {
    const { org, admin } = await makeOrg(db, 'reset');
    const ctx = ctxFor(db, org.id, admin.user.id, 'admin');
    failedWith(
      await executeOperation(accountOps.issueResetLinkOp, ctx, { membershipId: admin.membership.id }),
      'self_change',
    );
    const boss = await makeMember(db, org.id, 'admin', { superAdmin: true });
    failedWith(
      await executeOperation(accountOps.issueResetLinkOp, ctx, { membershipId: boss.membership.id }),
      'reset_not_allowed',
    );
    const shared = await makeMember(db, org.id, 'noc');
    const elsewhere = await makeOrg(db, 'reset-other');
    await db.insert(memberships).values({ organizationId: elsewhere.org.id, userId: shared.user.id, role: 'admin' });
    failedWith(
      await executeOperation(accountOps.issueResetLinkOp, ctx, { membershipId: shared.membership.id }),
      'reset_not_allowed',
    );
    failedWith(
      await executeOperation(accountOps.issueResetLinkOp, ctxFor(db, org.id, admin.user.id, 'finance'), {
        membershipId: shared.membership.id,
      }),
      'forbidden',
    );
  });
});

describe('reset code by WhatsApp', () => {
  let gateway: Awaited<ReturnType<typeof startFakeHttpGateway>>;
  before(async () => {
    gateway = await startFakeHttpGateway();
  });
  after(() => gateway.close());

  /** The organization's sender pass, delivering through the HTTP gateway stand-in. */
  async function deliver(orgId: string) {
    const transportFor = (s: typeof whatsappSessions.$inferSelect) =>
      s.transport === 'http_gateway'
        ? createHttpTransport(
            'http_gateway',
            { url: gateway.url, token: gateway.credentials.token },
            { allowPrivate: true },
          )
        : null;
    return dispatchOnce(db, { transportFor, pacer: new SessionPacer(() => 0.5), orgIds: [orgId] });
  }

  async function orgWithWhatsapp() {
    const world = await makeOrg(db, 'wa-reset');
    await db.insert(whatsappSessions).values({
      organizationId: world.org.id,
      name: 'Fonnte',
      transport: 'http_gateway',
      status: 'connected',
      configEnc: encryptSecret(JSON.stringify({ url: gateway.url, token: gateway.credentials.token })),
      perMinute: 60,
    });
    const member = await makeMember(db, world.org.id, 'finance');
    await db.update(users).set({ phone: '6281377776666' }).where(eq(users.id, member.user.id));
    return { ...world, member };
  }

  test("the code reaches the member's phone, works once, and the message log never shows it", async () => {
    const { org, member } = await orgWithWhatsapp();
    const session = await signedInSession(member.user);
    await requestResetCode(db, { email: member.user.email.toUpperCase(), ip: '198.51.100.40', locale: 'id' });
    const [queued] = await db.select().from(messages).where(eq(messages.organizationId, org.id));
    assert.equal(queued!.toPhone, '6281377776666');
    assert.ok(!/\b\d{6}\b/.test(queued!.body), `log shows no code: ${queued!.body}`);
    assert.equal((await deliver(org.id)).sent, 1);
    const text = gateway.sent.find((m) => m.to === '6281377776666')!.text;
    const code = text.match(/\b(\d{6})\b/)![1]!;
    assert.equal(decryptSecret(queued!.bodyEnc!), text);

    await assert.rejects(
      resetWithCode(db, {
        email: member.user.email,
        code: code === '000000' ? '111111' : '000000',
        password: NEW_PASSWORD,
        ip: null,
      }),
      { code: 'reset_code_invalid' },
    );
    await resetWithCode(db, { email: member.user.email, code, password: NEW_PASSWORD, ip: null });
    assert.ok((await authenticate(db, { email: member.user.email, password: NEW_PASSWORD, ip: null })).ok);
    assert.equal(await loadSessionInfo(db, session), null);
    await assert.rejects(resetWithCode(db, { email: member.user.email, code, password: 'lagi-lagi-123', ip: null }), {
      code: 'reset_code_invalid',
    });
    const trail = await actions(org.id, member.user.id);
    assert.ok(trail.includes('user.password_reset_code_sent') && trail.includes('user.password_reset'));
  });

  test('expires after 30 minutes; five wrong guesses lock the address', async () => {
    const { org, member } = await orgWithWhatsapp();
    await requestResetCode(db, { email: member.user.email, ip: null, locale: 'en' });
    await deliver(org.id);
    const code = gateway.sent
      .find((m) => m.to === '6281377776666' && m.text.includes('password'))!
      .text.match(/\b(\d{6})\b/)![1]!;
    await assert.rejects(
      resetWithCode(db, {
        email: member.user.email,
        code,
        password: NEW_PASSWORD,
        ip: null,
        now: new Date(Date.now() + 31 * 60_000),
      }),
      { code: 'reset_code_invalid' },
    );
    // That was the first of five tries in the window; after four wrong ones the right code is refused too.
    for (let i = 0; i < 4; i++)
      await assert.rejects(
        resetWithCode(db, {
          email: member.user.email,
          code: code === `99999${i}` ? '888888' : `99999${i}`,
          password: NEW_PASSWORD,
          ip: null,
        }),
      );
    await assert.rejects(resetWithCode(db, { email: member.user.email, code, password: NEW_PASSWORD, ip: null }), {
      code: 'too_many_attempts',
    });
  });

  test('an unknown address, or a member without a number, gets the same answer and nothing is sent', async () => {
    const { org, admin } = await orgWithWhatsapp();
    const before = (await db.select().from(messages).where(eq(messages.organizationId, org.id))).length;
    await requestResetCode(db, { email: 'tidak-ada-siapa@t.test', ip: null, locale: 'id' });
    await requestResetCode(db, { email: admin.user.email, ip: null, locale: 'id' });
    assert.equal((await db.select().from(messages).where(eq(messages.organizationId, org.id))).length, before);
    // Three requests per address in 30 minutes, whether or not it has an account.
    await requestResetCode(db, { email: admin.user.email, ip: null, locale: 'id' });
    await requestResetCode(db, { email: admin.user.email, ip: null, locale: 'id' });
    await assert.rejects(requestResetCode(db, { email: admin.user.email, ip: null, locale: 'id' }), {
      code: 'too_many_attempts',
    });
  });
});

describe('two-factor sign-in (TOTP)', () => {
  test('enrol with a code from the app; sign-in then asks for it; a recovery code works once', async () => {
    const { org, admin } = await makeOrg(db, 'totp');
    const ctx = ctxFor(db, org.id, admin.user.id, 'admin');
    const { secret, uri } = ok(await executeOperation(accountOps.startTwoFactorOp, ctx, {}));
    assert.match(uri, /^otpauth:\/\/totp\/Jaring:/);
    const [stored] = await db.select().from(users).where(eq(users.id, admin.user.id));
    assert.ok(
      !stored!.totpSecretEnc!.includes(secret) && decryptSecret(stored!.totpSecretEnc!) === secret,
      'secret encrypted at rest',
    );
    assert.ok(
      (await authenticate(db, { email: admin.user.email, password: PASSWORD, ip: null })).ok,
      'not in force before confirming',
    );

    failedWith(
      await executeOperation(accountOps.confirmTwoFactorOp, ctx, {
        code: '000000' === (await totpCode(secret)) ? '111111' : '000000',
      }),
      'otp_invalid',
    );
    const { recoveryCodes } = ok(
      await executeOperation(accountOps.confirmTwoFactorOp, ctx, { code: await totpCode(secret) }),
    );
    assert.equal(recoveryCodes.length, 10);
    const [on] = await db.select().from(users).where(eq(users.id, admin.user.id));
    assert.ok(
      on!.recoveryCodeHashes.every((h) => !recoveryCodes.includes(h)),
      'only hashes stored',
    );

    const email = admin.user.email;
    assert.deepEqual(await authenticate(db, { email, password: PASSWORD, ip: null }), {
      ok: false,
      error: 'otp_required',
    });
    assert.deepEqual(await authenticate(db, { email, password: PASSWORD, otp: '123456', ip: null }), {
      ok: false,
      error: 'otp_invalid',
    });
    // The code used to confirm cannot be used again; the next one (phone 30 s ahead) can.
    const next = await totpCode(secret, Math.floor(Date.now() / 1000) + 30);
    assert.ok((await authenticate(db, { email, password: PASSWORD, otp: next, ip: null })).ok);
    assert.deepEqual(
      await authenticate(db, { email, password: PASSWORD, otp: next, ip: null }),
      { ok: false, error: 'otp_invalid' },
      'replay',
    );
    assert.deepEqual(await authenticate(db, { email, password: 'salah-sekali', otp: next, ip: null }), {
      ok: false,
      error: 'invalid_credentials',
    });

    const recovery = recoveryCodes[3]!;
    assert.ok((await authenticate(db, { email, password: PASSWORD, otp: recovery.toUpperCase(), ip: null })).ok);
    assert.deepEqual(await authenticate(db, { email, password: PASSWORD, otp: recovery, ip: null }), {
      ok: false,
      error: 'otp_invalid',
    });
    assert.equal(ok(await executeOperation(accountOps.getAccountOp, ctx, {})).recoveryCodesLeft, 9);
    const trail = await actions(org.id, admin.user.id);
    assert.ok(trail.includes('user.two_factor_enabled') && trail.includes('user.recovery_code_used'));

    failedWith(
      await executeOperation(accountOps.disableTwoFactorOp, ctx, { password: 'salah-sekali' }),
      'wrong_password',
    );
    ok(await executeOperation(accountOps.disableTwoFactorOp, ctx, { password: PASSWORD }));
    assert.ok((await authenticate(db, { email, password: PASSWORD, ip: null })).ok);
    assert.ok((await actions(org.id, admin.user.id)).includes('user.two_factor_disabled'));
  });

  test("an admin switches it off for a member who lost phone and codes; the member's sessions end", async () => {
    const { org, admin } = await makeOrg(db, 'totp-reset');
    const member = await makeMember(db, org.id, 'noc');
    const memberCtx = ctxFor(db, org.id, member.user.id, 'noc');
    const { secret } = ok(await executeOperation(accountOps.startTwoFactorOp, memberCtx, {}));
    ok(await executeOperation(accountOps.confirmTwoFactorOp, memberCtx, { code: await totpCode(secret) }));
    const session = await signedInSession({ ...member.user, sessionVersion: 0 });
    failedWith(
      await executeOperation(accountOps.resetMemberTwoFactorOp, ctxFor(db, org.id, admin.user.id, 'hr'), {
        membershipId: member.membership.id,
      }),
      'forbidden',
    );
    ok(
      await executeOperation(accountOps.resetMemberTwoFactorOp, ctxFor(db, org.id, admin.user.id, 'admin'), {
        membershipId: member.membership.id,
      }),
    );
    assert.equal(await loadSessionInfo(db, session), null);
    const [after] = await db.select().from(users).where(eq(users.id, member.user.id));
    assert.deepEqual([after!.totpEnabledAt, after!.totpSecretEnc, after!.recoveryCodeHashes], [null, null, []]);
    assert.ok(
      (await authenticate(db, { email: member.user.email, password: PASSWORD, ip: null })).ok,
      'password alone again',
    );
    assert.ok((await actions(org.id, member.user.id)).includes('user.two_factor_reset'));
  });

  test('an organization that requires it sends admin, finance, NOC (and super admins) to enrol first; others are not asked', async () => {
    const { org, admin } = await makeOrg(db, 'req2fa');
    const finance = await makeMember(db, org.id, 'finance');
    const tech = await makeMember(db, org.id, 'technician');
    const adminCtx = ctxFor(db, org.id, admin.user.id, 'admin');
    const info = async (userId: string) =>
      (await loadSessionInfo(db, { userId, sessionVersion: 0, wantedOrgId: org.id }))!;
    assert.equal((await info(finance.user.id)).mustEnrolTwoFactor, false);

    ok(
      await executeOperation(orgOps.updateOrganizationSettingsOp, adminCtx, {
        name: org.name,
        timezone: 'Asia/Jakarta',
        coverageRadiusM: 250,
        requireTwoFactor: 'on',
      }),
    );
    assert.equal((await info(admin.user.id)).mustEnrolTwoFactor, true);
    assert.equal((await info(finance.user.id)).mustEnrolTwoFactor, true);
    assert.equal((await info(tech.user.id)).mustEnrolTwoFactor, false);
    const platformAdmin = await makeMember(db, org.id, 'technician', { superAdmin: true });
    assert.equal((await info(platformAdmin.user.id)).mustEnrolTwoFactor, true, 'a super admin working in it too');
    // A form or API caller that does not send the field leaves the rule as it is.
    ok(
      await executeOperation(orgOps.updateOrganizationSettingsOp, adminCtx, {
        name: org.name,
        timezone: 'Asia/Jakarta',
        coverageRadiusM: 250,
      }),
    );
    assert.equal((await info(finance.user.id)).mustEnrolTwoFactor, true);

    const financeCtx = ctxFor(db, org.id, finance.user.id, 'finance');
    const { secret } = ok(await executeOperation(accountOps.startTwoFactorOp, financeCtx, {}));
    ok(await executeOperation(accountOps.confirmTwoFactorOp, financeCtx, { code: await totpCode(secret) }));
    assert.equal((await info(finance.user.id)).mustEnrolTwoFactor, false);
  });
});
