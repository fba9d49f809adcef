import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ASSIGNABLE_ROLES, can, PERMISSION_NAMES, ROLES } from './permissions';

test('super admin holds every permission; only super admin manages the platform', () => {
  for (const p of PERMISSION_NAMES) assert.ok(can('super_admin', p), p);
  for (const r of ROLES.filter((r) => r !== 'super_admin')) assert.equal(can(r, 'platform.organizations'), false, r);
});

test('every role can open the dashboard; a reseller sees no staff pages', () => {
  for (const r of ROLES) assert.ok(can(r, 'dashboard.view'), r);
  for (const p of ['users.view', 'audit.view', 'jobs.view', 'roles.view'] as const)
    assert.equal(can('reseller', p), false, p);
});

test('an organization admin cannot hand out super admin', () => {
  assert.ok(!(ASSIGNABLE_ROLES as readonly string[]).includes('super_admin'));
  assert.equal(ASSIGNABLE_ROLES.length, ROLES.length - 1);
});
