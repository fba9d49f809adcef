import { localDate } from './money';

/**
 * The receipt number printed on a counter receipt: `KW/<yyyymmdd>/<8 hex>`, derived from the
 * payment itself (the day it was made in the organization's zone, the same day the receipt
 * prints as its date, and the start of its random id), so it needs no counter or column and
 * is the same whoever reprints it. Two receipts of one organization share a number only if
 * they share the day and eight hex digits: about one chance in 870,000 on a day of 100
 * payments, one in 8,600 on a day of 1,000.
 */
export function receiptNumber(paymentId: string, createdAt: Date, timeZone: string): string {
  const day = localDate(createdAt, timeZone).replaceAll('-', '');
  return `KW/${day}/${paymentId.replaceAll('-', '').slice(0, 8).toUpperCase()}`;
}
