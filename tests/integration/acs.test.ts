import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { acsDevices, acsTasks, auditLogs, jobs, oltPonPorts, olts, onus, subscriptions } from '@/db/schema';
import { encryptSecret } from '@/lib/crypto';
import { acsAccess } from '@/lib/fibre/acs/access';
import { configureModem } from '@/lib/fibre/acs/configure';
import { claimDevice, findModem, linkModemsBySerial } from '@/lib/fibre/acs/devices';
import { AcsError } from '@/lib/fibre/acs/errors';
import { modemCard } from '@/lib/fibre/acs/modem';
import * as acsOps from '@/lib/fibre/acs/operations';
import { checkAcs, getAcsSettings, saveAcsSettings } from '@/lib/fibre/acs/settings';
import { followModemTask, sendModemTask } from '@/lib/fibre/acs/tasks';
import { executeOperation } from '@/lib/server/operation';
import { ctxFor, makeOrg, makePlan, makeSubscriber, testDb } from '../helpers';
import { type GenieAcsNbi, startGenieAcsNbi, tr098Params, tr181Params } from '../support/genieacs-nbi';

/**
 * TR-069 through GenieACS, against the NBI stand-in on loopback (ROUTER_ALLOW_LOOPBACK is on
 * in tests): settings and their checks, claiming modems (and refusing another organization's
 * on a shared GenieACS), tasks answered 200 or 202 and followed to done or to a fault, 404,
 * and passwords kept out of rows, jobs and the audit.
 */
const db = testDb();
let nbi: GenieAcsNbi;
const acs = () => acsAccess(db);
let seq = 0;

before(async () => {
  nbi = await startGenieAcsNbi();
});
after(() => nbi.close());

async function orgWithAcs(label: string, on: { url: string; username: string; password: string } = nbi) {
  const o = await makeOrg(db, label);
  await saveAcsSettings(db, {
    orgId: o.org.id,
    actorUserId: o.admin.user.id,
    ip: null,
    input: {
      nbiUrl: on.url,
      nbiUsername: on.username,
      nbiPassword: on.password,
      acsUrl: 'http://acs.example.net:7547',
      cwmpUsername: 'cpe',
      cwmpPassword: 'cwmp-rahasia',
    },
  });
  const plan = await makePlan(db, o.org.id);
  return { ...o, plan };
}

async function customer(o: Awaited<ReturnType<typeof orgWithAcs>>, over: { mac?: string } = {}) {
  const s = await makeSubscriber(db, o.org.id, { planId: o.plan.id, routerId: null, password: 'ppp-rahasia-1' });
  if (over.mac)
    await db.update(subscriptions).set({ deviceMac: over.mac }).where(eq(subscriptions.id, s.subscription.id));
  return s.subscription;
}

const serial = () => `ZTEGC${String(++seq).padStart(3, '0')}${Date.now().toString(16).slice(-4).toUpperCase()}`;

