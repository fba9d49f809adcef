import { useTranslations } from 'next-intl';
import { TransactionStatusBadge } from '@/components/payments/transaction-status-badge';
import { Card } from '@/components/ui/card';
import { STACKED_ROW, StackedCell, StackedTable } from '@/components/ui/stacked-table';
import type { GatewayTransactionEvent, GatewayTxStatus } from '@/db/schema';
import { formatDateTime } from '@/lib/format';
import type { Locale } from '@/lib/i18n/config';

const SOURCES = ['create', 'callback', 'check', 'refund', 'review', 'expire'];

/** Every status change and what caused it: a callback, a re-check, finance's decision. */
export function StatusHistory({
  events,
  locale,
  timeZone,
}: {
  events: (GatewayTransactionEvent & { actorName: string | null })[];
  locale: Locale;
  timeZone: string;
}) {
  const t = useTranslations('payments');
  return (
    <Card>
      <h2 className="mb-3 font-semibold">{t('history')}</h2>
      <StackedTable
        variant="inset"
        testId="transaction-history"
        head={[t('time'), t('change'), t('source'), t('gatewayStatus'), t('note'), t('actor')]}
      >
        {events.map((e) => (
          <tr key={e.id} className={STACKED_ROW.inset} data-testid="history-row">
            <StackedCell label={t('time')} className="text-xs md:whitespace-nowrap">
              {formatDateTime(e.createdAt, locale, timeZone)}
            </StackedCell>
            <StackedCell label={t('change')}>
              <span className="inline-flex flex-wrap items-center gap-1">
                {e.fromStatus && e.fromStatus !== e.toStatus && (
                  <>
                    <TransactionStatusBadge status={e.fromStatus as GatewayTxStatus} />
                    <span aria-hidden>→</span>
                  </>
                )}
                <TransactionStatusBadge status={e.toStatus} />
              </span>
            </StackedCell>
            <StackedCell label={t('source')}>
              {SOURCES.includes(e.source) ? t(`sources.${e.source}`) : e.source}
            </StackedCell>
            <StackedCell label={t('gatewayStatus')} className="break-all font-mono text-xs">
              {e.gatewayStatus ?? '—'}
            </StackedCell>
            <StackedCell label={t('note')} className="col-span-2 break-words text-xs md:col-span-1">
              {e.note ?? '—'}
            </StackedCell>
            <StackedCell label={t('actor')}>{e.actorName ?? t('system')}</StackedCell>
          </tr>
        ))}
      </StackedTable>
    </Card>
  );
}
