'use client';
import { useRouter } from 'next/navigation';
import { useLocale, useTranslations } from 'next-intl';
import { useCallback, useState } from 'react';
import { scanOltAction } from '@/app/_actions/olt-cli';
import { JobError } from '@/components/job-error';
import { JobStatus } from '@/components/jobs/job-watch';
import { useQueuedJob } from '@/components/jobs/use-queued-job';
import { Button } from '@/components/ui/button';
import { Alert, Badge, Card } from '@/components/ui/card';
import type { ScannedOnu } from '@/lib/fibre/olt/check';
import { formatDateTime } from '@/lib/format';
import { toLocale } from '@/lib/i18n/config';
import { OnuRegisterForm } from './onu-register-form';

export type UnconfiguredData = {
  scannedAt: string | null;
  onus: ScannedOnu[];
  scanJobId: string | null;
  lastScanError: string | null;
  registering: { jobId: string; state: string; serial: string; error: string | null; createdAt: string }[];
  values: Record<string, string>;
};

export function OltUnconfiguredList({
  oltId,
  data,
  canProvision,
  timeZone,
}: {
  oltId: string;
  data: UnconfiguredData;
  canProvision: boolean;
  timeZone: string;
}) {
  const t = useTranslations('oltCli');
  const tj = useTranslations('jobs');
  const locale = toLocale(useLocale());
  const router = useRouter();
  const scan = useQueuedJob();
  const [open, setOpen] = useState<string | null>(null);
  const refresh = useCallback(() => router.refresh(), [router]);
  const scanJob = scan.jobId ?? data.scanJobId;
  return (
    <Card className="space-y-3">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <h2 className="font-semibold">{t('unconfigured.title')}</h2>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            {data.scannedAt
              ? t('unconfigured.scannedAt', { when: formatDateTime(data.scannedAt, locale, timeZone) })
              : t('unconfigured.hint')}
          </p>
        </div>
        {canProvision && (
          <Button
            data-testid="olt-scan"
            disabled={scan.pending}
            onClick={() => scan.run(() => scanOltAction({ oltId }))}
          >
            {t('unconfigured.scanNow')}
          </Button>
        )}
      </div>
      {scan.error && (
        <Alert>
          <JobError error={scan.error} />
        </Alert>
      )}
      {scanJob && (
        <div data-testid="olt-scan-job">
          <JobStatus jobId={scanJob} onFinished={refresh} />
        </div>
      )}
      {!scanJob && data.lastScanError && (
        <Alert>
          <JobError error={data.lastScanError} />
        </Alert>
      )}
      {!data.scannedAt && !scanJob && <p className="text-sm">{t('unconfigured.neverScanned')}</p>}
      {data.scannedAt && data.onus.length === 0 && (
        <p className="text-sm" data-testid="olt-unconfigured-empty">
          {t('unconfigured.empty')}
        </p>
      )}
      <ul className="divide-y divide-slate-200 dark:divide-slate-800" data-testid="olt-unconfigured">
        {data.onus.map((onu) => (
          <li key={onu.serial} className="space-y-2 py-3" data-testid="olt-unconfigured-row" data-serial={onu.serial}>
            <div className="flex flex-wrap items-center justify-between gap-2">
              <div className="min-w-0">
                <p className="break-all font-mono font-medium">{onu.serial}</p>
                <p className="text-sm text-slate-600 dark:text-slate-400">
                  {t('unconfigured.port')}: {onu.portName}
                  {onu.model ? ` · ${t('unconfigured.model')}: ${onu.model}` : ''}
                </p>
              </div>
              {canProvision && onu.ponPortId && open !== onu.serial && (
                <Button variant="secondary" data-testid="olt-register-open" onClick={() => setOpen(onu.serial)}>
                  {t('unconfigured.register')}
                </Button>
              )}
            </div>
            {!onu.ponPortId && <p className="text-sm text-amber-700">{t('unconfigured.unknownPort')}</p>}
            {open === onu.serial && onu.ponPortId && (
              <OnuRegisterForm
                oltId={oltId}
                onu={{ ...onu, ponPortId: onu.ponPortId }}
                values={data.values}
                onClose={() => setOpen(null)}
                onDone={refresh}
              />
            )}
          </li>
        ))}
      </ul>
      {data.registering.length > 0 && (
        <div className="space-y-2">
          <h3 className="text-sm font-medium">{t('unconfigured.recent')}</h3>
          <ul className="space-y-2" data-testid="olt-registrations">
            {data.registering.map((r) => (
              <li key={r.jobId} className="space-y-1 text-sm">
                {r.state === 'done' || r.state === 'failed' ? (
                  <div className="flex flex-wrap items-center gap-2">
                    <span className="font-mono">{r.serial}</span>
                    <Badge color={r.state === 'done' ? 'green' : 'red'}>{tj(`states.${r.state}`)}</Badge>
                    {r.error && <JobError error={r.error} className="w-full text-sm" />}
                  </div>
                ) : (
                  <>
                    <span className="font-mono">{r.serial}</span>
                    <JobStatus jobId={r.jobId} onFinished={refresh} />
                  </>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
    </Card>
  );
}
