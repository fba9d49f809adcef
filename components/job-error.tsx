'use client';
import { useTranslations } from 'next-intl';
import { describeJobError } from '@/lib/jobs/error-text';

/** A failed job's error: the translated explanation first, the device's own words below. */
export function JobError({ error, className = '' }: { error: string; className?: string }) {
  const t = useTranslations();
  const { key, detail } = describeJobError(error);
  return (
    <div className={`break-words text-red-700 dark:text-red-400 ${className}`} data-testid="job-error">
      {key ? <p>{t(key)}</p> : <p>{detail}</p>}
      {key && detail && <p className="mt-1 font-mono text-xs text-slate-500 dark:text-slate-400">{detail}</p>}
    </div>
  );
}
