import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, describe, test } from 'node:test';
import { and, eq, like, sql } from 'drizzle-orm';
import {
  auditLogs,
  cables,
  customers,
  invoices,
  messages,
  odps,
  outageSubscriptions,
  outages,
  pendingCharges,
  subscriptions,
  tickets,
} from '@/db/schema';
import { runIsolation } from '@/lib/billing/isolation';
import { periodOf } from '@/lib/billing/money';
import { runBilling } from '@/lib/billing/run';
import { saveSite } from '@/lib/infrastructure/sites';
import { readRouterState } from '@/lib/network/router-ops';
import { saveRouterState } from '@/lib/network/router-status';
import { countAffected } from '@/lib/outages/affected';
import { detectOutages } from '@/lib/outages/detection';
import * as ops from '@/lib/outages/operations';
import { executeOperation } from '@/lib/server/operation';
import { openTicket } from '@/lib/tickets/open';
import { closeRouterPool, routerAccess } from '@/workers/router-pool';
import { ctxFor, makeOrg, makePlan, makeRouter, testDb } from '../helpers';
import { idOf, seedTopology } from '../support/outage-world';
import { type RouterOsServer, startRouterOsServer } from '../support/routeros-server';

const db = testDb();
const servers: RouterOsServer[] = [];
after(async () => {
  await closeRouterPool();
  await Promise.all(servers.map((s) => s.close()));
});

async function ok<T>(p: Promise<{ ok: true; data: T } | { ok: false; message: string }>): Promise<T> {
  const r = await p;
  if (!r.ok) assert.fail(`operation failed: ${r.message}`);
  return r.data;
}

/** An organization with a plan and a tree: 2 OLTs × 2 ODCs × 3 ODPs × 4 customers (48). */
async function world(label: string, routerId?: (orgId: string) => Promise<string>) {
  const { org, admin } = await makeOrg(db, label);
  const ctx = ctxFor(db, org.id, admin.user.id, 'admin');
  const plan = await makePlan(db, org.id, { priceRupiah: 150_000 });
  const router = routerId ? await routerId(org.id) : null;
  await seedTopology(db, {
    orgId: org.id,
    planId: plan.id,
    routerId: router,
    olts: 2,
    odcsPerOlt: 2,
    odpsPerOdc: 3,
    subsPerOdp: 4,
  });
  return { org, admin, ctx, plan, routerId: router, id: (code: string) => idOf(db, org.id, code) };
}

/** An ODP fed only by a cable from `fromSite` (no odc_id), with `n` customers. */
async function cableFedOdp(w: Awaited<ReturnType<typeof world>>, code: string, fromSiteId: string, n: number) {
  const [odp] = await db
    .insert(odps)
    .values({ organizationId: w.org.id, code, name: code, latitude: -6.9, longitude: 107.6, totalPorts: 8 })
    .returning();
  for (let i = 1; i <= n; i++) {
    const num = 5000 + Math.floor(Math.random() * 1e6);
    const [c] = await db
      .insert(customers)
      .values({
        organizationId: w.org.id,
        number: num,
        name: `Kabel ${code} ${i}`,
        phone: '6281300000000',
        address: 'Jl. Kabel',
        status: 'active',
        planId: w.plan.id,
      })
      .returning();
    await db.insert(subscriptions).values({
      organizationId: w.org.id,
      customerId: c!.id,
      planId: w.plan.id,
      billingType: 'postpaid',
      serviceUsername: `k${randomUUID().slice(0, 8)}`,
      servicePasswordEnc: 'x',
      status: 'active',
      odpId: odp!.id,
      odpPort: i,
    });
  }
  const [cable] = await db
    .insert(cables)
    .values({
      organizationId: w.org.id,
      code: `KBL-${code}`,
      name: 'Distribusi',
      cableType: 'distribution',
      coreCount: 12,
      path: [
        [-6.9, 107.6],
        [-6.901, 107.601],
      ],
      lengthM: 150,
      minLat: -6.901,
      minLng: 107.6,
      maxLat: -6.9,
      maxLng: 107.601,
      fromSiteId,
      toOdpId: odp!.id,
    })
    .returning();
  return { odp: odp!, cable: cable! };
}

