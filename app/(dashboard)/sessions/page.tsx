import { getLocale, getTranslations } from 'next-intl/server';
import { cookies } from 'next/headers';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { formatBytes } from '@/components/network/format';
import { ROUTER_COOKIE } from '@/components/network/router-cookie';
import { AutoRefresh } from '@/components/ui/auto-refresh';
import { EmptyState, PageHeader } from '@/components/ui/card';
import { inputClass } from '@/components/ui/field';
import { SearchForm } from '@/components/ui/search-form';
import { PagePager } from '@/components/ui/table';
import { requirePage } from '@/lib/auth/context';
import { can } from '@/lib/auth/permissions';
import { formatDateTime } from '@/lib/format';
import { toLocale } from '@/lib/i18n/config';
import { SESSION_KINDS, type SessionKind } from '@/lib/network/constants';
import { routerChoices } from '@/lib/network/routers';
import { listSessions } from '@/lib/network/sessions';
import { KickButton } from './kick-button';

/** A table cell that, on a phone card, carries its own column label above the value. */
function Cell({ label, className = '', children }: { label?: string; className?: string; children: ReactNode }) {
  return (
    <td className={`block min-w-0 md:table-cell md:px-3 md:py-2 md:align-top ${className}`}>
      {label && <span className="block text-xs font-normal text-slate-500 md:hidden">{label}</span>}
      {children}
    </td>
  );
}

export default async function SessionsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const { info, ctx } = await requirePage('sessions.view');
  const sp = await searchParams;
  const t = await getTranslations();
  const locale = toLocale(await getLocale());
  const tz = info.org!.timezone;
  const routers = await routerChoices(ctx.db, { orgId: ctx.orgId });
  // No routerId in the URL: start on the router picked in the header (no cookie = all routers).
  // routerId='' (the filter's "all") overrides the cookie, and the pager keeps it in its links.
  const wanted = sp.routerId ?? (await cookies()).get(ROUTER_COOKIE)?.value ?? '';
  const routerId = routers.some((r) => r.id === wanted) ? wanted : '';
  const kind = SESSION_KINDS.includes(sp.kind as SessionKind) ? (sp.kind as SessionKind) : undefined;
  const q = sp.q?.trim().slice(0, 100) || undefined;
  const pageNo = Math.min(10_000, Math.max(1, Number.parseInt(sp.page ?? '1', 10) || 1));
  const list = await listSessions(ctx.db, { orgId: ctx.orgId, routerId: routerId || undefined, kind, q, page: pageNo });
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
      <SearchForm q={sp.q} placeholder={t('sessions.searchPlaceholder')} submitLabel={t('common.filter')}>
        <select name="routerId" defaultValue={routerId} aria-label={t('sessions.router')} className={`${inputClass} sm:max-w-52`} data-testid="sessions-router">
          <option value="">{`${t('sessions.router')}: ${t('common.all')}`}</option>
          {routers.map((r) => (
            <option key={r.id} value={r.id}>
              {`${r.name}${r.status === 'offline' ? ` (${t('routers.statuses.offline')})` : ''}`}
            </option>
          ))}
        </select>
        <select name="kind" defaultValue={kind ?? ''} aria-label={t('sessions.kind')} className={`${inputClass} sm:max-w-40`} data-testid="sessions-kind">
          <option value="">{`${t('sessions.kind')}: ${t('common.all')}`}</option>
          {SESSION_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`routers.kinds.${k}`)}
            </option>
          ))}
        </select>
      </SearchForm>
      {list.items.length === 0 ? (
        <EmptyState title={q || kind || routerId ? t('sessions.noMatch') : t('sessions.emptyTitle')} hint={t('sessions.emptyHint')} />
      ) : (
        // One row per session in the DOM (the e2e test and the kick dialog need exactly one):
        // on phones each row is laid out as a card with its own labels, from md up as a table row.
        <div className="md:overflow-x-auto md:rounded-xl md:border md:border-slate-200 md:bg-white md:dark:border-slate-800 md:dark:bg-slate-900">
          <table className="block w-full text-sm md:table md:min-w-full md:divide-y md:divide-slate-200 md:dark:divide-slate-800" data-testid="sessions-table">
            <thead className="hidden bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500 md:table-header-group dark:bg-slate-950">
              <tr>
                {head.map((h, i) => (
                  <th key={i} className="whitespace-nowrap px-3 py-2 font-medium">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="block space-y-2 md:table-row-group md:space-y-0 md:divide-y md:divide-slate-100 md:dark:divide-slate-800" data-testid="sessions-cards">
              {list.items.map((s) => (
                <tr
                  key={s.id}
                  data-testid="session-row"
                  className="grid grid-cols-2 gap-x-3 gap-y-2 rounded-xl border border-slate-200 bg-white p-4 shadow-sm md:table-row md:rounded-none md:border-0 md:bg-transparent md:p-0 md:shadow-none dark:border-slate-800 dark:bg-slate-900 md:dark:bg-transparent"
                >
                  <Cell className="col-span-2 font-medium">
                    {s.customerId ? (
                      <Link href={`/customers/${s.customerId}`} className="text-brand-700 underline dark:text-brand-500">
                        {s.username}
                      </Link>
                    ) : (
                      <code>{s.username}</code>
                    )}
                  </Cell>
                  <Cell className="col-span-2 -mt-2 md:mt-0">
                    {s.customerName ?? <span className="text-xs text-slate-500">{t('sessions.unknownCustomer')}</span>}
                  </Cell>
                  <Cell label={t('sessions.router')}>
                    <Link href={`/routers/${s.routerId}`} className="underline">
                      {s.routerName}
                    </Link>
                  </Cell>
                  <Cell label={t('sessions.kind')}>{t(`routers.kinds.${s.kind}`)}</Cell>
                  <Cell label={t('sessions.address')} className="break-all font-mono text-xs">
                    {s.address ?? '—'}
                  </Cell>
                  <Cell label={t('sessions.callerId')} className="break-all font-mono text-xs">
                    {s.callerId ?? '—'}
                  </Cell>
                  <Cell label={t('sessions.uptime')} className="md:whitespace-nowrap">
                    {s.uptime ?? '—'}
                  </Cell>
                  {/* Stored from the customer's side (lib/network/router-ops.ts): in = download. */}
                  <Cell label={t('sessions.download')} className="md:whitespace-nowrap">
                    {formatBytes(s.bytesIn)}
                  </Cell>
                  <Cell label={t('sessions.upload')} className="md:whitespace-nowrap">
                    {formatBytes(s.bytesOut)}
                  </Cell>
                  <Cell label={t('sessions.seenAt')} className="text-xs md:whitespace-nowrap">
                    {formatDateTime(s.seenAt, locale, tz)}
                  </Cell>
                  {canKick && (
                    <Cell className="col-span-2">
                      <KickButton sessionId={s.id} username={s.username} />
                    </Cell>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <PagePager
        basePath="/sessions"
        params={{ routerId, kind: kind ?? '', q: sp.q }}
        page={list.page}
        pageSize={list.pageSize}
        total={list.total}
        labels={{ previous: t('common.previous'), next: t('common.next'), pageOf: t('common.pageOf', { page: list.page, pages }) }}
      />
    </div>
  );
}
