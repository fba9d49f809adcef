/** An invoice still to be paid (unpaid or partly paid): the only kind sent to the customer or counted late. */
export const isOpenInvoice = (status: string) => status === 'unpaid' || status === 'partial';

/**
 * Days an open invoice is past its due date, counted in the organization's calendar
 * (`today` is its local date, YYYY-MM-DD); 0 when it is not due yet, paid, carried or void.
 */
export function daysOverdue(invoice: { status: string; dueDate: string }, today: string): number {
  if (!isOpenInvoice(invoice.status)) return 0;
  const days = (Date.parse(`${today}T00:00:00Z`) - Date.parse(`${invoice.dueDate}T00:00:00Z`)) / 86_400_000;
  return Math.max(0, Math.round(days));
}
