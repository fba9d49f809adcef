import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, test } from 'node:test';
import { jobs } from '@/db/schema';
import { can, ROLES, type Role } from '@/lib/auth/permissions';
import { OPERATIONS } from '@/lib/operations';
import { executeOperation } from '@/lib/server/operation';
import { inviteUser } from '@/lib/users/invitations';
import { ctxFor, makeMember, makeOrg, testDb } from '../helpers';

const db = testDb();

/** A fresh organization with one of everything an operation may need. */
async function scenario() {
  const { org, admin } = await makeOrg(db, 'perm');
  const other = await makeMember(db, org.id, 'operator');
  const inv = await inviteUser(db, { orgId: org.id, actorUserId: admin.user.id, ip: null, email: `inv-${randomUUID()}@t.test`, role: 'sales' });
  const [failed] = await db.insert(jobs).values({ organizationId: org.id, type: 'worker-check', state: 'failed', error: 'x' }).returning();
  const spare = await makeOrg(db, 'spare');
  const u = randomUUID().slice(0, 8);
  const inputs: Record<string, unknown> = {
    'users.list': {},
    'users.invite': { email: `new-${u}@t.test`, role: 'technician' },
    'users.revokeInvitation': { invitationId: inv.invitationId },
    'users.changeRole': { membershipId: other.membership.id, role: 'noc' },
    'users.setActive': { membershipId: other.membership.id, active: false },
    'jobs.list': {},
    'jobs.get': { jobId: failed!.id },
    'jobs.retry': { jobId: failed!.id },
    'jobs.workerCheck': {},
    'audit.list': {},
    'organization.get': {},
    'organization.update': { name: 'Nama Baru', timezone: 'Asia/Makassar' },
    'platform.listOrganizations': {},
    'platform.createOrganization': { organizationName: 'Net Baru', slug: `net-${u}`, adminName: 'Admin Baru', email: `a-${u}@t.test`, password: 'rahasia-123' },
    'platform.setOrganizationStatus': { organizationId: spare.org.id, status: 'suspended' },
  };
  return { org, admin, inputs };
}

describe('permission matrix: allowed actions succeed, the others are refused clearly', () => {
  for (const role of ROLES) {
    test(role, async () => {
      const { org, admin, inputs } = await scenario();
      assert.deepEqual(Object.keys(inputs).sort(), Object.keys(OPERATIONS).sort());
      for (const op of Object.values(OPERATIONS)) {
        const result = await executeOperation(op, ctxFor(db, org.id, admin.user.id, role as Role), inputs[op.name]);
        if (can(role, op.permission)) {
          assert.ok(result.ok, `${role} should be allowed ${op.name}: ${JSON.stringify(result)}`);
        } else {
          assert.deepEqual(
            result,
            { ok: false, code: 'forbidden', message: 'Anda tidak memiliki izin untuk melakukan ini.' },
            `${role} must be refused ${op.name}`,
          );
        }
      }
    });
  }

  test('the refusal is in English for an English-speaking user', async () => {
    const { org, admin } = await scenario();
    const r = await executeOperation(OPERATIONS['users.list']!, ctxFor(db, org.id, admin.user.id, 'technician', 'en'), {});
    assert.deepEqual(r, { ok: false, code: 'forbidden', message: 'You do not have permission to do this.' });
  });

  test('bad input comes back per field, in Indonesian', async () => {
    const { org, admin } = await scenario();
    const r = await executeOperation(OPERATIONS['users.invite']!, ctxFor(db, org.id, admin.user.id, 'admin'), { email: 'bukan-email', role: 'kepala' });
    assert.equal(r.ok, false);
    assert.ok(!r.ok);
    assert.equal(r.code, 'validation');
    assert.equal(r.fieldErrors?.email, 'Masukkan alamat email yang valid.');
    assert.equal(r.fieldErrors?.role, 'Pilih peran yang tersedia.');
  });
});
