import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { RouterStatusBadge } from '@/components/network/router-status';
import { Badge, Card, EmptyState, PageHeader } from '@/components/ui/card';
import { SearchForm, searchParam } from '@/components/ui/search-form';
import { PagePager, Table, Td } from '@/components/ui/table';
import { requirePage } from '@/lib/auth/context';
import { can } from '@/lib/auth/permissions';
import { formatDateTime } from '@/lib/format';
import { toLocale } from '@/lib/i18n/config';
import { listRoutersOp } from '@/lib/network/operations';
import { RouterForm } from './_components/router-form';

export default async function RoutersPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { info, ctx, read } = await requirePage('routers.view');
  const sp = await searchParams;
  const t = await getTranslations();
  const locale = toLocale(await getLocale());
  const tz = info.org!.timezone;
  const q = searchParam(sp.q);
  const pageNo = Math.min(10_000, Math.max(1, Number.parseInt(sp.page ?? '1', 10) || 1));
  const list = await read(listRoutersOp, { q, page: pageNo });
  const manage = can(ctx.role, 'routers.manage');
  const empty = list.total === 0 && !q;
  const addr = (r: (typeof list.items)[number]) => (
    <span className="whitespace-nowrap font-mono text-xs">
      {r.host}:{r.port} {r.tls && <Badge color="blue">TLS</Badge>}
    </span>
  );
  return (
    <div className="space-y-4">
      <PageHeader title={t('routers.title')} subtitle={t('routers.subtitle')} />
      {manage && (
        <details className="group" open={empty || sp.add === '1'}>
          <summary
            className="mb-3 inline-flex min-h-11 cursor-pointer list-none items-center [&::-webkit-details-marker]:hidden rounded-lg bg-brand-600 px-4 text-sm font-medium text-white hover:bg-brand-700"
            data-testid="router-add"
          >
            {t('routers.add')}
          </summary>
          <RouterForm />
        </details>
      )}
      <section>
        <SearchForm q={sp.q} placeholder={t('routers.searchPlaceholder')} submitLabel={t('common.search')} />
        {list.items.length === 0 ? (
          empty ? (
            <EmptyState
              title={t('routers.emptyTitle')}
              hint={manage ? t('routers.emptyHint') : t('routers.emptyHintViewer')}
            />
          ) : (
            <EmptyState title={t('routers.noMatch')} />
          )
        ) : (
          <>
            {/* Phones: one card per router; wider screens: the table. */}
            <ul className="space-y-2 md:hidden" data-testid="routers-cards">
              {list.items.map((r) => (
                <li key={r.id}>
                  <Link href={`/routers/${r.id}`} className="block">
                    <Card className="space-y-1">
                      <div className="flex items-start justify-between gap-2">
                        <span className="min-w-0 break-words font-medium text-brand-700 dark:text-brand-500">
                          {r.name}
                        </span>
                        <RouterStatusBadge status={r.status} errorKind={r.lastErrorKind} />
                      </div>
                      <div className="break-all">{addr(r)}</div>
                      <div className="text-xs text-slate-500">
                        {r.area ?? '—'} · {t(`routers.modes.${r.mode}`)} ·{' '}
                        {t('routers.subscriptionsCount', { count: r.subscriptions })}
                      </div>
                      <div className="text-xs text-slate-500">
                        {t('routers.lastSeen')}: {formatDateTime(r.lastSeenAt, locale, tz)}
                      </div>
                    </Card>
                  </Link>
                </li>
              ))}
            </ul>
            <div className="hidden md:block">
              <Table
                testId="routers-table"
                head={[
                  t('routers.name'),
                  t('routers.address'),
                  t('routers.area'),
                  t('routers.mode'),
                  t('common.status'),
                  t('routers.lastSeen'),
                  t('routers.subscriptions'),
                ]}
              >
                {list.items.map((r) => (
                  <tr key={r.id} data-testid="router-row">
                    <Td>
                      <Link
                        href={`/routers/${r.id}`}
                        className="font-medium text-brand-700 underline dark:text-brand-500"
                      >
                        {r.name}
                      </Link>
                    </Td>
                    <Td>{addr(r)}</Td>
                    <Td>{r.area ?? '—'}</Td>
                    <Td>{t(`routers.modes.${r.mode}`)}</Td>
                    <Td>
                      <RouterStatusBadge status={r.status} errorKind={r.lastErrorKind} />
                    </Td>
                    <Td className="whitespace-nowrap">{formatDateTime(r.lastSeenAt, locale, tz)}</Td>
                    <Td>{r.subscriptions}</Td>
                  </tr>
                ))}
              </Table>
            </div>
          </>
        )}
        <PagePager
          basePath="/routers"
          params={{ q: sp.q }}
          page={list.page}
          pageSize={list.pageSize}
          total={list.total}
          labels={{
            previous: t('common.previous'),
            next: t('common.next'),
            pageOf: t('common.pageOf', { page: list.page, pages: Math.max(1, Math.ceil(list.total / list.pageSize)) }),
          }}
        />
      </section>
    </div>
  );
}
