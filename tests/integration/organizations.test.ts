import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { auditLogs, invitations, memberships, organizations, users } from '@/db/schema';
import { listAuditOp } from '@/lib/audit/operations';
import { listAuditLogs } from '@/lib/audit/queries';
import { createOrganizationWithAdmin, setOrganizationStatus } from '@/lib/organizations/mutations';
import { listUserOrganizations } from '@/lib/organizations/queries';
import { AppError } from '@/lib/server/errors';
import { executeOperation } from '@/lib/server/operation';
import {
  acceptInvitation,
  acceptInvitationAsUser,
  findOpenInvitation,
  inviteUser,
  revokeInvitation,
} from '@/lib/users/invitations';
import { changeRoleOp, setMemberActiveOp } from '@/lib/users/operations';
import { ctxFor, makeMember, makeOrg, PASSWORD, testDb } from '../helpers';

const db = testDb();
const code = (error: unknown) => (error instanceof AppError ? error.code : error);

describe('organizations and members', () => {
  test('a new ISP signs up: organization, admin membership and an audit entry', async () => {
    const { organization, user } = await createOrganizationWithAdmin(db, {
      organizationName: 'RT/RW Net Sukamaju',
      slug: 'sukamaju-net',
      adminName: 'Pak Joko',
      email: 'joko@sukamaju.test',
      password: 'rahasia-123',
      ip: '203.0.113.9',
    });
    const [m] = await db.select().from(memberships).where(eq(memberships.userId, user.id));
    assert.equal(m!.role, 'admin');
    const [entry] = await db.select().from(auditLogs).where(eq(auditLogs.organizationId, organization.id));
    assert.equal(entry!.action, 'organization.created');
    assert.equal(entry!.ip, '203.0.113.9');

    await assert.rejects(
      createOrganizationWithAdmin(db, {
        organizationName: 'Lain',
        slug: 'sukamaju-net',
        adminName: 'X',
        email: 'x@y.test',
        password: 'rahasia-123',
      }),
      (e) => code(e) === 'slug_taken',
    );
    await assert.rejects(
      createOrganizationWithAdmin(db, {
        organizationName: 'Lain',
        slug: 'lain-net',
        adminName: 'X',
        email: 'joko@sukamaju.test',
        password: 'rahasia-123',
      }),
      (e) => code(e) === 'email_taken',
    );
  });

  test('an invited person joins with the role the admin chose; the link works once', async () => {
    const { org, admin } = await makeOrg(db, 'invite');
    const { token } = await inviteUser(db, {
      orgId: org.id,
      actorUserId: admin.user.id,
      ip: null,
      email: 'teknisi@t.test',
      role: 'technician',
    });
    const shown = await findOpenInvitation(db, token);
    assert.ok(shown && !('hasAccount' in shown), 'the invitation page is not told whether the email has an account');
    const joined = await acceptInvitation(db, { token, name: 'Andi Teknisi', password: 'kabel-fiber-1', ip: null });
    const orgs = await listUserOrganizations(db, joined.userId);
    assert.deepEqual(
      orgs.map((o) => [o.id, o.role]),
      [[org.id, 'technician']],
    );
    await assert.rejects(
      acceptInvitation(db, { token, name: 'Lagi', password: 'kabel-fiber-1', ip: null }),
      (e) => code(e) === 'invitation_invalid',
    );
  });

  test('a person with an account joins a second organization only after signing in as that account', async () => {
    const first = await makeOrg(db, 'multi-a');
    const second = await makeOrg(db, 'multi-b');
    const other = await makeOrg(db, 'multi-c');
    const email = first.admin.user.email;
    const { token } = await inviteUser(db, {
      orgId: second.org.id,
      actorUserId: second.admin.user.id,
      ip: null,
      email,
      role: 'finance',
    });
    // Typing the account's password into the invitation form no longer joins (nor checks it).
    await assert.rejects(
      acceptInvitation(db, { token, name: 'x', password: PASSWORD, ip: null }),
      (e) => code(e) === 'invitation_sign_in',
    );
    // Signed in as somebody else: refused, naming the address the invitation is for.
    await assert.rejects(
      acceptInvitationAsUser(db, { token, userId: other.admin.user.id, ip: null }),
      (e) => code(e) === 'invitation_other_account',
    );
    await acceptInvitationAsUser(db, { token, userId: first.admin.user.id, ip: null });
    const orgs = await listUserOrganizations(db, first.admin.user.id);
    assert.deepEqual(orgs.map((o) => o.id).sort(), [first.org.id, second.org.id].sort());
    assert.equal(await findOpenInvitation(db, token), null, 'the link works once');
  });

  test('a revoked invitation cannot be used; inviting an existing member is refused', async () => {
    const { org, admin } = await makeOrg(db, 'revoke');
    const inv = await inviteUser(db, {
      orgId: org.id,
      actorUserId: admin.user.id,
      ip: null,
      email: 'batal@t.test',
      role: 'sales',
    });
    await revokeInvitation(db, { orgId: org.id, actorUserId: admin.user.id, ip: null, invitationId: inv.invitationId });
    assert.equal(await findOpenInvitation(db, inv.token), null);
    await assert.rejects(
      inviteUser(db, { orgId: org.id, actorUserId: admin.user.id, ip: null, email: admin.user.email, role: 'sales' }),
      (e) => code(e) === 'already_member',
    );
  });

  test('an invitation revoked while its form is being filled in does not join', async () => {
    const { org, admin } = await makeOrg(db, 'revoke-race');
    const email = `balapan-${Date.now()}@t.test`;
    const inv = await inviteUser(db, { orgId: org.id, actorUserId: admin.user.id, ip: null, email, role: 'sales' });
    // Another transaction holds the email's unique slot, so accepting stops after reading
    // the (still open) invitation, at creating the account; the admin revokes meanwhile.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let holding!: () => void;
    const slotHeld = new Promise<void>((resolve) => (holding = resolve));
    const blocker = db
      .transaction(async (tx) => {
        await tx.insert(users).values({ email, name: 'x', passwordHash: 'x' });
        holding();
        await held;
        tx.rollback();
      })
      .catch(() => {});
    await slotHeld;
    const accepting = acceptInvitation(db, {
      token: inv.token,
      name: 'Balap',
      password: 'kabel-fiber-1',
      ip: null,
    }).then(
      () => 'joined',
      (e) => code(e),
    );
    await new Promise((resolve) => setTimeout(resolve, 400));
    await revokeInvitation(db, { orgId: org.id, actorUserId: admin.user.id, ip: null, invitationId: inv.invitationId });
    release();
    await blocker;
    assert.equal(await accepting, 'invitation_invalid');
  });

  test('a deactivated member cannot rejoin with a second invitation link', async () => {
    const { org, admin } = await makeOrg(db, 'second-link');
    const email = `dua-link-${Date.now()}@t.test`;
    const first = await inviteUser(db, {
      orgId: org.id,
      actorUserId: admin.user.id,
      ip: null,
      email,
      role: 'technician',
    });
    const second = await inviteUser(db, { orgId: org.id, actorUserId: admin.user.id, ip: null, email, role: 'admin' });
    const joined = await acceptInvitation(db, {
      token: first.token,
      name: 'Dua Link',
      password: 'kabel-fiber-1',
      ip: null,
    });
    assert.equal(await findOpenInvitation(db, second.token), null, 'joining revokes the other open link');
    const [membership] = await db
      .select()
      .from(memberships)
      .where(and(eq(memberships.organizationId, org.id), eq(memberships.userId, joined.userId)));
    assert.ok(
      (
        await executeOperation(setMemberActiveOp, ctxFor(db, org.id, admin.user.id, 'admin'), {
          membershipId: membership!.id,
          active: false,
        })
      ).ok,
    );
    await assert.rejects(
      acceptInvitationAsUser(db, { token: second.token, userId: joined.userId, ip: null }),
      (e) => code(e) === 'invitation_invalid',
    );
    const [after] = await db.select().from(memberships).where(eq(memberships.id, membership!.id));
    assert.equal(after!.active, false);
  });

  test('deactivating a member revokes invitations still open for them', async () => {
    const { org, admin } = await makeOrg(db, 'deact-revoke');
    const member = await makeMember(db, org.id, 'sales');
    // An invitation still open for a member (inviting a member is refused, so it is made out to another email first).
    const inv = await inviteUser(db, {
      orgId: org.id,
      actorUserId: admin.user.id,
      ip: null,
      email: `nanti-${Date.now()}@t.test`,
      role: 'sales',
    });
    await db.update(invitations).set({ email: member.user.email }).where(eq(invitations.id, inv.invitationId));
    assert.ok(
      (
        await executeOperation(setMemberActiveOp, ctxFor(db, org.id, admin.user.id, 'admin'), {
          membershipId: member.membership.id,
          active: false,
        })
      ).ok,
    );
    assert.equal(await findOpenInvitation(db, inv.token), null);
  });

  test('the last active admin cannot be demoted or deactivated, and nobody changes themselves', async () => {
    const { org, admin } = await makeOrg(db, 'admins');
    const other = await makeMember(db, org.id, 'admin');
    const ctx = ctxFor(db, org.id, other.user.id, 'admin');
    // Demoting the first admin works while `other` remains admin.
    assert.ok((await executeOperation(changeRoleOp, ctx, { membershipId: admin.membership.id, role: 'finance' })).ok);
    const self = await executeOperation(setMemberActiveOp, ctx, { membershipId: other.membership.id, active: false });
    assert.equal(!self.ok && self.code, 'self_change');
    // A super admin demoting the only remaining admin is refused with a clear message.
    const superCtx = ctxFor(db, org.id, admin.user.id, 'super_admin');
    const last = await executeOperation(changeRoleOp, superCtx, { membershipId: other.membership.id, role: 'noc' });
    assert.deepEqual(last, {
      ok: false,
      code: 'last_admin',
      message: 'Organisasi harus punya setidaknya satu admin aktif.',
    });
  });

  test("a suspended organization disappears from its members' switcher", async () => {
    const { org, admin } = await makeOrg(db, 'suspend');
    await setOrganizationStatus(db, { orgId: org.id, status: 'suspended', actorUserId: admin.user.id, ip: null });
    assert.deepEqual(await listUserOrganizations(db, admin.user.id), []);
    const [row] = await db.select().from(organizations).where(eq(organizations.id, org.id));
    assert.equal(row!.status, 'suspended');
  });

  test('the audit log records who did what from where, and filters by action and text', async () => {
    const { org, admin } = await makeOrg(db, 'audit');
    const member = await makeMember(db, org.id, 'sales');
    const ctx = ctxFor(db, org.id, admin.user.id, 'admin');
    await executeOperation(changeRoleOp, ctx, { membershipId: member.membership.id, role: 'noc' });
    await inviteUser(db, {
      orgId: org.id,
      actorUserId: admin.user.id,
      ip: '203.0.113.5',
      email: 'audit@t.test',
      role: 'hr',
    });

    const byAction = await executeOperation(listAuditOp, ctx, { action: 'user.role_changed' });
    assert.ok(byAction.ok);
    assert.equal(byAction.data.page.items.length, 1);
    const entry = byAction.data.page.items[0]!;
    assert.equal(entry.actorEmail, admin.user.email);
    assert.equal(entry.ip, '203.0.113.7');
    assert.deepEqual(entry.data, { from: 'sales', to: 'noc' });
    assert.deepEqual(byAction.data.actions, ['user.invited', 'user.role_changed']);

    const found = await db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.organizationId, org.id), eq(auditLogs.action, 'user.invited')));
    assert.equal(found[0]!.ip, '203.0.113.5');
  });

  test('the audit log pages by cursor without gaps or repeats', async () => {
    const { org, admin } = await makeOrg(db, 'pages');
    for (let i = 0; i < 7; i++) {
      await inviteUser(db, {
        orgId: org.id,
        actorUserId: admin.user.id,
        ip: null,
        email: `p${i}@t.test`,
        role: 'sales',
      });
    }
    const seen: number[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await listAuditLogs(db, { orgId: org.id, cursor, limit: 3 });
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor);
    assert.equal(pages, 3);
    assert.equal(seen.length, 7);
    assert.equal(new Set(seen).size, 7);
  });
});
