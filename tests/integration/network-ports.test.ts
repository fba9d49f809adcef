import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { auditLogs, jobs, subscriptions } from '@/db/schema';
import {
  convertLeadOp,
  createLeadOp,
  transitionSubscriptionOp,
  updateSubscriptionServiceOp,
} from '@/lib/customers/operations';
import * as ops from '@/lib/infrastructure/operations';
import { odpPortMap } from '@/lib/infrastructure/ports';
import { type Ctx, executeOperation, type Result } from '@/lib/server/operation';
import { ctxFor, makeOdp, makeOrg, makePlan, makeSubscriber, POLE, testDb } from '../helpers';

const db = testDb();

function ok<T>(r: Result<T>): T {
  assert.ok(r.ok, JSON.stringify(r));
  return r.data;
}

function failed(r: Result<unknown>, code: string) {
  assert.ok(!r.ok, JSON.stringify(r));
  assert.equal(r.code, code, JSON.stringify(r));
  return r;
}

/** An organization with an 8-port ODP, a 4-port one and three customers on no ODP yet. */
async function world() {
  const { org, admin } = await makeOrg(db, 'ports');
  const ctx = ctxFor(db, org.id, admin.user.id, 'admin');
  const plan = await makePlan(db, org.id);
  const odp = await makeOdp(db, org.id, { code: 'ODP-08', totalPorts: 8, ...POLE });
  const small = await makeOdp(db, org.id, { code: 'ODP-04', totalPorts: 4, ...POLE });
  const subs = [];
  for (let i = 0; i < 3; i++)
    subs.push((await makeSubscriber(db, org.id, { planId: plan.id, routerId: null })).subscription);
  return { org, admin, ctx, plan, odp, small, subs };
}

/** The customer's service form: same plan, no router, the given ODP and port. */
const place = (ctx: Ctx, sub: { id: string; planId: string }, odpId: string, odpPort: string | number) =>
  executeOperation(updateSubscriptionServiceOp, ctx, {
    subscriptionId: sub.id,
    planId: sub.planId,
    routerId: '',
    remoteAddress: '',
    localAddress: '',
    callerId: '',
    odpId,
    odpPort,
  });

const free = async (ctx: Ctx, odpId: string) => ok(await executeOperation(ops.listFreePortsOp, ctx, { odpId })).free;

