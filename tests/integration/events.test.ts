import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { and, asc, eq, sql } from 'drizzle-orm';
import {
  type EventRow,
  events,
  gatewayTransactions,
  invoices,
  organizationTaskStatus,
  pluginInstalls,
  routerImports,
  routers,
  subscriptions,
  vouchers,
  webhookEndpoints,
} from '@/db/schema';
import { approvePayment, recordPayment, rejectPayment, reversePayment } from '@/lib/billing/invoice-payments';
import { runIsolation } from '@/lib/billing/isolation';
import { invoiceLinkToken } from '@/lib/billing/links';
import { runBilling } from '@/lib/billing/run';
import { encryptSecret } from '@/lib/crypto';
import { importCustomers } from '@/lib/customers/import';
import { transitionSubscription } from '@/lib/customers/subscriptions';
import type { EventType } from '@/lib/events/catalog';
import { dispatchEvents, pruneDispatchedEvents } from '@/lib/events/dispatch';
import { emitEvent } from '@/lib/events/emit';
import { EVENT_SAMPLES } from '@/lib/events/samples';
import { SUBSCRIBERS, type Subscriber } from '@/lib/events/subscribers';
import { confirmImport } from '@/lib/network/router-import';
import { markRouterOffline } from '@/lib/network/router-status';
import { RouterError } from '@/lib/network/routeros/errors';
import { receiveCallback } from '@/lib/payments/callbacks';
import { startInvoicePayment } from '@/lib/payments/checkout';
import { saveGatewaySettings } from '@/lib/payments/settings';
import { changeTicketStatus } from '@/lib/tickets/mutations';
import { openTicket } from '@/lib/tickets/open';
import { generateBatch } from '@/lib/vouchers/batches';
import { settleVouchers } from '@/lib/vouchers/status';
import { getWalletBalance, postWalletEntry } from '@/lib/wallet/ledger';
import { buyVouchers } from '@/lib/wallet/purchase';
import { adjustWallet, decideTopup, requestTopup } from '@/lib/wallet/topups';
import {
  makeCustomerWorld,
  makeMember,
  makeOrg,
  makePlan,
  makeRouter,
  makeSubscriber,
  testDb,
  waitFor,
} from '../helpers';
import { startFakeMidtrans } from '../support/gateways/midtrans';
import type { GatewayFake } from '../support/gateways/types';
import { makeReseller, makeResellerCustomer } from '../support/resellers';
import { makeVoucherBatch } from '../support/vouchers';

const db = testDb();
let midtrans: GatewayFake;
// Before anything reads the environment (parsed once): Midtrans is its loopback stand-in.
before(async () => {
  midtrans = await startFakeMidtrans({ live: true });
  process.env.MIDTRANS_API_URL = midtrans.url;
});
after(() => midtrans.close());

/** An enabled webhook endpoint of the organization that wants `types` (as the webhooks lane stores it). */
async function subscribe(orgId: string, types: EventType[], over: Partial<typeof webhookEndpoints.$inferInsert> = {}) {
  await db.insert(webhookEndpoints).values({
    organizationId: orgId,
    url: 'https://hooks.example.com/jaring',
    eventTypes: types,
    secret: encryptSecret(`whsec_${randomUUID()}`),
    ...over,
  });
}

async function eventsOf(orgId: string, type?: EventType) {
  return db
    .select()
    .from(events)
    .where(and(eq(events.organizationId, orgId), type ? eq(events.type, type) : undefined))
    .orderBy(asc(events.createdAt));
}

/** The data has exactly the documented keys (EVENT_SAMPLES, docs/features/events.md). */
function assertShape(e: EventRow) {
  const sample = EVENT_SAMPLES[e.type as EventType];
  assert.ok(sample, `no sample for ${e.type}`);
  assert.deepEqual(Object.keys(e.data).sort(), Object.keys(sample).sort(), e.type);
  assert.ok(!JSON.stringify(e.data).match(/password|secret|token/i), `${e.type} carries no secret`);
}

function only<T>(rows: T[]): T {
  assert.equal(rows.length, 1, `exactly one: ${JSON.stringify(rows)}`);
  return rows[0]!;
}