describe('GenieACS settings', () => {
  test('saved encrypted, audited without secrets, and checked by one NBI query', async () => {
    const o = await orgWithAcs('acs-set');
    const shown = await getAcsSettings(db, { orgId: o.org.id });
    assert.equal(shown?.nbiPasswordSet, true);
    assert.ok(!JSON.stringify(shown).includes(nbi.password));
    const [audit] = await db.select().from(auditLogs).where(eq(auditLogs.organizationId, o.org.id));
    assert.equal(audit?.action, 'acs.settings_saved');
    assert.ok(!JSON.stringify(audit?.data).includes(nbi.password));
    assert.ok(!JSON.stringify(audit?.data).includes('cwmp-rahasia'));

    assert.deepEqual((await checkAcs(db, acs(), { orgId: o.org.id })).ok, true);
    assert.match(nbi.requests.at(-1)!, /^GET \/devices\/\?query=%7B%7D&projection=_id&limit=1$/);

    // A blank password keeps the stored one; a wrong one is told as such.
    const actor = { orgId: o.org.id, actorUserId: o.admin.user.id, ip: null };
    const input = {
      nbiUrl: nbi.url,
      nbiUsername: 'nbi',
      nbiPassword: '',
      acsUrl: '',
      cwmpUsername: '',
      cwmpPassword: '',
    };
    await saveAcsSettings(db, { ...actor, input });
    assert.equal((await checkAcs(db, acs(), { orgId: o.org.id })).ok, true);
    await saveAcsSettings(db, { ...actor, input: { ...input, nbiPassword: 'salah' } });
    const bad = await checkAcs(db, acs(), { orgId: o.org.id });
    assert.equal(!bad.ok && bad.errorKind, 'unauthorized');
    assert.match((await getAcsSettings(db, { orgId: o.org.id }))!.lastError!, /^\[unauthorized\]/);
  });

  test('the NBI address follows the router rules: metadata and link-local never, a bad URL per field', async () => {
    const o = await makeOrg(db, 'acs-addr');
    const ctx = ctxFor(db, o.org.id, o.admin.user.id, 'admin');
    const base = { nbiUsername: '', nbiPassword: '', acsUrl: '', cwmpUsername: '', cwmpPassword: '' };
    const meta = await executeOperation(acsOps.saveAcsSettingsOp, ctx, {
      ...base,
      nbiUrl: 'http://169.254.169.254:7557',
    });
    assert.equal(!meta.ok && meta.code, 'validation');
    assert.ok(!meta.ok && meta.fieldErrors?.nbiUrl);
    const junk = await executeOperation(acsOps.saveAcsSettingsOp, ctx, { ...base, nbiUrl: 'ftp://x' });
    assert.ok(!junk.ok && junk.fieldErrors?.nbiUrl);
    const lan = await executeOperation(acsOps.saveAcsSettingsOp, ctx, { ...base, nbiUrl: 'http://10.20.0.5:7557' });
    assert.ok(lan.ok);
  });
});

