'use client';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useState, useTransition } from 'react';
import { previewBillingAction, startBillingAction } from '@/app/_actions/billing';
import { Button } from '@/components/ui/button';
import { Alert, Card } from '@/components/ui/card';
import { DateField } from '@/components/ui/date-field';
import type { BillingReport } from '@/lib/billing/run';
import { formatIDR } from '@/lib/format';
import { RunBreakdown } from './run-breakdown';

/** Preview first (the run's exact figures, nothing written), then issue. */
export function RunPanel({ defaultMonth }: { defaultMonth: string }) {
  const t = useTranslations();
  const [month, setMonth] = useState(defaultMonth);
  const [report, setReport] = useState<BillingReport | null>(null);
  const [message, setMessage] = useState<{ kind: 'error' | 'success'; text: string; jobs?: boolean } | null>(null);
  const [pending, startTransition] = useTransition();
  const period = `${month}-01`;
  return (
    <Card>
      <h2 className="font-semibold">{t('billing.run')}</h2>
      <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">{t('billing.runSubtitle')}</p>
      <div className="flex flex-col gap-2 sm:flex-row sm:items-end">
        <DateField
          mode="month"
          label={t('billing.period')}
          value={month}
          required
          onChange={(v) => {
            setMonth(v);
            setReport(null);
          }}
          testId="billing-month"
        />
        <Button
          variant="secondary"
          disabled={pending || !month}
          data-testid="billing-preview"
          onClick={() =>
            startTransition(async () => {
              const r = await previewBillingAction({ period });
              setReport(r.ok ? r.data : null);
              setMessage(r.ok ? null : { kind: 'error', text: r.message });
            })
          }
        >
          {t('billing.preview')}
        </Button>
      </div>
      {report && (
        <p className="mt-3 text-sm" data-testid="billing-report">
          {t('billing.report', {
            eligible: report.eligible,
            total: formatIDR(report.total),
            already: report.skipped.alreadyInvoiced,
            recent: report.skipped.activatedThisPeriod,
            later: report.skipped.paidUntilLater,
          })}
        </p>
      )}
      {report?.breakdown && <RunBreakdown breakdown={report.breakdown} />}
      {report && report.eligible === 0 && report.skippedSample.length === 0 && (
        <p className="mt-2 text-sm" data-testid="billing-nothing">
          {t('billingPreview.nothing')}{' '}
          <Link href="/customers" className="font-medium text-brand-700 underline dark:text-brand-500">
            {t('billingPreview.addCustomers')}
          </Link>
        </p>
      )}
      {report && report.eligible > 0 && (
        <Button
          className="mt-4"
          disabled={pending}
          data-testid="billing-run"
          onClick={() =>
            startTransition(async () => {
              const r = await startBillingAction({ period });
              setMessage(
                r.ok
                  ? { kind: 'success', text: t('billing.runQueued'), jobs: true }
                  : { kind: 'error', text: r.message },
              );
              setReport(null);
            })
          }
        >
          {t('billing.runNow', { count: report.eligible })}
        </Button>
      )}
      {message && (
        <div className="mt-3">
          <Alert kind={message.kind}>
            {message.text}{' '}
            {message.jobs && (
              <Link href="/jobs" className="underline">
                {t('nav.jobs')}
              </Link>
            )}
          </Alert>
        </div>
      )}
    </Card>
  );
}
