import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { serviceRequests, subscriptions } from '@/db/schema';
import * as requestOps from '@/lib/requests/operations';
import { createServiceRequest } from '@/lib/requests/portal';
import type { Result } from '@/lib/server/operation';

/** The customer-requests part of the tenant-isolation and permission-matrix tests. */

/** A pending move request of the organization's customer (moves need no router or plan). */
export async function makeRequestWorld(db: Database, orgId: string, customerId: string) {
  const [sub] = await db.select().from(subscriptions).where(eq(subscriptions.customerId, customerId)).limit(1);
  const request = await createServiceRequest(db, {
    orgId,
    customerIds: [customerId],
    channel: 'portal',
    auditData: { channel: 'portal' },
    input: {
      kind: 'move',
      subscriptionId: sub!.id,
      address: 'Jl. Kenanga 8',
      latitude: null,
      longitude: null,
      note: null,
    },
  });
  return { request, subscriptionId: sub!.id };
}

export async function requestMatrixInputs(db: Database, orgId: string, customerId: string) {
  const { request } = await makeRequestWorld(db, orgId, customerId);
  return {
    'requests.list': { status: 'pending', kind: 'move', q: 'Budi' },
    'requests.get': { id: request.id },
    'requests.pendingCount': {},
    'requests.decide': { id: request.id, decision: 'approve' },
    'requests.export': { status: 'pending' },
  } as Record<string, unknown>;
}

type Sides = {
  db: Database;
  run: (op: never, input: unknown) => Promise<Result<unknown>>;
  a: { orgId: string };
  b: { orgId: string; customerId: string };
};

/** A's admin reads and decides none of B's requests. */
export function requestIsolationCases(sides: () => Sides): Record<string, () => Promise<void>> {
  const run = (op: unknown, input: unknown) => sides().run(op as never, input);
  let bWorld: ReturnType<typeof makeRequestWorld> | undefined;
  const b = () => (bWorld ??= makeRequestWorld(sides().db, sides().b.orgId, sides().b.customerId));
  const notFound = (r: Result<unknown>) => assert.equal(!r.ok && r.code, 'not_found', JSON.stringify(r));
  return {
    'requests.list': async () => {
      const { request } = await b();
      const r = await run(requestOps.listServiceRequestsOp, {});
      assert.ok(r.ok);
      assert.ok(!JSON.stringify(r.data).includes(request.id));
    },
    'requests.get': async () => notFound(await run(requestOps.getServiceRequestOp, { id: (await b()).request.id })),
    'requests.pendingCount': async () => {
      await b();
      const r = await run(requestOps.countPendingRequestsOp, {});
      assert.ok(r.ok);
      assert.equal(r.data, 0);
    },
    'requests.decide': async () => {
      const { request } = await b();
      notFound(await run(requestOps.decideServiceRequestOp, { id: request.id, decision: 'approve' }));
      const [row] = await sides().db.select().from(serviceRequests).where(eq(serviceRequests.id, request.id));
      assert.equal(row?.status, 'pending');
    },
    'requests.export': async () => {
      const { request } = await b();
      const r = await run(requestOps.exportServiceRequestsOp, {});
      assert.ok(r.ok);
      assert.ok(!JSON.stringify(r.data).includes('Jl. Kenanga 8'), String(request.id));
    },
  };
}
