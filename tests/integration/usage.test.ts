import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { radacct, routerSessions, routers } from '@/db/schema';
import { executePortalOperation, type PortalCtx } from '@/lib/portal/operation';
import { createPortalSession, portalVisitor } from '@/lib/portal/session';
import { portalUsageOp } from '@/lib/usage/portal-operations';
import { recordUsageSamples, usageByDay } from '@/lib/usage/usage';
import { makeOrg, makePlan, makeSubscriber, testDb } from '../helpers';

const db = testDb();
const JKT = 'Asia/Jakarta';
const GB = 1_000_000_000;

async function makeRouterRow(orgId: string, mode: 'api' | 'radius', host: string) {
  const [r] = await db
    .insert(routers)
    .values({
      organizationId: orgId,
      name: `RB-${randomUUID().slice(0, 6)}`,
      host,
      username: 'api',
      passwordEnc: 'x',
      mode,
    })
    .returning();
  return r!;
}

async function visitorOf(orgId: string, customerId: string): Promise<PortalCtx> {
  const { token } = await createPortalSession(db, { orgId, customerId, ip: null });
  const v = await portalVisitor(db, { orgId, token });
  assert.ok(v);
  return { db, orgId, sessionId: v.sessionId, customerIds: v.customerIds, phone: v.phone, ip: null, locale: 'id' };
}

describe('usage this month', () => {
  test('RADIUS accounting: sessions per local day, a session across midnight split by its hours', async () => {
    const { org } = await makeOrg(db, 'use-radius');
    const plan = await makePlan(db, org.id);
    const router = await makeRouterRow(org.id, 'radius', '10.77.0.1');
    const { subscription } = await makeSubscriber(db, org.id, { planId: plan.id, routerId: router.id });
    const username = `${subscription.serviceUsername}@${org.slug}`;
    const session = (start: string, stop: string | null, down: number, up: number, nas = '10.77.0.1') => ({
      acctsessionid: randomUUID(),
      acctuniqueid: randomUUID(),
      username,
      nasipaddress: nas,
      acctstarttime: new Date(start),
      acctupdatetime: stop ? null : new Date('2026-12-07T05:00:00Z'),
      acctstoptime: stop ? new Date(stop) : null,
      acctoutputoctets: down,
      acctinputoctets: up,
    });
    await db.insert(radacct).values([
      // 5 Dec 22:00 to 6 Dec 02:00 Jakarta: 4 GB, half each side of midnight.
      session('2026-12-05T15:00:00Z', '2026-12-05T19:00:00Z', 4 * GB, 2 * GB),
      // 1 Dec, all in one day.
      session('2026-12-01T02:00:00Z', '2026-12-01T03:00:00Z', GB, 0),
      // Last month: outside the range.
      session('2026-11-20T02:00:00Z', '2026-11-20T03:00:00Z', 9 * GB, 0),
      // Still online, up to its last interim update (7 Dec 12:00 Jakarta) from 7 Dec 10:00.
      session('2026-12-07T03:00:00Z', null, 3 * GB, GB),
      // Another organization's NAS: not counted.
      session('2026-12-02T02:00:00Z', '2026-12-02T03:00:00Z', 5 * GB, 0, '10.77.9.9'),
    ]);
    const days = await usageByDay(db, {
      orgId: org.id,
      subscriptionId: subscription.id,
      from: '2026-12-01',
      to: '2026-12-07',
      timeZone: JKT,
      now: new Date('2026-12-07T06:00:00Z'),
    });
    assert.equal(days.length, 7);
    const by = Object.fromEntries(days.map((d) => [d.day, [d.bytesIn / GB, d.bytesOut / GB]]));
    assert.deepEqual(by, {
      '2026-12-01': [1, 0],
      '2026-12-02': [0, 0],
      '2026-12-03': [0, 0],
      '2026-12-04': [0, 0],
      '2026-12-05': [2, 1],
      '2026-12-06': [2, 1],
      '2026-12-07': [3, 1],
    });
  });

  test('router counters: deltas per reading go to their day, a restarted session counts from zero', async () => {
    const { org } = await makeOrg(db, 'use-api');
    const plan = await makePlan(db, org.id);
    const router = await makeRouterRow(org.id, 'api', '10.77.0.2');
    const { customer, subscription } = await makeSubscriber(db, org.id, { planId: plan.id, routerId: router.id });
    /** What the sessions poll does: replace the router's session list. */
    const poll = async (at: string, itemId: string, down: number, up: number) => {
      await db
        .delete(routerSessions)
        .where(and(eq(routerSessions.routerId, router.id), eq(routerSessions.organizationId, org.id)));
      await db.insert(routerSessions).values({
        organizationId: org.id,
        routerId: router.id,
        kind: 'pppoe',
        itemId,
        username: subscription.serviceUsername,
        subscriptionId: subscription.id,
        bytesIn: down,
        bytesOut: up,
        seenAt: new Date(at),
      });
      return recordUsageSamples(db, { orgId: org.id });
    };
    // The first reading is only the baseline (its bytes may be from earlier days).
    await poll('2026-12-05T16:00:00Z', '*1A', 10 * GB, GB); // 5 Dec 23:00
    // The same reading again adds nothing.
    assert.deepEqual(await recordUsageSamples(db, { orgId: org.id }), { days: 0, readings: 0 });
    await poll('2026-12-05T16:55:00Z', '*1A', 11 * GB, GB); // 5 Dec 23:55: +1 GB on the 5th
    await poll('2026-12-05T17:05:00Z', '*1A', 13 * GB, 2 * GB); // 6 Dec 00:05: +2 GB down, +1 up on the 6th
    // Reconnected: a new entry, counters from zero.
    await poll('2026-12-06T03:00:00Z', '*2B', 3 * GB, 0); // +3 GB on the 6th
    // Same entry, smaller counter: restarted.
    await poll('2026-12-06T04:00:00Z', '*2B', GB, 0); // +1 GB on the 6th
    const days = await usageByDay(db, {
      orgId: org.id,
      subscriptionId: subscription.id,
      from: '2026-12-01',
      to: '2026-12-07',
      timeZone: JKT,
    });
    const by = Object.fromEntries(
      days.filter((d) => d.bytesIn || d.bytesOut).map((d) => [d.day, [d.bytesIn / GB, d.bytesOut / GB]]),
    );
    assert.deepEqual(by, { '2026-12-05': [1, 0], '2026-12-06': [6, 1] });

    // The portal page's operation: the visitor's own subscription only.
    const visitor = await visitorOf(org.id, customer.id);
    const page = await executePortalOperation(portalUsageOp, visitor, {});
    assert.ok(page.ok);
    assert.equal(page.data.subscriptions.length, 1);
    const other = await makeSubscriber(db, org.id, { planId: plan.id, routerId: router.id });
    const refused = await executePortalOperation(portalUsageOp, visitor, { subscriptionId: other.subscription.id });
    assert.equal(!refused.ok && refused.code, 'not_found');
  });
});
