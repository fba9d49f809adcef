import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { invitations, jobs, memberships, organizations } from '@/db/schema';
import * as auditOps from '@/lib/audit/operations';
import * as jobOps from '@/lib/jobs/operations';
import { OPERATIONS } from '@/lib/operations';
import * as orgOps from '@/lib/organizations/operations';
import { listUserOrganizations } from '@/lib/organizations/queries';
import { executeOperation, type Ctx, type Operation, type Result } from '@/lib/server/operation';
import { inviteUser } from '@/lib/users/invitations';
import * as userOps from '@/lib/users/operations';
import { ctxFor, makeMember, makeOrg, testDb } from '../helpers';

/**
 * A member of organization A, with every permission an admin has, tries each operation on
 * organization B's records. Every server action and route handler runs one of these
 * operations; the checks at the bottom prove that no entry point is missing from this list.
 */
const db = testDb();
let a: Awaited<ReturnType<typeof makeOrg>>;
let b: Awaited<ReturnType<typeof makeOrg>> & {
  member: Awaited<ReturnType<typeof makeMember>>;
  invitationId: string;
  jobId: string;
};
let ctxA: Ctx;

before(async () => {
  a = await makeOrg(db, 'tenant-a');
  const orgB = await makeOrg(db, 'tenant-b');
  const member = await makeMember(db, orgB.org.id, 'technician');
  const inv = await inviteUser(db, { orgId: orgB.org.id, actorUserId: orgB.admin.user.id, ip: null, email: 'calon@b.test', role: 'sales' });
  const [job] = await db.insert(jobs).values({ organizationId: orgB.org.id, type: 'worker-check', state: 'failed', error: 'B only' }).returning();
  b = { ...orgB, member, invitationId: inv.invitationId, jobId: job!.id };
  ctxA = ctxFor(db, a.org.id, a.admin.user.id, 'admin');
});

const run = <S extends z.ZodType, T>(op: Operation<S, T>, input: unknown) => executeOperation(op, ctxA, input);
const expectNotFound = (r: Result<unknown>) => {
  assert.equal(r.ok, false);
  assert.equal(!r.ok && r.code, 'not_found');
};
const json = (v: unknown) => JSON.stringify(v);

const CASES: Record<string, () => Promise<void>> = {
  'users.list': async () => {
    const r = await run(userOps.listMembersOp, {});
    assert.ok(r.ok);
    assert.ok(!json(r.data).includes(b.member.user.email) && !json(r.data).includes('calon@b.test'));
  },
  'users.invite': async () => {
    const r = await run(userOps.inviteUserOp, { email: 'baru@a.test', role: 'noc' });
    assert.ok(r.ok);
    const rows = await db.select().from(invitations).where(eq(invitations.email, 'baru@a.test'));
    assert.deepEqual(rows.map((i) => i.organizationId), [a.org.id]);
  },
  'users.revokeInvitation': async () => {
    expectNotFound(await run(userOps.revokeInvitationOp, { invitationId: b.invitationId }));
    const [inv] = await db.select().from(invitations).where(eq(invitations.id, b.invitationId));
    assert.equal(inv!.revokedAt, null);
  },
  'users.changeRole': async () => {
    expectNotFound(await run(userOps.changeRoleOp, { membershipId: b.member.membership.id, role: 'admin' }));
    const [m] = await db.select().from(memberships).where(eq(memberships.id, b.member.membership.id));
    assert.equal(m!.role, 'technician');
  },
  'users.setActive': async () => {
    expectNotFound(await run(userOps.setMemberActiveOp, { membershipId: b.member.membership.id, active: false }));
    const [m] = await db.select().from(memberships).where(eq(memberships.id, b.member.membership.id));
    assert.equal(m!.active, true);
  },
  'jobs.list': async () => {
    const r = await run(jobOps.listJobsOp, {});
    assert.ok(r.ok);
    assert.ok(!r.data.items.some((j) => j.id === b.jobId));
  },
  'jobs.get': async () => expectNotFound(await run(jobOps.getJobOp, { jobId: b.jobId })),
  'jobs.retry': async () => {
    expectNotFound(await run(jobOps.retryJobOp, { jobId: b.jobId }));
    const [job] = await db.select().from(jobs).where(eq(jobs.id, b.jobId));
    assert.equal(job!.state, 'failed');
  },
  'jobs.workerCheck': async () => {
    const r = await run(jobOps.runWorkerCheckOp, {});
    assert.ok(r.ok);
    const [job] = await db.select().from(jobs).where(eq(jobs.id, r.data.jobId));
    assert.equal(job!.organizationId, a.org.id);
  },
  'audit.list': async () => {
    const r = await run(auditOps.listAuditOp, {});
    assert.ok(r.ok);
    assert.ok(r.data.page.items.length > 0);
    assert.ok(!json(r.data).includes(b.invitationId) && !json(r.data).includes('calon@b.test'));
  },
  'organization.get': async () => {
    const r = await run(orgOps.getOrganizationSettingsOp, {});
    assert.ok(r.ok);
    assert.equal(r.data.id, a.org.id);
  },
  'organization.update': async () => {
    const r = await run(orgOps.updateOrganizationSettingsOp, { name: 'A Berganti Nama', timezone: 'Asia/Makassar' });
    assert.ok(r.ok);
    const [orgB] = await db.select().from(organizations).where(eq(organizations.id, b.org.id));
    assert.equal(orgB!.name, b.org.name);
    assert.equal(orgB!.timezone, 'Asia/Jakarta');
  },
  // Platform operations cross organizations by design, so only a super admin may run them.
  'platform.listOrganizations': async () => assertForbidden(await run(orgOps.listAllOrganizationsOp, {})),
  'platform.createOrganization': async () =>
    assertForbidden(
      await run(orgOps.createOrganizationOp, { organizationName: 'X Net', slug: 'x-net-a', adminName: 'X', email: 'x@x.test', password: 'rahasia-123' }),
    ),
  'platform.setOrganizationStatus': async () => {
    assertForbidden(await run(orgOps.setOrganizationStatusOp, { organizationId: b.org.id, status: 'suspended' }));
    const [orgB] = await db.select().from(organizations).where(eq(organizations.id, b.org.id));
    assert.equal(orgB!.status, 'active');
  },
};