describe('modem tasks', () => {
  test('configureModem: PPPoE and WiFi done at once on an online modem, passwords nowhere in clear', async () => {
    const o = await orgWithAcs('acs-cfg');
    const sub = await customer(o);
    const sn = serial();
    const id = nbi.addDevice({ oui: 'A1B2C3', productClass: 'F670L', serial: sn, params: tr098Params() });
    const r = await configureModem(db, acs(), {
      orgId: o.org.id,
      subscriptionId: sub.id,
      serial: sn,
      pppoe: { username: sub.serviceUsername, password: 'ppp-rahasia-1' },
      wifi: { ssid: 'Rumah Budi', password: 'wifi-rahasia-9' },
    });
    assert.equal(r.status, 'done');
    assert.equal(r.taskIds.length, 2);
    const ppp = 'InternetGatewayDevice.WANDevice.1.WANConnectionDevice.1.WANPPPConnection.1';
    assert.equal(nbi.value(id, `${ppp}.Username`), sub.serviceUsername);
    assert.equal(nbi.value(id, `${ppp}.Password`), 'ppp-rahasia-1');
    assert.equal(nbi.value(id, 'InternetGatewayDevice.LANDevice.1.WLANConfiguration.1.SSID'), 'Rumah Budi');
    assert.equal(nbi.value(id, 'InternetGatewayDevice.LANDevice.1.WLANConfiguration.5.SSID'), 'Rumah Budi');
    assert.equal(
      nbi.value(id, 'InternetGatewayDevice.LANDevice.1.WLANConfiguration.5.PreSharedKey.1.KeyPassphrase'),
      'wifi-rahasia-9',
    );
    // Claimed and tagged for this organization, the summary stored.
    assert.deepEqual(nbi.device(id)?._tags, [`jaring-${o.org.id}`]);
    const card = await modemCard(db, { orgId: o.org.id, subscriptionId: sub.id });
    assert.ok(card.configured && card.device);
    assert.equal(card.device.summary.ssid24, 'Rumah Budi');
    assert.equal(card.device.model, 'F670L');
    assert.deepEqual(
      card.tasks.map((t) => t.status),
      ['done', 'done'],
    );
    const rows = await db.select().from(acsTasks).where(eq(acsTasks.organizationId, o.org.id));
    const everything = JSON.stringify([
      rows,
      card,
      await db.select().from(jobs).where(eq(jobs.organizationId, o.org.id)),
    ]);
    for (const secret of ['ppp-rahasia-1', 'wifi-rahasia-9']) assert.ok(!everything.includes(secret), secret);
  });

  test('an offline modem: 202 queued, followed to done after its inform (TR-181 paths)', async () => {
    const o = await orgWithAcs('acs-queue');
    const sub = await customer(o);
    const sn = serial();
    const id = nbi.addDevice({
      oui: '00E0FC',
      productClass: 'EG8145V5',
      serial: sn,
      params: tr181Params(),
      online: false,
    });
    const r = await configureModem(db, acs(), {
      orgId: o.org.id,
      subscriptionId: sub.id,
      serial: sn,
      wifi: { ssid: 'Siti', password: 'wifi-rahasia-9' },
    });
    assert.equal(r.status, 'queued');
    const [task] = await db.select().from(acsTasks).where(eq(acsTasks.id, r.taskIds[0]!));
    assert.equal(task?.status, 'queued');
    // A follow-up job waits for the modem, with only the row's id in its payload.
    const [follow] = await db
      .select()
      .from(jobs)
      .where(and(eq(jobs.organizationId, o.org.id), eq(jobs.type, 'acs-task-follow')));
    assert.deepEqual(follow?.payload, { taskId: task!.id });
    await assert.rejects(
      followModemTask(db, acs(), { orgId: o.org.id, taskId: task!.id }),
      /not connected to the ACS yet/,
    );
    assert.equal(nbi.value(id, 'Device.WiFi.SSID.1.SSID'), 'HUAWEI-7f3a');

    nbi.inform(id);
    assert.deepEqual(await followModemTask(db, acs(), { orgId: o.org.id, taskId: task!.id }), { status: 'done' });
    assert.equal(nbi.value(id, 'Device.WiFi.SSID.2.SSID'), 'Siti');
    const card = await modemCard(db, { orgId: o.org.id, subscriptionId: sub.id });
    assert.ok(card.configured && card.device);
    assert.equal(card.device.summary.ssid5, 'Siti');
    assert.equal(card.device.summary.rxPowerDbm, -19.52);
  });

  test('a queued task that faults at the inform: fault text kept, task deleted in GenieACS', async () => {
    const o = await orgWithAcs('acs-fault');
    const sub = await customer(o);
    const sn = serial();
    const ssid = 'InternetGatewayDevice.LANDevice.1.WLANConfiguration.1.SSID';
    const id = nbi.addDevice({
      oui: 'A1B2C3',
      productClass: 'F609',
      serial: sn,
      params: tr098Params({ dualBand: false }),
      readOnly: [ssid],
      online: false,
    });
    const device = await findModem(db, acs(), { orgId: o.org.id, subscriptionId: sub.id, serial: sn });
    const ctx = ctxFor(db, o.org.id, o.admin.user.id, 'sales');
    const asked = await executeOperation(acsOps.setWifiOp, ctx, {
      acsDeviceId: device!.id,
      ssid24: 'Baru',
      password24: 'wifi-rahasia-9',
    });
    assert.ok(asked.ok);
    const taskId = asked.data.taskId;
    assert.deepEqual(await sendModemTask(db, acs(), { orgId: o.org.id, taskId }), { status: 'queued' });
    nbi.inform(id);
    const r = await followModemTask(db, acs(), { orgId: o.org.id, taskId });
    assert.equal(r.status, 'fault');
    const [row] = await db.select().from(acsTasks).where(eq(acsTasks.id, taskId));
    assert.match(row!.fault!, /^cwmp\.9008: Attempt to set a non-writable parameter/);
    assert.equal(nbi.tasks().filter((t) => t.device === id).length, 0, 'deleted so it does not loop');
    assert.equal(nbi.faults().filter((f) => f.device === id).length, 0);
    // The audit names what was asked, never the password.
    const audit = await db.select().from(auditLogs).where(eq(auditLogs.organizationId, o.org.id));
    const requested = audit.find((a) => a.action === 'acs_task.requested');
    assert.equal(requested?.data.ssid24, 'Baru');
    assert.equal(requested?.data.password24, '••••••••');
    assert.ok(!JSON.stringify(audit).includes('wifi-rahasia-9'));
  });

  test('an online modem refusing a task answers "Task faulted" at once; a vanished one is 404', async () => {
    const o = await orgWithAcs('acs-404');
    const sub = await customer(o);
    const sn = serial();
    const ppp = 'InternetGatewayDevice.WANDevice.1.WANConnectionDevice.1.WANPPPConnection.1';
    const id = nbi.addDevice({
      oui: 'A1B2C3',
      productClass: 'F670L',
      serial: sn,
      params: tr098Params(),
      readOnly: [`${ppp}.Username`],
    });
    await assert.rejects(
      configureModem(db, acs(), {
        orgId: o.org.id,
        subscriptionId: sub.id,
        serial: sn,
        pppoe: { username: 'x', password: 'ppp-rahasia-1' },
      }),
      (e: unknown) => e instanceof AcsError && e.kind === 'rejected' && /cwmp\.9008/.test(e.message),
    );
    const [device] = await db.select().from(acsDevices).where(eq(acsDevices.organizationId, o.org.id));
    const ctx = ctxFor(db, o.org.id, o.admin.user.id, 'noc');
    nbi.removeDevice(id);
    const asked = await executeOperation(acsOps.rebootModemOp, ctx, { acsDeviceId: device!.id });
    assert.ok(asked.ok);
    const gone = await sendModemTask(db, acs(), { orgId: o.org.id, taskId: asked.data.taskId });
    assert.equal(gone.status, 'failed');
    assert.equal('fault' in gone && gone.fault, 'not_found');
    const card = await modemCard(db, { orgId: o.org.id, subscriptionId: sub.id });
    assert.ok(card.configured);
    assert.equal(card.tasks.find((t) => t.kind === 'reboot')?.fault, 'not_found');
  });

  test('a factory reset needs the typed serial; PPPoE comes from the subscription when the job runs', async () => {
    const o = await orgWithAcs('acs-reset');
    const sub = await customer(o);
    const sn = serial();
    const id = nbi.addDevice({ oui: 'A1B2C3', productClass: 'F670L', serial: sn, params: tr098Params() });
    const device = await findModem(db, acs(), { orgId: o.org.id, subscriptionId: sub.id, serial: sn });
    const noc = ctxFor(db, o.org.id, o.admin.user.id, 'noc');
    const wrong = await executeOperation(acsOps.factoryResetModemOp, noc, { acsDeviceId: device!.id, confirm: 'ZTEG' });
    assert.ok(!wrong.ok && wrong.fieldErrors?.confirm);
    const reset = await executeOperation(acsOps.factoryResetModemOp, noc, {
      acsDeviceId: device!.id,
      confirm: sn.toLowerCase(),
    });
    assert.ok(reset.ok);
    assert.deepEqual(await sendModemTask(db, acs(), { orgId: o.org.id, taskId: reset.data.taskId }), {
      status: 'done',
    });
    assert.ok(nbi.device(id)?._lastFactoryReset);

    const push = await executeOperation(acsOps.pushPppoeOp, noc, { acsDeviceId: device!.id });
    assert.ok(push.ok);
    const [job] = await db
      .select()
      .from(jobs)
      .where(and(eq(jobs.organizationId, o.org.id), eq(jobs.id, push.data.jobId)));
    assert.deepEqual(job?.payload, { taskId: push.data.taskId });
    await sendModemTask(db, acs(), { orgId: o.org.id, taskId: push.data.taskId });
    const ppp = 'InternetGatewayDevice.WANDevice.1.WANConnectionDevice.1.WANPPPConnection.1';
    assert.equal(nbi.value(id, `${ppp}.Password`), 'ppp-rahasia-1');
    assert.equal(nbi.value(id, `${ppp}.Username`), sub.serviceUsername);
  });
});

