import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { Alert, Card, EmptyState, PageHeader } from '@/components/ui/card';
import { FilterSelect } from '@/components/ui/filter-select';
import { SearchForm } from '@/components/ui/search-form';
import { STACKED_ROW, StackedCell, StackedTable } from '@/components/ui/stacked-table';
import { Pager } from '@/components/ui/table';
import { STOCK_MOVE_KINDS } from '@/db/enums';
import { requirePage } from '@/lib/auth/context';
import { formatDateTime, formatIDR, intlLocale } from '@/lib/format';
import { toLocale } from '@/lib/i18n/config';
import { bagsReportOp, movesReportOp, searchUnitsOp } from '@/lib/inventory/report-operations';
import { type Ctx, executeOperation } from '@/lib/server/operation';
import { DownloadLinks, TabLinks } from '../_components/report-links';

const LINK = 'inline-flex min-h-11 items-center break-words font-medium text-brand-700 underline dark:text-brand-500';
type Sp = Record<string, string | undefined>;

/** Moves per period, what each technician's bag holds, equipment installed at customers. */
export default async function StockReportsPage({ searchParams }: { searchParams: Promise<Sp> }) {
  const { ctx, info } = await requirePage('inventory.view');
  const sp = await searchParams;
  const t = await getTranslations('inventoryReports');
  const tab = sp.tab === 'bags' || sp.tab === 'installed' ? sp.tab : 'moves';
  const tabs = (['moves', 'bags', 'installed'] as const).map((key) => ({
    key,
    label: t(`tabs.${key}`),
    href: key === 'moves' ? '/inventory/reports' : `/inventory/reports?tab=${key}`,
  }));
  const tz = info.org!.timezone;
  return (
    <div className="space-y-4">
      <PageHeader title={t('reportsTitle')} subtitle={t('reportsSubtitle')} />
      <TabLinks tabs={tabs} current={tab} />
      {tab === 'moves' && <Moves ctx={ctx} sp={sp} tz={tz} />}
      {tab === 'bags' && <Bags ctx={ctx} />}
      {tab === 'installed' && <Installed ctx={ctx} sp={sp} tz={tz} />}
    </div>
  );
}

function placeLabel(place: { name: string } | null, fallback: string) {
  return place ? place.name : fallback;
}

