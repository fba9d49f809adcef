/** An invoice still to be paid (unpaid or partly paid): the only kind sent to the customer or counted late. */
export const OPEN_INVOICE_STATUSES = ['unpaid', 'partial'] as const;
export const isOpenInvoice = (status: string) => (OPEN_INVOICE_STATUSES as readonly string[]).includes(status);

/** Whole calendar days from one `YYYY-MM-DD` to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * Days an open invoice is past its due date, counted in the organization's calendar
 * (`today` is its local date, YYYY-MM-DD); 0 when it is not due yet, paid, carried or void.
 */
export function daysOverdue(invoice: { status: string; dueDate: string }, today: string): number {
  if (!isOpenInvoice(invoice.status)) return 0;
  return Math.max(0, daysBetween(invoice.dueDate, today));
}
