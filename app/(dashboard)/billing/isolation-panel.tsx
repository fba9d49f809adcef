'use client';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useState, useTransition } from 'react';
import { previewIsolationAction, runIsolationAction } from '@/app/_actions/billing';
import { Button } from '@/components/ui/button';
import { Alert, Card } from '@/components/ui/card';
import type { IsolationReport } from '@/lib/billing/isolation';

/**
 * The isolation pass by hand, preview first: the tick runs it every 15 minutes, but when
 * nothing is left to invoice finance can run it now and see whom it will isolate.
 */
export function IsolationPanel() {
  const t = useTranslations();
  const [report, setReport] = useState<IsolationReport | null>(null);
  const [message, setMessage] = useState<{ kind: 'error' | 'success'; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <Card>
      <h2 className="font-semibold">{t('billing.isolation.title')}</h2>
      <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">{t('billing.isolation.subtitle')}</p>
      <div className="flex flex-col gap-2 sm:flex-row">
        <Button
          variant="secondary"
          disabled={pending}
          data-testid="isolation-preview"
          onClick={() =>
            startTransition(async () => {
              const r = await previewIsolationAction({});
              setReport(r.ok ? r.data : null);
              setMessage(r.ok ? null : { kind: 'error', text: r.message });
            })
          }
        >
          {t('billing.isolation.preview')}
        </Button>
        {report && report.isolated > 0 && (
          <Button
            variant="danger"
            disabled={pending}
            data-testid="isolation-run"
            onClick={() =>
              startTransition(async () => {
                const r = await runIsolationAction({});
                setMessage(
                  r.ok
                    ? { kind: 'success', text: t('billing.isolation.done', { count: r.data.isolated }) }
                    : { kind: 'error', text: r.message },
                );
                setReport(null);
              })
            }
          >
            {t('billing.isolation.run', { count: report.isolated })}
          </Button>
        )}
      </div>
      {report && (
        <div className="mt-3 space-y-2 text-sm" data-testid="isolation-report">
          <p>{t('billing.isolation.report', { count: report.isolated, held: report.heldByNotice })}</p>
          {report.sample.length > 0 && (
            <ul className="list-disc pl-5 text-slate-600 dark:text-slate-400">
              {report.sample.slice(0, 20).map((s) => (
                <li key={s.serviceUsername}>
                  {s.customerName} (<code>{s.serviceUsername}</code>) · {s.invoiceNumber}
                </li>
              ))}
              {report.isolated > 20 && <li>{t('billing.isolation.more', { count: report.isolated - 20 })}</li>}
            </ul>
          )}
        </div>
      )}
      {message && (
        <div className="mt-3">
          <Alert kind={message.kind}>
            {message.text}{' '}
            {message.kind === 'success' && (
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