async function Moves({ ctx, sp, tz }: { ctx: Ctx; sp: Sp; tz: string }) {
  const t = await getTranslations('inventoryReports');
  const tc = await getTranslations('common');
  const locale = toLocale(await getLocale());
  const filter = {
    from: sp.from ?? '',
    to: sp.to ?? '',
    kind: sp.kind ?? '',
    itemId: sp.itemId ?? '',
    locationId: sp.locationId ?? '',
    technicianUserId: sp.technicianUserId ?? '',
    workOrderId: sp.workOrderId ?? '',
  };
  const result = await executeOperation(movesReportOp, ctx, { ...filter, cursor: sp.cursor });
  const page = result.ok ? result.data : { items: [], nextCursor: null };
  const filtered = Object.values(filter).some(Boolean);
  return (
    <section className="space-y-3">
      <form method="get" className="mb-3 grid grid-cols-2 gap-2 sm:flex sm:flex-wrap sm:items-end">
        {(['itemId', 'locationId', 'technicianUserId', 'workOrderId'] as const).map((k) =>
          sp[k] ? <input key={k} type="hidden" name={k} value={sp[k]} /> : null,
        )}
        <label className="flex flex-col text-sm">
          {t('from')}
          <input type="date" name="from" defaultValue={sp.from} className="min-h-11 rounded-lg border px-2" />
        </label>
        <label className="flex flex-col text-sm">
          {t('to')}
          <input type="date" name="to" defaultValue={sp.to} className="min-h-11 rounded-lg border px-2" />
        </label>
        <FilterSelect
          name="kind"
          label={t('moveKind')}
          value={sp.kind}
          allLabel={tc('all')}
          options={STOCK_MOVE_KINDS.map((k) => ({ value: k, label: t(`moveKinds.${k}`) }))}
        />
        <button
          type="submit"
          className="col-span-2 min-h-11 rounded-lg bg-brand-700 px-4 text-sm font-medium text-white"
        >
          {tc('filter')}
        </button>
      </form>
      {(sp.technicianUserId || sp.workOrderId || sp.itemId || sp.locationId) && (
        <p className="text-sm">
          {sp.technicianUserId
            ? t('filteredTechnician')
            : sp.workOrderId
              ? t('filteredWorkOrder')
              : sp.itemId
                ? t('filteredItem')
                : t('filteredLocation')}{' '}
          ·{' '}
          <Link href="/inventory/reports" className={LINK}>
            {t('clearFilters')}
          </Link>
        </p>
      )}
      {!result.ok && <Alert>{result.fieldErrors?.to ? t('periodOrder') : result.message}</Alert>}
      {page.items.length === 0 ? (
        <EmptyState title={filtered ? t('movesEmpty') : t('movesEmptyAll')} />
      ) : (
        <StackedTable
          testId="moves-table"
          head={[
            t('col.when'),
            t('col.moveKind'),
            t('col.item'),
            t('col.quantity'),
            t('colFrom'),
            t('colTo'),
            t('col.workOrder'),
            t('col.by'),
          ]}
        >
          {page.items.map((m) => (
            <tr key={m.id} data-testid="move-row" className={STACKED_ROW.page}>
              <StackedCell className="col-span-2 text-xs">{formatDateTime(m.createdAt, locale, tz)}</StackedCell>
              <StackedCell label={t('col.moveKind')}>{t(`moveKinds.${m.kind}`)}</StackedCell>
              <StackedCell label={t('col.item')}>
                <span className="break-words">{m.itemName}</span>
                {m.serial && m.unitId && (
                  <div>
                    <Link
                      href={`/inventory/units/${m.unitId}`}
                      className="inline-flex min-h-11 items-center font-mono text-xs underline"
                    >
                      {m.serial}
                    </Link>
                  </div>
                )}
              </StackedCell>
              <StackedCell label={t('col.quantity')}>
                {m.quantity.toLocaleString(intlLocale(locale))} {t(`units.${m.itemUnit}`)}
              </StackedCell>
              <StackedCell label={t('colFrom')}>{placeLabel(m.from, t('received'))}</StackedCell>
              <StackedCell label={t('colTo')}>{placeLabel(m.to, t('leftBooks'))}</StackedCell>
              <StackedCell label={t('col.workOrder')}>
                {m.workOrderId ? (
                  <Link href={`/work-orders/${m.workOrderId}`} className="inline-flex min-h-11 items-center underline">
                    {m.workOrderNumber}
                  </Link>
                ) : (
                  '—'
                )}
                {m.customerName && <div className="text-xs text-slate-500">{m.customerName}</div>}
              </StackedCell>
              <StackedCell label={t('col.by')} className="text-xs">
                {m.actorName ?? '—'}
                {m.reason && <div className="text-slate-500">{m.reason}</div>}
              </StackedCell>
            </tr>
          ))}
        </StackedTable>
      )}
      <Pager
        basePath="/inventory/reports"
        params={{ ...filter, cursor: sp.cursor }}
        nextCursor={page.nextCursor}
        labels={{ next: tc('next'), first: tc('first') }}
      />
      <DownloadLinks report="moves" params={filter} labels={{ csv: t('downloadCsv'), xlsx: t('downloadXlsx') }} />
    </section>
  );
}

