import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { customers, onus, organizations, plans, subscriptions } from '@/db/schema';
import { encryptSecret } from '@/lib/crypto';
import * as signalOps from '@/lib/fibre/signal/operations';
import { storeReadings } from '@/lib/fibre/signal/store';
import type { Result } from '@/lib/server/operation';
import { makeSnmpOlt } from './signal-world';
import { onusFor } from './snmp-agent';

type Run = (op: never, input: unknown) => Promise<Result<unknown>>;
type Sides = { db: Database; run: Run; a: { orgId: string; userId: string }; b: { orgId: string; userId: string } };

/** An organization's OLT (no agent behind it), a polled ONU at −28 dBm on a subscription, custom thresholds. */
export async function makeSignalWorld(db: Database, orgId: string, tag = 'B') {
  const [plan] = await db
    .insert(plans)
    .values({
      organizationId: orgId,
      name: `${tag} paket redaman`,
      downloadKbps: 1024,
      uploadKbps: 1024,
      priceRupiah: 1,
    })
    .returning();
  const number = 700_000 + Math.floor(Math.random() * 99_000);
  const [customer] = await db
    .insert(customers)
    .values({ organizationId: orgId, number, name: `${tag} SECRET pelanggan`, phone: '6281200000001', address: 'x' })
    .returning();
  const [subscription] = await db
    .insert(subscriptions)
    .values({
      organizationId: orgId,
      customerId: customer!.id,
      planId: plan!.id,
      billingType: 'postpaid',
      serviceUsername: `${tag.toLowerCase()}sig${number}`,
      servicePasswordEnc: encryptSecret('rahasia1'),
      status: 'active',
    })
    .returning();
  const list = onusFor('zte', 2);
  const olt = await makeSnmpOlt(db, orgId, {
    vendor: 'zte',
    agent: { host: '127.0.0.1', port: 9, community: 'x' },
    onus: list,
  });
  await db.update(onus).set({ subscriptionId: subscription!.id }).where(eq(onus.id, olt.onus[0]!.id));
  await storeReadings(db, {
    orgId,
    oltId: olt.olt.id,
    readings: list.map((o) => ({ ...o, state: 'working' as const, rxPowerDbm: -28 })),
  });
  return { olt, onu: olt.onus[0]!, subscription: subscription! };
}

/** A reads none of B's ONUs, readings or thresholds, and changes none of them. */
export function signalIsolationCases(sides: () => Sides): Record<string, () => Promise<void>> {
  let world: ReturnType<typeof makeSignalWorld> | undefined;
  const bWorld = () => {
    world ??= (async () => {
      const w = await makeSignalWorld(sides().db, sides().b.orgId);
      await sides()
        .db.update(organizations)
        .set({ onuWarningDbm: -20, onuCriticalDbm: -22 })
        .where(eq(organizations.id, sides().b.orgId));
      return w;
    })();
    return world;
  };
  const run = (op: unknown, input: unknown) => sides().run(op as never, input);
  return {
    'signal.subscription': async () => {
      const b = await bWorld();
      const r = await run(signalOps.subscriptionSignalOp, { subscriptionId: b.subscription.id });
      assert.deepEqual(r, { ok: true, data: null });
    },
    'signal.onuHistory': async () => {
      const b = await bWorld();
      const r = await run(signalOps.onuSignalHistoryOp, { onuId: b.onu.id });
      assert.ok(r.ok);
      assert.deepEqual((r.data as { points: unknown[] }).points, []);
    },
    'signal.thresholds': async () => {
      await bWorld();
      const r = await run(signalOps.signalThresholdsOp, {});
      assert.deepEqual(r, { ok: true, data: { warningDbm: -25, criticalDbm: -27 } });
    },
    'signal.setThresholds': async () => {
      const b = await bWorld();
      const r = await run(signalOps.setSignalThresholdsOp, { warningDbm: -30, criticalDbm: -35 });
      assert.ok(r.ok);
      const [org] = await sides().db.select().from(organizations).where(eq(organizations.id, sides().b.orgId));
      assert.deepEqual([org!.onuWarningDbm, org!.onuCriticalDbm], [-20, -22]);
      const [onu] = await sides().db.select().from(onus).where(eq(onus.id, b.onu.id));
      assert.equal(onu!.level, 'critical');
      await run(signalOps.setSignalThresholdsOp, { warningDbm: -25, criticalDbm: -27 });
    },
    'signal.dashboard': async () => {
      await bWorld();
      // A may have ONUs of its own (other cases of the walk make some): A's figures are A's rows only.
      const own = await sides().db.select().from(onus).where(eq(onus.organizationId, sides().a.orgId));
      const r = await run(signalOps.signalDashboardOp, {});
      assert.deepEqual(r, {
        ok: true,
        data: {
          onus: own.length,
          critical: own.filter((o) => o.state === 'working' && o.level === 'critical').length,
          los: own.filter((o) => o.state === 'los').length,
        },
      });
    },
  };
}

/** Inputs for the permission matrix: A's own ONU and subscription. */
export async function signalMatrixInputs(db: Database, orgId: string): Promise<Record<string, unknown>> {
  const w = await makeSignalWorld(db, orgId, 'M');
  return {
    'signal.subscription': { subscriptionId: w.subscription.id },
    'signal.onuHistory': { onuId: w.onu.id, days: 7 },
    'signal.thresholds': {},
    'signal.setThresholds': { warningDbm: -25, criticalDbm: -27 },
    'signal.dashboard': {},
  };
}
