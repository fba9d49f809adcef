/** Basis points per 100 %: 500 bps = 5 %. */
export const BPS = 10_000;

/** floor(base × rate): integer rupiah, never rounding in the reseller's favour. */
export function commissionFor(baseAmount: number, rateBps: number): number {
  if (baseAmount <= 0 || rateBps <= 0) return 0;
  return Math.floor((baseAmount * rateBps) / BPS);
}
