'use client';

import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { SignalPoint } from '@/lib/fibre/signal/store';
import { formatDbm, SIGNAL_COLORS } from './signal-style';

/**
 * An ONU's RX power over time (recharts), one point per hour, sized for a 390 px phone, with
 * the organization's warning and critical thresholds as dashed lines. Hours without light
 * break the line. Texts come from the caller (already translated).
 */
export function SignalLineChart({
  points,
  thresholds,
  title,
  empty,
  locale,
  timeZone,
}: {
  points: SignalPoint[];
  thresholds: { warningDbm: number; criticalDbm: number };
  title: string;
  empty: string;
  locale: string;
  timeZone: string;
}) {
  if (points.length === 0)
    return (
      <p className="text-sm text-slate-500" data-testid="signal-chart-empty">
        {empty}
      </p>
    );
  const tag = locale === 'en' ? 'en-GB' : 'id-ID';
  const day = new Intl.DateTimeFormat(tag, { day: 'numeric', month: 'short', timeZone });
  const hour = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'short', timeZone });
  const data = points.map((p) => ({ t: new Date(p.at).getTime(), rx: p.down ? null : p.rxPowerDbm }));
  const values = data.flatMap((d) => (d.rx === null ? [] : [d.rx]));
  const low = Math.floor(Math.min(thresholds.criticalDbm - 2, ...values));
  const high = Math.ceil(Math.max(thresholds.warningDbm + 5, ...values));
  return (
    <figure data-testid="signal-chart" aria-label={title} className="w-full min-w-0">
      <figcaption className="mb-1 text-xs text-slate-500">{title}</figcaption>
      <ResponsiveContainer width="100%" height={180} initialDimension={{ width: 320, height: 180 }}>
        <LineChart data={data} margin={{ top: 4, right: 8, bottom: 0, left: -16 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" vertical={false} />
          <XAxis
            dataKey="t"
            type="number"
            scale="time"
            domain={['dataMin', 'dataMax']}
            tickFormatter={(v: number) => day.format(new Date(v))}
            tick={{ fontSize: 11 }}
            minTickGap={24}
          />
          <YAxis domain={[low, high]} tick={{ fontSize: 11 }} width={44} allowDecimals={false} />
          <ReferenceLine y={thresholds.warningDbm} stroke={SIGNAL_COLORS.warning} strokeDasharray="4 4" />
          <ReferenceLine y={thresholds.criticalDbm} stroke={SIGNAL_COLORS.critical} strokeDasharray="4 4" />
          <Tooltip
            labelFormatter={(v) => hour.format(new Date(Number(v)))}
            formatter={(v) => [formatDbm(Number(v), locale), 'RX']}
          />
          <Line type="monotone" dataKey="rx" stroke="#2563eb" strokeWidth={2} dot={false} connectNulls={false} />
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}
