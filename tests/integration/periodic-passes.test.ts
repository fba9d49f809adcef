import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, test } from 'node:test';
import { and, eq, sql } from 'drizzle-orm';
import { billingSettings, invoices, jobs, messages, organizationTaskStatus, subscriptions } from '@/db/schema';
import { runBilling } from '@/lib/billing/run';
import { DEFAULT_BILLING, saveBillingSettings } from '@/lib/billing/settings';
import { billingPass } from '@/lib/billing/tick';
import { translate } from '@/lib/i18n/translate';
import { listTaskProblems } from '@/lib/jobs/task-status';
import { messagingPass } from '@/lib/messaging/tick';
import { routerSync } from '@/lib/network/jobs';
import { enqueueDueSyncsEach, monitorRouters } from '@/lib/network/tick';
import { routerAccess } from '@/workers/router-pool';
import { makeOrg, makePlan, makeRouter, makeSubscriber, testDb } from '../helpers';

const db = testDb();

/** Makes every insert into `table` fail for one organization only (a fault the test controls). */
async function failInsertsFor(table: string, orgId: string) {
  const name = `test_fail_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  await db.execute(
    sql.raw(`create function ${name}() returns trigger language plpgsql as $$
      begin if new.organization_id = '${orgId}' then raise exception 'injected failure for %', new.organization_id; end if; return new; end $$`),
  );
  await db.execute(sql.raw(`create trigger ${name} before insert on ${table} for each row execute function ${name}()`));
  return async () => {
    await db.execute(sql.raw(`drop trigger if exists ${name} on ${table}`));
    await db.execute(sql.raw(`drop function if exists ${name}()`));
  };
}

async function customerOrg(label: string) {
  const { org, admin } = await makeOrg(db, label);
  const plan = await makePlan(db, org.id);
  const { subscription } = await makeSubscriber(db, org.id, { planId: plan.id, routerId: null });
  return { org, admin, subscription };
}

const status = async (orgId: string, task: string) =>
  (
    await db
      .select()
      .from(organizationTaskStatus)
      .where(and(eq(organizationTaskStatus.organizationId, orgId), sql`${organizationTaskStatus.task} = ${task}`))
  )[0];
/** Bills October and dates the invoices 1 October: the minimum notice before isolation has long passed. */
async function billOctober(orgId: string) {
  await runBilling(db, { orgId, period: '2026-10-01', actorUserId: null });
  await db
    .update(invoices)
    .set({ createdAt: new Date('2026-10-01T00:00:00Z') })
    .where(eq(invoices.organizationId, orgId));
}
const invoicesOf = (orgId: string, period: string) =>
  db
    .select()
    .from(invoices)
    .where(and(eq(invoices.organizationId, orgId), eq(invoices.period, period)));

describe('one organization failing never stops another’s periodic work', () => {
  test('billing: a bad invoice number format stops only that organization; its isolation still runs; fixing it clears the notice', async () => {
    const a = await customerOrg('pass-bad');
    const b = await customerOrg('pass-good');
    // October's invoice is unpaid (due 20 October): A's customer is overdue by December.
    await billOctober(a.org.id);
    // A format that repeats every month, written around the settings form.
    await db.insert(billingSettings).values({ organizationId: a.org.id, invoiceNumberFormat: '{prefix}/{seq}' });
    const now = new Date('2026-12-05T05:00:00Z');

    const first = await billingPass(db, { now, orgIds: [a.org.id, b.org.id] });
    assert.equal(first.failed, 1);
    assert.equal((await invoicesOf(b.org.id, '2026-12-01')).length, 1, 'the other organization is billed');
    assert.equal((await invoicesOf(a.org.id, '2026-12-01')).length, 0);
    const [sub] = await db.select().from(subscriptions).where(eq(subscriptions.id, a.subscription.id));
    assert.equal(sub!.status, 'isolated', 'isolation ran for the failing organization');
    const failure = await status(a.org.id, 'billing');
    assert.equal(failure!.lastError, 'invoice_number_format');
    assert.equal(failure!.failures, 1);
    assert.equal((await status(a.org.id, 'isolation'))!.failures, 0);
    assert.equal((await status(b.org.id, 'billing'))!.failures, 0);

    await billingPass(db, { now, orgIds: [a.org.id, b.org.id] });
    assert.equal((await status(a.org.id, 'billing'))!.failures, 2, 'failures in a row are counted');
    const problems = await listTaskProblems(db, { orgId: a.org.id });
    assert.deepEqual(
      problems.map((p) => [p.task, p.error, p.failures]),
      [['billing', 'invoice_number_format', 2]],
    );
    assert.equal((await listTaskProblems(db, { orgId: b.org.id })).length, 0);
    assert.ok(
      (await listTaskProblems(db)).some((p) => p.organizationId === a.org.id && p.organizationName === a.org.name),
      'the super admin sees it',
    );

    const { logo: _logo, logoPath: _path, ...defaults } = { ...DEFAULT_BILLING, logo: undefined };
    await saveBillingSettings(db, { orgId: a.org.id, actorUserId: a.admin.user.id, ip: null, input: { ...defaults } });
    await billingPass(db, { now, orgIds: [a.org.id, b.org.id] });
    assert.equal((await invoicesOf(a.org.id, '2026-12-01')).length, 1);
    assert.equal(
      (await listTaskProblems(db, { orgId: a.org.id })).length,
      0,
      'the notice is gone once billing works again',
    );
  });

  test('isolation: a failure in one organization rolls back only its own isolation', async () => {
    const c = await customerOrg('iso-bad');
    const d = await customerOrg('iso-good');
    for (const o of [c, d]) await billOctober(o.org.id);
    const restore = await failInsertsFor('subscription_history', c.org.id);
    // 25 October: both October invoices are past their due day (20th).
    const r = await billingPass(db, { now: new Date('2026-10-25T05:00:00Z'), orgIds: [c.org.id, d.org.id] });
    await restore();
    assert.equal(r.failed, 1);
    const state = async (id: string) =>
      (await db.select().from(subscriptions).where(eq(subscriptions.id, id)))[0]!.status;
    assert.equal(await state(d.subscription.id), 'isolated');
    assert.equal(await state(c.subscription.id), 'active', 'nothing half-done in the failing organization');
    assert.equal((await status(c.org.id, 'isolation'))!.lastError, 'database');
    assert.equal((await status(c.org.id, 'billing'))!.failures, 0, 'its billing still ran');
  });

  test('messages: invoice messages reach the other organization when one fails', async () => {
    const e = await customerOrg('msg-bad');
    const f = await customerOrg('msg-good');
    for (const o of [e, f]) await runBilling(db, { orgId: o.org.id, period: '2026-11-01', actorUserId: null });
    const restore = await failInsertsFor('messages', e.org.id);
    const r = await messagingPass(db, { orgIds: [e.org.id, f.org.id] });
    await restore();
    assert.equal(r.failed, 1);
    assert.equal((await db.select().from(messages).where(eq(messages.organizationId, f.org.id))).length, 1);
    assert.equal((await status(e.org.id, 'invoice_messages'))!.lastError, 'database');
    assert.equal((await status(e.org.id, 'reminders'))!.failures, 0, 'its reminders are a pass of their own');
    assert.equal((await status(f.org.id, 'invoice_messages'))!.failures, 0);
  });

  test('network: scheduled syncs are queued for the other organization when one organization’s fail', async () => {
    const g = await makeOrg(db, 'net-bad');
    const h = await makeOrg(db, 'net-good');
    const rg = await makeRouter(db, g.org.id, { host: '127.0.0.1', port: 1 });
    const rh = await makeRouter(db, h.org.id, { host: '127.0.0.1', port: 1 });
    const restore = await failInsertsFor('jobs', g.org.id);
    const queued = await enqueueDueSyncsEach(db, { orgIds: [g.org.id, h.org.id] });
    await restore();
    assert.equal(queued, 1);
    const syncs = await db
      .select()
      .from(jobs)
      .where(
        and(
          eq(jobs.type, routerSync.name),
          sql`${jobs.payload}->>'scheduled' = 'true'`,
          sql`${jobs.payload}->>'routerId' in (${rg.id}, ${rh.id})`,
        ),
      );
    assert.deepEqual(
      syncs.map((j) => j.organizationId),
      [h.org.id],
    );
    assert.equal((await status(g.org.id, 'router_sync'))!.lastError, 'database');
    assert.equal(await status(g.org.id, 'network'), undefined, 'the syncs are not the router monitor');
  });

  test('network: the router monitor succeeding does not clear a scheduled-sync failure; the next good sync pass does', async () => {
    const g = await makeOrg(db, 'net-sync');
    await makeRouter(db, g.org.id, { host: '127.0.0.1', port: 1 });
    const restore = await failInsertsFor('jobs', g.org.id);
    await enqueueDueSyncsEach(db, { orgIds: [g.org.id] });
    await restore();
    assert.equal((await status(g.org.id, 'router_sync'))!.failures, 1);
    // Each minute the monitor runs: its router is unreachable (its own page's news), so the
    // monitor pass succeeds for this organization.
    await monitorRouters(db, routerAccess(db));
    assert.equal((await status(g.org.id, 'network'))!.failures, 0);
    assert.equal((await status(g.org.id, 'router_sync'))!.failures, 1, 'the monitor left the sync failure alone');
    const problems = await listTaskProblems(db, { orgId: g.org.id });
    assert.ok(
      problems.some((p) => p.task === 'router_sync'),
      JSON.stringify(problems),
    );
    assert.equal(translate('id', 'taskStatus.tasks.router_sync'), 'Sinkronisasi router terjadwal');
    assert.equal(translate('en', 'taskStatus.tasks.router_sync'), 'Scheduled router syncs');
    await enqueueDueSyncsEach(db, { orgIds: [g.org.id] });
    assert.equal((await status(g.org.id, 'router_sync'))!.failures, 0);
  });
});
