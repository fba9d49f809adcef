import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import type { Runner } from 'graphile-worker';
import {
  activations,
  auditLogs,
  inventoryItems,
  jobs,
  messages,
  odps,
  onus,
  organizations,
  stockLocations,
  stockMoves,
  stockUnits,
  subscriptionHistory,
  subscriptions,
  workOrderTechnicians,
} from '@/db/schema';
import { acsAccess } from '@/lib/fibre/acs/access';
import { saveAcsSettings } from '@/lib/fibre/acs/settings';
import { activationDevices } from '@/lib/fibre/activation/bind';
import { fieldActivationOp, retryActivationOp, startActivationOp } from '@/lib/fibre/activation/operations';
import type { ActivationView } from '@/lib/fibre/activation/queries';
import { runActivationStep } from '@/lib/fibre/activation/run';
import { withStep } from '@/lib/fibre/activation/steps';
import { moveUnits, receiveUnits } from '@/lib/inventory/ledger';
import { ensureTechnicianBag } from '@/lib/inventory/places';
import { notifyCustomer } from '@/lib/messaging/customer-events';
import { customerNotify } from '@/lib/messaging/jobs';
import { executeOperation, type Result } from '@/lib/server/operation';
import { applyFieldAction } from '@/lib/workorders/field';
import { saveWorkOrderPhoto, saveWorkOrderSignature } from '@/lib/workorders/files';
import { fieldActionSchema } from '@/lib/workorders/schemas';
import { closeOltPool, oltAccess } from '@/workers/olt-pool';
import { closeRouterPool } from '@/workers/router-pool';
import { startWorker } from '@/workers/runner';
import { ctxFor, makeMember, makeOrg, makeRouter, testDb, waitFor } from '../helpers';
import { type GenieAcsNbi, startGenieAcsNbi, tr098Params } from '../support/genieacs-nbi';
import { makePonPort, makeStandInOlt, type OltCliServer, startOltCliServer } from '../support/olt-cli';
import { type RouterOsServer, startRouterOsServer } from '../support/routeros-server';
import { makeInstallationWorld, PNG } from '../support/workorders';

/**
 * Zero-touch activation end to end, run by the worker: the ONU registered on the ZTE OLT
 * stand-in (telnet), its signal read, PPPoE and WiFi set on the GenieACS stand-in's modem,
 * the subscription active on the RouterOS stand-in, the unit at the customer, the welcome
 * queued with the WiFi; and each way a step stops and is retried.
 */
const db = testDb();

/** Runs this organization's queued customer notices (the welcome) as the worker would, and returns its messages. */
async function customerNotices(orgId: string) {
  const notices = await db
    .select()
    .from(jobs)
    .where(and(eq(jobs.organizationId, orgId), eq(jobs.type, customerNotify.name)));
  for (const job of notices)
    await notifyCustomer(db, { ...(job.payload as Parameters<typeof notifyCustomer>[1]), orgId, jobId: job.id });
  return db.select().from(messages).where(eq(messages.organizationId, orgId));
}
let runner: Runner;
let olt: OltCliServer;
let nbi: GenieAcsNbi;
let router: RouterOsServer;
let seq = 0;

before(async () => {
  [olt, nbi, router] = await Promise.all([
    startOltCliServer({ vendor: 'zte', transport: 'telnet' }),
    startGenieAcsNbi(),
    startRouterOsServer(),
  ]);
  runner = await startWorker({
    connectionString: process.env.DATABASE_URL!,
    db,
    concurrency: 2,
    log: false,
    schedule: false,
    networkSchedule: false,
    // Not customer-notify: a worker that takes it would send other test files' notices (the
    // welcome is run by hand below, for this file's organizations only).
    only: ['activation-step', 'activation-olt-step', 'subscription-apply'],
  });
});
after(async () => {
  await runner.stop();
  await closeOltPool();
  await closeRouterPool();
  await Promise.all([olt.close(), nbi.close(), router.close()]);
});

const onuSerial = () => `ZTEGC${String(++seq).padStart(3, '0')}${randomUUID().slice(0, 4).toUpperCase()}`;

/**
 * An organization with an installation given to a technician, its ODP fed by a PON port of
 * the OLT stand-in (`port` on slot 1), the subscription on the RouterOS stand-in, the ONU in
 * the technician's bag and plugged in at the customer's, and (unless `acs: false`) GenieACS
 * with the modem.
 */