async function Bags({ ctx }: { ctx: Ctx }) {
  const t = await getTranslations('inventoryReports');
  const nf = intlLocale(toLocale(await getLocale()));
  const result = await executeOperation(bagsReportOp, ctx, {});
  const rows = result.ok ? result.data : [];
  if (!result.ok) return <Alert>{result.message}</Alert>;
  if (rows.length === 0)
    return (
      <EmptyState
        title={t('bagsEmpty')}
        action={
          <Link href="/inventory/transfer" className={LINK}>
            {t('toTransfer')}
          </Link>
        }
      />
    );
  const bags = new Map<string, typeof rows>();
  for (const r of rows) bags.set(r.userId, [...(bags.get(r.userId) ?? []), r]);
  return (
    <section className="space-y-3">
      {[...bags.values()].map((items) => (
        <Card key={items[0]!.userId}>
          <div data-testid="bag-card">
            <div className="mb-2 flex flex-wrap items-baseline justify-between gap-2">
              <h3 className="font-semibold">{items[0]!.technicianName}</h3>
              <span className="text-sm">
                {t('bagTotal')}:{' '}
                <span className="font-medium">{formatIDR(items.reduce((s, i) => s + i.value, 0))}</span>
              </span>
            </div>
            <ul className="divide-y divide-slate-100 text-sm dark:divide-slate-800">
              {items.map((i) => (
                <li key={i.itemId} className="flex min-h-11 items-center justify-between gap-2">
                  <Link
                    href={
                      i.tracking === 'serial'
                        ? `/inventory/units?locationId=${i.locationId}&itemId=${i.itemId}`
                        : `/inventory?locationId=${i.locationId}&itemId=${i.itemId}`
                    }
                    className="break-words underline"
                  >
                    {i.itemName}
                  </Link>
                  <span className="font-medium">
                    {i.quantity.toLocaleString(nf)} {t(`units.${i.unit}`)}
                  </span>
                </li>
              ))}
            </ul>
            <Link href={`/inventory/reports?technicianUserId=${items[0]!.userId}`} className={LINK}>
              {t('movesLink')}
            </Link>
          </div>
        </Card>
      ))}
      <DownloadLinks report="bags" params={{}} labels={{ csv: t('downloadCsv'), xlsx: t('downloadXlsx') }} />
    </section>
  );
}

async function Installed({ ctx, sp, tz }: { ctx: Ctx; sp: Sp; tz: string }) {
  const t = await getTranslations('inventoryReports');
  const tc = await getTranslations('common');
  const locale = toLocale(await getLocale());
  const result = await executeOperation(searchUnitsOp, ctx, { kind: 'customer', q: sp.q ?? '', cursor: sp.cursor });
  const page = result.ok ? result.data : { items: [], nextCursor: null };
  return (
    <section className="space-y-3">
      <SearchForm q={sp.q} placeholder={t('installedSearch')} submitLabel={tc('filter')}>
        <input type="hidden" name="tab" value="installed" />
      </SearchForm>
      {!result.ok && <Alert>{result.message}</Alert>}
      {page.items.length === 0 ? (
        <EmptyState title={sp.q ? t('noMatch') : t('installedEmpty')} />
      ) : (
        <StackedTable
          testId="installed-table"
          head={[t('col.customer'), t('col.item'), t('col.serial'), t('col.mac'), t('installedSince')]}
        >
          {page.items.map((u) => (
            <tr key={u.id} data-testid="installed-row" className={STACKED_ROW.page}>
              <StackedCell className="col-span-2">
                {u.customerId ? (
                  <Link href={`/customers/${u.customerId}`} className={LINK}>
                    {u.customerName}
                  </Link>
                ) : (
                  <span className="font-medium">{u.locationName}</span>
                )}
                {u.customerNumber && <div className="text-xs text-slate-500">{u.customerNumber}</div>}
              </StackedCell>
              <StackedCell label={t('col.item')}>{u.itemName}</StackedCell>
              <StackedCell label={t('col.serial')}>
                <Link
                  href={`/inventory/units/${u.id}`}
                  className="inline-flex min-h-11 items-center font-mono text-xs underline"
                >
                  {u.serial}
                </Link>
              </StackedCell>
              <StackedCell label={t('col.mac')} className="font-mono text-xs">
                {u.mac ?? '—'}
              </StackedCell>
              <StackedCell label={t('installedSince')} className="text-xs">
                {formatDateTime(u.movedAt, locale, tz)}
              </StackedCell>
            </tr>
          ))}
        </StackedTable>
      )}
      <Pager
        basePath="/inventory/reports"
        params={{ tab: 'installed', q: sp.q, cursor: sp.cursor }}
        nextCursor={page.nextCursor}
        labels={{ next: tc('next'), first: tc('first') }}
      />
      <DownloadLinks
        report="installed"
        params={{ q: sp.q }}
        labels={{ csv: t('downloadCsv'), xlsx: t('downloadXlsx') }}
      />
    </section>
  );
}
