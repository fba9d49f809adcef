import { cookies } from 'next/headers';
import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { ROUTER_COOKIE } from '@/components/network/router-cookie';
import { SessionWhoCells, TrafficCells } from '@/components/network/session-cells';
import { AutoRefresh } from '@/components/ui/auto-refresh';
import { EmptyState, PageHeader } from '@/components/ui/card';
import { FilterSelect } from '@/components/ui/filter-select';
import { SearchForm, searchParam } from '@/components/ui/search-form';
import { STACKED_ROW, StackedCell, StackedTable } from '@/components/ui/stacked-table';
import { PagePager } from '@/components/ui/table';
import { requirePage } from '@/lib/auth/context';
import { can } from '@/lib/auth/permissions';
import { formatDateTime, formatDateTimeOrDash } from '@/lib/format';
import { type Locale, toLocale } from '@/lib/i18n/config';
import { SESSION_KINDS, type SessionKind } from '@/lib/network/constants';
import { listSessionsOp, radiusOnlineOp, sessionRoutersOp } from '@/lib/network/operations';
import type { Read } from '@/lib/server/read';
import { KickButton } from './kick-button';

/** radacct timestamps come from a raw query as Date or Postgres text; a bad value shows "—", not an error page. */

/** "Router (API)" | "RADIUS": only offered when the organization has a RADIUS-mode router. */
function SourceTabs({
  source,
  labels,
}: {
  source: 'api' | 'radius';
  labels: { nav: string; api: string; radius: string };
}) {
  const tab = (value: 'api' | 'radius', href: string, label: string) => (
    <Link
      href={href}
      aria-current={source === value ? 'page' : undefined}
      data-testid={`sessions-tab-${value}`}
      className={`flex min-h-11 flex-1 items-center justify-center rounded-md px-4 text-sm font-medium sm:flex-none ${
        source === value
          ? 'bg-white text-brand-700 shadow-sm dark:bg-slate-900 dark:text-brand-500'
          : 'text-slate-600 hover:text-slate-900 dark:text-slate-400 dark:hover:text-slate-100'
      }`}
    >
      {label}
    </Link>
  );
  return (
    <nav
      aria-label={labels.nav}
      className="mb-3 flex gap-1 rounded-lg bg-slate-100 p-1 sm:inline-flex dark:bg-slate-800"
      data-testid="sessions-source"
    >
      {tab('api', '/sessions', labels.api)}
      {tab('radius', '/sessions?source=radius', labels.radius)}
    </nav>
  );
}

export default async function SessionsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { info, ctx, read } = await requirePage('sessions.view');
  const sp = await searchParams;
  const t = await getTranslations();
  const locale = toLocale(await getLocale());
  const tz = info.org!.timezone;
  const routers = await read(sessionRoutersOp, {});
  const hasRadius = routers.some((r) => r.mode === 'radius');
  const tabs = hasRadius ? (
    <SourceTabs
      source={sp.source === 'radius' ? 'radius' : 'api'}
      labels={{ nav: t('radius.tabsLabel'), api: t('radius.tabApi'), radius: t('radius.tabRadius') }}
    />
  ) : null;
  // No routerId in the URL: start on the router picked in the header (no cookie = all routers).
  // routerId='' (the filter's "all") overrides the cookie, and the pager keeps it in its links.
  const wanted = sp.routerId ?? (await cookies()).get(ROUTER_COOKIE)?.value ?? '';
  const routerId = routers.some((r) => r.id === wanted) ? wanted : '';
  const kind = SESSION_KINDS.includes(sp.kind as SessionKind) ? (sp.kind as SessionKind) : undefined;
  const q = searchParam(sp.q);
  const pageNo = Math.min(10_000, Math.max(1, Number.parseInt(sp.page ?? '1', 10) || 1));
  if (hasRadius && sp.source === 'radius') {
    return <RadiusSessions read={read} q={q} rawQ={sp.q} page={pageNo} locale={locale} timeZone={tz} tabs={tabs} />;
  }
  const list = await read(listSessionsOp, { routerId, kind, q, page: pageNo });
  const canKick = can(ctx.role, 'sessions.kick');
  const pages = Math.max(1, Math.ceil(list.total / list.pageSize));
  const head = [
    t('sessions.username'),
    t('sessions.customer'),
    t('sessions.router'),
    t('sessions.kind'),
    t('sessions.address'),
    t('sessions.callerId'),
    t('sessions.uptime'),
    t('sessions.download'),
    t('sessions.upload'),
    t('sessions.seenAt'),
    ...(canKick ? [''] : []),
  ];
  return (
    <div>
      <AutoRefresh seconds={60} />
      <PageHeader title={t('sessions.title')} subtitle={t('sessions.subtitle', { count: list.total })} />
      {tabs}
      <SearchForm q={sp.q} placeholder={t('sessions.searchPlaceholder')} submitLabel={t('common.filter')}>
        <FilterSelect
          name="routerId"
          label={t('sessions.router')}
          value={routerId}
          allLabel={t('common.all')}
          className="sm:max-w-52"
          testId="sessions-router"
          options={routers.map((r) => ({
            value: r.id,
            label: `${r.name}${r.status === 'offline' ? ` (${t('routers.statuses.offline')})` : ''}`,
          }))}
        />
        <FilterSelect
          name="kind"
          label={t('sessions.kind')}
          value={kind}
          allLabel={t('common.all')}
          className="sm:max-w-40"
          testId="sessions-kind"
          options={SESSION_KINDS.map((k) => ({ value: k, label: t(`routers.kinds.${k}`) }))}
        />
      </SearchForm>
      {list.items.length === 0 ? (
        <EmptyState
          title={q || kind || routerId ? t('sessions.noMatch') : t('sessions.emptyTitle')}
          hint={t('sessions.emptyHint')}
        />
      ) : (
        // One row per session in the DOM (the e2e test and the kick dialog need exactly one):
        // on phones each row is laid out as a card with its own labels, from md up as a table row.
        <StackedTable head={head} testId="sessions-table" bodyTestId="sessions-cards">
          {list.items.map((s) => (
            <tr key={s.id} data-testid="session-row" className={STACKED_ROW.page}>
              <SessionWhoCells
                username={s.username}
                customerId={s.customerId}
                customerName={s.customerName}
                unknownLabel={t('sessions.unknownCustomer')}
              />
              <StackedCell label={t('sessions.router')}>
                <Link href={`/routers/${s.routerId}`} className="underline">
                  {s.routerName}
                </Link>
              </StackedCell>
              <StackedCell label={t('sessions.kind')}>{t(`routers.kinds.${s.kind}`)}</StackedCell>
              <StackedCell label={t('sessions.address')} className="break-all font-mono text-xs">
                {s.address ?? '—'}
              </StackedCell>
              <StackedCell label={t('sessions.callerId')} className="break-all font-mono text-xs">
                {s.callerId ?? '—'}
              </StackedCell>
              <StackedCell label={t('sessions.uptime')} className="md:whitespace-nowrap">
                {s.uptime ?? '—'}
              </StackedCell>
              {/* Stored from the customer's side (lib/network/router-ops.ts): in = download. */}
              <TrafficCells
                download={s.bytesIn}
                upload={s.bytesOut}
                labels={{ download: t('sessions.download'), upload: t('sessions.upload') }}
              />
              <StackedCell label={t('sessions.seenAt')} className="text-xs md:whitespace-nowrap">
                {formatDateTime(s.seenAt, locale, tz)}
              </StackedCell>
              {canKick && (
                <StackedCell className="col-span-2">
                  <KickButton sessionId={s.id} username={s.username} />
                </StackedCell>
              )}
            </tr>
          ))}
        </StackedTable>
      )}
      <PagePager
        basePath="/sessions"
        params={{ routerId, kind: kind ?? '', q: sp.q }}
        page={list.page}
        pageSize={list.pageSize}
        total={list.total}
        labels={{
          previous: t('common.previous'),
          next: t('common.next'),
          pageOf: t('common.pageOf', { page: list.page, pages }),
        }}
      />
    </div>
  );
}