describe("finding a customer's modem", () => {
  test("the periodic pass links a modem by its subscription's ONU serial", async () => {
    const o = await orgWithAcs('acs-onu');
    const sub = await customer(o);
    const sn = serial();
    // The ONU registered for this subscription (OLT rows as the OLT pages store them).
    const [olt] = await db
      .insert(olts)
      .values({
        organizationId: o.org.id,
        name: 'OLT Cibaduyut',
        vendor: 'zte',
        host: '10.9.0.2',
        port: 23,
        username: 'zte',
        passwordEnc: encryptSecret('zte'),
        template: { commands: '', values: {} },
      })
      .returning();
    const [pon] = await db
      .insert(oltPonPorts)
      .values({ organizationId: o.org.id, oltId: olt!.id, slot: 1, port: 1, name: 'gpon-olt_1/1/1' })
      .returning();
    await db.insert(onus).values({
      organizationId: o.org.id,
      oltId: olt!.id,
      ponPortId: pon!.id,
      onuIndex: 1,
      serial: sn,
      subscriptionId: sub.id,
    });
    const id = nbi.addDevice({ oui: 'A1B2C3', productClass: 'F670L', serial: sn, params: tr098Params() });
    assert.deepEqual(await linkModemsBySerial(db, acs(), { orgId: o.org.id }), { checked: 1, linked: 1, refused: 0 });
    const card = await modemCard(db, { orgId: o.org.id, subscriptionId: sub.id });
    assert.ok(card.configured && card.device);
    assert.equal(card.device.serial, sn);
    assert.deepEqual(nbi.device(id)?._tags, [`jaring-${o.org.id}`]);
    // Linked subscriptions are not asked about again.
    assert.deepEqual(await linkModemsBySerial(db, acs(), { orgId: o.org.id }), { checked: 0, linked: 0, refused: 0 });
  });
});

