'use client';
import { useTranslations } from 'next-intl';
import { Table, Td } from '@/components/ui/table';
import type { ImportPreview } from '@/lib/customers/import';

/** When each previewed row is first invoiced and, if that stays unpaid, isolated. */
export function ImportSchedule({ sample, total }: { sample: ImportPreview['sample']; total: number }) {
  const t = useTranslations();
  return (
    <section className="space-y-2">
      <p className="text-sm text-slate-600 dark:text-slate-400">{t('import.scheduleHint')}</p>
      <Table
        testId="import-schedule"
        head={[
          t('import.line'),
          t('import.customer'),
          t('import.billingType'),
          t('import.firstInvoice'),
          t('import.isolateFrom'),
        ]}
      >
        {sample.map((r) => (
          <tr key={r.line} data-testid="import-schedule-row">
            <Td>{r.line}</Td>
            <Td>
              {r.name}
              <div className="text-xs text-slate-500">
                <code>{r.serviceUsername}</code>
              </div>
            </Td>
            <Td>{t(`billingTypes.${r.billingType}`)}</Td>
            <Td className="whitespace-nowrap">{r.firstInvoiceOn}</Td>
            <Td className="whitespace-nowrap">{r.isolateFrom}</Td>
          </tr>
        ))}
      </Table>
      {total > sample.length && (
        <p className="text-xs text-slate-500">{t('import.scheduleMore', { count: total - sample.length })}</p>
      )}
    </section>
  );
}