describe('affected customers from the topology', () => {
  test('an ODC with several ODPs and a cable cut: each element takes exactly what is below it', async () => {
    const w = await world('out-topo');
    const affected = async (type: 'odc' | 'olt' | 'pop' | 'odp' | 'odp_port' | 'cable', id: string, odpPort?: number) =>
      (await countAffected(db, { orgId: w.org.id, element: { type, id, odpPort } })).subscriptions;
    const odc = await w.id('ODC-1-1');
    assert.equal(await affected('odc', odc), 12, '3 ODPs × 4');
    assert.equal(await affected('odp', await w.id('ODP-1-1-2')), 4);
    assert.equal(await affected('odp_port', await w.id('ODP-1-1-2'), 3), 1);
    assert.equal(await affected('olt', await w.id('OLT-1')), 24);
    assert.equal(await affected('pop', await w.id('POP-1')), 48);
    // An ODP fed by a cable from the ODC (no odc_id): the ODC takes it too; cutting the cable takes only it.
    const { cable } = await cableFedOdp(w, 'ODP-K', odc, 3);
    assert.equal(await affected('odc', odc), 15);
    assert.equal(await affected('cable', cable.id), 3);
    assert.equal(await affected('olt', await w.id('OLT-1')), 27);
    assert.equal(await affected('odc', await w.id('ODC-1-2')), 12, 'the sibling cabinet is not affected');
    // A cable looping back upstream does not make the walk run forever or widen it.
    await db.insert(cables).values({
      ...cable,
      id: undefined,
      code: 'KBL-LOOP',
      fromSiteId: null,
      fromOdpId: cable.toOdpId,
      toOdpId: null,
      toSiteId: odc,
    });
    assert.equal(
      await affected('cable', cable.id),
      15,
      'the loop feeds the ODC from ODP-K, so the ODC side is below it too',
    );
    assert.equal(await affected('odc', odc), 15);
    // Only active subscriptions are affected (an isolated one has no service to lose).
    await db.execute(sql`update subscriptions set status = 'isolated' where organization_id = ${w.org.id}
      and odp_id = ${await w.id('ODP-1-1-1')} and odp_port = 1`);
    assert.equal(await affected('odc', odc), 14);
  });

  test('a site cannot be put below itself, nor below another organization’s site', async () => {
    const w = await world('out-loop');
    const other = await world('out-loop-b');
    const olt = await w.id('OLT-1');
    const odc = await w.id('ODC-1-1');
    const input = {
      kind: 'olt' as const,
      code: 'OLT-1',
      name: 'OLT 1',
      latitude: -6.9,
      longitude: 107.6,
      capacity: null,
      area: null,
      notes: null,
    };
    await assert.rejects(
      saveSite(db, {
        orgId: w.org.id,
        actorUserId: w.admin.user.id,
        ip: null,
        siteId: olt,
        input: { ...input, parentSiteId: odc },
      }),
      (e: { fieldErrors?: Record<string, string> }) => e.fieldErrors?.parentSiteId === 'validation.topologyLoop',
    );
    await assert.rejects(
      saveSite(db, {
        orgId: w.org.id,
        actorUserId: w.admin.user.id,
        ip: null,
        siteId: olt,
        input: { ...input, parentSiteId: await other.id('POP-1') },
      }),
      (e: { fieldErrors?: Record<string, string> }) => e.fieldErrors?.parentSiteId === 'validation.invalid',
    );
  });
});