describe('requests that never reach the modem', () => {
  test('a send whose attempts are used up shows failed with why, not pending forever', async () => {
    const o = await orgWithAcs('acs-gaveup');
    const sub = await customer(o);
    const sn = serial();
    nbi.addDevice({ oui: 'A1B2C3', productClass: 'F670L', serial: sn, params: tr098Params() });
    const device = await findModem(db, acs(), { orgId: o.org.id, subscriptionId: sub.id, serial: sn });
    const asked = await executeOperation(acsOps.rebootModemOp, ctxFor(db, o.org.id, o.admin.user.id, 'noc'), {
      acsDeviceId: device!.id,
    });
    assert.ok(asked.ok);
    let card = await modemCard(db, { orgId: o.org.id, subscriptionId: sub.id });
    assert.ok(card.configured);
    assert.equal(card.tasks[0]?.status, 'sending');
    await db
      .update(jobs)
      .set({ state: 'failed', error: '[acs.unreachable] GenieACS NBI unreachable: ECONNREFUSED' })
      .where(eq(jobs.id, asked.data.jobId));
    card = await modemCard(db, { orgId: o.org.id, subscriptionId: sub.id });
    assert.ok(card.configured);
    assert.deepEqual([card.tasks[0]?.status, card.tasks[0]?.fault], ['failed', 'unreachable']);
  });
});

