import assert from 'node:assert/strict';
import { test } from 'node:test';
import { can, PERMISSION_NAMES, ROLES } from '@/lib/auth/permissions';
import en from '@/messages/en.json';
import id from '@/messages/id.json';
import { grantableScopes, scopeArea, scopePreset, scopesBeyond, scopesByArea } from './keys-scopes';

test("a key's scopes are the maker's permissions, never api.manage or platform work", () => {
  for (const role of ROLES) {
    const grantable = grantableScopes(role);
    assert.ok(
      grantable.every((p) => can(role, p)),
      role,
    );
    for (const never of [
      'api.manage',
      'webhooks.manage',
      'plugins.manage',
      'platform.organizations',
      'platform.backups',
    ] as const)
      assert.ok(!grantable.includes(never), `${role}: ${never}`);
    assert.deepEqual(scopesBeyond(role, grantable), []);
    assert.ok(scopePreset(role, 'read').every((p) => p.endsWith('.view') && grantable.includes(p)));
    assert.deepEqual(scopePreset(role, 'full'), grantable);
    // Grouping keeps every scope, once.
    assert.deepEqual(
      scopesByArea(role).flatMap((a) => a.scopes),
      grantable,
    );
  }
  assert.deepEqual(scopesBeyond('admin', ['customers.view', 'wallet.view', 'api.manage', 'nope']), [
    'wallet.view',
    'api.manage',
    'nope',
  ]);
  assert.deepEqual(scopesBeyond('finance', ['routers.manage']), ['routers.manage']);
});

test('every area a key form shows has its name in both languages', () => {
  for (const p of PERMISSION_NAMES) {
    if (['api.manage', 'webhooks.manage', 'plugins.manage', 'platform.organizations', 'platform.backups'].includes(p))
      continue;
    for (const messages of [id, en]) {
      const areas = (messages as unknown as { apiKeys: { areas: Record<string, string> } }).apiKeys.areas;
      assert.equal(typeof areas[scopeArea(p)], 'string', `${scopeArea(p)} (${p})`);
    }
  }
});
