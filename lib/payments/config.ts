import { and, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { type PaymentGatewayRow, paymentGateways } from '@/db/schema';
import { decryptSecret } from '@/lib/crypto';
import { env } from '@/lib/env';
import { GATEWAY_MODULES } from './gateways';
import type { GatewayConfig, GatewayMode, GatewayName } from './types';

const OVERRIDES: Record<GatewayName, () => string | undefined> = {
  midtrans: () => env().MIDTRANS_API_URL,
  xendit: () => env().XENDIT_API_URL,
  tripay: () => env().TRIPAY_API_URL,
  duitku: () => env().DUITKU_API_URL,
};

export function gatewayBaseUrl(gateway: GatewayName, mode: GatewayMode): string {
  return OVERRIDES[gateway]() ?? GATEWAY_MODULES[gateway].baseUrls[mode];
}

export function configOf(row: Pick<PaymentGatewayRow, 'gateway' | 'mode' | 'credentialsEnc'>): GatewayConfig {
  return {
    mode: row.mode,
    credentials: JSON.parse(decryptSecret(row.credentialsEnc)) as Record<string, string>,
    baseUrl: gatewayBaseUrl(row.gateway, row.mode),
  };
}

/** The organization's account with a gateway, decrypted for one call; null if none. */
export async function loadGatewayConfig(db: Db, p: { orgId: string; gateway: GatewayName }) {
  const [row] = await db
    .select()
    .from(paymentGateways)
    .where(and(eq(paymentGateways.organizationId, p.orgId), eq(paymentGateways.gateway, p.gateway)));
  return row ? { row, config: configOf(row) } : null;
}
