import type { EventType } from '@/lib/events/catalog';

/**
 * LOCAL STAND-IN for EVENT_SAMPLES (lib/events/samples.ts, which the events lane writes):
 * sample data for a "send test event", shaped as that type's data (camelCase, uuids, rupiah,
 * ISO times). Replace with EVENT_SAMPLES once it is on main.
 */
const id = '00000000-0000-4000-8000-000000000001';
const at = '2025-01-15T03:00:00.000Z';
const customer = { customerId: id, customerNumber: 'C-000123', name: 'Budi Santoso' };
const invoice = { invoiceId: id, number: 'INV-2025-01-0001', customerId: id, subscriptionId: id, amount: 150000 };
const payment = { paymentId: id, invoiceId: id, customerId: id, amount: 150000, method: 'qris' };
const subscription = { subscriptionId: id, customerId: id, planId: id, serviceUsername: 'budi01' };
const ticket = { ticketId: id, number: 'TCK-000045', customerId: id, subject: 'Internet mati' };

export const TEST_EVENT_SAMPLES: Record<EventType, Record<string, unknown>> = {
  'customer.created': { ...customer, createdAt: at },
  'invoice.created': { ...invoice, dueDate: '2025-01-20', createdAt: at },
  'invoice.paid': { ...invoice, paidAt: at },
  'payment.created': { ...payment, status: 'pending', createdAt: at },
  'payment.completed': { ...payment, status: 'completed', paidAt: at },
  'payment.failed': { ...payment, status: 'failed', failedAt: at },
  'subscription.activated': { ...subscription, status: 'active', at },
  'subscription.isolated': { ...subscription, status: 'isolated', at },
  'subscription.reconnected': { ...subscription, status: 'active', at },
  'subscription.terminated': { ...subscription, status: 'terminated', at },
  'voucher.sold': { voucherId: id, code: 'ABCD1234', profileId: id, price: 5000, soldAt: at },
  'ticket.created': { ...ticket, status: 'open', createdAt: at },
  'ticket.resolved': { ...ticket, status: 'resolved', resolvedAt: at },
  'router.offline': { routerId: id, name: 'Router Pusat', host: 'router.example.net', since: at },
};
