import type { TransportKind } from '@/db/enums';

/** The Cloud API refuses a free-form reply once the customer's last message is older than this. */
export const CLOUD_API_WINDOW_HOURS = 24;

/**
 * Whether Meta will refuse a free-form reply: only over a Cloud API session, once the
 * customer's last message is more than 24 hours old (or there is none). Baileys and HTTP
 * gateways have no such window.
 */
export function replyWindowClosed(transport: TransportKind | null, lastInboundAt: Date | null, now: Date): boolean {
  if (transport !== 'cloud_api') return false;
  return !lastInboundAt || now.getTime() - lastInboundAt.getTime() > CLOUD_API_WINDOW_HOURS * 3600_000;
}
