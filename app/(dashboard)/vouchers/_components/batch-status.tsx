import { getTranslations } from 'next-intl/server';
import { Badge } from '@/components/ui/card';
import type { BatchDisplayStatus, VoucherStatus } from '@/lib/vouchers/constants';
import { VOUCHER_STATUSES } from '@/lib/vouchers/constants';

const COLORS: Record<BatchDisplayStatus, 'green' | 'red' | 'amber' | 'blue' | 'slate'> = {
  queued: 'slate',
  delivering: 'blue',
  delivered: 'green',
  partial: 'amber',
  failed: 'red',
};

export async function BatchStatusBadge({ status }: { status: BatchDisplayStatus }) {
  const t = await getTranslations('vouchers.batchStatuses');
  return <Badge color={COLORS[status]}>{t(status)}</Badge>;
}

/** Delivery progress from the job (done / total), as a bar with its numbers. */
export function ProgressBar({ done, total, label }: { done: number; total: number; label: string }) {
  const pct = total > 0 ? Math.min(100, Math.round((done / total) * 100)) : 0;
  return (
    <div className="min-w-32 space-y-1" data-testid="delivery-progress">
      <div
        className="h-2 overflow-hidden rounded-full bg-slate-200 dark:bg-slate-800"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={done}
        aria-label={label}
      >
        <div className="h-full bg-brand-600 transition-all" style={{ width: `${pct}%` }} />
      </div>
      <p className="text-xs text-slate-500">{label}</p>
    </div>
  );
}

/** "12 belum dipakai · 3 aktif": only the statuses that occur. */
export async function StatusCounts({ counts }: { counts: Partial<Record<VoucherStatus, number>> }) {
  const t = await getTranslations('vouchers.statuses');
  const parts = VOUCHER_STATUSES.filter((s) => counts[s]).map((s) => `${counts[s]} ${t(s).toLowerCase()}`);
  return (
    <span className="text-xs text-slate-600 dark:text-slate-400" data-testid="status-counts">
      {parts.join(' · ') || '—'}
    </span>
  );
}
