import { cookies } from 'next/headers';
import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { MapConfig } from '@/components/map/map-config';
import { ROUTER_COOKIE } from '@/components/network/router-cookie';
import { QuickSearch } from '@/components/search/quick-search';
import { AccountPanel } from '@/components/shell/account-panel';
import { DemoBanner } from '@/components/shell/demo-banner';
import { type NavItem, Navigation } from '@/components/shell/nav';
import { RouterSwitcher } from '@/components/shell/router-switcher';
import { UserMenu } from '@/components/shell/user-menu';
import { OrgLogo } from '@/components/ui/org-logo';
import { requirePage } from '@/lib/auth/context';
import { can, type Permission } from '@/lib/auth/permissions';
import { env } from '@/lib/env';
import { routerChoicesOp } from '@/lib/network/operations';

const NAV: (NavItem & { permission: Permission; resellerOnly?: boolean })[] = [
  { href: '/', key: 'dashboard', permission: 'dashboard.view' },
  { href: '/customers', key: 'customers', permission: 'customers.view' },
  { href: '/leads', key: 'leads', permission: 'leads.view' },
  { href: '/reseller', key: 'resellerPortal', permission: 'resellers.portal', resellerOnly: true },
  { href: '/billing', key: 'billing', permission: 'billing.view' },
  { href: '/payments', key: 'payments', permission: 'billing.view' },
  { href: '/reports', key: 'reports', permission: 'reports.view' },
  { href: '/resellers', key: 'resellers', permission: 'resellers.view' },
  { href: '/whatsapp', key: 'whatsapp', permission: 'messaging.view' },
  { href: '/plans', key: 'plans', permission: 'plans.view' },
  { href: '/vouchers', key: 'vouchers', permission: 'vouchers.view' },
  { href: '/wallet', key: 'wallet', permission: 'wallet.view', resellerOnly: true },
  { href: '/resellers/topups', key: 'walletTopups', permission: 'wallet.manage' },
  { href: '/map', key: 'map', permission: 'odps.view' },
  { href: '/network', key: 'network', permission: 'odps.view' },
  { href: '/routers', key: 'routers', permission: 'routers.view' },
  { href: '/sessions', key: 'sessions', permission: 'sessions.view' },
  { href: '/jobs', key: 'jobs', permission: 'jobs.view' },
  { href: '/users', key: 'users', permission: 'users.view' },
  { href: '/audit', key: 'audit', permission: 'audit.view' },
  { href: '/settings/roles', key: 'roles', permission: 'roles.view' },
  { href: '/settings/organization', key: 'settings', permission: 'organization.settings' },
  { href: '/admin/organizations', key: 'organizations', permission: 'platform.organizations' },
  { href: '/admin/users', key: 'platformUsers', permission: 'platform.organizations' },
];

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  // Each page checks its own permission (and sends a member who must set up 2FA to /account).
  const { info, ctx, read } = await requirePage(undefined, { duringEnrolment: true });
  const t = await getTranslations();
  // The header router switcher is for staff who watch the network, once there is a router.
  const routers = can(ctx.role, 'routers.view') ? await read(routerChoicesOp, {}) : [];
  const currentRouter = routers.length > 0 ? ((await cookies()).get(ROUTER_COOKIE)?.value ?? null) : null;
  // A reseller's own pages (portal, wallet) mean nothing to staff, super admin included.
  const items = NAV.filter((n) => can(ctx.role, n.permission) && (!n.resellerOnly || ctx.role === 'reseller')).map(
    ({ href, key }) => ({ href, key }),
  );
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
          <OrgLogo name={info.org!.name} logo={info.org!.logo} />
          <span className="truncate font-semibold" data-testid="org-name">
            {info.org!.name}
          </span>
        </div>
        <div className="flex min-w-0 items-center gap-2">
          <QuickSearch />
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
        <Navigation items={items} accountPanel={panel} />
        <main className="min-w-0 flex-1 p-4 pb-24 md:p-6">
          <MapConfig tileUrl={env().MAP_TILE_URL}>{children}</MapConfig>
        </main>
      </div>
    </div>
  );
}