describe('customer.created', () => {
  test('lead conversion, CSV import and router import emit one per customer, with the documented data', async () => {
    const { org, admin } = await makeOrg(db, 'ev-cust');
    await subscribe(org.id, ['customer.created']);
    const w = await makeCustomerWorld(db, org.id, admin.user.id);
    const fromLead = only(await eventsOf(org.id, 'customer.created'));
    assertShape(fromLead);
    assert.deepEqual(
      { ...fromLead.data, createdAt: undefined },
      {
        customerId: w.customer.id,
        number: `C-${String(w.customer.number).padStart(6, '0')}`,
        name: 'Joko Widodo',
        phone: w.customer.phone,
        email: null,
        address: w.customer.address,
        area: 'RW 05',
        status: 'pending',
        planId: w.plan.id,
        resellerUserId: admin.user.id,
        source: 'lead',
        createdAt: undefined,
      },
    );
    assert.equal(fromLead.data.createdAt, w.customer.createdAt.toISOString());

    const csv = [
      'name,phone,address,area,latitude,longitude,plan,billing_type,service_username,service_password,status,email',
      `Ani,0812-1111-0001,Jl. A,RW 01,,,${w.plan.name},postpaid,ani${randomUUID().slice(0, 6)},rahasia01,active,`,
      `Badu,0812-1111-0002,Jl. B,RW 01,,,${w.plan.name},postpaid,badu${randomUUID().slice(0, 6)},rahasia02,active,`,
    ].join('\n');
    const r = await importCustomers(db, { orgId: org.id, actorUserId: admin.user.id, ip: null, csv, locale: 'id' });
    assert.equal(r.imported, 2);
    const imported = (await eventsOf(org.id, 'customer.created')).filter((e) => e.data.source === 'import');
    assert.deepEqual(imported.map((e) => e.data.name).sort(), ['Ani', 'Badu']);
    imported.forEach(assertShape);

    const router = await makeRouter(db, org.id, { host: '127.0.0.1', port: 1 });
    const [imp] = await db
      .insert(routerImports)
      .values({
        organizationId: org.id,
        routerId: router.id,
        jobId: randomUUID(),
        entries: [
          {
            kind: 'pppoe',
            name: `rt${randomUUID().slice(0, 6)}`,
            passwordEnc: encryptSecret('rahasia'),
            profile: 'default',
            disabled: false,
            remoteAddress: null,
            localAddress: null,
            callerId: null,
            comment: 'Citra dari router',
          },
        ],
      })
      .returning();
    await confirmImport(db, {
      orgId: org.id,
      actorUserId: admin.user.id,
      ip: null,
      input: {
        importId: imp!.id,
        billingType: 'postpaid',
        mapping: { 'pppoe:default': w.plan.id },
        paidUntil: undefined,
      },
    });
    const fromRouter = only(
      (await eventsOf(org.id, 'customer.created')).filter((e) => e.data.source === 'router_import'),
    );
    assert.equal(fromRouter.data.name, 'Citra dari router');
    assertShape(fromRouter);
  });

  test('nothing is written without a subscriber: none, another type, a disabled endpoint; a plugin install subscribes too', async () => {
    const quiet = await makeOrg(db, 'ev-quiet');
    await subscribe(quiet.org.id, ['invoice.paid']);
    await subscribe(quiet.org.id, ['customer.created'], { enabled: false });
    await makeCustomerWorld(db, quiet.org.id, quiet.admin.user.id);
    assert.deepEqual(await eventsOf(quiet.org.id), []);

    const plugged = await makeOrg(db, 'ev-plugin');
    await db
      .insert(pluginInstalls)
      .values({ organizationId: plugged.org.id, pluginId: 'sheets', enabled: true, eventTypes: ['customer.created'] });
    await makeCustomerWorld(db, plugged.org.id, plugged.admin.user.id);
    assert.equal((await eventsOf(plugged.org.id)).length, 1);
  });

  test('a rolled-back change emits nothing', async () => {
    const { org, admin } = await makeOrg(db, 'ev-rollback');
    await subscribe(org.id, ['customer.created', 'subscription.activated']);
    const plan = await makePlan(db, org.id);
    const s = await makeSubscriber(db, org.id, { planId: plan.id, routerId: null, status: 'pending' });
    await assert.rejects(
      db.transaction(async (tx) => {
        await transitionSubscription(tx, {
          orgId: org.id,
          actorUserId: admin.user.id,
          ip: null,
          subscriptionId: s.subscription.id,
          to: 'active',
          reason: null,
        });
        assert.equal((await tx.select().from(events).where(eq(events.organizationId, org.id))).length, 1);
        throw new Error('changed my mind');
      }),
      /changed my mind/,
    );
    assert.deepEqual(await eventsOf(org.id), []);
  });
});

