import assert from 'node:assert/strict';
import { test } from 'node:test';
import { can, ROLES } from '@/lib/auth/permissions';
import { dashboardSections } from './sections';

const NEEDS = {
  money: 'billing.view',
  network: 'routers.view',
  sales: 'customers.manage',
  work: 'workorders.view',
  field: 'odps.view',
  people: 'users.view',
  reseller: 'resellers.portal',
  warehouse: 'inventory.view',
} as const;

test('every role gets at least one section, and only ones its permissions can read', () => {
  for (const role of ROLES) {
    const { sections } = dashboardSections(role);
    assert.ok(sections.length > 0, role);
    for (const s of sections) assert.ok(can(role, NEEDS[s]), `${role} ${s}`);
  }
  assert.equal(dashboardSections('warehouse').later, false);
  assert.equal(dashboardSections('warehouse').sections[0], 'warehouse');
  assert.equal(dashboardSections('hr').later, true);
});