async function world(label: string, opts: { acs?: boolean; oltServer?: OltCliServer; port: number; online?: boolean }) {
  const { org, admin } = await makeOrg(db, label);
  const orgId = org.id;
  const w = await makeInstallationWorld(db, orgId, admin.user.id);
  await db
    .insert(workOrderTechnicians)
    .values({ organizationId: orgId, workOrderId: w.workOrder.id, userId: w.tech1.id });
  const server = opts.oltServer ?? olt;
  const oltRow = await makeStandInOlt(db, orgId, server);
  const port = await makePonPort(db, { orgId, oltId: oltRow.id, frame: 1, slot: 1, port: opts.port, vendor: 'zte' });
  await db.update(odps).set({ ponPortId: port.id }).where(eq(odps.id, w.subscription.odpId!));
  router.addProfile({ name: w.plan.name, 'rate-limit': '20M/20M' });
  const r = await makeRouter(db, orgId, router);
  await db.update(subscriptions).set({ routerId: r.id }).where(eq(subscriptions.id, w.subscription.id));
  const serial = onuSerial();
  server.olt.plugIn({ frame: 1, slot: 1, port: opts.port, serial, model: 'F670L' });
  // The unit, received and handed to the technician.
  const [item] = await db
    .insert(inventoryItems)
    .values({ organizationId: orgId, sku: `ONT-${serial}`, name: 'ZTE F670L', category: 'ont', tracking: 'serial' })
    .returning();
  const [warehouse] = await db
    .insert(stockLocations)
    .values({ organizationId: orgId, kind: 'warehouse', name: 'Gudang', code: `GDG-${serial}` })
    .returning();
  const [unit] = await receiveUnits(db, {
    orgId,
    actorUserId: admin.user.id,
    kind: 'receive',
    itemId: item!.id,
    to: warehouse!.id,
    unitCost: 350_000,
    units: [{ serial, mac: `AA:BB:CC:${String(seq).padStart(2, '0')}:00:01` }],
  });
  const bag = await ensureTechnicianBag(db, { orgId, userId: w.tech1.id });
  await moveUnits(db, {
    orgId,
    actorUserId: admin.user.id,
    kind: 'transfer',
    to: bag.id,
    units: [{ id: unit!.id, from: warehouse!.id }],
  });
  let deviceId: string | null = null;
  if (opts.acs !== false) {
    await saveAcsSettings(db, {
      orgId,
      actorUserId: admin.user.id,
      ip: null,
      input: {
        nbiUrl: nbi.url,
        nbiUsername: nbi.username,
        nbiPassword: nbi.password,
        acsUrl: '',
        cwmpUsername: '',
        cwmpPassword: '',
      },
    });
    deviceId = nbi.addDevice({
      oui: 'A1B2C3',
      productClass: 'F670L',
      serial,
      params: tr098Params(),
      online: opts.online ?? true,
    });
  }
  const tech = ctxFor(db, orgId, w.tech1.id, 'technician');
  return { orgId, admin, w, serial, port, oltRow, deviceId, tech, unit: unit! };
}

type World = Awaited<ReturnType<typeof world>>;

const start = (x: World, over: Record<string, unknown> = {}) =>
  executeOperation(startActivationOp, x.tech, {
    workOrderId: x.w.workOrder.id,
    serial: x.serial.toLowerCase(),
    wifiSsid: 'Rumah Rina',
    wifiPassword: 'kenanga-77',
    ...over,
  });

const view = async (x: World) => {
  const r = (await executeOperation(fieldActivationOp, x.tech, {
    workOrderId: x.w.workOrder.id,
  })) as Result<ActivationView | null>;
  assert.ok(r.ok, JSON.stringify(r));
  return r.data!;
};

/** Waits until the activation is no longer running, and returns what the phone shows. */
const settled = (x: World) =>
  waitFor(async () => {
    const v = await view(x);
    return v.status !== 'running' ? v : null;
  }, 60_000);

const stepOf = (v: ActivationView, step: string) => v.steps.find((s) => s.step === step)!;

