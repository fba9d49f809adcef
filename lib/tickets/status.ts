import type { TicketStatus } from '@/db/enums';

/**
 * The status flow: open → in progress → waiting for the customer → resolved → closed.
 * Work may skip ahead (a quick fix goes straight from open to resolved) and go back and forth
 * between in progress and waiting; a resolved or closed ticket comes back only by reopening.
 */
const NEXT: Record<TicketStatus, TicketStatus[]> = {
  open: ['in_progress', 'waiting', 'resolved'],
  in_progress: ['waiting', 'resolved'],
  waiting: ['in_progress', 'resolved'],
  resolved: ['closed', 'open'],
  closed: ['open'],
};

export function nextStatuses(status: TicketStatus): TicketStatus[] {
  return NEXT[status];
}

export function canMoveTo(from: TicketStatus, to: TicketStatus): boolean {
  return NEXT[from].includes(to);
}

/** Not yet done: what counts on dashboards and what the SLA pass watches. */
export const ACTIVE_STATUSES = ['open', 'in_progress', 'waiting'] as const satisfies readonly TicketStatus[];

export function isActive(status: TicketStatus): boolean {
  return (ACTIVE_STATUSES as readonly string[]).includes(status);
}

/**
 * Statuses whose SLA clocks run. A ticket waiting for the customer has its clock paused: it is
 * not escalated and not counted as breached or due soon (it counts again once work resumes).
 */
export const CLOCK_STATUSES = ['open', 'in_progress'] as const satisfies readonly TicketStatus[];

export function clockRuns(status: TicketStatus): boolean {
  return (CLOCK_STATUSES as readonly string[]).includes(status);
}
