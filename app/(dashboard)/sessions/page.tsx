import { getLocale, getTranslations } from 'next-intl/server';
import { cookies } from 'next/headers';
import Link from 'next/link';
import { formatBytes } from '@/components/network/format';
import { ROUTER_COOKIE } from '@/components/network/router-cookie';
import { AutoRefresh } from '@/components/ui/auto-refresh';
import { EmptyState, PageHeader } from '@/components/ui/card';
import { inputClass } from '@/components/ui/field';
import { SearchForm } from '@/components/ui/search-form';
import { PagePager, Table, Td } from '@/components/ui/table';
import { requirePage } from '@/lib/auth/context';
import { can } from '@/lib/auth/permissions';
import { formatDateTime } from '@/lib/format';
import { toLocale } from '@/lib/i18n/config';
import { SESSION_KINDS, type SessionKind } from '@/lib/network/constants';
import { routerChoices } from '@/lib/network/routers';
import { listSessions } from '@/lib/network/sessions';
import { KickButton } from './kick-button';

export default async function SessionsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const { info, ctx } = await requirePage('sessions.view');
  const sp = await searchParams;
  const t = await getTranslations();
  const locale = toLocale(await getLocale());
  const tz = info.org!.timezone;
  const routers = await routerChoices(ctx.db, { orgId: ctx.orgId });
  // No routerId in the URL: start on the router picked in the header. "All" is routerId=''.
  const wanted = sp.routerId ?? (await cookies()).get(ROUTER_COOKIE)?.value ?? '';
  const routerId = routers.some((r) => r.id === wanted) ? wanted : '';
  const kind = SESSION_KINDS.includes(sp.kind as SessionKind) ? (sp.kind as SessionKind) : undefined;
  const q = sp.q?.trim().slice(0, 100) || undefined;
  const pageNo = Math.min(10_000, Math.max(1, Number.parseInt(sp.page ?? '1', 10) || 1));
  const list = await listSessions(ctx.db, { orgId: ctx.orgId, routerId: routerId || undefined, kind, q, page: pageNo });
  const canKick = can(ctx.role, 'sessions.kick');
  const pages = Math.max(1, Math.ceil(list.total / list.pageSize));
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
        <Table
          testId="sessions-table"
          head={[
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
          ]}
        >
          {list.items.map((s) => (
            <tr key={s.id} data-testid="session-row">
              <Td className="font-medium">
                {s.customerId ? (
                  <Link href={`/customers/${s.customerId}`} className="text-brand-700 underline dark:text-brand-500">
                    {s.username}
                  </Link>
                ) : (
                  <code>{s.username}</code>
                )}
              </Td>
              <Td>{s.customerName ?? <span className="text-xs text-slate-500">{t('sessions.unknownCustomer')}</span>}</Td>
              <Td>
                <Link href={`/routers/${s.routerId}`} className="underline">
                  {s.routerName}
                </Link>
              </Td>
              <Td>{t(`routers.kinds.${s.kind}`)}</Td>
              <Td className="font-mono text-xs">{s.address ?? '—'}</Td>
              <Td className="font-mono text-xs">{s.callerId ?? '—'}</Td>
              <Td className="whitespace-nowrap">{s.uptime ?? '—'}</Td>
              {/* Stored from the customer's side (lib/network/router-ops.ts): in = download. */}
              <Td className="whitespace-nowrap">{formatBytes(s.bytesIn)}</Td>
              <Td className="whitespace-nowrap">{formatBytes(s.bytesOut)}</Td>
              <Td className="whitespace-nowrap text-xs">{formatDateTime(s.seenAt, locale, tz)}</Td>
              {canKick && (
                <Td>
                  <KickButton sessionId={s.id} username={s.username} />
                </Td>
              )}
            </tr>
          ))}
        </Table>
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