describe('overlapping outages and the money', () => {
  test('an ODP port is only that port of that ODP, not the same port of ODPs its cables feed', async () => {
    const w = await world('out-port');
    const odp = await w.id('ODP-1-1-1');
    // An ODP fed by a cable from ODP-1-1-1 has its own customer on port 2.
    const { cable } = await cableFedOdp(w, 'ODP-KP', await w.id('ODC-1-1'), 2);
    await db.update(cables).set({ fromSiteId: null, fromOdpId: odp }).where(eq(cables.id, cable.id));
    const count = async (type: 'odp' | 'odp_port', odpPort?: number) =>
      (await countAffected(db, { orgId: w.org.id, element: { type, id: odp, odpPort } })).subscriptions;
    assert.equal(await count('odp'), 6, 'the ODP takes what its cable feeds');
    assert.equal(await count('odp_port', 2), 1, 'port 2 is one customer, not also port 2 of ODP-KP');
    const port = await ok(
      executeOperation(ops.markDownOp, w.ctx, { elementType: 'odp_port', elementId: odp, odpPort: 2 }),
    );
    assert.equal(port.outage.affectedCount, 1);
    assert.match(port.outage.elementLabel, /· Port 2$/, 'the port wording comes from the messages');
  });

  test('an ODP marked while its ODC is down takes nobody twice: one notice, one credit', async () => {
    const w = await world('out-overlap');
    const odc = await w.id('ODC-1-1');
    const odp = await w.id('ODP-1-1-1');
    const big = await ok(executeOperation(ops.markDownOp, w.ctx, { elementType: 'odc', elementId: odc }));
    assert.equal(big.outage.affectedCount, 12);
    const preview = await ok(executeOperation(ops.previewOutageOp, w.ctx, { elementType: 'odp', elementId: odp }));
    assert.equal(preview.subscriptions, 0, 'already inside the ODC outage');
    const small = await ok(executeOperation(ops.markDownOp, w.ctx, { elementType: 'odp', elementId: odp }));
    assert.equal(small.outage.affectedCount, 0);
    const notices = await db.select().from(messages).where(eq(messages.organizationId, w.org.id));
    assert.equal(notices.length, 12, 'one notice per customer');
    // Stored with the plan price of the time: a later price change does not change the credit.
    const [row] = await db.select().from(outageSubscriptions).where(eq(outageSubscriptions.outageId, big.outage.id));
    assert.deepEqual([row!.priceRupiah, row!.taxable], [150_000, false]);
  });

  test('overlapping credited outages never pay the same hour twice; terminated subscriptions get nothing', async () => {
    const w = await world('out-overlap-credit');
    const finance = ctxFor(db, w.org.id, w.admin.user.id, 'finance');
    const odp = await w.id('ODP-1-1-1');
    const first = await ok(executeOperation(ops.markDownOp, w.ctx, { elementType: 'odp', elementId: odp }));
    await ok(executeOperation(ops.resolveOutageOp, w.ctx, { outageId: first.outage.id }));
    const second = await ok(executeOperation(ops.markDownOp, w.ctx, { elementType: 'odp', elementId: odp }));
    await ok(executeOperation(ops.resolveOutageOp, w.ctx, { outageId: second.outage.id }));
    // Both cover the same 6 hours (e.g. one marked again after a hasty resolve, times edited).
    for (const id of [first.outage.id, second.outage.id])
      await db
        .update(outages)
        .set({ startedAt: sql`now() - interval '6 hours'`, resolvedAt: sql`now()` })
        .where(eq(outages.id, id));
    await db.execute(sql`update subscriptions set status = 'terminated' where organization_id = ${w.org.id}
      and odp_id = ${odp} and odp_port = 4`);
    // The confirmation's preview is what the credit then gives.
    const preview = await ok(executeOperation(ops.previewCreditOp, finance, { outageId: first.outage.id }));
    const a = await ok(executeOperation(ops.creditOutageOp, finance, { outageId: first.outage.id }));
    assert.equal(a.count, 3, 'the terminated subscription is not credited');
    assert.deepEqual(preview, { count: a.count, total: a.total });
    assert.equal(await ok(executeOperation(ops.previewCreditOp, finance, { outageId: first.outage.id })), null);
    assert.deepEqual(await ok(executeOperation(ops.previewCreditOp, finance, { outageId: second.outage.id })), {
      count: 0,
      total: 0,
    });
    const b = await ok(executeOperation(ops.creditOutageOp, finance, { outageId: second.outage.id }));
    assert.equal(b.count, 0, 'the same hours were already credited');
  });

  test('a month-long outage credit: the invoice closes at 0, settled, and nobody is isolated', async () => {
    const w = await world('out-month');
    const finance = ctxFor(db, w.org.id, w.admin.user.id, 'finance');
    const odp = await w.id('ODP-1-1-1');
    const marked = await ok(executeOperation(ops.markDownOp, w.ctx, { elementType: 'odp', elementId: odp }));
    await ok(executeOperation(ops.resolveOutageOp, w.ctx, { outageId: marked.outage.id }));
    await db
      .update(outages)
      .set({ startedAt: sql`now() - interval '40 days'` })
      .where(eq(outages.id, marked.outage.id));
    const credited = await ok(executeOperation(ops.creditOutageOp, finance, { outageId: marked.outage.id }));
    assert.equal(credited.total, -4 * 150_000, 'never more than the month');
    // A discount on top: the credits outweigh the plan; the rest waits for the next invoice.
    const [sub] = await db
      .select()
      .from(subscriptions)
      .where(and(eq(subscriptions.odpId, odp), eq(subscriptions.odpPort, 1)));
    await db.insert(pendingCharges).values({
      organizationId: w.org.id,
      subscriptionId: sub!.id,
      description: 'Diskon',
      amount: -20_000,
    });
    const period = periodOf(new Date(), w.org.timezone);
    await runBilling(db, { orgId: w.org.id, period, actorUserId: null });
    const issued = await db
      .select()
      .from(invoices)
      .where(
        and(
          eq(invoices.organizationId, w.org.id),
          sql`${invoices.subscriptionId} in (
        select id from subscriptions where odp_id = ${odp})`,
        ),
      );
    assert.equal(issued.length, 4);
    assert.ok(
      issued.every((i) => i.total === 0 && i.status === 'paid'),
      JSON.stringify(issued.map((i) => [i.total, i.status])),
    );
    const carried = await db
      .select()
      .from(pendingCharges)
      .where(and(eq(pendingCharges.subscriptionId, sub!.id), sql`${pendingCharges.invoiceId} is null`));
    assert.deepEqual(
      carried.map((c) => c.amount),
      [-20_000],
    );
    const isolation = await runIsolation(db, { orgId: w.org.id, now: new Date(Date.now() + 60 * 86_400_000) });
    const isolated = await db
      .select()
      .from(subscriptions)
      .where(and(eq(subscriptions.odpId, odp), eq(subscriptions.status, 'isolated')));
    assert.deepEqual(isolated, [], JSON.stringify(isolation));
  });
});

