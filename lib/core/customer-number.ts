/** A customer's number as people read and say it: C-000042. Pure, for server and client. */
export function formatCustomerNumber(n: number) {
  return `C-${String(n).padStart(6, '0')}`;
}