describe('billing and payments', () => {
  test('the billing run emits one invoice.created per invoice; a dry run and a re-run none', async () => {
    const { org } = await makeOrg(db, 'ev-run');
    const other = await makeOrg(db, 'ev-run-b');
    await subscribe(org.id, ['invoice.created']);
    await subscribe(other.org.id, ['invoice.created']);
    const plan = await makePlan(db, org.id);
    for (let i = 0; i < 3; i++) await makeSubscriber(db, org.id, { planId: plan.id, routerId: null });
    const period = '2026-03-01';
    const dry = await runBilling(db, { orgId: org.id, period, actorUserId: null, dryRun: true });
    assert.equal(dry.issued, 3);
    assert.deepEqual(await eventsOf(org.id), []);
    const report = await runBilling(db, { orgId: org.id, period, actorUserId: null });
    assert.equal(report.issued, 3);
    const created = await eventsOf(org.id, 'invoice.created');
    assert.equal(created.length, 3);
    created.forEach(assertShape);
    const rows = await db.select().from(invoices).where(eq(invoices.organizationId, org.id));
    assert.deepEqual(created.map((e) => e.data.invoiceId).sort(), rows.map((i) => i.id).sort());
    const one = created.find((e) => e.data.invoiceId === rows[0]!.id)!;
    assert.equal(one.data.total, rows[0]!.total);
    assert.equal(one.data.period, '2026-03-01');
    assert.equal(one.data.number, rows[0]!.number);
    await runBilling(db, { orgId: org.id, period, actorUserId: null });
    assert.equal((await eventsOf(org.id)).length, 3);
    assert.deepEqual(await eventsOf(other.org.id), [], "another organization's events never mix in");
  });

  test('cash: payment.created, payment.completed, then invoice.paid; a transfer completes when approved and fails when rejected', async () => {
    const { org, admin } = await makeOrg(db, 'ev-cash');
    const w = await makeCustomerWorld(db, org.id, admin.user.id);
    await subscribe(org.id, ['payment.created', 'payment.completed', 'payment.failed', 'invoice.paid']);
    const actor = { orgId: org.id, actorUserId: admin.user.id, ip: null };
    const [invoice] = await db.select().from(invoices).where(eq(invoices.id, w.invoice.id));
    const cash = await recordPayment(db, {
      ...actor,
      input: {
        customerId: w.customer.id,
        amount: invoice!.total - invoice!.paidAmount,
        method: 'cash',
        reference: null,
        note: null,
      },
    });
    const seen = await eventsOf(org.id);
    assert.deepEqual(
      seen.map((e) => e.type),
      ['payment.created', 'payment.completed', 'invoice.paid'],
    );
    seen.forEach(assertShape);
    assert.equal(seen[1]!.data.paymentId, cash.paymentId);
    assert.equal(seen[1]!.data.method, 'cash');
    assert.equal(seen[1]!.data.amount, invoice!.total - invoice!.paidAmount);
    assert.deepEqual(
      { ...seen[2]!.data, paidAt: undefined },
      {
        invoiceId: invoice!.id,
        number: invoice!.number,
        customerId: w.customer.id,
        subscriptionId: w.subscription.id,
        amount: invoice!.total,
        paymentId: cash.paymentId,
        paidAt: undefined,
      },
    );

    await approvePayment(db, { ...actor, paymentId: w.transfers[0] });
    const approved = only((await eventsOf(org.id, 'payment.completed')).filter((e) => e.data.method === 'transfer'));
    assert.equal(approved.data.paymentId, w.transfers[0]);
    await rejectPayment(db, { ...actor, paymentId: w.transfers[1], reason: 'Slip buram' });
    const failed = only(await eventsOf(org.id, 'payment.failed'));
    assertShape(failed);
    assert.equal(failed.data.paymentId, w.transfers[1]);
    assert.equal(failed.data.reason, 'rejected');
    assert.equal(failed.data.note, 'Slip buram');
    // A retried decision is refused and emits nothing more.
    await assert.rejects(rejectPayment(db, { ...actor, paymentId: w.transfers[1], reason: 'lagi' }));
    assert.equal((await eventsOf(org.id, 'payment.failed')).length, 1);
  });
});

