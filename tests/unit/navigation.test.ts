import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NAV_GROUPS, navigationFor } from '@/components/shell/nav-items';
import { ROLES } from '@/lib/auth/permissions';
import en from '@/messages/en.json';
import id from '@/messages/id.json';

type Messages = { nav: Record<string, unknown> & { groups: Record<string, string> } };

test("every role's bottom bar holds three pages it may open, and its menu has them", () => {
  for (const role of ROLES) {
    const { items, bottom } = navigationFor(role);
    assert.equal(bottom.length, 3, role);
    for (const b of bottom) {
      const page = b.href.split('#')[0];
      assert.ok(
        items.some((i) => i.href === page),
        `${role}: ${b.href} is in the bottom bar but not in the menu`,
      );
    }
  }
});

test('staff never see the reseller pages; a reseller sees no staff money pages', () => {
  for (const role of ROLES.filter((r) => r !== 'reseller')) {
    const hrefs = navigationFor(role).items.map((i) => i.href);
    assert.ok(!hrefs.includes('/wallet') && !hrefs.includes('/reseller'), role);
  }
  const reseller = navigationFor('reseller').items.map((i) => i.href);
  for (const staffOnly of ['/billing', '/payments', '/resellers', '/jobs', '/audit', '/settings'])
    assert.ok(!reseller.includes(staffOnly), staffOnly);
});

test('the menu is grouped and the platform group is the super admin’s alone', () => {
  const groupsOf = (role: (typeof ROLES)[number]) => new Set(navigationFor(role).items.map((i) => i.group));
  assert.deepEqual([...groupsOf('super_admin')].filter(Boolean), [...NAV_GROUPS]);
  for (const role of ROLES.filter((r) => r !== 'super_admin')) assert.ok(!groupsOf(role).has('platform'), role);
  // The settings group opens the settings hub.
  assert.ok(navigationFor('admin').items.some((i) => i.href === '/settings' && i.group === 'settings'));
});

test('every menu entry and group has its words in both languages', () => {
  for (const messages of [id, en] as unknown as Messages[]) {
    for (const role of ROLES) {
      const { items, bottom } = navigationFor(role);
      for (const i of [...items, ...bottom]) assert.equal(typeof messages.nav[i.key], 'string', i.key);
    }
    for (const g of NAV_GROUPS) assert.equal(typeof messages.nav.groups[g], 'string', g);
  }
});
