import type { EventType } from './catalog';

const customerId = '0b6f5c1e-3d7a-4c52-9a41-6f2e8d9b1c03';
const subscriptionId = '5e2d8a47-91bc-4f0e-8d36-2a7c4b19e605';
const invoiceId = '9c41e7b2-6a0d-4e85-b3f9-1d2c7a5e8f40';
const paymentId = 'd3a9f0c6-2b8e-47d1-9c5a-6e4f1b7a2d98';
const planId = '7a1c3e5f-8b2d-4a69-a0c7-3f5e9d1b6c24';
const resellerUserId = 'e8b2c4d6-1f3a-4b5c-8d7e-9f0a1b2c3d4e';
const payment = {
  paymentId,
  orderId: null,
  customerId,
  invoiceId,
  amount: 166_500,
  method: 'cash',
  gateway: null,
  channel: null,
  reference: null,
  reason: null,
  note: null,
  at: '2026-05-12T03:14:07.512Z',
};
const subscription = {
  subscriptionId,
  customerId,
  serviceUsername: 'budi.santoso',
  planId,
  status: 'active',
  previousStatus: 'pending',
  reason: 'installed',
  at: '2026-04-20T06:41:19.003Z',
};
const ticket = {
  ticketId: '2f7b9d1e-4c6a-48e0-b2d5-7a9c1e3f5b68',
  number: 'T-000128',
  kind: 'complaint',
  subject: 'Internet mati sejak pagi',
  category: 'no_internet',
  priority: 'normal',
  status: 'open',
  source: 'portal',
  customerId,
  subscriptionId,
  outageId: null,
  createdAt: '2026-05-14T01:22:45.870Z',
  resolvedAt: null,
};

/**
 * One realistic `data` per event type, in exactly the shape lib/events/rows.ts emits (a test
 * compares the keys): for the webhook "send test" and docs/features/events.md.
 */
export const EVENT_SAMPLES: Record<EventType, Record<string, unknown>> = {
  'customer.created': {
    customerId,
    number: 'C-000042',
    name: 'Budi Santoso',
    phone: '6281234567890',
    email: null,
    address: 'Jl. Melati No. 5',
    area: 'RW 05',
    status: 'pending',
    planId,
    resellerUserId: null,
    source: 'lead',
    createdAt: '2026-04-18T02:05:33.120Z',
  },
  'invoice.created': {
    invoiceId,
    number: 'INV/202605/00042',
    customerId,
    subscriptionId,
    period: '2026-05-01',
    issueDate: '2026-05-01',
    dueDate: '2026-05-10',
    billingType: 'postpaid',
    subtotal: 150_000,
    tax: 16_500,
    total: 166_500,
    status: 'unpaid',
    createdAt: '2026-05-01T00:15:02.441Z',
  },
  'invoice.paid': {
    invoiceId,
    number: 'INV/202605/00042',
    customerId,
    subscriptionId,
    amount: 166_500,
    paymentId,
    paidAt: '2026-05-12T03:14:07.512Z',
  },
  'payment.created': { ...payment },
  'payment.completed': { ...payment },
  'payment.failed': {
    ...payment,
    paymentId: null,
    orderId: 'JRG-7K2M9Q4X8C3V6B1N5Z0A4S',
    method: 'gateway',
    gateway: 'midtrans',
    channel: 'qris',
    reference: 'a81f6c2e-5b9d-4e07-9c3a-2d8f1b6e4a70',
    reason: 'expired',
  },
  'subscription.activated': { ...subscription },
  'subscription.isolated': { ...subscription, status: 'isolated', previousStatus: 'active', reason: 'unpaid_invoice' },
  'subscription.reconnected': { ...subscription, status: 'active', previousStatus: 'isolated', reason: 'paid' },
  'subscription.terminated': {
    ...subscription,
    status: 'terminated',
    previousStatus: 'active',
    reason: 'Pindah rumah ke luar kota',
  },
  'voucher.sold': {
    batchId: '4d6f8a0c-2e4b-46d8-8fa1-3c5e7a9b1d2f',
    resellerUserId,
    profileId: '6b8d0f2a-4c6e-48a0-b2d4-5e7f9a1c3e50',
    profileName: 'Harian 5 ribu',
    count: 50,
    unitPrice: 4_000,
    amount: 200_000,
    retailPrice: 5_000,
    soldAt: '2026-05-13T09:30:12.004Z',
  },
  'ticket.created': { ...ticket },
  'ticket.resolved': { ...ticket, status: 'resolved', resolvedAt: '2026-05-14T04:02:10.315Z' },
  'router.offline': {
    routerId: '8e0a2c4e-6f8b-4ad2-9e4f-1a3b5c7d9e0f',
    name: 'RB-Pusat',
    area: 'RW 05',
    errorKind: 'timeout',
    lastSeenAt: '2026-05-14T00:58:02.117Z',
    offlineAt: '2026-05-14T00:59:04.530Z',
  },
};
