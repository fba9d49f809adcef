'use client';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatIDR } from '@/lib/format';

export type ChartSeries = { key: string; label: string; color: string; stack?: string };

const compact = new Intl.NumberFormat('id-ID', { notation: 'compact', maximumFractionDigits: 1 });

/**
 * One small bar chart of rupiah per label (months, age buckets). The page prepares the rows on
 * the server; only this piece runs in the browser. Sized for a 390 px phone: short labels, a
 * compact axis ("1,2 jt"), the exact amount in the tooltip.
 */
export function ReportChart({
  title,
  rows,
  series,
  testId,
}: {
  title: string;
  rows: Record<string, string | number>[];
  series: ChartSeries[];
  testId?: string;
}) {
  return (
    <figure
      className="min-w-0 rounded-xl border border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900"
      data-testid={testId}
    >
      <figcaption className="mb-2 text-sm font-medium">{title}</figcaption>
      <div className="h-56 w-full">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={rows} margin={{ top: 4, right: 4, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
            <XAxis dataKey="label" tick={{ fontSize: 11 }} interval="preserveStartEnd" tickLine={false} />
            <YAxis
              width={44}
              tick={{ fontSize: 11 }}
              tickLine={false}
              axisLine={false}
              tickFormatter={(v: number) => compact.format(v)}
            />
            <Tooltip formatter={(v) => formatIDR(Number(v))} />
            {series.length > 1 && <Legend wrapperStyle={{ fontSize: 12 }} />}
            {series.map((s) => (
              <Bar key={s.key} dataKey={s.key} name={s.label} fill={s.color} stackId={s.stack} radius={[3, 3, 0, 0]} />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
