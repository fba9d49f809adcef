/**
 * credited: in the reseller's wallet. reversed: taken back after a refund reopened the
 * invoice. reversal_pending: taken back, but the wallet could not cover it yet (the wallet
 * never goes negative); settled from the next commission or top-up.
 */
export const COMMISSION_STATUSES = ['credited', 'reversed', 'reversal_pending'] as const;
export type CommissionStatus = (typeof COMMISSION_STATUSES)[number];

/** Basis points per 100 %: 500 bps = 5 %. */
export const BPS = 10_000;

/** floor(base × rate): integer rupiah, never rounding in the reseller's favour. */
export function commissionFor(baseAmount: number, rateBps: number): number {
  if (baseAmount <= 0 || rateBps <= 0) return 0;
  return Math.floor((baseAmount * rateBps) / BPS);
}
