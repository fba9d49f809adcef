'use client';
import { Download } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { startExportAction } from '@/app/_actions/org-transfer';
import { JOB_STATE_COLOR } from '@/components/jobs/job-state';
import { JobStatus } from '@/components/jobs/job-watch';
import { formatBytes } from '@/components/network/format';
import { Button, buttonClass } from '@/components/ui/button';
import { Alert, Badge, Card, EmptyState } from '@/components/ui/card';
import { TextField } from '@/components/ui/field';
import { STACKED_ROW, StackedCell, StackedTable } from '@/components/ui/stacked-table';
import { useActionForm } from '@/components/ui/use-action-form';
import { formatDateTime } from '@/lib/format';
import type { Locale } from '@/lib/i18n/config';
import type { JobState } from '@/lib/jobs/types';

/** The optional passphrase (typed twice) and the button; the running export follows live. */
export function ExportForm({ running }: { running: string | null }) {
  const t = useTranslations('orgTransfer');
  const router = useRouter();
  const [jobId, setJobId] = useState<string | null>(running);
  const form = useActionForm(startExportAction, (data) => setJobId(data.jobId));
  return (
    <Card className="space-y-3">
      <h2 className="font-semibold">{t('createTitle')}</h2>
      <form onSubmit={form.onSubmit} method="post" className="space-y-3" noValidate data-testid="export-form">
        {form.error && <Alert>{form.error}</Alert>}
        <p className="text-sm text-slate-600 dark:text-slate-400">{t('passphraseIntro')}</p>
        <div className="grid gap-3 sm:grid-cols-2">
          <TextField
            label={t('passphrase')}
            name="passphrase"
            type="password"
            autoComplete="new-password"
            hint={t('passphraseHint')}
            error={form.fieldError('passphrase')}
          />
          <TextField
            label={t('passphraseConfirm')}
            name="passphraseConfirm"
            type="password"
            autoComplete="new-password"
            error={form.fieldError('passphraseConfirm')}
          />
        </div>
        <Button type="submit" disabled={form.pending || jobId !== null} data-testid="export-start">
          {t('create')}
        </Button>
      </form>
      {jobId && (
        <JobStatus
          jobId={jobId}
          testId="export-job"
          onFinished={() => {
            setJobId(null);
            router.refresh();
          }}
        />
      )}
    </Card>
  );
}

type ExportItem = {
  id: string;
  state: JobState;
  createdAt: string;
  createdByName: string | null;
  bytes: number | null;
  expiresAt: string | null;
  secrets: 'absent' | 'passphrase' | null;
  error: string | null;
  available: boolean;
  leftOut: { table: string; id: string; field: string; name?: string | null }[];
  leftOutCount: number;
};

export function ExportList({ items, locale, timeZone }: { items: ExportItem[]; locale: Locale; timeZone: string }) {
  const t = useTranslations('orgTransfer');
  const tj = useTranslations('jobs');
  if (items.length === 0) return <EmptyState title={t('empty')} hint={t('emptyHint')} />;
  return (
    <section className="space-y-2">
      <h2 className="font-semibold">{t('recent')}</h2>
      <StackedTable testId="export-list" head={[t('madeAt'), t('state'), t('size'), t('secrets'), t('expires'), '']}>
        {items.map((e) => (
          <tr key={e.id} className={STACKED_ROW.page} data-testid="export-row">
            <StackedCell className="col-span-2 md:col-span-1">
              <div className="font-medium">{formatDateTime(e.createdAt, locale, timeZone)}</div>
              {e.createdByName && <div className="break-words text-xs text-slate-500">{e.createdByName}</div>}
            </StackedCell>
            <StackedCell label={t('state')}>
              <Badge color={JOB_STATE_COLOR[e.state]}>{tj(`states.${e.state}`)}</Badge>
            </StackedCell>
            <StackedCell label={t('size')}>{e.bytes === null ? '—' : formatBytes(e.bytes)}</StackedCell>
            <StackedCell label={t('secrets')}>
              {e.secrets ? t(e.secrets === 'passphrase' ? 'secretsSealed' : 'secretsAbsent') : '—'}
              {e.leftOutCount > 0 && <LeftOut items={e.leftOut} count={e.leftOutCount} />}
            </StackedCell>
            <StackedCell label={t('expires')}>
              {e.state !== 'done' ? '—' : e.available ? formatDateTime(e.expiresAt, locale, timeZone) : t('expired')}
            </StackedCell>
            <StackedCell className="col-span-2 md:col-span-1">
              {e.available && (
                <a
                  href={`/api/org-transfer/exports/${e.id}`}
                  className={buttonClass('secondary', 'w-full md:w-auto')}
                  data-testid="export-download"
                >
                  <Download size={16} aria-hidden />
                  {t('download')}
                </a>
              )}
            </StackedCell>
          </tr>
        ))}
      </StackedTable>
    </section>
  );
}

/** The column of a left-out field (`detail.passwordEnc` is a key inside the JSON column `detail`). */
const fieldColumn = (field: string) => field.split('.')[0]!;

/** Secrets the export could not decrypt and left out: which records, so they can be typed again. */
function LeftOut({ items, count }: { items: ExportItem['leftOut']; count: number }) {
  const t = useTranslations('orgTransfer');
  return (
    <details className="mt-1 text-xs text-amber-700 dark:text-amber-400" data-testid="export-left-out">
      <summary className="cursor-pointer">{t('leftOut', { count })}</summary>
      <ul className="mt-1 list-disc space-y-0.5 break-all pl-4">
        {items.map((i) => (
          <li key={`${i.table}/${i.id}/${i.field}`}>
            {t('leftOutItem', {
              kind: t.has(`leftOutKinds.${i.table}`) ? t(`leftOutKinds.${i.table}`) : i.table,
              // The record's name when it has one; else the start of its id, enough to find it.
              name: i.name || `#${i.id.slice(0, 8)}`,
              field: t.has(`leftOutFields.${fieldColumn(i.field)}`)
                ? t(`leftOutFields.${fieldColumn(i.field)}`)
                : i.field,
            })}
          </li>
        ))}
      </ul>
      {count > items.length && <p>{t('leftOutMore', { count: count - items.length })}</p>}
      <p className="mt-1">{t('leftOutHint')}</p>
    </details>
  );
}
