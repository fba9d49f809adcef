import { getLocale, getTranslations } from 'next-intl/server';
import { buttonClass } from '@/components/ui/button';
import { Alert, Card, EmptyState, PageHeader } from '@/components/ui/card';
import { DateField } from '@/components/ui/date-field';
import { STACKED_ROW, StackedCell, StackedTable } from '@/components/ui/stacked-table';
import { requirePage } from '@/lib/auth/context';
import { can } from '@/lib/auth/permissions';
import { formatDate, formatIDR } from '@/lib/format';
import { toLocale } from '@/lib/i18n/config';
import { executeOperation } from '@/lib/server/operation';
import { voucherSalesReportOp } from '@/lib/vouchers/operations';
import { VoucherNav } from '../_components/voucher-nav';

/** A row of three figures: on a phone the three sit side by side under the row's name. */
const FIGURE_ROW = STACKED_ROW.page.replace('grid-cols-2', 'grid-cols-3');

/** Today and 30 days back in the organization's zone, as YYYY-MM-DD. */
function defaultPeriod(timeZone: string) {
  const day = (d: Date) =>
    new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
  return { from: day(new Date(Date.now() - 29 * 86_400_000)), to: day(new Date()) };
}

export default async function VoucherSalesPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { info, ctx } = await requirePage('vouchers.view');
  const sp = await searchParams;
  const t = await getTranslations();
  const locale = toLocale(await getLocale());
  const period = {
    ...defaultPeriod(info.org!.timezone),
    ...(sp.from ? { from: sp.from } : {}),
    ...(sp.to ? { to: sp.to } : {}),
  };
  const r = await executeOperation(voucherSalesReportOp, ctx, period);
  const s = (key: string) => t(`vouchers.sales.${key}`);
  const n = (v: number) => v.toLocaleString('id-ID');
  return (
    <div className="space-y-4">
      <PageHeader title={s('title')} subtitle={s('note')} />
      <VoucherNav current="sales" manage={can(ctx.role, 'vouchers.manage')} />
      <Card>
        <form method="get" className="flex flex-col gap-3 sm:flex-row sm:items-end">
          <DateField
            label={s('from')}
            name="from"
            required
            defaultValue={period.from}
            error={!r.ok ? r.fieldErrors?.from : undefined}
          />
          <DateField
            label={s('to')}
            name="to"
            required
            defaultValue={period.to}
            error={!r.ok ? r.fieldErrors?.to : undefined}
          />
          <button type="submit" className={buttonClass('secondary')}>
            {s('show')}
          </button>
          <a
            href={`/api/vouchers/sales?${new URLSearchParams(period)}`}
            className={buttonClass('secondary')}
            data-testid="sales-csv"
          >
            {s('csv')}
          </a>
        </form>
      </Card>
      {!r.ok ? (
        <Alert>{r.message}</Alert>
      ) : r.data.days.length === 0 ? (
        <EmptyState title={s('empty')} />
      ) : (
        <>
          {/* Two counts side by side on a phone, revenue (the long figure) on its own row. */}
          <div className="grid grid-cols-2 gap-3 sm:grid-cols-3" data-testid="sales-totals">
            {[
              [s('sold'), n(r.data.totals.sold)],
              [s('used'), n(r.data.totals.used)],
              [s('revenue'), formatIDR(r.data.totals.revenue)],
            ].map(([label, value], i) => (
              <Card key={label} className={i === 2 ? 'col-span-2 sm:col-span-1' : ''}>
                <p className="text-sm text-slate-500">{label}</p>
                <p className="text-2xl font-semibold">{value}</p>
              </Card>
            ))}
          </div>
          <section className="space-y-2">
            <h2 className="font-semibold">{s('byDay')}</h2>
            <StackedTable head={[s('day'), s('sold'), s('used'), s('revenue')]} testId="sales-days">
              {r.data.days.map((d) => (
                <tr key={d.day} className={FIGURE_ROW}>
                  <StackedCell className="col-span-3 font-medium md:col-span-1 md:whitespace-nowrap md:font-normal">
                    {formatDate(d.day, locale)}
                  </StackedCell>
                  <StackedCell label={s('sold')}>{n(d.sold)}</StackedCell>
                  <StackedCell label={s('used')}>{n(d.used)}</StackedCell>
                  <StackedCell label={s('revenue')} className="md:whitespace-nowrap">
                    {formatIDR(d.revenue)}
                  </StackedCell>
                </tr>
              ))}
            </StackedTable>
          </section>
          <div className="grid gap-4 lg:grid-cols-2">
            <section className="space-y-2">
              <h2 className="font-semibold">{s('byProfile')}</h2>
              <StackedTable head={[s('profile'), s('sold'), s('used'), s('revenue')]}>
                {r.data.profiles.map((d) => (
                  <tr key={d.profileName} className={FIGURE_ROW}>
                    <StackedCell className="col-span-3 break-words font-medium md:col-span-1 md:font-normal">
                      {d.profileName}
                    </StackedCell>
                    <StackedCell label={s('sold')}>{n(d.sold)}</StackedCell>
                    <StackedCell label={s('used')}>{n(d.used)}</StackedCell>
                    <StackedCell label={s('revenue')} className="md:whitespace-nowrap">
                      {formatIDR(d.revenue)}
                    </StackedCell>
                  </tr>
                ))}
              </StackedTable>
            </section>
            <section className="space-y-2">
              <h2 className="font-semibold">{s('bySeller')}</h2>
              <StackedTable head={[s('seller'), s('sold'), s('revenue')]}>
                {r.data.resellers.map((d) => (
                  <tr key={d.resellerUserId ?? 'own'} className={STACKED_ROW.page}>
                    <StackedCell className="col-span-2 break-words font-medium md:col-span-1 md:font-normal">
                      {d.resellerName ?? s('own')}
                    </StackedCell>
                    <StackedCell label={s('sold')}>{n(d.sold)}</StackedCell>
                    <StackedCell label={s('revenue')} className="md:whitespace-nowrap">
                      {formatIDR(d.revenue)}
                    </StackedCell>
                  </tr>
                ))}
              </StackedTable>
            </section>
          </div>
        </>
      )}
    </div>
  );
}
