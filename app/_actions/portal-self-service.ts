'use server';
import { portalExtendOp } from '@/lib/portal/billing-operations';
import { portalRebootModemOp, portalSetWifiOp } from '@/lib/portal/modem-operations';
import { portalRateTicketOp, portalTicketMessageOp } from '@/lib/portal/support-operations';
import { portalAct } from './portal-act';

// The customer portal's self-service (invoices, tickets, modem): each runs one portal
// operation for the visitor signed in on /portal/<slug>. Uploads (a transfer slip, a
// problem's photo) go through route handlers under /api/portal/<slug>/ with their own limits.

/** Prepaid "extend now": the next period's invoice (the same one when pressed twice). */
export async function extendPrepaidAction(slug: string, input: { subscriptionId: string }) {
  return portalAct(slug, portalExtendOp, input);
}

/** The customer writes on their own ticket. */
export async function portalTicketMessageAction(slug: string, input: { ticketId: string; body: string }) {
  return portalAct(slug, portalTicketMessageOp, input);
}

/** The customer rates a resolved ticket, once. */
export async function portalRateTicketAction(
  slug: string,
  input: { ticketId: string; rating: string; comment?: string },
) {
  return portalAct(slug, portalRateTicketOp, input as never);
}

/** The customer's WiFi change: an ACS task for their own modem (queued, never sent from here). */
export async function portalSetWifiAction(slug: string, input: Record<string, unknown>) {
  return portalAct(slug, portalSetWifiOp, input as never);
}

export async function portalRebootModemAction(slug: string, input: { subscriptionId: string }) {
  return portalAct(slug, portalRebootModemOp, input);
}
