import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { auditLogs, infraSites, odps, olts, onus } from '@/db/schema';
import { decryptSecret } from '@/lib/crypto';
import { toCsv } from '@/lib/exports/render';
import { onuSubscriptionChoicesOp } from '@/lib/fibre/olt/operations';
import { createOlt, createPonPort, deleteOlt } from '@/lib/fibre/olts';
import {
  assignOnuSubscriptionOp,
  deleteOltOp,
  deletePonPortOp,
  exportOnusOp,
  getOltOp,
  getOnuOp,
  listOltsOp,
  listOnusOp,
  oltFormOp,
  saveOltOp,
  setPonFeedOp,
} from '@/lib/fibre/record-operations';
import { saveOdpOp, saveSiteOp } from '@/lib/infrastructure/operations';
import { AppError } from '@/lib/server/errors';
import { executeOperation } from '@/lib/server/operation';
import { ctxFor, makeCustomerWorld, makeOrg, testDb } from '../helpers';
import { makeFibreWorld, makeOnu } from '../support/fibre-records';

const db = testDb();

describe('OLT records', () => {
  test('createOlt stores secrets encrypted, defaults the CLI port, and audits without secrets', async () => {
    const { org, admin } = await makeOrg(db, 'olt-create');
    const olt = await createOlt(db, {
      orgId: org.id,
      actorUserId: admin.user.id,
      name: 'OLT Cibinong',
      vendor: 'zte',
      model: 'C320',
      host: '192.0.2.10',
      transport: 'ssh',
      username: 'admin',
      password: 'olt-pass-123',
      enablePassword: 'enable-456',
      snmpCommunity: 'komunitas-rahasia',
    });
    assert.equal(olt.port, 22);
    assert.equal(olt.snmpPort, 161);
    assert.equal(olt.pollMinutes, 5);
    assert.notEqual(olt.passwordEnc, 'olt-pass-123');
    assert.equal(decryptSecret(olt.passwordEnc), 'olt-pass-123');
    assert.equal(decryptSecret(olt.snmpCommunityEnc!), 'komunitas-rahasia');
    const [audit] = await db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.organizationId, org.id), eq(auditLogs.action, 'olt.created')));
    const text = JSON.stringify(audit!.data);
    for (const s of ['olt-pass-123', 'enable-456', 'komunitas-rahasia']) assert.ok(!text.includes(s), s);
    assert.match(text, /"password":"changed"/);
  });

  test('createPonPort names the port the vendor way and refuses a duplicate', async () => {
    const { org, admin } = await makeOrg(db, 'olt-port');
    const zte = await createOlt(db, {
      orgId: org.id,
      actorUserId: admin.user.id,
      name: 'ZTE',
      vendor: 'zte',
      host: '192.0.2.11',
      username: 'u',
      password: 'p',
    });
    const hw = await createOlt(db, {
      orgId: org.id,
      actorUserId: admin.user.id,
      name: 'HW',
      vendor: 'huawei',
      host: '192.0.2.12',
      username: 'u',
      password: 'p',
    });
    assert.equal(zte.port, 23);
    const p1 = await createPonPort(db, { orgId: org.id, oltId: zte.id, frame: 1, slot: 2, port: 1 });
    assert.equal(p1.name, 'gpon-olt_1/2/1');
    const p2 = await createPonPort(db, { orgId: org.id, oltId: hw.id, frame: 0, slot: 1, port: 0 });
    assert.equal(p2.name, '0/1/0');
    await assert.rejects(
      createPonPort(db, { orgId: org.id, oltId: zte.id, frame: 1, slot: 2, port: 1 }),
      (e) => e instanceof AppError && e.code === 'pon_port_taken',
    );
    const other = await makeOrg(db, 'olt-port-other');
    await assert.rejects(
      createPonPort(db, { orgId: other.org.id, oltId: zte.id, frame: 1, slot: 2, port: 2 }),
      (e) => e instanceof AppError && e.code === 'not_found',
    );
    await deleteOlt(db, { orgId: org.id, actorUserId: admin.user.id, ip: null, oltId: hw.id });
    assert.equal((await db.select().from(olts).where(eq(olts.id, hw.id))).length, 0);
  });
});

