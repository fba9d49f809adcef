/** A gateway clock may run a little ahead of ours; more than this is not believed. */
const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * When a gateway payment counts as paid. A gateway's own paid time is kept only when it
 * falls after the payment was created (and not in the future): a forged or misparsed
 * settlement time (e.g. a WIB time read as UTC, or last year's) must not backdate a
 * payment. Otherwise the moment the callback or check arrived is used.
 */
export function trustedPaidAt(reported: Date | null, createdAt: Date, arrivedAt: Date = new Date()): Date {
  if (!reported || Number.isNaN(reported.getTime())) return arrivedAt;
  if (reported.getTime() < createdAt.getTime()) return arrivedAt;
  if (reported.getTime() > arrivedAt.getTime() + CLOCK_SKEW_MS) return arrivedAt;
  return reported;
}
