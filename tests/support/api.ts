import { after } from 'node:test';
import { and, eq } from 'drizzle-orm';
import * as route from '@/app/api/v1/[...path]/route';
import type { Database } from '@/db/client';
import { workOrders } from '@/db/schema';
import { insertApiKey } from '@/lib/api/keys';
import { RESOURCES, type Resource } from '@/lib/api/resources';
import { can, PERMISSION_NAMES } from '@/lib/auth/permissions';
import { openTicket } from '@/lib/tickets/open';
import { makeCustomerWorld, makeOrg, makeRouter, POLE } from '../helpers';
import { makeVoucherBatch } from './vouchers';

// The route opens the app's own pool (getDb); a test file that calls it closes it, or the
// process would wait on its idle connections.
after(async () => {
  await (
    globalThis as unknown as { jaringDb?: { client: { end(o: { timeout: number }): Promise<void> } } }
  ).jaringDb?.client.end({ timeout: 1 });
});

/** Calls the real route handler of /api/v1/<path> with a Request, as Next would. */
export async function callApi(
  token: string | null,
  method: string,
  path: string,
  opts: { body?: unknown; raw?: string; headers?: Record<string, string> } = {},
): Promise<Response> {
  const url = new URL(`http://localhost/api/v1${path}`);
  const headers: Record<string, string> = { ...(token ? { authorization: `Bearer ${token}` } : {}) };
  let body: string | undefined;
  if (opts.raw !== undefined) body = opts.raw;
  else if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers['content-type'] = 'application/json';
  }
  const request = new Request(url, { method, headers: { ...headers, ...opts.headers }, body });
  const segments = url.pathname
    .slice('/api/v1/'.length)
    .split('/')
    .filter(Boolean)
    .map((s) => decodeURIComponent(s));
  const handler = route[method as 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE'];
  return handler(request, { params: Promise.resolve({ path: segments }) });
}

export const fill = (resource: Resource, id: string) => resource.path.replace('{id}', id);

/** An organization with one of every record the API's routes read or change, and an admin's key with every scope. */
export async function makeApiWorld(db: Database, label: string) {
  const { org, admin } = await makeOrg(db, label);
  const w = await makeCustomerWorld(db, org.id, admin.user.id);
  // Never contacted: the routes only read it or queue jobs for it.
  const router = await makeRouter(db, org.id, { host: '10.255.0.1', port: 8728 });
  const vouchers = await makeVoucherBatch(db, org.id, admin.user.id);
  const { ticket } = await openTicket(db, {
    orgId: org.id,
    actorUserId: admin.user.id,
    source: 'staff',
    customerId: w.customer.id,
    category: 'no_internet',
    subject: 'Internet mati',
  });
  const [workOrder] = await db
    .select({ id: workOrders.id })
    .from(workOrders)
    .where(and(eq(workOrders.organizationId, org.id), eq(workOrders.customerId, w.customer.id)));
  const { key, token } = await insertApiKey(db, {
    orgId: org.id,
    name: 'Integrasi',
    scopes: PERMISSION_NAMES.filter((p) => can('admin', p)),
    createdBy: admin.user.id,
    makerRole: 'admin',
  });
  return { org, admin, w, router, vouchers, ticket, workOrderId: workOrder!.id, key, token };
}
export type ApiWorld = Awaited<ReturnType<typeof makeApiWorld>>;

type Call = { id?: string; query?: string; body?: unknown };

/** A call of each route that succeeds in a fresh world (reads first; each change once). */
export function validCalls(x: ApiWorld): Record<string, Call> {
  const { w } = x;
  return {
    'customers.list': { query: 'sort=name&limit=5' },
    'customers.get': { id: w.customer.id },
    'customers.update': {
      id: w.customer.id,
      body: { name: 'Joko W.', phone: '0812 9999 0000', address: 'Jl. Kenanga No. 9', area: 'RW 06' },
    },
    'subscriptions.transition': { id: w.subscription.id, body: { to: 'isolated', reason: 'Lewat jatuh tempo' } },
    'subscriptions.updateService': {
      id: w.subscription.id,
      body: { planId: w.plan.id, routerId: x.router.id, remoteAddress: '10.10.0.9', localAddress: '', callerId: '' },
    },
    'leads.list': { query: 'status=new' },
    'leads.get': { id: w.lead1.id },
    'leads.create': {
      body: {
        name: 'Calon Baru',
        phone: '0813-2222-3333',
        address: 'Jl. Anggrek No. 7',
        ...POLE,
        planId: w.plan.id,
        billingType: 'prepaid',
      },
    },
    'leads.convert': {
      id: w.lead1.id,
      body: { serviceUsername: `api${x.org.id.slice(0, 6)}`, servicePassword: 'rahasia1' },
    },
    'leads.reject': { id: w.lead2.id, body: { reason: 'di luar area' } },
    'plans.list': { query: 'includeInactive=true' },
    'plans.create': {
      body: {
        name: `Paket API ${x.org.id.slice(0, 6)}`,
        downloadMbps: 10,
        uploadMbps: 5,
        priceRupiah: 100_000,
        serviceType: 'pppoe',
        billingType: 'prepaid',
      },
    },
    'plans.update': {
      id: w.spare.id,
      body: {
        name: `Paket Ubah ${x.org.id.slice(0, 6)}`,
        downloadMbps: 20,
        uploadMbps: 10,
        priceRupiah: 200_000,
        serviceType: 'pppoe',
        billingType: 'postpaid',
      },
    },
    'billing.listInvoices': { query: `customerId=${w.customer.id}` },
    'billing.getInvoice': { id: w.invoice.id },
    'payments.list': { query: 'status=pending&limit=1' },
    'payments.get': { id: w.paymentId },
    'payments.record': { body: { customerId: w.customer.id, amount: 50_000, method: 'cash' } },
    'payments.approve': { id: w.transfers[0] },
    'payments.reject': { id: w.transfers[1], body: { reason: 'slip buram' } },
    'vouchers.listBatches': {},
    'vouchers.getBatch': { id: x.vouchers.batch.id },
    'vouchers.generate': {
      body: { profileId: x.vouchers.profile.id, count: 5, codeLength: 8, charset: 'numeric', delivery: 'radius' },
    },
    'vouchers.list': { query: `batchId=${x.vouchers.batch.id}&limit=2` },
    'routers.list': { query: 'limit=1' },
    'routers.get': { id: x.router.id },
    'tickets.list': { query: 'status=active' },
    'tickets.get': { id: x.ticket.id },
    'tickets.create': { body: { subject: 'Lambat', category: 'slow', customerId: w.customer.id } },
    'tickets.addMessage': { id: x.ticket.id, body: { kind: 'note', body: 'Sedang dicek.' } },
    'tickets.changeStatus': { id: x.ticket.id, body: { status: 'resolved' } },
    'workorders.list': {},
    'workorders.get': { id: x.workOrderId },
    'workorders.create': { body: { type: 'repair', customerId: w.customer.id, notes: 'Ganti adaptor' } },
  };
}

/** Every route of the table, reads before changes, in the order `validCalls` can run them. */
export const ROUTES_IN_ORDER = [
  ...RESOURCES.filter((r) => r.method === 'GET'),
  ...RESOURCES.filter((r) => r.method !== 'GET'),
];

export function requestOf(resource: Resource, call: Call) {
  const path = `${call.id ? fill(resource, call.id) : resource.path}${call.query ? `?${call.query}` : ''}`;
  return { method: resource.method, path, body: call.body };
}
