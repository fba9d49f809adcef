// The day in the number is counted in WIB (UTC+7), Jaring's default zone, at a fixed offset.
const WIB_MS = 7 * 3_600_000;

/**
 * The receipt number printed on a counter receipt: `KW/<yyyymmdd>/<8 hex>`, derived from the
 * payment itself (the day it was made, in WIB, and the start of its random id), so it needs no
 * counter or column and never changes, whoever reprints it, even if the organization later
 * moves to another time zone. For a WITA or WIT organization the day is the local one except
 * in the first one or two hours after midnight. Two receipts of one organization share a
 * number only if they share the day and eight hex digits: about one chance in 870,000 on a
 * day of 100 payments, one in 8,600 on a day of 1,000.
 */
export function receiptNumber(paymentId: string, createdAt: Date): string {
  const day = new Date(createdAt.getTime() + WIB_MS).toISOString().slice(0, 10).replaceAll('-', '');
  return `KW/${day}/${paymentId.replaceAll('-', '').slice(0, 8).toUpperCase()}`;
}