describe('gateway payments', () => {
  const callback = (orderId: string, outcome: 'paid' | 'expired') => {
    midtrans.setStatus(orderId, outcome);
    const cb = midtrans.callback(orderId, outcome);
    return receiveCallback(db, {
      gateway: 'midtrans',
      rawBody: cb.body,
      headers: new Headers(cb.headers),
      remoteIp: null,
    });
  };

  test('checkout started: payment.created; expired: payment.failed; paid: payment.completed and invoice.paid, once', async () => {
    const { org, admin } = await makeOrg(db, 'ev-gw');
    const w = await makeCustomerWorld(db, org.id, admin.user.id);
    await saveGatewaySettings(db, {
      orgId: org.id,
      actorUserId: admin.user.id,
      ip: null,
      input: {
        gateway: 'midtrans',
        enabled: true,
        mode: 'production',
        credentials: midtrans.credentials,
        methods: [{ code: 'qris', enabled: true, feeType: 'flat', feeValue: 0, feeBearer: 'customer' }],
      },
    });
    await subscribe(org.id, ['payment.created', 'payment.completed', 'payment.failed', 'invoice.paid']);
    const start = () =>
      startInvoicePayment(db, { token: invoiceLinkToken(w.invoice.id), gateway: 'midtrans', method: 'qris', ip: null });

    const first = await start();
    const created = only(await eventsOf(org.id, 'payment.created'));
    assertShape(created);
    assert.equal(created.data.orderId, first.orderId);
    assert.equal(created.data.method, 'gateway');
    assert.equal(created.data.gateway, 'midtrans');
    assert.equal(created.data.channel, 'qris');
    assert.equal(created.data.paymentId, null);
    assert.equal((await callback(first.orderId, 'expired')).status, 200);
    const failed = only(await eventsOf(org.id, 'payment.failed'));
    assert.equal(failed.data.orderId, first.orderId);
    assert.equal(failed.data.reason, 'expired');

    const second = await start();
    assert.notEqual(second.orderId, first.orderId);
    assert.equal((await callback(second.orderId, 'paid')).status, 200);
    assert.equal((await callback(second.orderId, 'paid')).status, 200, 'the gateway retries its callback');
    const completed = only(await eventsOf(org.id, 'payment.completed'));
    assertShape(completed);
    const [t] = await db.select().from(gatewayTransactions).where(eq(gatewayTransactions.orderId, second.orderId));
    assert.equal(completed.data.orderId, second.orderId);
    assert.equal(completed.data.paymentId, t!.paymentId);
    const paid = only(await eventsOf(org.id, 'invoice.paid'));
    assert.equal(paid.data.invoiceId, w.invoice.id);
    assert.equal(paid.data.paymentId, t!.paymentId);
    assert.deepEqual(
      (await eventsOf(org.id)).map((e) => e.type),
      ['payment.created', 'payment.failed', 'payment.created', 'payment.completed', 'invoice.paid'],
    );
  });
});

