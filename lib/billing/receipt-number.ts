/**
 * The receipt number printed on a counter receipt: `KW/<yyyymmdd>/<8 hex>`, derived from the
 * payment itself (the UTC day it was made and the start of its random id), so it needs no
 * counter or column and never changes, whoever reprints it, even if the organization later
 * moves to another time zone. The UTC day is the local day for anything paid after 07:00
 * WIB. Two receipts of one organization share a number only if they share the day and eight
 * hex digits: about one chance in 870,000 on a day of 100 payments, one in 8,600 on a day
 * of 1,000.
 */
export function receiptNumber(paymentId: string, createdAt: Date): string {
  const day = createdAt.toISOString().slice(0, 10).replaceAll('-', '');
  return `KW/${day}/${paymentId.replaceAll('-', '').slice(0, 8).toUpperCase()}`;
}