describe('an outage from mark-down to credit', () => {
  test('marking an ODC down opens one incident, notifies each affected customer once (opted-out excluded), a complaint joins, resolve, credit once', async () => {
    const w = await world('out-flow');
    const odc = await w.id('ODC-2-1');
    // One affected customer opted out of WhatsApp; one has two subscriptions behind the ODC.
    const [optedOut] = await db.execute<{ id: string }>(sql`
      update customers set whatsapp_opt_out = true where id = (
        select customer_id from subscriptions where organization_id = ${w.org.id} and odp_id = ${await w.id('ODP-2-1-1')} and odp_port = 1)
      returning id`);
    const preview = await ok(executeOperation(ops.previewOutageOp, w.ctx, { elementType: 'odc', elementId: odc }));
    assert.deepEqual([preview.subscriptions, preview.customers, preview.current], [12, 12, null]);
    const marked = await ok(
      executeOperation(ops.markDownOp, w.ctx, { elementType: 'odc', elementId: odc, cause: 'Kabel feeder putus' }),
    );
    assert.equal(marked.outage.affectedCount, 12);
    assert.equal(marked.outage.status, 'open');
    assert.match(marked.ticketNumber, /^T-\d{6}$/);
    const [ticket] = await db.select().from(tickets).where(eq(tickets.id, marked.ticketId));
    assert.deepEqual([ticket!.kind, ticket!.source, ticket!.outageId], ['incident', 'outage', marked.outage.id]);
    const sent = await db
      .select()
      .from(messages)
      .where(and(eq(messages.organizationId, w.org.id), like(messages.eventKey, `outage:${marked.outage.id}:%`)));
    assert.equal(sent.length, 12, 'one message per affected customer');
    assert.equal(sent.filter((m) => m.status === 'queued').length, 11);
    assert.deepEqual(
      sent.filter((m) => m.status === 'cancelled').map((m) => [m.customerId, m.error]),
      [[optedOut!.id, 'opted_out']],
    );
    assert.ok(sent.every((m) => m.category === 'outage' && m.body.includes(marked.ticketNumber)));
    // The ODC has no area: customers read a neutral phrase, never the internal element code.
    assert.ok(
      sent.every((m) => /di area Anda|in your area/.test(m.body) && !m.body.includes('ODC-2-1')),
      sent[0]!.body,
    );
    // The same element twice is refused with words, not a second outage.
    const again = await executeOperation(ops.markDownOp, w.ctx, { elementType: 'odc', elementId: odc });
    assert.equal(!again.ok && again.code, 'outage_exists');
    // A complaint from an affected customer joins the incident instead of opening a ticket.
    const [affected] = await db
      .select()
      .from(outageSubscriptions)
      .where(eq(outageSubscriptions.outageId, marked.outage.id))
      .limit(1);
    const complaint = await openTicket(db, {
      orgId: w.org.id,
      actorUserId: null,
      source: 'public_form',
      customerId: affected!.customerId,
      category: 'no_internet',
      subject: 'Internet mati sejak pagi',
    });
    assert.equal(complaint.joinedIncident, true);
    assert.equal(complaint.ticket.id, marked.ticketId);
    // Resolved: the same customers get the "resolved" message; the incident ticket is resolved.
    await db
      .update(outages)
      .set({ startedAt: sql`now() - interval '3 hours'` })
      .where(eq(outages.id, marked.outage.id));
    await ok(executeOperation(ops.resolveOutageOp, w.ctx, { outageId: marked.outage.id }));
    const resolved = await db
      .select()
      .from(messages)
      .where(
        and(eq(messages.organizationId, w.org.id), like(messages.eventKey, `outage-resolved:${marked.outage.id}:%`)),
      );
    assert.equal(resolved.length, 12);
    assert.ok(resolved.every((m) => m.category === 'outage_resolved'));
    const [closed] = await db.select().from(tickets).where(eq(tickets.id, marked.ticketId));
    assert.equal(closed!.status, 'resolved');
    // Credit: one negative pending charge per affected subscription, prorata of the price for
    // ~3 hours (150,000 × 10,800 / (30 or 31 days) ≈ 605..625), once.
    const finance = ctxFor(db, w.org.id, w.admin.user.id, 'finance');
    const credited = await ok(executeOperation(ops.creditOutageOp, finance, { outageId: marked.outage.id }));
    assert.equal(credited.count, 12);
    const charges = await db.select().from(pendingCharges).where(eq(pendingCharges.organizationId, w.org.id));
    assert.equal(charges.length, 12);
    assert.ok(
      charges.every((c) => Number.isInteger(c.amount) && c.amount <= -540 && c.amount >= -700),
      JSON.stringify(charges.map((c) => c.amount)),
    );
    assert.equal(
      credited.total,
      charges.reduce((s, c) => s + c.amount, 0),
    );
    const twice = await executeOperation(ops.creditOutageOp, finance, { outageId: marked.outage.id });
    assert.equal(!twice.ok && twice.code, 'outage_credited');
    assert.equal(
      (await db.select().from(pendingCharges).where(eq(pendingCharges.organizationId, w.org.id))).length,
      12,
    );
    const trail = await db
      .select({ action: auditLogs.action })
      .from(auditLogs)
      .where(eq(auditLogs.entityId, marked.outage.id));
    assert.deepEqual(trail.map((a) => a.action).sort(), ['outage.credited', 'outage.marked_down', 'outage.resolved']);
    // The list and the paged affected customers.
    const list = await ok(executeOperation(ops.listOutagesOp, w.ctx, {}));
    assert.deepEqual(
      list.items.map((o) => [o.id, o.status, o.ticketNumber]),
      [[marked.outage.id, 'resolved', marked.ticketNumber]],
    );
    const page = await ok(executeOperation(ops.listAffectedOp, w.ctx, { outageId: marked.outage.id }));
    assert.equal(page.items.length, 12);
  });

  test('only no-internet and slow complaints join, and only while the incident ticket is being worked', async () => {
    const w = await world('out-join');
    const marked = await ok(
      executeOperation(ops.markDownOp, w.ctx, { elementType: 'odp', elementId: await w.id('ODP-1-1-1') }),
    );
    const [inside] = await db
      .select()
      .from(outageSubscriptions)
      .where(eq(outageSubscriptions.outageId, marked.outage.id))
      .limit(1);
    const complain = (category: 'no_internet' | 'slow' | 'billing' | 'relocation') =>
      openTicket(db, {
        orgId: w.org.id,
        actorUserId: null,
        source: 'portal',
        customerId: inside!.customerId,
        category,
        subject: `Keluhan ${category}`,
      });
    for (const category of ['billing', 'relocation'] as const) {
      const r = await complain(category);
      assert.equal(r.joinedIncident, false, category);
      assert.notEqual(r.ticket.id, marked.ticketId);
    }
    assert.equal((await complain('slow')).joinedIncident, true);
    // Staff closed the incident ticket while the outage is still open: a new complaint is its own ticket.
    await db.update(tickets).set({ status: 'closed' }).where(eq(tickets.id, marked.ticketId));
    const late = await complain('no_internet');
    assert.equal(late.joinedIncident, false);
    assert.notEqual(late.ticket.id, marked.ticketId);
  });

  test('a technician may look but not mark down, and finance may credit but not resolve', async () => {
    const w = await world('out-perm');
    const tech = ctxFor(db, w.org.id, w.admin.user.id, 'technician');
    const r = await executeOperation(ops.markDownOp, tech, { elementType: 'odc', elementId: await w.id('ODC-1-1') });
    assert.equal(!r.ok && r.code, 'forbidden');
    assert.ok((await executeOperation(ops.listOutagesOp, tech, {})).ok);
    const finance = ctxFor(db, w.org.id, w.admin.user.id, 'finance');
    const marked = await ok(
      executeOperation(ops.markDownOp, w.ctx, { elementType: 'odc', elementId: await w.id('ODC-1-1') }),
    );
    const resolve = await executeOperation(ops.resolveOutageOp, finance, { outageId: marked.outage.id });
    assert.equal(!resolve.ok && resolve.code, 'forbidden');
    // Crediting an outage still open is refused with words (it has no duration yet).
    const early = await executeOperation(ops.creditOutageOp, finance, { outageId: marked.outage.id });
    assert.equal(!early.ok && early.code, 'outage_state');
  });
});