describe('subscriptions', () => {
  test('activated, isolated, suspended, reconnected, terminated where the status changes; a refused move none', async () => {
    const { org, admin } = await makeOrg(db, 'ev-subs');
    await subscribe(org.id, [
      'subscription.activated',
      'subscription.isolated',
      'subscription.suspended',
      'subscription.reconnected',
      'subscription.terminated',
    ]);
    const plan = await makePlan(db, org.id);
    const s = await makeSubscriber(db, org.id, { planId: plan.id, routerId: null, status: 'pending' });
    const move = (to: 'active' | 'isolated' | 'suspended' | 'terminated', reason: string | null = null) =>
      transitionSubscription(db, {
        orgId: org.id,
        actorUserId: admin.user.id,
        ip: null,
        subscriptionId: s.subscription.id,
        to,
        reason,
      });
    await move('active', 'installed');
    await move('isolated');
    await move('active', 'paid');
    await move('suspended');
    await move('active');
    await move('terminated', 'Pindah kota');
    await assert.rejects(move('active'));
    const seen = await eventsOf(org.id);
    assert.deepEqual(
      seen.map((e) => [e.type, e.data.previousStatus, e.data.status]),
      [
        ['subscription.activated', 'pending', 'active'],
        ['subscription.isolated', 'active', 'isolated'],
        ['subscription.reconnected', 'isolated', 'active'],
        ['subscription.suspended', 'active', 'suspended'],
        ['subscription.reconnected', 'suspended', 'active'],
        ['subscription.terminated', 'active', 'terminated'],
      ],
    );
    seen.forEach(assertShape);
    assert.equal(seen[0]!.data.subscriptionId, s.subscription.id);
    assert.equal(seen[0]!.data.serviceUsername, s.subscription.serviceUsername);
    assert.equal(seen.at(-1)!.data.reason, 'Pindah kota');
  });

  test('the isolation pass emits one subscription.isolated per subscription it isolates', async () => {
    const { org } = await makeOrg(db, 'ev-iso');
    await subscribe(org.id, ['subscription.isolated']);
    const plan = await makePlan(db, org.id);
    const subs = [];
    for (let i = 0; i < 3; i++) subs.push(await makeSubscriber(db, org.id, { planId: plan.id, routerId: null }));
    await runBilling(db, { orgId: org.id, period: '2026-01-01', actorUserId: null });
    // Past the due day and the minimum notice (the invoices were issued just now).
    const later = new Date(Date.now() + 7 * 86_400_000);
    const dry = await runIsolation(db, { orgId: org.id, now: later, dryRun: true });
    assert.equal(dry.isolated, 3);
    assert.deepEqual(await eventsOf(org.id), []);
    const report = await runIsolation(db, { orgId: org.id, now: later });
    assert.equal(report.isolated, 3);
    const seen = await eventsOf(org.id, 'subscription.isolated');
    assert.deepEqual(seen.map((e) => e.data.subscriptionId).sort(), subs.map((s) => s.subscription.id).sort());
    seen.forEach(assertShape);
    assert.equal(seen[0]!.data.reason, 'unpaid_invoice');
    assert.equal(seen[0]!.data.previousStatus, 'active');
    // Nothing left to isolate: the next pass emits nothing.
    await runIsolation(db, { orgId: org.id, now: later });
    assert.equal((await eventsOf(org.id)).length, 3);
  });

  test('a subscription terminated while the isolation pass runs stays terminated, with no subscription.isolated', async () => {
    const { org } = await makeOrg(db, 'ev-iso-race');
    await subscribe(org.id, ['subscription.isolated']);
    const plan = await makePlan(db, org.id);
    const s = await makeSubscriber(db, org.id, { planId: plan.id, routerId: null });
    await runBilling(db, { orgId: org.id, period: '2026-01-01', actorUserId: null });
    const later = new Date(Date.now() + 7 * 86_400_000);
    // Staff terminate it: their transaction holds the row while the pass picks its batch.
    let release!: () => void;
    const held = new Promise<void>((r) => {
      release = r;
    });
    let changed!: () => void;
    const updated = new Promise<void>((r) => {
      changed = r;
    });
    const staff = db.transaction(async (tx) => {
      await tx.update(subscriptions).set({ status: 'terminated' }).where(eq(subscriptions.id, s.subscription.id));
      changed();
      await held;
    });
    await updated;
    const pass = runIsolation(db, { orgId: org.id, now: later });
    await waitFor(async () => {
      const [w] = await db.execute<{ n: number }>(
        sql`select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock' and query like '%isolation_batch%'`,
      );
      return (w?.n ?? 0) > 0;
    });
    release();
    await staff;
    await pass;
    const [row] = await db.select().from(subscriptions).where(eq(subscriptions.id, s.subscription.id));
    assert.equal(row!.status, 'terminated');
    assert.deepEqual(await eventsOf(org.id, 'subscription.isolated'), []);
  });
});

