import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { buttonClass } from '@/components/ui/button';
import { PageHeader } from '@/components/ui/card';
import { requirePage } from '@/lib/auth/context';
import { can } from '@/lib/auth/permissions';
import { CableList } from './_components/cable-list';
import { OdpList } from './_components/odp-list';
import { SiteList } from './_components/site-list';

const TABS = ['odp', 'sites', 'cables'] as const;
type Tab = (typeof TABS)[number];

/** Jaringan: the infrastructure records as lists (ODP | Titik | Kabel); the map is /map. */
export default async function NetworkPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { ctx, read } = await requirePage('odps.view');
  const sp = await searchParams;
  const t = await getTranslations();
  const tab: Tab = (TABS as readonly string[]).includes(sp.tab ?? '') ? (sp.tab as Tab) : 'odp';
  const page = Math.min(10_000, Math.max(1, Number.parseInt(sp.page ?? '1', 10) || 1));
  const manage = can(ctx.role, 'odps.manage');
  const List = { odp: OdpList, sites: SiteList, cables: CableList }[tab];
  return (
    <div className="space-y-4">
      <PageHeader
        title={t('network.title')}
        subtitle={t('network.subtitle')}
        actions={
          <Link href="/network/import" className={buttonClass('secondary')} data-testid="network-import-link">
            {t('networkIo.open')}
          </Link>
        }
      />
      <nav
        className="flex gap-1 overflow-x-auto border-b border-slate-200 dark:border-slate-800"
        aria-label={t('network.title')}
      >
        {TABS.map((key) => (
          <Link
            key={key}
            href={key === 'odp' ? '/network' : `/network?tab=${key}`}
            aria-current={key === tab ? 'page' : undefined}
            data-testid={`network-tab-${key}`}
            className={`-mb-px inline-flex min-h-11 items-center whitespace-nowrap border-b-2 px-4 text-sm font-medium ${
              key === tab
                ? 'border-brand-600 text-brand-700 dark:text-brand-500'
                : 'border-transparent text-slate-600 hover:text-slate-900 dark:text-slate-400'
            }`}
          >
            {t(`network.tabs.${key}`)}
          </Link>
        ))}
      </nav>
      <List read={read} sp={sp} page={page} manage={manage} />
    </div>
  );
}