/** Open FreeRADIUS accounting sessions. No disconnect here: that goes through the subscription's status (CoA). */
async function RadiusSessions(p: {
  read: Read;
  q: string | undefined;
  rawQ: string | undefined;
  page: number;
  locale: Locale;
  timeZone: string;
  tabs: ReactNode;
}) {
  const t = await getTranslations();
  const list = await p.read(radiusOnlineOp, { q: p.q, page: p.page });
  const pages = Math.max(1, Math.ceil(list.total / list.pageSize));
  const head = [
    t('sessions.username'),
    t('sessions.customer'),
    t('radius.since'),
    t('radius.lastUpdate'),
    t('sessions.address'),
    t('radius.mac'),
    t('radius.nas'),
    t('sessions.download'),
    t('sessions.upload'),
  ];
  return (
    <div>
      <AutoRefresh seconds={60} />
      <PageHeader title={t('sessions.title')} subtitle={t('radius.onlineSubtitle', { count: list.total })} />
      {p.tabs}
      <SearchForm q={p.rawQ} placeholder={t('sessions.searchPlaceholder')} submitLabel={t('common.filter')}>
        <input type="hidden" name="source" value="radius" />
      </SearchForm>
      {list.items.length === 0 ? (
        p.q ? (
          <EmptyState title={t('sessions.noMatch')} />
        ) : (
          <EmptyState title={t('radius.onlineEmptyTitle')} hint={t('radius.onlineEmptyHint')} />
        )
      ) : (
        <StackedTable head={head} testId="radius-online-table">
          {list.items.map((s) => (
            <tr key={s.id} data-testid="radius-online-row" className={STACKED_ROW.page}>
              <SessionWhoCells
                username={s.username}
                customerId={s.customerId}
                customerName={s.customerName}
                unknownLabel={t('sessions.unknownCustomer')}
              />
              <StackedCell label={t('radius.since')} className="text-xs md:whitespace-nowrap">
                {formatDateTimeOrDash(s.start, p.locale, p.timeZone)}
              </StackedCell>
              <StackedCell label={t('radius.lastUpdate')} className="text-xs md:whitespace-nowrap">
                {formatDateTimeOrDash(s.update, p.locale, p.timeZone)}
              </StackedCell>
              <StackedCell label={t('sessions.address')} className="break-all font-mono text-xs">
                {s.address ?? '—'}
              </StackedCell>
              <StackedCell label={t('radius.mac')} className="break-all font-mono text-xs">
                {s.callingStationId ?? '—'}
              </StackedCell>
              <StackedCell label={t('radius.nas')} className="break-all font-mono text-xs">
                {s.nas}
              </StackedCell>
              {/* accounting.ts already turns the NAS's octets around: download = to the customer. */}
              <TrafficCells
                download={s.download}
                upload={s.upload}
                labels={{ download: t('sessions.download'), upload: t('sessions.upload') }}
              />
            </tr>
          ))}
        </StackedTable>
      )}
      <PagePager
        basePath="/sessions"
        params={{ source: 'radius', q: p.rawQ }}
        page={list.page}
        pageSize={list.pageSize}
        total={list.total}
        labels={{
          previous: t('common.previous'),
          next: t('common.next'),
          pageOf: t('common.pageOf', { page: list.page, pages }),
        }}
      />
    </div>
  );
}
