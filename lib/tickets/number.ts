/** A ticket's number as people say it: T-000042. Pure, so client components may import it. */
export function formatTicketNumber(n: number): string {
  return `T-${String(n).padStart(6, '0')}`;
}
