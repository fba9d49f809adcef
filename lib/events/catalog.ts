/**
 * What Jaring tells the outside about, by webhook (lib/webhooks) and to plugins (lib/plugins).
 * Each is emitted (lib/events/emit.ts) in the transaction of the change it reports; its data
 * is the changed record's public fields (ids, numbers, amounts in rupiah, statuses, times as
 * ISO strings), never a secret. The message `events.types.<type with _ for .>` labels it.
 */
export const EVENT_TYPES = [
  'customer.created',
  'invoice.created',
  'invoice.paid',
  'payment.created',
  'payment.completed',
  'payment.failed',
  'payment.refunded',
  'subscription.activated',
  'subscription.isolated',
  'subscription.suspended',
  'subscription.reconnected',
  'subscription.terminated',
  'voucher.sold',
  'wallet.topped_up',
  'ticket.created',
  'ticket.resolved',
  'router.offline',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export function isEventType(value: string): value is EventType {
  return (EVENT_TYPES as readonly string[]).includes(value);
}
