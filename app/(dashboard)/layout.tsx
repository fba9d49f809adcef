import { cookies } from 'next/headers';
import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { MapConfig } from '@/components/map/map-config';
import { ROUTER_COOKIE } from '@/components/network/router-cookie';
import { QuickSearch } from '@/components/search/quick-search';
import { AccountPanel } from '@/components/shell/account-panel';
import { DemoBanner } from '@/components/shell/demo-banner';
import { Navigation } from '@/components/shell/nav';
import { navigationFor } from '@/components/shell/nav-items';
import { RouterSwitcher } from '@/components/shell/router-switcher';
import { UserMenu } from '@/components/shell/user-menu';
import { OrgLogo } from '@/components/ui/org-logo';
import { requirePage } from '@/lib/auth/context';
import { can } from '@/lib/auth/permissions';
import { env } from '@/lib/env';
import { routerChoicesOp } from '@/lib/network/operations';

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  // Each page checks its own permission (and sends a member who must set up 2FA to /account).
  const { info, ctx, read } = await requirePage(undefined, { duringEnrolment: true });
  const t = await getTranslations();
  // The header router switcher is for staff who watch the network, once there is a router.
  const routers = can(ctx.role, 'routers.view') ? await read(routerChoicesOp, {}) : [];
  const currentRouter = routers.length > 0 ? ((await cookies()).get(ROUTER_COOKIE)?.value ?? null) : null;
  const { items, bottom } = navigationFor(ctx.role);
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
        <Navigation items={items} bottom={bottom} accountPanel={panel} />
        <main className="min-w-0 flex-1 p-4 pb-24 md:p-6">
          <MapConfig tileUrl={env().MAP_TILE_URL}>{children}</MapConfig>
        </main>
      </div>
    </div>
  );
}