describe('zero-touch activation', () => {
  test('the whole way: ONU on the right port, signal read, modem set, customer active, unit moved, one welcome with the WiFi; the finish then does nothing twice', async () => {
    const x = await world('zt-happy', { port: 3 });
    const started = await start(x);
    assert.ok(started.ok, JSON.stringify(started));
    const v = await settled(x);
    assert.equal(v.status, 'done', JSON.stringify(v.steps));
    assert.deepEqual(
      v.steps.map((s) => s.status),
      ['done', 'done', 'done', 'done', 'done', 'done'],
    );
    assert.equal(stepOf(v, 'check_signal').message, 'Redaman \u221219,5 dBm');
    assert.equal(v.wifiSsid, 'Rumah Rina');
    assert.ok(!JSON.stringify(v).includes('kenanga-77'));

    // The OLT: registered on gpon-olt_1/1/3 with the serial, stored with its reading.
    const onOlt = olt.olt.findBySerial(x.serial);
    assert.deepEqual([onOlt?.frame, onOlt?.slot, onOlt?.port], [1, 1, 3]);
    const [onu] = await db.select().from(onus).where(eq(onus.serial, x.serial));
    assert.equal(onu!.ponPortId, x.port.id);
    assert.equal(onu!.subscriptionId, x.w.subscription.id);
    assert.equal(onu!.rxPowerDbm, -19.5);
    assert.equal(onu!.stockUnitId, x.unit.id);

    // The modem: PPPoE and WiFi set through GenieACS.
    const wlan = 'InternetGatewayDevice.LANDevice.1.WLANConfiguration';
    assert.equal(nbi.value(x.deviceId!, `${wlan}.1.SSID`), 'Rumah Rina');
    assert.equal(nbi.value(x.deviceId!, `${wlan}.1.PreSharedKey.1.KeyPassphrase`), 'kenanga-77');
    const [sub] = await db.select().from(subscriptions).where(eq(subscriptions.id, x.w.subscription.id));
    assert.equal(
      nbi.value(x.deviceId!, 'InternetGatewayDevice.WANDevice.1.WANConnectionDevice.1.WANPPPConnection.1.Username'),
      sub!.serviceUsername,
    );

    // The service: active, and its PPP secret on the router.
    assert.equal(sub!.status, 'active');
    await waitFor(async () => {
      const secret = router.find('/ppp/secret', sub!.serviceUsername);
      return secret && secret.disabled !== 'true';
    });

    // The unit: at the customer, its MAC on the subscription.
    const [place] = await db
      .select({ kind: stockLocations.kind, subscriptionId: stockLocations.subscriptionId })
      .from(stockUnits)
      .innerJoin(stockLocations, eq(stockLocations.id, stockUnits.locationId))
      .where(eq(stockUnits.id, x.unit.id));
    assert.deepEqual(place, { kind: 'customer', subscriptionId: x.w.subscription.id });
    assert.equal(sub!.deviceMac, 'AA:BB:CC:01:00:01');

    // One welcome, with the WiFi name; the passwords masked in the log.
    const welcome = await customerNotices(x.orgId);
    assert.equal(welcome.length, 1);
    assert.equal(welcome[0]!.category, 'welcome_wifi');
    assert.match(welcome[0]!.body, /WiFi: Rumah Rina/);
    assert.ok(!welcome[0]!.body.includes('kenanga-77'));

    // Nothing secret in jobs or the audit.
    const stored = JSON.stringify([
      await db.select().from(jobs).where(eq(jobs.organizationId, x.orgId)),
      await db.select().from(auditLogs).where(eq(auditLogs.organizationId, x.orgId)),
      await db.select().from(activations).where(eq(activations.organizationId, x.orgId)),
    ]);
    assert.ok(!stored.includes('kenanga-77'));

    // The finish afterwards (another serial typed): the activated unit recorded, no second move or transition.
    const base = { orgId: x.orgId, userId: x.w.tech1.id, workOrderId: x.w.workOrder.id };
    for (let i = 0; i < 3; i++)
      assert.ok((await saveWorkOrderPhoto(db, { ...base, key: randomUUID(), bytes: PNG })).ok);
    assert.ok((await saveWorkOrderSignature(db, { ...base, key: randomUUID(), bytes: PNG, signedName: 'Rina' })).ok);
    const finished = await applyFieldAction(db, {
      orgId: x.orgId,
      userId: x.w.tech1.id,
      action: fieldActionSchema.parse({
        key: randomUUID(),
        workOrderId: x.w.workOrder.id,
        version: 1,
        at: new Date().toISOString(),
        type: 'finish',
        serialNumber: 'LAINSERIAL1',
      }),
    });
    assert.ok(finished.ok, JSON.stringify(finished));
    const moves = await db
      .select()
      .from(stockMoves)
      .where(and(eq(stockMoves.organizationId, x.orgId), eq(stockMoves.kind, 'install')));
    assert.equal(moves.length, 1);
    const history = await db
      .select()
      .from(subscriptionHistory)
      .where(
        and(eq(subscriptionHistory.subscriptionId, x.w.subscription.id), eq(subscriptionHistory.toStatus, 'active')),
      );
    assert.equal(history.length, 1);
    const messagesAfter = await db.select().from(messages).where(eq(messages.organizationId, x.orgId));
    assert.equal(messagesAfter.length, 1);
  });

  test('a critical signal is refused with the reading; raised, the retry goes on', async () => {
    const x = await world('zt-critical', { port: 4 });
    // A strict organization: the stand-in's −19.5 dBm is below its critical level.
    await db
      .update(organizations)
      .set({ onuCriticalDbm: -19, onuWarningDbm: -18 })
      .where(eq(organizations.id, x.orgId));
    assert.ok((await start(x)).ok);
    const v = await settled(x);
    assert.equal(v.status, 'failed');
    assert.equal(stepOf(v, 'register_onu').status, 'done');
    assert.equal(stepOf(v, 'check_signal').status, 'failed');
    assert.equal(
      stepOf(v, 'check_signal').message,
      'Redaman \u221219,5 dBm, batas kritis \u221219,0 dBm: periksa konektor dan redaman kabel, lalu coba lagi.',
    );
    assert.equal(stepOf(v, 'configure_modem').status, 'pending');
    const [sub] = await db.select().from(subscriptions).where(eq(subscriptions.id, x.w.subscription.id));
    assert.equal(sub!.status, 'pending');
    assert.ok(v.canRetry);

    olt.olt.setOnu(x.serial, { rxPowerDbm: -17.2 });
    const retried = await executeOperation(retryActivationOp, x.tech, { workOrderId: x.w.workOrder.id });
    assert.ok(retried.ok, JSON.stringify(retried));
    const after = await settled(x);
    assert.equal(after.status, 'done', JSON.stringify(after.steps));
    assert.equal(after.rxPowerDbm, -17.2);
  });

  test('an OLT that refuses the login: the registration says so, and the retry registers it', async () => {
    const refusing = await startOltCliServer({ vendor: 'zte', transport: 'telnet' });
    try {
      const x = await world('zt-olt-error', { port: 5, oltServer: refusing });
      refusing.olt.faults.refuseLogin = true;
      assert.ok((await start(x)).ok);
      const v = await settled(x);
      assert.equal(v.status, 'failed');
      const step = stepOf(v, 'register_onu');
      assert.equal(step.status, 'failed');
      assert.match(step.message ?? '', /^OLT: username atau password OLT ditolak — periksa di halaman OLT \(/);
      assert.equal((await db.select().from(onus).where(eq(onus.serial, x.serial))).length, 0);

      refusing.olt.faults.refuseLogin = false;
      assert.ok((await executeOperation(retryActivationOp, x.tech, { workOrderId: x.w.workOrder.id })).ok);
      const after = await settled(x);
      assert.equal(after.status, 'done', JSON.stringify(after.steps));
      assert.ok(refusing.olt.findBySerial(x.serial));
    } finally {
      await refusing.close();
    }
  });

  test('a modem that is offline: GenieACS queues the settings (202), followed to done after its inform', async () => {
    const x = await world('zt-queued', { port: 6, online: false });
    assert.ok((await start(x)).ok);
    await waitFor(async () => {
      const v = await view(x);
      return stepOf(v, 'configure_modem').status === 'running' &&
        /Menunggu/.test(stepOf(v, 'configure_modem').message ?? '')
        ? v
        : null;
    }, 60_000);
    assert.equal((await view(x)).status, 'running');
    nbi.inform(x.deviceId!);
    const v = await settled(x);
    assert.equal(v.status, 'done', JSON.stringify(v.steps));
    assert.equal(nbi.value(x.deviceId!, 'InternetGatewayDevice.LANDevice.1.WLANConfiguration.1.SSID'), 'Rumah Rina');
  });

  test('no ACS: the modem step is skipped with a note and the welcome says nothing of WiFi', async () => {
    const x = await world('zt-no-acs', { port: 7, acs: false });
    assert.ok((await start(x, { wifiSsid: '', wifiPassword: '' })).ok);
    const v = await settled(x);
    assert.equal(v.status, 'done', JSON.stringify(v.steps));
    const modem = stepOf(v, 'configure_modem');
    assert.equal(modem.status, 'skipped');
    assert.match(modem.message ?? '', /belum punya ACS/);
    const welcome = await customerNotices(x.orgId);
    assert.deepEqual(
      welcome.map((m) => m.category),
      ['welcome'],
    );
  });

  test('an ODP without a PON port stops at once with where to link it; one activation runs at a time', async () => {
    const x = await world('zt-unlinked', { port: 8 });
    await db.update(odps).set({ ponPortId: null }).where(eq(odps.id, x.w.subscription.odpId!));
    assert.ok((await start(x)).ok);
    const v = await view(x);
    assert.equal(v.status, 'failed');
    assert.ok(v.needsPonLink);
    assert.match(
      stepOf(v, 'register_onu').message ?? '',
      /belum terhubung ke port PON — minta NOC menghubungkannya di halaman OLT/,
    );
    // Still unlinked: the retry is refused with the same advice, nothing queued.
    const retry = await executeOperation(retryActivationOp, x.tech, { workOrderId: x.w.workOrder.id });
    assert.equal(!retry.ok && retry.code, 'activation_no_pon_port');
    // Linked now: the retry goes.
    await db.update(odps).set({ ponPortId: x.port.id }).where(eq(odps.id, x.w.subscription.odpId!));
    assert.ok((await executeOperation(retryActivationOp, x.tech, { workOrderId: x.w.workOrder.id })).ok);
    const again = await start(x);
    assert.equal(!again.ok && again.code, 'activation_running');
    assert.equal((await settled(x)).status, 'done');
  });

  test("another customer's ONU with the scanned serial is refused: never taken over, their modem never configured", async () => {
    const x = await world('zt-taken', { port: 9 });
    // The neighbour's subscription, with this serial already registered on the same port.
    const { id: _id, ...rest } = x.w.subscription;
    const [neighbour] = await db
      .insert(subscriptions)
      .values({ ...rest, serviceUsername: `tetangga${seq}`, odpPort: 8, status: 'active' })
      .returning();
    const [theirs] = await db
      .insert(onus)
      .values({
        organizationId: x.orgId,
        oltId: x.oltRow.id,
        ponPortId: x.port.id,
        onuIndex: 1,
        serial: x.serial,
        subscriptionId: neighbour!.id,
      })
      .returning();
    assert.ok((await start(x)).ok);
    const v = await settled(x);
    assert.equal(v.status, 'failed');
    assert.equal(stepOf(v, 'register_onu').status, 'failed');
    assert.match(stepOf(v, 'register_onu').message ?? '', /sudah terpasang untuk pelanggan lain/);
    const [onu] = await db.select().from(onus).where(eq(onus.id, theirs!.id));
    assert.equal(onu!.subscriptionId, neighbour!.id);
    const [act] = await db.select().from(activations).where(eq(activations.workOrderId, x.w.workOrder.id));
    assert.equal(act!.onuId, null);
    assert.notEqual(
      nbi.value(x.deviceId!, 'InternetGatewayDevice.WANDevice.1.WANConnectionDevice.1.WANPPPConnection.1.Username'),
      x.w.subscription.serviceUsername,
    );
  });

  test('failed after the service step: a new scan is refused, and the finish records the unit already moved (no second move)', async () => {
    const x = await world('zt-late-fail', { port: 1 });
    assert.ok((await start(x)).ok);
    assert.equal((await settled(x)).status, 'done');
    // As if the welcome had failed: stock moved, service on, the activation failed at its last step.
    const [act] = await db.select().from(activations).where(eq(activations.workOrderId, x.w.workOrder.id));
    await db
      .update(activations)
      .set({
        status: 'failed',
        step: 'send_welcome',
        steps: withStep(act!.steps, 'send_welcome', 'failed', { error: { code: 'activation_step_failed' } }),
      })
      .where(eq(activations.id, act!.id));
    const again = await start(x, { serial: 'ZTEGC999ABCD' });
    assert.equal(!again.ok && again.code, 'activation_retry_only');

    const base = { orgId: x.orgId, userId: x.w.tech1.id, workOrderId: x.w.workOrder.id };
    for (let i = 0; i < 3; i++)
      assert.ok((await saveWorkOrderPhoto(db, { ...base, key: randomUUID(), bytes: PNG })).ok);
    assert.ok((await saveWorkOrderSignature(db, { ...base, key: randomUUID(), bytes: PNG, signedName: 'Rina' })).ok);
    const finished = await applyFieldAction(db, {
      orgId: x.orgId,
      userId: x.w.tech1.id,
      action: fieldActionSchema.parse({
        key: randomUUID(),
        workOrderId: x.w.workOrder.id,
        version: 1,
        at: new Date().toISOString(),
        type: 'finish',
        serialNumber: 'LAINSERIAL2',
      }),
    });
    assert.ok(finished.ok, JSON.stringify(finished));
    const moves = await db
      .select()
      .from(stockMoves)
      .where(and(eq(stockMoves.organizationId, x.orgId), eq(stockMoves.kind, 'install')));
    assert.equal(moves.length, 1);
  });

  test('a step job of an earlier round (run again after the worker stopped) does nothing beside the queued round', async () => {
    const x = await world('zt-rounds', { port: 5, online: false });
    assert.ok((await start(x)).ok);
    const act = await waitFor(async () => {
      const [row] = await db.select().from(activations).where(eq(activations.workOrderId, x.w.workOrder.id));
      const modem = row?.steps.find((s) => s.step === 'configure_modem');
      return modem?.status === 'running' && Number(modem.detail?.round ?? 0) >= 1 ? row : null;
    }, 60_000);
    const tasksBefore = nbi.tasks().length;
    const stale = await runActivationStep(db, activationDevices(oltAccess(db), acsAccess(db)), {
      orgId: x.orgId,
      activationId: act.id,
      step: 'configure_modem',
      round: 0,
    });
    assert.deepEqual(stale, { skipped: 'stale' });
    assert.equal(nbi.tasks().length, tasksBefore);
    nbi.inform(x.deviceId!);
    assert.equal((await settled(x)).status, 'done');
  });

  test('an activation stuck running (its job lost) can be retried after a while, and then finishes', async () => {
    const x = await world('zt-stuck', { port: 2 });
    // Started with the ODP unlinked (no job queued), then made to look like a step whose job was lost.
    await db.update(odps).set({ ponPortId: null }).where(eq(odps.id, x.w.subscription.odpId!));
    assert.ok((await start(x)).ok);
    await db.update(odps).set({ ponPortId: x.port.id }).where(eq(odps.id, x.w.subscription.odpId!));
    const [act] = await db.select().from(activations).where(eq(activations.workOrderId, x.w.workOrder.id));
    const stuck = (minutesAgo: number) =>
      db
        .update(activations)
        .set({
          status: 'running',
          step: 'register_onu',
          oltId: x.oltRow.id,
          ponPortId: x.port.id,
          steps: withStep(act!.steps, 'register_onu', 'running'),
          finishedAt: null,
          updatedAt: new Date(Date.now() - minutesAgo * 60_000),
        })
        .where(eq(activations.id, act!.id));
    // Just written: still running, nothing to retry.
    await stuck(1);
    assert.equal((await view(x)).canRetry, false);
    const early = await executeOperation(retryActivationOp, x.tech, { workOrderId: x.w.workOrder.id });
    assert.equal(!early.ok && early.code, 'activation_nothing_to_retry');
    // Untouched for 20 minutes: the technician can run the step again.
    await stuck(20);
    assert.equal((await view(x)).canRetry, true);
    const retried = await executeOperation(retryActivationOp, x.tech, { workOrderId: x.w.workOrder.id });
    assert.ok(retried.ok, JSON.stringify(retried));
    const v = await settled(x);
    assert.equal(v.status, 'done', JSON.stringify(v.steps));
  });

  test("another organization's technician can neither start nor see it; a technician not on it neither", async () => {
    const x = await world('zt-tenant', { port: 2 });
    const other = await makeOrg(db, 'zt-other');
    const stranger = await makeMember(db, other.org.id, 'technician');
    const ctx = ctxFor(db, other.org.id, stranger.user.id, 'technician');
    const input = { workOrderId: x.w.workOrder.id, serial: x.serial, wifiSsid: 'Curian', wifiPassword: 'curian-123' };
    const s = await executeOperation(startActivationOp, ctx, input);
    assert.equal(!s.ok && s.code, 'not_found');
    const g = await executeOperation(fieldActivationOp, ctx, { workOrderId: x.w.workOrder.id });
    assert.equal(!g.ok && g.code, 'not_found');
    const colleague = ctxFor(db, x.orgId, x.w.tech2.id, 'technician');
    const c = await executeOperation(startActivationOp, colleague, input);
    assert.equal(!c.ok && c.code, 'not_found');
    assert.equal((await db.select().from(activations).where(eq(activations.workOrderId, x.w.workOrder.id))).length, 0);
  });
});
