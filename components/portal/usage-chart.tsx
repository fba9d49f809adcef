'use client';
import { useLocale, useTranslations } from 'next-intl';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { toLocale } from '@/lib/i18n/config';
import { formatGB } from '@/lib/usage/format';

export type UsageDay = { day: string; bytesIn: number; bytesOut: number };

/**
 * This month's usage per day as stacked bars (download, upload) in GB, in the reader's
 * number format; fits a 390 px phone. Days come from lib/usage `usageByDay`.
 */
export function UsageChart({ days, height = 220 }: { days: UsageDay[]; height?: number }) {
  const t = useTranslations('requests.usage');
  const locale = toLocale(useLocale());
  const data = days.map((d) => ({
    label: String(Number(d.day.slice(8, 10))),
    day: d.day,
    download: d.bytesIn / 1e9,
    upload: d.bytesOut / 1e9,
  }));
  const gb = (v: number) => formatGB(v * 1e9, locale);
  return (
    <figure data-testid="usage-chart" aria-label={t('chartLabel')} className="w-full min-w-0">
      <ResponsiveContainer width="100%" height={height} initialDimension={{ width: 320, height }}>
        <BarChart data={data} margin={{ top: 4, right: 4, bottom: 0, left: 0 }} barCategoryGap="15%">
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" vertical={false} />
          <XAxis dataKey="label" tick={{ fontSize: 11 }} interval="preserveStartEnd" minTickGap={8} />
          <YAxis tick={{ fontSize: 11 }} width={40} tickFormatter={(v: number) => gb(v)} />
          <Tooltip
            formatter={(v, name) => [
              t('gb', { value: gb(Number(v)) }),
              name === 'download' ? t('download') : t('upload'),
            ]}
            labelFormatter={(_, payload) => String(payload?.[0]?.payload?.day ?? '')}
          />
          <Bar dataKey="download" stackId="u" fill="#059669" name="download" isAnimationActive={false} />
          <Bar dataKey="upload" stackId="u" fill="#0ea5e9" name="upload" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
      <figcaption className="sr-only">{t('chartLabel')}</figcaption>
    </figure>
  );
}
