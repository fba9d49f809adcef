import { getTranslations } from 'next-intl/server';
import { Badge } from '@/components/ui/card';
import type { TicketPriority, TicketStatus } from '@/db/enums';
import { type SlaState, slaState } from '@/lib/tickets/sla';

const STATUS_COLOR = {
  open: 'blue',
  in_progress: 'amber',
  waiting: 'slate',
  resolved: 'green',
  closed: 'slate',
} as const satisfies Record<TicketStatus, string>;
const PRIORITY_COLOR = { low: 'slate', normal: 'blue', high: 'amber', urgent: 'red' } as const;
const SLA_COLOR = { met: 'green', ok: 'slate', due_soon: 'amber', breached: 'red', none: 'slate' } as const;

export async function StatusBadge({ status }: { status: TicketStatus }) {
  const t = await getTranslations('tickets');
  return <Badge color={STATUS_COLOR[status]}>{t(`statuses.${status}`)}</Badge>;
}

export async function PriorityBadge({ priority }: { priority: TicketPriority }) {
  const t = await getTranslations('tickets');
  return <Badge color={PRIORITY_COLOR[priority]}>{t(`priorities.${priority}`)}</Badge>;
}

/** Hours and minutes, as people say them: "2 j 5 m" / "2 h 5 m"; days past a day. */
function span(ms: number, t: (k: string, v: Record<string, number>) => string) {
  const minutes = Math.max(1, Math.round(Math.abs(ms) / 60_000));
  if (minutes >= 60 * 24) return t('sla.days', { d: Math.floor(minutes / 1440), h: Math.floor((minutes % 1440) / 60) });
  if (minutes >= 60) return t('sla.hours', { h: Math.floor(minutes / 60), m: minutes % 60 });
  return t('sla.minutes', { m: minutes });
}

/**
 * One SLA timer: "first response: 1 h 20 m left" / "late by 35 m" / "met". The time left is
 * wall-clock time to the due moment, which was itself counted in working hours.
 */
export async function SlaTimer({
  label,
  dueAt,
  doneAt,
  active,
  now,
  testId,
}: {
  label: string;
  dueAt: Date | null;
  doneAt: Date | null;
  active: boolean;
  now: Date;
  testId?: string;
}) {
  const t = await getTranslations('tickets');
  const state: SlaState = !active && !doneAt ? 'none' : slaState(dueAt, doneAt, now);
  if (state === 'none' || !dueAt) return null;
  const text =
    state === 'met'
      ? t('sla.met')
      : state === 'breached'
        ? t('sla.late', { time: span((doneAt ?? now).getTime() - dueAt.getTime(), t) })
        : t('sla.left', { time: span(dueAt.getTime() - now.getTime(), t) });
  return (
    <span className="inline-flex items-center gap-1 text-xs" data-testid={testId} data-state={state}>
      <span className="text-slate-500">{label}:</span>
      <Badge color={SLA_COLOR[state]}>{text}</Badge>
    </span>
  );
}