describe('vouchers, tickets, routers', () => {
  test('voucher.sold at the hotspot: two settles of the same first login overlapping sell it once', async () => {
    const { org, admin } = await makeOrg(db, 'ev-vouch-race');
    const { batch } = await makeVoucherBatch(db, org.id, admin.user.id);
    await subscribe(org.id, ['voucher.sold']);
    const [voucher] = await db.select().from(vouchers).where(eq(vouchers.batchId, batch.id)).limit(1);
    await db
      .update(vouchers)
      .set({ status: 'active', firstLoginAt: new Date(Date.now() - 60_000) })
      .where(eq(vouchers.id, voucher!.id));
    const where = sql`v.id = ${voucher!.id}`;
    // The first settle sells it and holds the row; the second starts meanwhile and waits.
    let release!: () => void;
    const held = new Promise<void>((r) => {
      release = r;
    });
    let sold!: () => void;
    const first = new Promise<void>((r) => {
      sold = r;
    });
    const tick = db.transaction(async (tx) => {
      await settleVouchers(tx, { orgId: org.id, where });
      sold();
      await held;
    });
    await first;
    const sync = settleVouchers(db, { orgId: org.id, where });
    await waitFor(async () => {
      const [w] = await db.execute<{ n: number }>(
        sql`select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock' and query like '%sold_now%'`,
      );
      return (w?.n ?? 0) > 0;
    });
    release();
    await tick;
    await sync;
    only(await eventsOf(org.id, 'voucher.sold'));
  });

  test('voucher.sold: one per sale to a reseller, with count and amount; stock for the office none', async () => {
    const { org, admin } = await makeOrg(db, 'ev-vouch');
    const { profile } = await makeVoucherBatch(db, org.id, admin.user.id);
    await subscribe(org.id, ['voucher.sold']);
    const reseller = await makeMember(db, org.id, 'reseller');
    await adjustWallet(db, {
      orgId: org.id,
      actorUserId: admin.user.id,
      ip: null,
      input: { resellerUserId: reseller.user.id, amount: 1_000_000, note: 'saldo' },
    });
    const { batch, total } = await buyVouchers(db, {
      orgId: org.id,
      resellerUserId: reseller.user.id,
      ip: null,
      input: { profileId: profile.id, count: 4 },
    });
    const sold = only(await eventsOf(org.id, 'voucher.sold'));
    assertShape(sold);
    assert.equal(sold.data.batchId, batch.id);
    assert.equal(sold.data.count, 4);
    assert.equal(sold.data.amount, total);
    assert.equal(sold.data.resellerUserId, reseller.user.id);
    assert.equal(sold.data.profileName, profile.name);
    await generateBatch(db, {
      orgId: org.id,
      actorUserId: admin.user.id,
      ip: null,
      input: {
        profileId: profile.id,
        count: 3,
        codeLength: 8,
        charset: 'numeric',
        prefix: '',
        passwordMode: 'same',
        delivery: 'radius',
        routerId: null,
        resellerUserId: null,
      },
    });
    assert.equal((await eventsOf(org.id)).length, 1);
  });

  test('ticket.created when a ticket opens, ticket.resolved when it is resolved', async () => {
    const { org, admin } = await makeOrg(db, 'ev-ticket');
    await subscribe(org.id, ['ticket.created', 'ticket.resolved']);
    const plan = await makePlan(db, org.id);
    const s = await makeSubscriber(db, org.id, { planId: plan.id, routerId: null });
    const { ticket } = await openTicket(db, {
      orgId: org.id,
      actorUserId: admin.user.id,
      source: 'staff',
      customerId: s.customer.id,
      category: 'no_internet',
      subject: 'Internet mati',
    });
    const created = only(await eventsOf(org.id, 'ticket.created'));
    assertShape(created);
    assert.equal(created.data.ticketId, ticket.id);
    assert.equal(created.data.number, `T-${String(ticket.number).padStart(6, '0')}`);
    assert.equal(created.data.customerId, s.customer.id);
    await changeTicketStatus(db, {
      orgId: org.id,
      actorUserId: admin.user.id,
      ip: null,
      ticketId: ticket.id,
      status: 'in_progress',
    });
    await changeTicketStatus(db, {
      orgId: org.id,
      actorUserId: admin.user.id,
      ip: null,
      ticketId: ticket.id,
      status: 'resolved',
    });
    const resolved = only(await eventsOf(org.id, 'ticket.resolved'));
    assertShape(resolved);
    assert.equal(resolved.data.status, 'resolved');
    assert.ok(resolved.data.resolvedAt);
  });

  test('router.offline once per outage: online -> offline emits, a second failed check or a never-reached router not', async () => {
    const { org } = await makeOrg(db, 'ev-router');
    await subscribe(org.id, ['router.offline']);
    const router = await makeRouter(db, org.id, { host: '127.0.0.1', port: 1 });
    const fresh = await makeRouter(db, org.id, { host: '127.0.0.1', port: 2 });
    await db.update(routers).set({ status: 'online', lastSeenAt: new Date() }).where(eq(routers.id, router.id));
    const down = new RouterError('timeout', 'no answer in 10 s');
    await markRouterOffline(db, { orgId: org.id, routerId: router.id, error: down });
    await markRouterOffline(db, { orgId: org.id, routerId: router.id, error: down });
    await markRouterOffline(db, { orgId: org.id, routerId: fresh.id, error: down });
    const offline = only(await eventsOf(org.id, 'router.offline'));
    assertShape(offline);
    assert.equal(offline.data.routerId, router.id);
    assert.equal(offline.data.errorKind, 'timeout');
    const [row] = await db.select().from(routers).where(eq(routers.id, router.id));
    assert.equal(offline.data.name, row!.name);
    // Back online and down again: a new outage, a new event.
    await db.update(routers).set({ status: 'online' }).where(eq(routers.id, router.id));
    await markRouterOffline(db, { orgId: org.id, routerId: router.id, error: down });
    assert.equal((await eventsOf(org.id, 'router.offline')).length, 2);
  });
});