describe('ODP ports', () => {
  test('a subscription gets a free port; a taken or missing port is refused; no router job for a port change', async () => {
    const w = await world();
    const [a, b] = w.subs;
    assert.deepEqual(ok(await place(w.ctx, a!, w.odp.id, '3')), { changed: ['odpId', 'odpPort'], jobIds: [] });
    assert.deepEqual(await free(w.ctx, w.odp.id), [1, 2, 4, 5, 6, 7, 8]);
    const taken = failed(await place(w.ctx, b!, w.odp.id, '3'), 'odp_port_taken');
    assert.equal(taken.message, 'Port 3 sudah dipakai pelanggan lain. Pilih port lain.');
    assert.equal(taken.fieldErrors?.odpPort, 'Port ini sudah dipakai pelanggan lain.');
    const missing = failed(await place(w.ctx, b!, w.odp.id, '9'), 'odp_port_range');
    assert.equal(missing.message, 'ODP ODP-08 hanya punya 8 port; port 9 tidak ada.');
    failed(await place(w.ctx, b!, '', '2'), 'validation');
    // Saving the same place again is not a change; the port of its own subscription is not "taken".
    assert.deepEqual(ok(await place(w.ctx, a!, w.odp.id, '3')), { changed: [], jobIds: [] });
    const queued = await db.select().from(jobs).where(eq(jobs.organizationId, w.org.id));
    assert.equal(queued.length, 0);
    const [audit] = await db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.organizationId, w.org.id), eq(auditLogs.action, 'subscription.odp_changed')));
    assert.deepEqual(audit!.data, { before: { odpId: null, odpPort: null }, after: { odpId: w.odp.id, odpPort: 3 } });
  });

  test('moving to another ODP re-checks the port; leaving the port out there clears it', async () => {
    const w = await world();
    const [a, b] = w.subs;
    ok(await place(w.ctx, a!, w.small.id, 4));
    ok(await place(w.ctx, b!, w.odp.id, 8));
    failed(await place(w.ctx, b!, w.small.id, 4), 'odp_port_taken');
    failed(await place(w.ctx, b!, w.small.id, 8), 'odp_port_range');
    // Plan-only callers (no odpId / odpPort in the input) keep the place as it is.
    ok(
      await executeOperation(updateSubscriptionServiceOp, w.ctx, {
        subscriptionId: b!.id,
        planId: b!.planId,
        routerId: '',
        remoteAddress: '10.10.0.9',
      }),
    );
    let [row] = await db.select().from(subscriptions).where(eq(subscriptions.id, b!.id));
    assert.deepEqual([row!.odpId, row!.odpPort], [w.odp.id, 8]);
    ok(
      await executeOperation(updateSubscriptionServiceOp, w.ctx, {
        subscriptionId: b!.id,
        planId: b!.planId,
        routerId: '',
        odpId: w.small.id,
      }),
    );
    [row] = await db.select().from(subscriptions).where(eq(subscriptions.id, b!.id));
    assert.deepEqual([row!.odpId, row!.odpPort], [w.small.id, null]);
  });

  test('two people giving the same port at the same moment: exactly one wins', async () => {
    const w = await world();
    const results = await Promise.all(w.subs.map((s) => place(w.ctx, s, w.odp.id, '5')));
    assert.equal(results.filter((r) => r.ok).length, 1, JSON.stringify(results));
    for (const r of results.filter((x) => !x.ok)) failed(r, 'odp_port_taken');
    const onPort = await db
      .select()
      .from(subscriptions)
      .where(and(eq(subscriptions.odpId, w.odp.id), eq(subscriptions.odpPort, 5)));
    assert.equal(onPort.length, 1);
  });

  test('terminating a subscription frees its port; the ODP page shows who is on which port', async () => {
    const w = await world();
    const [a, b, c] = w.subs;
    ok(await place(w.ctx, a!, w.odp.id, 1));
    ok(await place(w.ctx, b!, w.odp.id, 2));
    await db.update(subscriptions).set({ odpId: w.odp.id }).where(eq(subscriptions.id, c!.id));
    const map = await odpPortMap(db, { orgId: w.org.id, odpId: w.odp.id, totalPorts: 8 });
    assert.deepEqual(
      map.ports.map((p) => p.on?.subscriptionId ?? null),
      [a!.id, b!.id, null, null, null, null, null, null],
    );
    assert.deepEqual(
      map.unnumbered.map((u) => u.subscriptionId),
      [c!.id],
    );

    const noc = ctxFor(db, w.org.id, w.admin.user.id, 'noc');
    ok(await executeOperation(transitionSubscriptionOp, noc, { subscriptionId: a!.id, to: 'terminated' }));
    const [row] = await db.select().from(subscriptions).where(eq(subscriptions.id, a!.id));
    assert.deepEqual([row!.odpId, row!.odpPort, row!.status], [w.odp.id, null, 'terminated']);
    assert.deepEqual(await free(w.ctx, w.odp.id), [1, 3, 4, 5, 6, 7, 8]);
    ok(await place(w.ctx, c!, w.odp.id, 1));
  });

  test('the port count cannot go below the highest port in use', async () => {
    const w = await world();
    ok(await place(w.ctx, w.subs[0]!, w.odp.id, 6));
    const save = (totalPorts: string) =>
      executeOperation(ops.saveOdpOp, w.ctx, {
        odpId: w.odp.id,
        code: 'ODP-08',
        name: 'x',
        latitude: POLE.latitude,
        longitude: POLE.longitude,
        totalPorts,
      });
    const refused = failed(await save('4'), 'odp_ports_in_use');
    assert.equal(
      refused.message,
      'Jumlah port tidak boleh kurang dari 6: pelanggan di ODP ini sudah memakai sampai 6 port.',
    );
    assert.ok(refused.fieldErrors?.totalPorts);
    assert.equal(ok(await save('6')).totalPorts, 6);
  });

  test('every live customer takes a port, numbered or not: the count cannot shrink below them, a full ODP takes nobody new', async () => {
    const w = await world();
    for (const sub of w.subs) ok(await place(w.ctx, sub, w.small.id, ''));
    const save = (totalPorts: number) =>
      executeOperation(ops.saveOdpOp, w.ctx, {
        odpId: w.small.id,
        code: 'ODP-04',
        name: 'x',
        latitude: POLE.latitude,
        longitude: POLE.longitude,
        totalPorts,
      });
    const refused = failed(await save(2), 'odp_ports_in_use');
    assert.match(refused.message, /kurang dari 3/);
    assert.equal(ok(await save(3)).totalPorts, 3);

    const newcomer = (await makeSubscriber(db, w.org.id, { planId: w.plan.id, routerId: null })).subscription;
    const full = failed(await place(w.ctx, newcomer, w.small.id, ''), 'odp_full');
    assert.equal(full.message, 'ODP ODP-04 sudah penuh (3 port terpakai). Pilih ODP lain.');
    assert.equal(full.fieldErrors?.odpId, 'ODP ini sudah penuh; pilih ODP lain.');
    const lead = ok(
      await executeOperation(createLeadOp, w.ctx, {
        name: 'Rina',
        phone: '0812-3456-7891',
        address: 'Jl. Mawar 1',
        ...POLE,
        planId: w.plan.id,
        billingType: 'postpaid',
      }),
    ).lead;
    failed(
      await executeOperation(convertLeadOp, w.ctx, {
        leadId: lead.id,
        serviceUsername: 'rina01',
        servicePassword: 'rahasia1',
        odpId: w.small.id,
      }),
      'odp_full',
    );

    // Terminating one frees a place; numbering a customer already on the ODP is no new customer.
    ok(await executeOperation(transitionSubscriptionOp, w.ctx, { subscriptionId: w.subs[0]!.id, to: 'terminated' }));
    ok(await place(w.ctx, w.subs[1]!, w.small.id, '2'));
    ok(await place(w.ctx, newcomer, w.small.id, ''));
  });

  test('lead conversion can record the port the surveyor reserved', async () => {
    const w = await world();
    const lead = async (name: string) =>
      ok(
        await executeOperation(createLeadOp, w.ctx, {
          name,
          phone: '0812-3456-7890',
          address: 'Jl. Melati No. 5',
          ...POLE,
          planId: w.plan.id,
          billingType: 'postpaid',
        }),
      ).lead;
    ok(await place(w.ctx, w.subs[0]!, w.small.id, 2));
    const convert = async (leadId: string, over: Record<string, unknown>) =>
      executeOperation(convertLeadOp, w.ctx, {
        leadId,
        serviceUsername: `u${leadId.slice(0, 8)}`,
        servicePassword: 'rahasia1',
        ...over,
      });
    const l1 = await lead('Siti');
    failed(await convert(l1.id, { odpId: w.small.id, odpPort: '2' }), 'odp_port_taken');
    const { customerId } = ok(await convert(l1.id, { odpId: w.small.id, odpPort: '3' }));
    const [sub] = await db.select().from(subscriptions).where(eq(subscriptions.customerId, customerId));
    assert.deepEqual([sub!.odpId, sub!.odpPort], [w.small.id, 3]);
    // Without a port the nearest ODP with room is used, as before.
    const l2 = await lead('Budi');
    const second = ok(await convert(l2.id, { odpPort: '' }));
    const [sub2] = await db.select().from(subscriptions).where(eq(subscriptions.customerId, second.customerId));
    assert.equal(sub2!.odpPort, null);
  });

  test('another organization: its ODP can be neither seen nor used', async () => {
    const w = await world();
    const other = await makeOrg(db, 'ports-b');
    const theirs = await makeOdp(db, other.org.id, { totalPorts: 8 });
    failed(await executeOperation(ops.listFreePortsOp, w.ctx, { odpId: theirs.id }), 'not_found');
    failed(await place(w.ctx, w.subs[0]!, theirs.id, '1'), 'not_found');
    failed(await place(w.ctx, w.subs[0]!, theirs.id, ''), 'not_found');
    const [row] = await db.select().from(subscriptions).where(eq(subscriptions.id, w.subs[0]!.id));
    assert.equal(row!.odpId, null);
    const lead = ok(
      await executeOperation(createLeadOp, w.ctx, {
        name: 'Tono',
        phone: '0812-3456-7892',
        address: 'Jl. Kenanga 2',
        ...POLE,
        planId: w.plan.id,
        billingType: 'postpaid',
      }),
    ).lead;
    for (const odpPort of ['', '1']) {
      failed(
        await executeOperation(convertLeadOp, w.ctx, {
          leadId: lead.id,
          serviceUsername: 'tono01',
          servicePassword: 'rahasia1',
          odpId: theirs.id,
          odpPort,
        }),
        'not_found',
      );
    }
  });
});