describe('detection', () => {
  test('RADIUS accounting stops: several customers behind one ODP within minutes → one proposed outage', async () => {
    const host = `10.77.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250) + 1}`;
    const w = await world('out-radius', async (orgId) => (await makeRouter(db, orgId, { host, port: 8728 })).id);
    const odp = await w.id('ODP-1-2-1');
    const subs = await db
      .select({ username: subscriptions.serviceUsername, port: subscriptions.odpPort })
      .from(subscriptions)
      .where(eq(subscriptions.odpId, odp));
    const stop = async (username: string, cause: string, minutesAgo: number, open = false) =>
      db.execute(sql`
        insert into radacct (acctsessionid, acctuniqueid, username, nasipaddress, acctstarttime, acctstoptime, acctterminatecause)
        values (${randomUUID()}, ${randomUUID()}, ${`${username}@${w.org.slug}`}, ${host}::inet, now() - interval '2 hours',
                ${open ? null : sql`now() - ${`${minutesAgo} minutes`}::interval`}, ${open ? null : cause})`);
    // Three of four drop with Lost-Carrier; the fourth logged off itself (not a fault).
    await stop(subs[0]!.username, 'Lost-Carrier', 1);
    await stop(subs[1]!.username, 'Lost-Carrier', 2);
    await stop(subs[2]!.username, 'Lost-Service', 3);
    await stop(subs[3]!.username, 'User-Request', 1);
    // Elsewhere: one customer of another ODP drops (not enough), and one who dropped came back.
    const [lone] = await db
      .select()
      .from(subscriptions)
      .where(eq(subscriptions.odpId, await w.id('ODP-2-1-1')))
      .limit(1);
    await stop(lone!.serviceUsername, 'Lost-Carrier', 1);
    const first = await detectOutages(db, { orgId: w.org.id });
    assert.equal(first.proposed.length, 1);
    const [o] = await db.select().from(outages).where(eq(outages.id, first.proposed[0]!));
    assert.deepEqual(
      [o!.elementType, o!.elementId, o!.status, o!.source, o!.affectedCount],
      ['odp', odp, 'proposed', 'detected', 4],
    );
    assert.deepEqual([o!.evidence?.signal, o!.evidence?.offline, o!.evidence?.total], ['radius', 3, 4]);
    assert.equal(o!.ticketId, null, 'no ticket before NOC confirms');
    assert.equal(
      (await db.select().from(messages).where(eq(messages.organizationId, w.org.id))).length,
      0,
      'nothing sent yet',
    );
    // The next minute proposes nothing new.
    assert.deepEqual((await detectOutages(db, { orgId: w.org.id })).proposed, []);
    // NOC confirms: the ticket opens and the customers are told.
    const confirmed = await ok(executeOperation(ops.confirmOutageOp, w.ctx, { outageId: o!.id }));
    assert.equal(confirmed.affectedCount, 4);
    assert.equal(confirmed.notices.inserted, 4);
    assert.ok(confirmed.ticketId);
  });

  test('RADIUS stops from a NAS that is not the organization’s do not count', async () => {
    const w = await world(
      'out-radius-nas',
      async (orgId) => (await makeRouter(db, orgId, { host: '10.78.0.1', port: 8728 })).id,
    );
    const subs = await db
      .select()
      .from(subscriptions)
      .where(eq(subscriptions.odpId, await w.id('ODP-1-1-1')));
    for (const s of subs)
      await db.execute(sql`
        insert into radacct (acctsessionid, acctuniqueid, username, nasipaddress, acctstarttime, acctstoptime, acctterminatecause)
        values (${randomUUID()}, ${randomUUID()}, ${`${s.serviceUsername}@${w.org.slug}`}, '192.0.2.99'::inet, now() - interval '1 hour', now(), 'Lost-Carrier')`);
    assert.deepEqual((await detectOutages(db, { orgId: w.org.id })).proposed, []);
  });

  test('router sessions: sessions vanish from the RouterOS snapshot → proposed outage; dismissed stays quiet', async () => {
    const server = await startRouterOsServer();
    servers.push(server);
    const w = await world('out-sessions', async (orgId) => (await makeRouter(db, orgId, server)).id);
    const odp = await w.id('ODP-2-2-3');
    const all = await db.select().from(subscriptions).where(eq(subscriptions.organizationId, w.org.id));
    // Everyone is online; the minute check reads the router over the API and stores the sessions.
    for (const s of all) server.connectSession(s.serviceUsername);
    const check = async () => {
      const state = await routerAccess(db).use({ orgId: w.org.id, routerId: w.routerId! }, (api) =>
        readRouterState(api),
      );
      await saveRouterState(db, { orgId: w.org.id, routerId: w.routerId!, ...state });
    };
    await check();
    assert.deepEqual((await detectOutages(db, { orgId: w.org.id })).proposed, []);
    // The ODP's splitter dies: its four customers' PPPoE sessions go away.
    for (const s of all.filter((x) => x.odpId === odp)) {
      const row = server.state.menu('/ppp/active').resolve(s.serviceUsername);
      server.state.remove('/ppp/active', row!);
    }
    await check();
    // The same minute: the drops may be reconnects the next snapshot shows back; not yet.
    assert.deepEqual((await detectOutages(db, { orgId: w.org.id })).proposed, []);
    // Still gone three minutes later: now it is a fault.
    const later = new Date(Date.now() + 3 * 60_000);
    const found = await detectOutages(db, { orgId: w.org.id, now: later });
    assert.equal(found.proposed.length, 1);
    const [o] = await db.select().from(outages).where(eq(outages.id, found.proposed[0]!));
    assert.deepEqual(
      [o!.elementType, o!.elementId, o!.evidence?.signal, o!.evidence?.offline],
      ['odp', odp, 'router_sessions', 4],
    );
    // NOC dismisses it (a planned power cut): the same drops do not propose it again.
    await ok(executeOperation(ops.dismissOutageOp, w.ctx, { outageId: o!.id }));
    assert.deepEqual((await detectOutages(db, { orgId: w.org.id, now: later })).proposed, []);
    const again = await executeOperation(ops.confirmOutageOp, w.ctx, { outageId: o!.id });
    assert.equal(!again.ok && again.code, 'outage_state');
  });
});