describe('wallet', () => {
  test('wallet.topped_up reports the balance left after the top-up paid what the reseller owed', async () => {
    const { org, admin } = await makeOrg(db, 'ev-wallet-owed');
    await subscribe(org.id, ['wallet.topped_up']);
    const actor = { orgId: org.id, actorUserId: admin.user.id, ip: null };
    const reseller = await makeReseller(db, org.id, admin.user.id, 1000);
    const { customer } = await makeResellerCustomer(db, org.id, {
      resellerUserId: reseller.id,
      subtotal: 100_000,
      tax: 0,
    });
    const { paymentId } = await recordPayment(db, {
      ...actor,
      input: { customerId: customer.id, amount: 100_000, method: 'cash', reference: null, note: null },
    });
    // The 10,000 commission is mostly spent, then taken back: 8,000 of it is owed.
    await db.transaction((tx) =>
      postWalletEntry(tx, {
        orgId: org.id,
        resellerUserId: reseller.id,
        kind: 'purchase',
        amount: -8_000,
        actorUserId: reseller.id,
      }),
    );
    await db.transaction((tx) => reversePayment(tx, { ...actor, paymentId, reason: 'Refund' }));
    const request = await requestTopup(db, {
      orgId: org.id,
      actorUserId: reseller.id,
      ip: null,
      input: { amount: 50_000, note: 'BCA' },
    });
    const { balance } = await decideTopup(db, { ...actor, requestId: request.id, decision: 'approve' });
    // 2,000 + 50,000 credited - 10,000 owed taken back.
    assert.equal(balance, 42_000);
    assert.equal(await getWalletBalance(db, { orgId: org.id, resellerUserId: reseller.id }), 42_000);
    const topped = only(await eventsOf(org.id, 'wallet.topped_up'));
    assert.deepEqual([topped.data.credited, topped.data.balanceAfter], [50_000, 42_000]);
  });
});

