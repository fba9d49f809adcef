import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { acsDevices, acsServers, acsTasks } from '@/db/schema';
import * as acsOps from '@/lib/fibre/acs/operations';
import { saveAcsSettings } from '@/lib/fibre/acs/settings';
import type { Result } from '@/lib/server/operation';
import { makePlan, makeSubscriber } from '../helpers';

type Run = (op: never, input: unknown) => Promise<Result<unknown>>;
type Sides = { db: Database; run: Run; a: { orgId: string; userId: string }; b: { orgId: string; userId: string } };

/**
 * An organization's GenieACS (an address on its LAN, never contacted: operations only queue
 * jobs), a subscription and its claimed modem.
 */
export async function makeAcsWorld(db: Database, orgId: string, userId: string, label: string) {
  await saveAcsSettings(db, {
    orgId,
    actorUserId: userId,
    ip: null,
    input: {
      nbiUrl: `http://10.255.${label === 'B' ? 9 : 8}.1:7557`,
      nbiUsername: `nbi-${label}`,
      nbiPassword: `nbi-secret-${label}`,
      acsUrl: `http://acs-${label}.example.net:7547`,
      cwmpUsername: `cpe-${label}`,
      cwmpPassword: `cwmp-secret-${label}`,
    },
  });
  const plan = await makePlan(db, orgId);
  const { subscription } = await makeSubscriber(db, orgId, { planId: plan.id, routerId: null });
  const serial = `${label}SN${randomUUID().slice(0, 8).toUpperCase()}`;
  const [device] = await db
    .insert(acsDevices)
    .values({
      organizationId: orgId,
      deviceId: `A1B2C3-F670L-${serial}`,
      serial,
      model: 'F670L',
      dataModel: 'tr098',
      subscriptionId: subscription.id,
      summary: { ssid24: `WiFi-${label}-only`, pppoeUsername: subscription.serviceUsername },
      summaryAt: new Date(),
    })
    .returning();
  return { subscription, device: device!, serial };
}

/**
 * B's GenieACS connection, subscription and modem: A's admin reads none of it (its settings
 * are A's own, the card and every task on B's rows are not_found) and changes none of it.
 */
export function acsIsolationCases(sides: () => Sides): Record<string, () => Promise<void>> {
  let world: ReturnType<typeof makeAcsWorld> | undefined;
  const bWorld = () => (world ??= makeAcsWorld(sides().db, sides().b.orgId, sides().b.userId, 'B'));
  const run = (op: unknown, input: unknown) => sides().run(op as never, input);
  const notFound = (r: Result<unknown>) => {
    assert.equal(r.ok, false);
    assert.equal(!r.ok && r.code, 'not_found');
  };
  const noTasksOnB = async () => {
    const b = await bWorld();
    assert.deepEqual(await sides().db.select().from(acsTasks).where(eq(acsTasks.acsDeviceId, b.device.id)), []);
  };
  const bServer = async () =>
    (await sides().db.select().from(acsServers).where(eq(acsServers.organizationId, sides().b.orgId)))[0];
  return {
    'acs.settings': async () => {
      await bWorld();
      const r = await run(acsOps.acsSettingsOp, {});
      assert.ok(r.ok);
      const text = JSON.stringify(r.data);
      for (const secret of ['10.255.9.1', 'nbi-B', 'cpe-B', 'acs-B']) assert.ok(!text.includes(secret), secret);
    },
    'acs.saveSettings': async () => {
      await bWorld();
      const before = await bServer();
      const r = await run(acsOps.saveAcsSettingsOp, {
        nbiUrl: 'http://10.255.7.1:7557',
        nbiUsername: 'a',
        nbiPassword: '',
        acsUrl: '',
        cwmpUsername: '',
        cwmpPassword: '',
      });
      assert.ok(r.ok);
      assert.deepEqual(await bServer(), before);
      await sides().db.delete(acsServers).where(eq(acsServers.organizationId, sides().a.orgId));
    },
    'acs.check': async () => {
      await bWorld();
      const r = await run(acsOps.checkAcsOp, {});
      assert.equal(!r.ok && r.code, 'acs_not_configured');
    },
    'acs.modem': async () =>
      notFound(await run(acsOps.modemCardOp, { subscriptionId: (await bWorld()).subscription.id })),
    'acs.findModem': async () =>
      notFound(await run(acsOps.findModemOp, { subscriptionId: (await bWorld()).subscription.id })),
    'acs.refresh': async () => {
      notFound(await run(acsOps.refreshModemOp, { acsDeviceId: (await bWorld()).device.id }));
      await noTasksOnB();
    },
    'acs.setWifi': async () => {
      notFound(await run(acsOps.setWifiOp, { acsDeviceId: (await bWorld()).device.id, ssid24: 'Direbut' }));
      await noTasksOnB();
    },
    'acs.pushPppoe': async () => {
      notFound(await run(acsOps.pushPppoeOp, { acsDeviceId: (await bWorld()).device.id }));
      await noTasksOnB();
    },
    'acs.reboot': async () => {
      notFound(await run(acsOps.rebootModemOp, { acsDeviceId: (await bWorld()).device.id }));
      await noTasksOnB();
    },
    'acs.factoryReset': async () => {
      const b = await bWorld();
      notFound(await run(acsOps.factoryResetModemOp, { acsDeviceId: b.device.id, confirm: b.serial }));
      await noTasksOnB();
    },
  };
}

/** Inputs that succeed for a role allowed each operation, on the scenario's own modem. */
export async function acsMatrixInputs(db: Database, orgId: string, userId: string): Promise<Record<string, unknown>> {
  const w = await makeAcsWorld(db, orgId, userId, 'M');
  return {
    'acs.settings': {},
    'acs.saveSettings': {
      nbiUrl: 'http://10.255.8.1:7557',
      nbiUsername: 'nbi-M',
      nbiPassword: '',
      acsUrl: 'http://acs-M.example.net:7547',
      cwmpUsername: 'cpe-M',
      cwmpPassword: '',
    },
    'acs.check': {},
    'acs.modem': { subscriptionId: w.subscription.id },
    'acs.findModem': { subscriptionId: w.subscription.id },
    'acs.refresh': { acsDeviceId: w.device.id },
    'acs.setWifi': { acsDeviceId: w.device.id, ssid24: 'Rumah Matriks', password24: 'rahasia-wifi-1' },
    'acs.pushPppoe': { acsDeviceId: w.device.id },
    'acs.reboot': { acsDeviceId: w.device.id },
    'acs.factoryReset': { acsDeviceId: w.device.id, confirm: w.serial },
  };
}
