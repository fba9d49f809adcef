import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { Card, EmptyState } from '@/components/ui/card';
import { PagePager, Table, Td } from '@/components/ui/table';
import type { listOnusOp } from '@/lib/fibre/record-operations';
import { OnuStateBadge, SignalText } from './fibre-bits';

type OnuPage = Awaited<ReturnType<typeof listOnusOp.run>>;

/** ONUs as cards on a phone and a table on wider screens; `pager` pages through the list's URL. */
export async function OnuList({
  list,
  pager,
  emptyHint,
  emptyAction,
}: {
  list: OnuPage;
  pager?: { basePath: string; params: Record<string, string | undefined> };
  emptyHint?: string;
  emptyAction?: ReactNode;
}) {
  const t = await getTranslations();
  if (list.items.length === 0) return <EmptyState title={t('olts.noOnus')} hint={emptyHint} action={emptyAction} />;
  const where = (o: OnuPage['items'][number]) => `${o.oltName} · ${o.ponPortName} · #${o.onuIndex}`;
  const customer = (o: OnuPage['items'][number]) =>
    o.customerId ? (
      <Link href={`/customers/${o.customerId}`} className="inline-flex min-h-11 items-center underline">
        {o.customerName}
      </Link>
    ) : (
      <span className="text-slate-500">{o.name ?? t('olts.noCustomer')}</span>
    );
  return (
    <>
      <ul className="space-y-2 sm:hidden" data-testid="onus-cards">
        {list.items.map((o) => (
          <li key={o.id} data-testid="onu-card">
            <Card className="space-y-1">
              <div className="flex items-start justify-between gap-2">
                <Link
                  href={`/olts/onus/${o.id}`}
                  className="flex min-h-11 min-w-0 items-center break-all font-mono font-medium text-brand-700 underline dark:text-brand-500"
                >
                  {o.serial}
                </Link>
                <OnuStateBadge state={o.state} />
              </div>
              <div className="text-sm">{customer(o)}</div>
              <div className="break-words text-xs text-slate-500">{where(o)}</div>
              <SignalText dbm={o.rxPowerDbm} level={o.level} />
            </Card>
          </li>
        ))}
      </ul>
      <div className="hidden sm:block">
        <Table
          testId="onus-table"
          head={[t('olts.serial'), t('olts.customer'), t('olts.where'), t('common.status'), t('olts.rx')]}
        >
          {list.items.map((o) => (
            <tr key={o.id} data-testid="onu-row">
              <Td>
                <Link href={`/olts/onus/${o.id}`} className="font-mono font-medium text-brand-700 underline">
                  {o.serial}
                </Link>
              </Td>
              <Td>{customer(o)}</Td>
              <Td className="text-xs">{where(o)}</Td>
              <Td>
                <OnuStateBadge state={o.state} />
              </Td>
              <Td>
                <SignalText dbm={o.rxPowerDbm} level={o.level} />
              </Td>
            </tr>
          ))}
        </Table>
      </div>
      {pager && (
        <PagePager
          basePath={pager.basePath}
          params={pager.params}
          page={list.page}
          pageSize={list.pageSize}
          total={list.total}
          labels={{
            previous: t('common.previous'),
            next: t('common.next'),
            pageOf: t('common.pageOf', { page: list.page, pages: Math.max(1, Math.ceil(list.total / list.pageSize)) }),
          }}
        />
      )}
    </>
  );
}