describe('detection: an unreachable router', () => {
  test('only a connection failure that lasted, started no earlier than the rule allows; quiet counts from the decision', async () => {
    const w = await world(
      'out-router-off',
      async (orgId) => (await makeRouter(db, orgId, { host: '10.79.0.1', port: 8728 })).id,
    );
    const setRouter = (kind: string, seenAgo: string) =>
      db.execute(sql`update routers set status = 'offline', last_error_kind = ${kind}, last_checked_at = now(),
        last_seen_at = now() - ${seenAgo}::interval where id = ${w.routerId}`);
    // A wrong password after a change: the operator's problem, not an outage.
    await setRouter('bad_login', '1 hour');
    assert.deepEqual((await detectOutages(db, { orgId: w.org.id })).proposed, []);
    await setRouter('tls', '1 hour');
    assert.deepEqual((await detectOutages(db, { orgId: w.org.id })).proposed, []);
    // One failed call a minute after the last good one: not yet.
    await setRouter('timeout', '1 minute');
    assert.deepEqual((await detectOutages(db, { orgId: w.org.id })).proposed, []);
    // Last seen three weeks ago: proposed, but it did not start three weeks ago (the credit).
    await setRouter('timeout', '21 days');
    const before = Date.now();
    const found = await detectOutages(db, { orgId: w.org.id });
    assert.equal(found.proposed.length, 1);
    const [o] = await db.select().from(outages).where(eq(outages.id, found.proposed[0]!));
    const ago = (before - o!.startedAt.getTime()) / 60_000;
    assert.ok(ago > 6 && ago < 8, `started ${ago} minutes ago`);
    // Resolved two hours ago, credited now: the credit does not silence the router again.
    await db
      .update(outages)
      .set({
        status: 'resolved',
        resolvedAt: sql`now() - interval '2 hours'`,
        decidedAt: sql`now() - interval '2 hours'`,
        creditedAt: sql`now()`,
        updatedAt: sql`now()`,
      })
      .where(eq(outages.id, o!.id));
    assert.equal((await detectOutages(db, { orgId: w.org.id })).proposed.length, 1);
  });
});

