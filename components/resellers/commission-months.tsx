import { getTranslations } from 'next-intl/server';
import { Card } from '@/components/ui/card';
import { Table, Td } from '@/components/ui/table';
import { formatIDR } from '@/lib/format';
import type { Locale } from '@/lib/i18n/config';
import type { CommissionMonth } from '@/lib/resellers/queries';
import { CommissionBars, monthLabel } from './commission-bars';

/** Twelve months of commission: bars, then the table with a total row (portal and staff page). */
export async function CommissionMonthsCard({ months, locale }: { months: CommissionMonth[]; locale: Locale }) {
  const t = await getTranslations('resellers.months');
  const total = months.reduce(
    (s, m) => ({
      credited: s.credited + m.credited,
      count: s.count + m.count,
      reversed: s.reversed + m.reversed,
      net: s.net + m.net,
    }),
    { credited: 0, count: 0, reversed: 0, net: 0 },
  );
  return (
    <div className="space-y-3">
      <Card>
        <h2 className="mb-3 font-semibold">{t('chart')}</h2>
        <CommissionBars months={months} locale={locale} label={t('chart')} />
      </Card>
      {/* Net first after the month: on a phone it is visible without scrolling. */}
      <Table
        stickyFirstColumn
        testId="commission-months"
        head={[t('month'), t('net'), t('invoices'), t('credited'), t('reversed')]}
      >
        {months.map((m) => (
          <tr key={m.month} data-testid="commission-month-row">
            <Td className="whitespace-nowrap">{monthLabel(m.month, locale)}</Td>
            <Td className="whitespace-nowrap font-medium tabular-nums">{formatIDR(m.net)}</Td>
            <Td className="tabular-nums">{m.count}</Td>
            <Td className="whitespace-nowrap tabular-nums">{formatIDR(m.credited)}</Td>
            <Td className="whitespace-nowrap tabular-nums">{m.reversed ? `− ${formatIDR(m.reversed)}` : '—'}</Td>
          </tr>
        ))}
        <tr className="bg-slate-50 font-semibold dark:bg-slate-950">
          <Td className="whitespace-nowrap bg-slate-50! dark:bg-slate-950!">{t('total')}</Td>
          <Td className="whitespace-nowrap tabular-nums">{formatIDR(total.net)}</Td>
          <Td className="tabular-nums">{total.count}</Td>
          <Td className="whitespace-nowrap tabular-nums">{formatIDR(total.credited)}</Td>
          <Td className="whitespace-nowrap tabular-nums">{total.reversed ? `− ${formatIDR(total.reversed)}` : '—'}</Td>
        </tr>
      </Table>
    </div>
  );
}
