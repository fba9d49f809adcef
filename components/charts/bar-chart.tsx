'use client';

import { useRouter } from 'next/navigation';
import { Bar, CartesianGrid, BarChart as RBarChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Locale } from '@/lib/i18n/config';
import { formatValue, type ValueFormat } from './format';

export type ChartSeries = { key: string; label: string; color: string };
export type ChartPoint = { label: string; href?: string | null } & Record<string, number | string | null | undefined>;

/**
 * A bar chart that fits a 390 px phone: full width, short axis ticks, and a bar that is a
 * link when its point has an `href` (the filtered list behind the number), or, with several
 * series, an `href_<series key>` per series. `horizontal` puts the categories down the side,
 * for long names (plans, areas).
 */
export function BarChart({
  title,
  data,
  series,
  format,
  locale,
  horizontal = false,
  stacked = false,
  height,
}: {
  title: string;
  data: ChartPoint[];
  series: ChartSeries[];
  format: ValueFormat;
  locale: Locale;
  horizontal?: boolean;
  stacked?: boolean;
  height?: number;
}) {
  const router = useRouter();
  const h = height ?? (horizontal ? Math.max(140, data.length * 36 + 40) : 220);
  const tick = (v: number) => formatValue(Number(v), format, locale, true);
  const category = (v: string) => (v.length > 14 ? `${v.slice(0, 13)}…` : v);
  const linkOf = (index: number, key: string) => {
    const point = data[index];
    const own = point?.[`href_${key}`];
    return typeof own === 'string' ? own : point?.href;
  };
  const open = (index: number, key: string) => {
    const href = linkOf(index, key);
    if (href) router.push(href);
  };
  return (
    <figure data-testid="chart" aria-label={title} className="w-full min-w-0">
      <ResponsiveContainer width="100%" height={h} initialDimension={{ width: 320, height: h }}>
        <RBarChart
          data={data}
          layout={horizontal ? 'vertical' : 'horizontal'}
          margin={{ top: 4, right: 8, bottom: 0, left: 0 }}
          barCategoryGap="20%"
        >
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" vertical={horizontal} horizontal={!horizontal} />
          {horizontal ? (
            <>
              <XAxis type="number" tickFormatter={tick} tick={{ fontSize: 11 }} />
              <YAxis type="category" dataKey="label" width={92} tickFormatter={category} tick={{ fontSize: 11 }} />
            </>
          ) : (
            <>
              <XAxis dataKey="label" tick={{ fontSize: 11 }} interval="preserveStartEnd" minTickGap={4} />
              <YAxis tickFormatter={tick} width={format === 'idr' ? 64 : 36} tick={{ fontSize: 11 }} />
            </>
          )}
          <Tooltip
            formatter={(value, name) => [
              formatValue(Number(value), format, locale),
              series.find((s) => s.key === name)?.label ?? String(name),
            ]}
            cursor={{ fill: 'rgba(148, 163, 184, 0.15)' }}
          />
          {series.map((s) => (
            <Bar
              key={s.key}
              dataKey={s.key}
              name={s.key}
              fill={s.color}
              stackId={stacked ? 'all' : undefined}
              radius={stacked ? 0 : 3}
              cursor={data.some((_, i) => linkOf(i, s.key)) ? 'pointer' : undefined}
              onClick={(_, index) => open(index, s.key)}
              isAnimationActive={false}
            />
          ))}
        </RBarChart>
      </ResponsiveContainer>
      {series.length > 1 && (
        <figcaption className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600 dark:text-slate-400">
          {series.map((s) => (
            <span key={s.key} className="inline-flex items-center gap-1.5">
              <span aria-hidden className="inline-block h-2.5 w-2.5 rounded-sm" style={{ background: s.color }} />
              {s.label}
            </span>
          ))}
        </figcaption>
      )}
    </figure>
  );
}
