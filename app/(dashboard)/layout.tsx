import { cookies } from 'next/headers';
import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { MapConfig } from '@/components/map/map-config';
import { ROUTER_COOKIE } from '@/components/network/router-cookie';
import { AccountPanel } from '@/components/shell/account-panel';
import { DemoBanner } from '@/components/shell/demo-banner';
import { type NavItem, Navigation } from '@/components/shell/nav';
import { RouterSwitcher } from '@/components/shell/router-switcher';
import { UserMenu } from '@/components/shell/user-menu';
import { requirePage } from '@/lib/auth/context';
import { can, type Permission, type Role } from '@/lib/auth/permissions';
import { env } from '@/lib/env';
import { routerChoicesOp } from '@/lib/network/operations';

type NavEntry = NavItem & { permission: Permission; resellerOnly?: boolean };

/** Every page in the menu, by group (components/shell/nav-items.ts orders the groups). */
const NAV: NavEntry[] = [
  { href: '/', key: 'dashboard', permission: 'dashboard.view' },
  { href: '/customers', key: 'customers', group: 'customers', permission: 'customers.view' },
  { href: '/leads', key: 'leads', group: 'customers', permission: 'leads.view' },
  { href: '/plans', key: 'plans', group: 'customers', permission: 'plans.view' },
  { href: '/whatsapp', key: 'whatsapp', group: 'customers', permission: 'messaging.view' },
  { href: '/reseller', key: 'resellerPortal', group: 'finance', permission: 'resellers.portal', resellerOnly: true },
  { href: '/wallet', key: 'wallet', group: 'finance', permission: 'wallet.view', resellerOnly: true },
  { href: '/billing', key: 'billing', group: 'finance', permission: 'billing.view' },
  { href: '/payments', key: 'payments', group: 'finance', permission: 'billing.view' },
  { href: '/vouchers', key: 'vouchers', group: 'finance', permission: 'vouchers.view' },
  { href: '/resellers', key: 'resellers', group: 'finance', permission: 'resellers.view' },
  { href: '/resellers/topups', key: 'walletTopups', group: 'finance', permission: 'wallet.manage' },
  { href: '/reports', key: 'reports', group: 'finance', permission: 'reports.view' },
  { href: '/map', key: 'map', group: 'network', permission: 'odps.view' },
  { href: '/network', key: 'network', group: 'network', permission: 'odps.view' },
  { href: '/routers', key: 'routers', group: 'network', permission: 'routers.view' },
  { href: '/sessions', key: 'sessions', group: 'network', permission: 'sessions.view' },
  { href: '/settings', key: 'settings', group: 'settings', permission: 'organization.settings' },
  { href: '/settings/roles', key: 'roles', group: 'settings', permission: 'roles.view' },
  { href: '/users', key: 'users', group: 'settings', permission: 'users.view' },
  { href: '/jobs', key: 'jobs', group: 'settings', permission: 'jobs.view' },
  { href: '/audit', key: 'audit', group: 'settings', permission: 'audit.view' },
  { href: '/admin/organizations', key: 'organizations', group: 'platform', permission: 'platform.organizations' },
  { href: '/admin/users', key: 'platformUsers', group: 'platform', permission: 'platform.organizations' },
];

/**
 * The phone bottom bar: each role's three most used pages, then "Menu". A reseller buys
 * vouchers on the wallet page, so their "Voucher" opens it at the purchase form.
 */
const BOTTOM: Record<Role, (NavItem & { permission: Permission })[]> = (() => {
  const nav = (href: string) => NAV.find((n) => n.href === href)!;
  const home = nav('/');
  const desk = [home, nav('/customers'), nav('/billing')];
  const field = [home, nav('/network'), nav('/map')];
  return {
    super_admin: desk,
    admin: desk,
    operator: desk,
    finance: [home, nav('/billing'), nav('/payments')],
    noc: [home, nav('/routers'), nav('/map')],
    sales: [home, nav('/leads'), nav('/customers')],
    technician: field,
    warehouse: field,
    hr: [home, nav('/users'), nav('/settings/roles')],
    reseller: [
      nav('/reseller'),
      nav('/wallet'),
      { href: '/wallet#buy-title', key: 'resellerVouchers', permission: 'wallet.view' },
    ],
  };
})();

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  // Each page checks its own permission (and sends a member who must set up 2FA to /account).
  const { info, ctx, read } = await requirePage(undefined, { duringEnrolment: true });
  const t = await getTranslations();
  // The header router switcher is for staff who watch the network, once there is a router.
  const routers = can(ctx.role, 'routers.view') ? await read(routerChoicesOp, {}) : [];
  const currentRouter = routers.length > 0 ? ((await cookies()).get(ROUTER_COOKIE)?.value ?? null) : null;
  // A reseller's own pages (portal, wallet) mean nothing to staff, super admin included.
  const items = NAV.filter((n) => can(ctx.role, n.permission) && (!n.resellerOnly || ctx.role === 'reseller')).map(
    ({ href, key, group }) => ({ href, key, group }),
  );
  const bottom = BOTTOM[ctx.role].filter((n) => can(ctx.role, n.permission)).map(({ href, key }) => ({ href, key }));
  const panel = (
    <AccountPanel
      name={info.user.name}
      email={info.user.email}
      roleLabel={t(`roles.names.${info.displayRole ?? ctx.role}`)}
      orgId={ctx.orgId}
      organizations={info.organizations}
    />
  );
  return (
    <div className="flex min-h-dvh flex-col">
      <DemoBanner />
      <header className="sticky top-0 z-20 flex h-14 items-center justify-between gap-3 border-b border-slate-200 bg-white/95 px-4 backdrop-blur dark:border-slate-800 dark:bg-slate-900/95">
        <div className="flex min-w-0 items-center gap-2">
          <span
            aria-hidden
            className="grid h-8 w-8 shrink-0 place-items-center rounded-lg bg-brand-600 font-bold text-white"
          >
            J
          </span>
          <span className="truncate font-semibold" data-testid="org-name">
            {info.org!.name}
          </span>
        </div>
        <div className="flex min-w-0 items-center gap-2">
          {routers.length > 0 && (
            <RouterSwitcher
              routers={routers.map(({ id, name, status }) => ({ id, name, status }))}
              current={currentRouter}
            />
          )}
          <UserMenu label={info.user.name}>{panel}</UserMenu>
        </div>
      </header>
      <div className="flex flex-1">
        <Navigation items={items} bottom={bottom} accountPanel={panel} />
        <main className="min-w-0 flex-1 p-4 pb-24 md:p-6">
          <MapConfig tileUrl={env().MAP_TILE_URL}>{children}</MapConfig>
        </main>
      </div>
    </div>
  );
}
