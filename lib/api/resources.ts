import {
  approvePaymentOp,
  getInvoiceOp,
  getPaymentOp,
  listInvoicesOp,
  listPaymentsOp,
  recordPaymentOp,
  rejectPaymentOp,
} from '@/lib/billing/operations';
import {
  convertLeadOp,
  createLeadOp,
  getCustomerOp,
  getLeadOp,
  listCustomersOp,
  listLeadsOp,
  rejectLeadOp,
  transitionSubscriptionOp,
  updateCustomerOp,
  updateSubscriptionServiceOp,
} from '@/lib/customers/operations';
import { getRouterOp, listRoutersOp } from '@/lib/network/operations';
import { createPlanOp, listPlansOp, updatePlanOp } from '@/lib/plans/operations';
import type { Operation } from '@/lib/server/operation';
import {
  addTicketMessageOp,
  changeTicketStatusOp,
  createTicketOp,
  getTicketOp,
  listTicketsOp,
} from '@/lib/tickets/operations';
import {
  generateVoucherBatchOp,
  getVoucherBatchOp,
  listVoucherBatchesOp,
  listVouchersOp,
} from '@/lib/vouchers/operations';
import { createWorkOrderOp, getWorkOrderOp, listWorkOrdersOp } from '@/lib/workorders/operations';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/**
 * How a list operation pages: `keyset` answers `{ items, nextCursor }` and takes `cursor` and
 * `limit`; `page` answers `{ items, total, page, pageSize }` (the API's cursor carries the
 * page number); `all` answers a short array (an organization's plans) in one response.
 */
export type Paging = 'keyset' | 'page' | 'all';

/**
 * One REST route over one operation of lib/operations.ts: the API never has a second
 * implementation, so its permission, schema and tenant filter are the screens' own.
 */
export type Resource = {
  method: HttpMethod;
  /** Relative to /api/v1; `{id}` is the one path parameter. */
  path: string;
  // biome-ignore lint/suspicious/noExplicitAny: a heterogeneous list of operations
  op: Operation<any, unknown>;
  /** The input field `{id}` fills (`customerId`); it wins over a body's field of that name. */
  id?: string;
  tag: Tag;
  list?: Paging;
  /** Query strings are text: the fields a schema wants as booleans. */
  booleans?: string[];
};

export const TAGS = [
  'customers',
  'subscriptions',
  'leads',
  'plans',
  'invoices',
  'payments',
  'vouchers',
  'routers',
  'tickets',
  'workOrders',
] as const;
export type Tag = (typeof TAGS)[number];

const r = (resource: Resource) => resource;