describe('the events pass', () => {
  test('hands each event to the subscribers once; one that throws does not stop the others, and is told to the organization', async () => {
    const a = await makeOrg(db, 'ev-pass-a');
    const b = await makeOrg(db, 'ev-pass-b');
    await subscribe(a.org.id, ['ticket.created']);
    await subscribe(b.org.id, ['ticket.created']);
    for (const n of [1, 2, 3]) await emitEvent(db, { orgId: a.org.id, type: 'ticket.created', data: { n } });
    await emitEvent(db, { orgId: b.org.id, type: 'ticket.created', data: { n: 9 } });
    const heard: { orgId: string; id: string; n: unknown }[] = [];
    const mine = new Set([a.org.id, b.org.id]);
    let failing = true;
    const probe: Subscriber = {
      name: 'probe',
      fanOut: async (_tx, event) => {
        if (!mine.has(event.organizationId)) return 0;
        if (failing && event.data.n === 2) throw new Error('subscriber broke');
        heard.push({ orgId: event.organizationId, id: event.id, n: event.data.n });
        return 1;
      },
    };
    (SUBSCRIBERS as Subscriber[]).push(probe);
    try {
      // Only these organizations: other test files share the database and run their own passes.
      const ours = { orgIds: [a.org.id, b.org.id] };
      const r = await dispatchEvents(db, ours);
      assert.ok(r.failed >= 1);
      assert.deepEqual(heard.map((h) => h.n).sort(), [1, 3, 9]);
      assert.ok(heard.every((h) => (h.n === 9 ? h.orgId === b.org.id : h.orgId === a.org.id)));
      const left = (await eventsOf(a.org.id)).filter((e) => !e.dispatchedAt);
      assert.deepEqual(
        left.map((e) => e.data.n),
        [2],
      );
      const [status] = await db
        .select()
        .from(organizationTaskStatus)
        .where(and(eq(organizationTaskStatus.organizationId, a.org.id), eq(organizationTaskStatus.task, 'events')));
      assert.equal(status?.failures, 1);
      assert.equal(status?.lastError, 'unexpected');

      failing = false;
      await dispatchEvents(db, ours);
      await dispatchEvents(db, ours);
      assert.deepEqual(heard.map((h) => h.n).sort(), [1, 2, 3, 9], 'each event once');
      assert.ok((await eventsOf(a.org.id)).every((e) => e.dispatchedAt));
      const [cleared] = await db
        .select()
        .from(organizationTaskStatus)
        .where(and(eq(organizationTaskStatus.organizationId, a.org.id), eq(organizationTaskStatus.task, 'events')));
      assert.equal(cleared?.failures, 0);
    } finally {
      (SUBSCRIBERS as Subscriber[]).splice((SUBSCRIBERS as Subscriber[]).indexOf(probe), 1);
    }
  });

  test("one organization's many failing events neither use up the pass nor hold up another's", async () => {
    const a = await makeOrg(db, 'ev-starve-a');
    const b = await makeOrg(db, 'ev-starve-b');
    await subscribe(a.org.id, ['ticket.created']);
    await subscribe(b.org.id, ['ticket.created']);
    // Older than b's: the pass meets them first.
    for (const n of [1, 2, 3, 4, 5, 6]) await emitEvent(db, { orgId: a.org.id, type: 'ticket.created', data: { n } });
    await emitEvent(db, { orgId: b.org.id, type: 'ticket.created', data: { n: 9 } });
    let tried = 0;
    const probe: Subscriber = {
      name: 'probe',
      fanOut: async (_tx, event) => {
        if (event.organizationId !== a.org.id) return 0;
        tried++;
        throw new Error('plugin of a broke');
      },
    };
    (SUBSCRIBERS as Subscriber[]).push(probe);
    try {
      const r = await dispatchEvents(db, { limit: 5, orgIds: [a.org.id, b.org.id] });
      assert.equal(r.dispatched, 1, "b's event goes out");
      assert.ok((await eventsOf(b.org.id)).every((e) => e.dispatchedAt));
      assert.ok(tried < 6, `a's failures are capped within a pass (tried ${tried})`);
      assert.ok(
        (await eventsOf(a.org.id)).every((e) => !e.dispatchedAt),
        "a's events wait for the next pass",
      );
    } finally {
      (SUBSCRIBERS as Subscriber[]).splice((SUBSCRIBERS as Subscriber[]).indexOf(probe), 1);
    }
  });

  test('dispatched events older than 30 days are pruned; undispatched ones stay', async () => {
    const { org } = await makeOrg(db, 'ev-prune');
    await subscribe(org.id, ['router.offline']);
    for (const n of [1, 2, 3]) await emitEvent(db, { orgId: org.id, type: 'router.offline', data: { n } });
    const [e1, e2] = await eventsOf(org.id);
    await db.update(events).set({ dispatchedAt: sql`now() - interval '31 days'` }).where(eq(events.id, e1!.id));
    await db.update(events).set({ dispatchedAt: sql`now() - interval '29 days'` }).where(eq(events.id, e2!.id));
    await pruneDispatchedEvents(db, { days: 30 });
    assert.deepEqual(
      (await eventsOf(org.id)).map((e) => e.data.n),
      [2, 3],
    );
  });
});