describe('tenant isolation', () => {
  test('another organization sees, confirms, resolves and credits none of these outages', async () => {
    const a = await world('out-ten-a');
    const b = await world('out-ten-b');
    const marked = await ok(
      executeOperation(ops.markDownOp, b.ctx, { elementType: 'odp', elementId: await b.id('ODP-1-1-1') }),
    );
    const id = marked.outage.id;
    for (const op of [
      ops.getOutageOp,
      ops.confirmOutageOp,
      ops.dismissOutageOp,
      ops.resolveOutageOp,
      ops.creditOutageOp,
    ]) {
      const r = await executeOperation(op as typeof ops.getOutageOp, a.ctx, { outageId: id });
      assert.equal(!r.ok && r.code, 'not_found', op.name);
    }
    const page = await ok(executeOperation(ops.listAffectedOp, a.ctx, { outageId: id }));
    assert.deepEqual(page.items, []);
    const list = await ok(executeOperation(ops.listOutagesOp, a.ctx, {}));
    assert.deepEqual(list.items, []);
    const mark = await executeOperation(ops.markDownOp, a.ctx, {
      elementType: 'odp',
      elementId: await b.id('ODP-1-1-2'),
    });
    assert.equal(!mark.ok && mark.code, 'not_found');
    const preview = await executeOperation(ops.previewOutageOp, a.ctx, {
      elementType: 'odc',
      elementId: await b.id('ODC-1-1'),
    });
    assert.equal(!preview.ok && preview.code, 'not_found');
    const found = await ok(executeOperation(ops.searchElementsOp, a.ctx, { type: 'odp', q: 'ODP-1-1-1' }));
    assert.ok(found.every((e) => e.id !== marked.outage.elementId));
    const [stillOpen] = await db.select().from(outages).where(eq(outages.id, id));
    assert.equal(stillOpen!.status, 'open');
  });
});
