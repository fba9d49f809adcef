import type { GatewayMethodSetting } from '@/db/schema';

/**
 * The organization's fee for a method: flat rupiah, or basis points of the amount rounded
 * up to the rupiah (a percent fee must never under-charge by a fraction). When the customer
 * bears it, it is added to what the gateway charges; when the ISP does, it is only recorded.
 */
export function methodFee(amount: number, setting: Pick<GatewayMethodSetting, 'feeType' | 'feeValue' | 'feeBearer'>) {
  const fee = setting.feeType === 'flat' ? setting.feeValue : Math.ceil((amount * setting.feeValue) / 10_000);
  return { fee, feeBearer: setting.feeBearer, charged: setting.feeBearer === 'customer' ? amount + fee : amount };
}

/** "2,5" / "2.5" percent as typed by an operator -> 250 basis points; null if not a number. */
export function percentToBasisPoints(text: string): number | null {
  const m = /^\s*(\d{1,3})(?:[.,](\d{1,2}))?\s*%?\s*$/.exec(text);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

export function basisPointsToPercent(bp: number): string {
  return (bp / 100).toLocaleString('id-ID', { maximumFractionDigits: 2 });
}