describe('two organizations on one GenieACS', () => {
  test("a device claimed by one is refused to the other, and neither sees the other's", async () => {
    const a = await orgWithAcs('acs-a');
    const b = await orgWithAcs('acs-b');
    const subA = await customer(a, { mac: 'AA:BB:CC:00:11:22' });
    const subB = await customer(b);
    const id = nbi.addDevice({ oui: 'A1B2C3', productClass: 'F670L', serial: 'AABBCC001122', params: tr098Params() });
    // The periodic pass links A's modem by its MAC-as-serial.
    const pass = await linkModemsBySerial(db, acs(), { orgId: a.org.id });
    assert.equal(pass.linked, 1);
    assert.deepEqual(nbi.device(id)?._tags, [`jaring-${a.org.id}`]);
    const [rowA] = await db.select().from(acsDevices).where(eq(acsDevices.organizationId, a.org.id));
    assert.equal(rowA?.subscriptionId, subA.id);

    await assert.rejects(
      findModem(db, acs(), { orgId: b.org.id, subscriptionId: subB.id, serial: 'AABBCC001122' }),
      (e: unknown) => e instanceof AcsError && e.kind === 'claimed_elsewhere',
    );
    // Even with the tag removed by hand in GenieACS's UI, the same NBI's claim holds.
    await acs()
      .nbi(a.org.id)
      .then((c) => c.removeTag(id, `jaring-${a.org.id}`));
    const doc = (await (await acs().nbi(b.org.id)).getDevice(id))!;
    await assert.rejects(
      claimDevice(db, await acs().nbi(b.org.id), { orgId: b.org.id, subscriptionId: subB.id, device: doc }),
      (e: unknown) => e instanceof AcsError && e.kind === 'claimed_elsewhere',
    );
    assert.deepEqual(await db.select().from(acsDevices).where(eq(acsDevices.organizationId, b.org.id)), []);
    const cardB = await modemCard(db, { orgId: b.org.id, subscriptionId: subB.id });
    assert.ok(cardB.configured && cardB.device === null);
    // B's members cannot reach A's row by its id.
    const ctxB = ctxFor(db, b.org.id, b.admin.user.id, 'admin');
    const r = await executeOperation(acsOps.rebootModemOp, ctxB, { acsDeviceId: rowA!.id });
    assert.equal(!r.ok && r.code, 'not_found');
    const card = await executeOperation(acsOps.modemCardOp, ctxB, { subscriptionId: subA.id });
    assert.equal(!card.ok && card.code, 'not_found');
  });

  test('the same GenieACS written another way (trailing slash, upper case) is still one NBI', async () => {
    const a = await orgWithAcs('acs-url-a');
    const b = await orgWithAcs('acs-url-b', { ...nbi, url: `${nbi.url.replace('http://', 'HTTP://')}/` });
    const subA = await customer(a, { mac: 'AA:BB:CC:00:33:44' });
    const subB = await customer(b);
    const id = nbi.addDevice({ oui: 'A1B2C3', productClass: 'F670L', serial: 'AABBCC003344', params: tr098Params() });
    const doc = (await (await acs().nbi(a.org.id)).getDevice(id))!;
    await claimDevice(db, await acs().nbi(a.org.id), { orgId: a.org.id, subscriptionId: subA.id, device: doc });
    await acs()
      .nbi(a.org.id)
      .then((c) => c.removeTag(id, `jaring-${a.org.id}`));
    const untagged = (await (await acs().nbi(b.org.id)).getDevice(id))!;
    await assert.rejects(
      claimDevice(db, await acs().nbi(b.org.id), { orgId: b.org.id, subscriptionId: subB.id, device: untagged }),
      (e: unknown) => e instanceof AcsError && e.kind === 'claimed_elsewhere',
    );
  });

  test("a PPPoE username another ISP also uses does not hand over that ISP's modem", async () => {
    const name = `budi${Date.now().toString(36)}`;
    const a = await orgWithAcs('acs-ppp-a');
    const b = await orgWithAcs('acs-ppp-b');
    // Both ISPs call a subscriber `name`; the modem is B's, not yet claimed (no tag).
    const subA = (await makeSubscriber(db, a.org.id, { planId: a.plan.id, routerId: null, username: name }))
      .subscription;
    await makeSubscriber(db, b.org.id, { planId: b.plan.id, routerId: null, username: name });
    const id = nbi.addDevice({
      oui: 'C0FFEE',
      productClass: 'HG8245H5',
      serial: `HWTC${Date.now().toString(16).slice(-8).toUpperCase()}`,
      params: tr098Params({ pppoeUsername: name }),
    });
    assert.equal(await findModem(db, acs(), { orgId: a.org.id, subscriptionId: subA.id }), null);
    assert.deepEqual(nbi.device(id)?._tags ?? [], []);
    assert.deepEqual(await db.select().from(acsDevices).where(eq(acsDevices.deviceId, id)), []);

    // An ISP alone on its GenieACS finds its modem by the PPPoE username.
    const own = await startGenieAcsNbi();
    try {
      const c = await orgWithAcs('acs-ppp-c', own);
      const subC = (await makeSubscriber(db, c.org.id, { planId: c.plan.id, routerId: null, username: name }))
        .subscription;
      const ownId = own.addDevice({
        oui: 'C0FFEE',
        productClass: 'HG8245H5',
        serial: 'HWTC0000C0C0',
        params: tr098Params({ pppoeUsername: name }),
      });
      const found = await findModem(db, acsAccess(db), { orgId: c.org.id, subscriptionId: subC.id });
      assert.equal(found?.deviceId, ownId);
      assert.deepEqual(own.device(ownId)?._tags, [`jaring-${c.org.id}`]);
    } finally {
      await own.close();
    }
  });

  test('the modem card is hidden for an organization without an ACS', async () => {
    const o = await makeOrg(db, 'acs-none');
    const plan = await makePlan(db, o.org.id);
    const s = await makeSubscriber(db, o.org.id, { planId: plan.id, routerId: null });
    assert.deepEqual(await modemCard(db, { orgId: o.org.id, subscriptionId: s.subscription.id }), {
      configured: false,
    });
    const ctx = ctxFor(db, o.org.id, o.admin.user.id, 'admin');
    const search = await executeOperation(acsOps.findModemOp, ctx, { subscriptionId: s.subscription.id });
    assert.equal(!search.ok && search.code, 'acs_not_configured');
  });
});