export const RESOURCES: Resource[] = [
  r({
    method: 'GET',
    path: '/customers',
    op: listCustomersOp,
    tag: 'customers',
    list: 'keyset',
  }),
  r({
    method: 'GET',
    path: '/customers/{id}',
    op: getCustomerOp,
    id: 'customerId',
    tag: 'customers',
  }),
  r({
    method: 'PATCH',
    path: '/customers/{id}',
    op: updateCustomerOp,
    id: 'customerId',
    tag: 'customers',
  }),

  r({
    method: 'POST',
    path: '/subscriptions/{id}/transition',
    op: transitionSubscriptionOp,
    id: 'subscriptionId',
    tag: 'subscriptions',
  }),
  r({
    method: 'PUT',
    path: '/subscriptions/{id}/service',
    op: updateSubscriptionServiceOp,
    id: 'subscriptionId',
    tag: 'subscriptions',
  }),

  r({ method: 'GET', path: '/leads', op: listLeadsOp, tag: 'leads', list: 'keyset' }),
  r({ method: 'GET', path: '/leads/{id}', op: getLeadOp, id: 'leadId', tag: 'leads' }),
  r({
    method: 'POST',
    path: '/leads',
    op: createLeadOp,
    tag: 'leads',
  }),
  r({
    method: 'POST',
    path: '/leads/{id}/convert',
    op: convertLeadOp,
    id: 'leadId',
    tag: 'leads',
  }),
  r({
    method: 'POST',
    path: '/leads/{id}/reject',
    op: rejectLeadOp,
    id: 'leadId',
    tag: 'leads',
  }),

  r({
    method: 'GET',
    path: '/plans',
    op: listPlansOp,
    tag: 'plans',
    list: 'all',
    booleans: ['includeInactive'],
  }),
  r({ method: 'POST', path: '/plans', op: createPlanOp, tag: 'plans' }),
  r({ method: 'PATCH', path: '/plans/{id}', op: updatePlanOp, id: 'planId', tag: 'plans' }),

  r({
    method: 'GET',
    path: '/invoices',
    op: listInvoicesOp,
    tag: 'invoices',
    list: 'keyset',
  }),
  r({
    method: 'GET',
    path: '/invoices/{id}',
    op: getInvoiceOp,
    id: 'invoiceId',
    tag: 'invoices',
  }),

  r({
    method: 'GET',
    path: '/payments',
    op: listPaymentsOp,
    tag: 'payments',
    list: 'keyset',
  }),
  r({
    method: 'GET',
    path: '/payments/{id}',
    op: getPaymentOp,
    id: 'paymentId',
    tag: 'payments',
  }),
  r({
    method: 'POST',
    path: '/payments',
    op: recordPaymentOp,
    tag: 'payments',
  }),
  r({
    method: 'POST',
    path: '/payments/{id}/approve',
    op: approvePaymentOp,
    id: 'paymentId',
    tag: 'payments',
  }),
  r({
    method: 'POST',
    path: '/payments/{id}/reject',
    op: rejectPaymentOp,
    id: 'paymentId',
    tag: 'payments',
  }),

  r({
    method: 'GET',
    path: '/voucher-batches',
    op: listVoucherBatchesOp,
    tag: 'vouchers',
    list: 'keyset',
  }),
  r({
    method: 'GET',
    path: '/voucher-batches/{id}',
    op: getVoucherBatchOp,
    id: 'batchId',
    tag: 'vouchers',
  }),
  r({
    method: 'POST',
    path: '/voucher-batches',
    op: generateVoucherBatchOp,
    tag: 'vouchers',
  }),
  r({
    method: 'GET',
    path: '/vouchers',
    op: listVouchersOp,
    tag: 'vouchers',
    list: 'keyset',
  }),

  r({ method: 'GET', path: '/routers', op: listRoutersOp, tag: 'routers', list: 'page' }),
  r({ method: 'GET', path: '/routers/{id}', op: getRouterOp, id: 'routerId', tag: 'routers' }),

  r({ method: 'GET', path: '/tickets', op: listTicketsOp, tag: 'tickets', list: 'keyset' }),
  r({
    method: 'GET',
    path: '/tickets/{id}',
    op: getTicketOp,
    id: 'ticketId',
    tag: 'tickets',
  }),
  r({ method: 'POST', path: '/tickets', op: createTicketOp, tag: 'tickets' }),
  r({
    method: 'POST',
    path: '/tickets/{id}/messages',
    op: addTicketMessageOp,
    id: 'ticketId',
    tag: 'tickets',
  }),
  r({
    method: 'POST',
    path: '/tickets/{id}/status',
    op: changeTicketStatusOp,
    id: 'ticketId',
    tag: 'tickets',
  }),

  r({
    method: 'GET',
    path: '/work-orders',
    op: listWorkOrdersOp,
    tag: 'workOrders',
    list: 'keyset',
  }),
  r({
    method: 'GET',
    path: '/work-orders/{id}',
    op: getWorkOrderOp,
    id: 'workOrderId',
    tag: 'workOrders',
  }),
  r({ method: 'POST', path: '/work-orders', op: createWorkOrderOp, tag: 'workOrders' }),
];

/** A route's label in the docs (messages `restApi.routes.*`), by its operation's name. */
export const routeLabelKey = (resource: Resource) => `restApi.routes.${resource.op.name.replace(/\./g, '_')}`;

export type Match = { resource: Resource; id: string | null };

/**
 * The resource a method and path (below /api/v1) name; `allowed` lists the methods the path
 * has when the method is not one of them (a 405), and both are empty for an unknown path.
 */
export function matchResource(method: string, path: string): { match: Match | null; allowed: HttpMethod[] } {
  const segments = path.split('/').filter(Boolean);
  const allowed: HttpMethod[] = [];
  for (const resource of RESOURCES) {
    const parts = resource.path.split('/').filter(Boolean);
    if (parts.length !== segments.length) continue;
    let id: string | null = null;
    const fits = parts.every((part, i) => {
      if (part === '{id}') {
        id = segments[i]!;
        return true;
      }
      return part === segments[i];
    });
    if (!fits) continue;
    if (resource.method === method) return { match: { resource, id }, allowed: [] };
    allowed.push(resource.method);
  }
  return { match: null, allowed };
}