describe('OLT operations as the NOC uses them', () => {
  test('secrets never come back: not from the list, the page, the form, nor the audit; blank keeps them', async () => {
    const { org, admin } = await makeOrg(db, 'olt-secrets');
    const ctx = ctxFor(db, org.id, admin.user.id, 'noc');
    const saved = await executeOperation(saveOltOp, ctx, {
      name: 'OLT Barat',
      vendor: 'huawei',
      model: 'MA5608T',
      host: '192.0.2.30',
      transport: 'ssh',
      port: '',
      username: 'root',
      password: 'rahasia-olt-1',
      enablePassword: 'rahasia-enable-1',
      snmpVersion: '3',
      snmpV3User: 'jaring',
      snmpV3AuthProtocol: 'SHA',
      snmpV3AuthKey: 'rahasia-auth-1',
      snmpV3PrivProtocol: 'AES',
      snmpV3PrivKey: 'rahasia-priv-1',
      pollMinutes: '10',
    });
    assert.ok(saved.ok, JSON.stringify(saved));
    const oltId = saved.data.id;
    const outputs = await Promise.all([
      executeOperation(listOltsOp, ctx, {}),
      executeOperation(getOltOp, ctx, { oltId }),
      executeOperation(oltFormOp, ctx, { oltId }),
    ]);
    for (const r of outputs) {
      assert.ok(r.ok);
      const text = JSON.stringify(r.data);
      assert.ok(!text.includes('rahasia') && !/Enc"/.test(text), text);
    }
    const got = await executeOperation(getOltOp, ctx, { oltId });
    assert.ok(got.ok);
    assert.equal(got.data.olt.port, 22);
    assert.equal(got.data.olt.hasEnablePassword, true);
    assert.equal(got.data.olt.hasSnmpV3AuthKey, true);
    // An edit with every secret blank keeps them; ticking "remove" drops the enable password.
    const edited = await executeOperation(saveOltOp, ctx, {
      oltId,
      name: 'OLT Barat 2',
      vendor: 'huawei',
      host: '192.0.2.31',
      transport: 'ssh',
      username: 'root',
      snmpVersion: '3',
      snmpV3User: 'jaring',
      clearEnablePassword: 'on',
    });
    assert.ok(edited.ok, JSON.stringify(edited));
    const [row] = await db.select().from(olts).where(eq(olts.id, oltId));
    assert.equal(decryptSecret(row!.passwordEnc), 'rahasia-olt-1');
    assert.equal(decryptSecret(row!.snmpV3PrivKeyEnc!), 'rahasia-priv-1');
    assert.equal(row!.enablePasswordEnc, null);
    const audits = await db.select().from(auditLogs).where(eq(auditLogs.organizationId, org.id));
    assert.ok(!JSON.stringify(audits.map((a) => a.data)).includes('rahasia'));
    assert.ok(
      audits.some(
        (a) => a.action === 'olt.updated' && (a.data as { enablePassword?: string }).enablePassword === 'removed',
      ),
    );
  });

  test('bad input is a field error: no password on a new OLT, a link-local host, poll out of range, taken name', async () => {
    const { org, admin } = await makeOrg(db, 'olt-bad');
    const ctx = ctxFor(db, org.id, admin.user.id, 'admin');
    const base = { name: 'OLT A', vendor: 'zte', host: '192.0.2.40', username: 'u', password: 'p' };
    const noPassword = await executeOperation(saveOltOp, ctx, { ...base, password: '' });
    assert.ok(!noPassword.ok && noPassword.fieldErrors?.password);
    const poll = await executeOperation(saveOltOp, ctx, { ...base, pollMinutes: '99999' });
    assert.ok(!poll.ok && poll.fieldErrors?.pollMinutes);
    const vendor = await executeOperation(saveOltOp, ctx, { ...base, vendor: 'nokia' });
    assert.ok(!vendor.ok && vendor.fieldErrors?.vendor);
    // Link-local (the cloud metadata service) is refused on every install, as for routers.
    const metadata = await executeOperation(saveOltOp, ctx, { ...base, host: '169.254.169.254' });
    assert.ok(!metadata.ok && metadata.fieldErrors?.host, JSON.stringify(metadata));
    assert.ok((await executeOperation(saveOltOp, ctx, base)).ok);
    const twice = await executeOperation(saveOltOp, ctx, base);
    assert.ok(!twice.ok && twice.code === 'olt_name_taken' && twice.fieldErrors?.name);
  });

  test('an OLT with ONUs is not deleted (the message says how many); a port links ODCs/ODPs of its own organization only', async () => {
    const { org, admin } = await makeOrg(db, 'olt-links');
    const other = await makeOrg(db, 'olt-links-other');
    const ctx = ctxFor(db, org.id, admin.user.id, 'noc');
    const w = await makeFibreWorld(db, { orgId: org.id, userId: admin.user.id }, 'L1');
    const theirs = await makeFibreWorld(db, { orgId: other.org.id, userId: other.admin.user.id }, 'L2');
    const del = await executeOperation(deleteOltOp, ctx, { oltId: w.olt.id });
    assert.ok(!del.ok && del.code === 'olt_has_onus');
    assert.match(del.message, /2 ONU/);
    const delPort = await executeOperation(deletePonPortOp, ctx, { ponPortId: w.port1.id });
    assert.ok(!delPort.ok && delPort.code === 'pon_port_has_onus');

    // Linking from the OLT page.
    assert.ok(
      (await executeOperation(setPonFeedOp, ctx, { kind: 'odc', targetId: w.odc.id, ponPortId: w.port1.id })).ok,
    );
    assert.ok(
      (await executeOperation(setPonFeedOp, ctx, { kind: 'odp', targetId: w.odp.id, ponPortId: w.port2.id })).ok,
    );
    const page = await executeOperation(getOltOp, ctx, { oltId: w.olt.id });
    assert.ok(page.ok);
    const [p1, p2] = page.data.ports;
    assert.deepEqual(
      [p1!.onus, p1!.odcs.map((o) => o.code), p2!.odps.map((o) => o.code)],
      [2, ['L1-ODC-RAHASIA'], ['L1-ODP-RAHASIA']],
    );
    const refused = await executeOperation(setPonFeedOp, ctx, {
      kind: 'odp',
      targetId: w.odp.id,
      ponPortId: theirs.port1.id,
    });
    assert.ok(!refused.ok && refused.code === 'not_found');

    // And from the ODP and ODC edit forms (the "PON port" select).
    const odpInput = {
      odpId: w.odp.id,
      code: w.odp.code,
      name: w.odp.name,
      latitude: '-6.9',
      longitude: '107.6',
      totalPorts: '8',
    };
    const foreign = await executeOperation(saveOdpOp, ctx, { ...odpInput, ponPortId: theirs.port1.id });
    assert.ok(
      !foreign.ok && foreign.code === 'pon_port_other_olt' && foreign.fieldErrors?.ponPortId,
      JSON.stringify(foreign),
    );
    const siteInput = {
      siteId: w.odc.id,
      kind: 'odc',
      code: w.odc.code,
      name: w.odc.name,
      latitude: '-6.9',
      longitude: '107.6',
    };
    const foreignOdc = await executeOperation(saveSiteOp, ctx, { ...siteInput, ponPortId: theirs.port2.id });
    assert.ok(!foreignOdc.ok && foreignOdc.code === 'pon_port_other_olt');
    assert.ok((await executeOperation(saveOdpOp, ctx, { ...odpInput, ponPortId: w.port1.id })).ok);
    // A form without the field keeps the link; a blank select removes it.
    assert.ok((await executeOperation(saveSiteOp, ctx, siteInput)).ok);
    const [odcRow] = await db.select().from(infraSites).where(eq(infraSites.id, w.odc.id));
    assert.equal(odcRow!.ponPortId, w.port1.id);
    assert.ok((await executeOperation(saveSiteOp, ctx, { ...siteInput, ponPortId: '' })).ok);
    const [odpRow] = await db.select().from(odps).where(eq(odps.id, w.odp.id));
    assert.equal(odpRow!.ponPortId, w.port1.id);
    const [unlinked] = await db.select().from(infraSites).where(eq(infraSites.id, w.odc.id));
    assert.equal(unlinked!.ponPortId, null);
  });

  test('the ONU list filters by state, level, OLT, port and search; counts link to the same numbers; CSV has them', async () => {
    const { org, admin } = await makeOrg(db, 'onu-list');
    const ctx = ctxFor(db, org.id, admin.user.id, 'technician');
    const w = await makeFibreWorld(db, { orgId: org.id, userId: admin.user.id }, 'OL');
    await makeOnu(db, {
      orgId: org.id,
      oltId: w.olt.id,
      ponPortId: w.port2.id,
      onuIndex: 1,
      serial: 'HWTC0000CRIT',
      name: 'Warung Bu Sari',
      level: 'critical',
      rxPowerDbm: -28.1,
    });
    await makeOnu(db, {
      orgId: org.id,
      oltId: w.olt.id,
      ponPortId: w.port2.id,
      onuIndex: 2,
      serial: 'HWTC0000WARN',
      level: 'warning',
      rxPowerDbm: -25.6,
    });
    const list = async (input: Record<string, string>) => {
      const r = await executeOperation(listOnusOp, ctx, input);
      assert.ok(r.ok, JSON.stringify(r));
      return r.data.items.map((o) => o.serial).sort();
    };
    assert.equal((await list({})).length, 4);
    assert.deepEqual(await list({ state: 'los' }), ['ZTEGOL000002']);
    assert.deepEqual(await list({ level: 'critical' }), ['HWTC0000CRIT']);
    assert.deepEqual(await list({ level: 'warning', state: 'working' }), ['HWTC0000WARN']);
    assert.deepEqual(await list({ ponPortId: w.port2.id }), ['HWTC0000CRIT', 'HWTC0000WARN']);
    assert.deepEqual(await list({ q: 'bu sari' }), ['HWTC0000CRIT']);
    assert.deepEqual(await list({ q: 'zteg', oltId: w.olt.id, state: '' }), ['ZTEGOL000001', 'ZTEGOL000002']);
    const bad = await executeOperation(listOnusOp, ctx, { state: 'rusak' });
    assert.ok(!bad.ok && bad.code === 'validation');

    const olts = await executeOperation(listOltsOp, ctx, {});
    assert.ok(olts.ok);
    const c = olts.data[0]!.onus;
    assert.deepEqual(
      [c.total, c.states.working, c.states.los, c.levels.ok, c.levels.warning, c.levels.critical],
      [4, 3, 1, 1, 1, 1],
    );

    const csv = await executeOperation(exportOnusOp, ctx, { level: 'critical' });
    assert.ok(csv.ok);
    const text = toCsv(csv.data.sheet, csv.data.timezone);
    assert.match(text, /HWTC0000CRIT/);
    assert.match(text, /Kritis/);
    assert.match(text, /-28\.10/);
    assert.ok(!text.includes('ZTEGOL'));
  });

  test('an ONU is given to a subscription of the organization and taken back', async () => {
    const { org, admin } = await makeOrg(db, 'onu-assign');
    const world = await makeCustomerWorld(db, org.id, admin.user.id);
    const ctx = ctxFor(db, org.id, admin.user.id, 'noc');
    const w = await makeFibreWorld(db, { orgId: org.id, userId: admin.user.id }, 'AS');
    const given = await executeOperation(assignOnuSubscriptionOp, ctx, {
      onuId: w.onu2.id,
      subscriptionId: world.subscription.id,
    });
    assert.ok(given.ok, JSON.stringify(given));
    const detail = await executeOperation(getOnuOp, ctx, { onuId: w.onu2.id });
    assert.ok(detail.ok);
    assert.equal(detail.data.customerId, world.customer.id);
    assert.equal(detail.data.oltVendor, 'zte');
    const choices = await executeOperation(onuSubscriptionChoicesOp, ctx, { q: world.customer.name.slice(0, 4) });
    assert.ok(choices.ok && choices.data.some((s) => s.subscriptionId === world.subscription.id));
    assert.ok((await executeOperation(assignOnuSubscriptionOp, ctx, { onuId: w.onu2.id, subscriptionId: '' })).ok);
    const [row] = await db.select().from(onus).where(eq(onus.id, w.onu2.id));
    assert.equal(row!.subscriptionId, null);
    const [audit] = await db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.organizationId, org.id), eq(auditLogs.action, 'onu.subscription_assigned')));
    assert.ok(audit);
  });
});