function assertForbidden(r: Result<unknown>) {
  assert.equal(r.ok, false);
  assert.equal(!r.ok && r.code, 'forbidden');
}

describe('organization A cannot read or change organization B', () => {
  for (const [name, check] of Object.entries(CASES)) test(name, check);

  test('the organization switcher only offers organizations the user belongs to', async () => {
    const orgs = await listUserOrganizations(db, a.admin.user.id);
    assert.deepEqual(orgs.map((o) => o.id), [a.org.id]);
  });
});

// ---- Every entry point is covered -------------------------------------------------------

const OP_VARIABLES = new Map<string, string>(
  [auditOps, jobOps, orgOps, userOps].flatMap((mod) => Object.entries(mod).map(([variable, op]) => [variable, op.name] as [string, string])),
);

function filesNamed(dir: string, name: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) filesNamed(full, name, out);
    else if (entry === name) out.push(full);
  }
  return out;
}

/** Maps each exported function of a file to the operation it runs through runAction. */
function entryPoints(file: string): { name: string; operation: string | null }[] {
  const source = readFileSync(file, 'utf8');
  return source
    .split(/export async function /)
    .slice(1)
    .map((chunk) => {
      const name = chunk.match(/^(\w+)/)![1]!;
      const variable = chunk.match(/runAction\((\w+)/)?.[1];
      return { name, operation: variable ? (OP_VARIABLES.get(variable) ?? `unknown:${variable}`) : null };
    });
}

// Public entry points with no member yet; each checks what it needs itself (tested elsewhere).
const PUBLIC_ACTIONS = ['signupAction', 'acceptInvitationAction', 'switchOrganizationAction', 'setLocaleAction'];

describe('the list above covers every entry point', () => {
  test('every operation has a cross-tenant case', () => {
    assert.deepEqual(Object.keys(CASES).sort(), Object.keys(OPERATIONS).sort());
  });

  test('every server action runs a listed operation (or is a known public action)', () => {
    const actions = filesNamed('lib', 'actions.ts').flatMap(entryPoints);
    assert.ok(actions.length >= 10);
    for (const action of actions) {
      if (PUBLIC_ACTIONS.includes(action.name)) continue;
      assert.ok(action.operation && CASES[action.operation], `${action.name} -> ${action.operation}`);
    }
  });

  test('every route handler runs a listed operation (next-auth itself excepted)', () => {
    const handlers = filesNamed('app/api', 'route.ts').filter((f) => !f.includes('[...nextauth]'));
    assert.ok(handlers.length >= 2);
    for (const file of handlers) {
      for (const handler of entryPoints(file)) {
        assert.ok(handler.operation && CASES[handler.operation], `${file} ${handler.name} -> ${handler.operation}`);
      }
    }
  });
});
