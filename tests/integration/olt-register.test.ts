import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { auditLogs, olts, onus } from '@/db/schema';
import { encryptSecret } from '@/lib/crypto';
import { OltError } from '@/lib/fibre/olt/errors';
import { planRegistration, readOnuOptics, rebootOnu, registerOnu, removeOnu } from '@/lib/fibre/olt/register';
import { makeOrg, makePlan, makeSubscriber, testDb, waitFor } from '../helpers';
import {
  makePonPort,
  makeStandInOlt,
  type OltCliOptions,
  type OltCliServer,
  startOltCliServer,
  testOltAccess,
} from '../support/olt-cli';

const db = testDb();
const servers: OltCliServer[] = [];
const accesses: ReturnType<typeof testOltAccess>[] = [];
after(async () => {
  await Promise.all(accesses.map((a) => a.close()));
  await Promise.all(servers.map((s) => s.close()));
});

function access(opts: Parameters<typeof testOltAccess>[1] = {}) {
  const a = testOltAccess(db, opts);
  accesses.push(a);
  return a;
}

async function world(label: string, opts: OltCliOptions) {
  const { org, admin } = await makeOrg(db, label);
  const server = await startOltCliServer(opts);
  servers.push(server);
  const olt = await makeStandInOlt(db, org.id, server);
  const at = opts.vendor === 'zte' ? { frame: 1, slot: 2, port: 1 } : { frame: 0, slot: 1, port: 0 };
  const port = await makePonPort(db, { orgId: org.id, oltId: olt.id, vendor: opts.vendor, ...at });
  return { org, admin, server, olt, port, at };
}

for (const opts of [
  { vendor: 'zte', transport: 'telnet' },
  { vendor: 'huawei', transport: 'ssh' },
] as const) {
  describe(`registration on ${opts.vendor} (${opts.transport})`, () => {
    test('registers with the next free ONU id, sends exactly the preview, stores, audits; optics, reboot, removal', async () => {
      const w = await world(`olt-reg-${opts.vendor}`, opts);
      const a = access();
      const plan = await makePlan(db, w.org.id);
      const { subscription } = await makeSubscriber(db, w.org.id, {
        planId: plan.id,
        routerId: null,
        username: 'budi-santoso',
      });
      const serial = opts.vendor === 'zte' ? 'ZTEGC8A1B2C3' : 'HWTCA1B2C3D4';
      w.server.olt.plugIn({ ...w.at, serial, model: 'X' });

      const input = {
        orgId: w.org.id,
        oltId: w.olt.id,
        ponPortId: w.port.id,
        subscriptionId: subscription.id,
        values: { vlan: '200' },
      };
      const preview = await planRegistration(db, { ...input, serial: serial.toLowerCase() });
      const first = opts.vendor === 'zte' ? 1 : 0;
      assert.equal(preview.spec.onuIndex, first);
      assert.ok(
        preview.commands.some((c) => c.includes('200')),
        'the override is in the commands',
      );
      assert.ok(
        preview.commands.some((c) => c.includes('budi-santoso')),
        'named after the subscription',
      );

      const mark = w.server.olt.received.length;
      const onu = await registerOnu(db, a, { ...input, serial, actorUserId: w.admin.user.id });
      // Login and pager lines first (a new session), then exactly the preview.
      assert.deepEqual(w.server.olt.since(mark).slice(-preview.commands.length), preview.commands);
      assert.equal(onu.onuIndex, first);
      assert.equal(onu.serial, serial);
      assert.equal(onu.vlan, 200);
      assert.equal(onu.subscriptionId, subscription.id);
      const [audit] = await db
        .select()
        .from(auditLogs)
        .where(and(eq(auditLogs.organizationId, w.org.id), eq(auditLogs.action, 'onu.registered')));
      assert.equal(audit?.entityId, onu.id);
      assert.doesNotMatch(JSON.stringify(audit?.data), /secret-olt/);
      const [oltRow] = await db.select().from(olts).where(eq(olts.id, w.olt.id));
      assert.equal(oltRow?.status, 'online');

      // A retried job finds its row: nothing is sent twice.
      const again = await registerOnu(db, a, { ...input, serial, actorUserId: w.admin.user.id });
      assert.equal(again.id, onu.id);
      // The next registration on the port takes the next id.
      const next = await planRegistration(db, {
        ...input,
        serial: opts.vendor === 'zte' ? 'ZTEG00000002' : 'HWTC00000002',
      });
      assert.equal(next.spec.onuIndex, first + 1);

      w.server.olt.setOnu(serial, { rxPowerDbm: -25.8 });
      const optics = await readOnuOptics(db, a, { orgId: w.org.id, onuId: onu.id });
      assert.equal(optics.state, 'working');
      let [row] = await db.select().from(onus).where(eq(onus.id, onu.id));
      assert.equal(row?.rxPowerDbm, -25.8);
      assert.equal(row?.level, 'warning');
      assert.ok(row?.lastPolledAt);

      w.server.olt.setOnu(serial, { state: 'los' });
      await readOnuOptics(db, a, { orgId: w.org.id, onuId: onu.id });
      [row] = await db.select().from(onus).where(eq(onus.id, onu.id));
      assert.equal(row?.state, 'los');
      assert.equal(row?.rxPowerDbm, null);
      assert.equal(row?.level, null);

      await rebootOnu(db, a, { orgId: w.org.id, onuId: onu.id, actorUserId: w.admin.user.id });
      assert.equal(w.server.olt.findBySerial(serial)?.reboots, 1);

      await removeOnu(db, a, { orgId: w.org.id, onuId: onu.id, actorUserId: w.admin.user.id });
      assert.equal(w.server.olt.findBySerial(serial), undefined);
      assert.equal((await db.select().from(onus).where(eq(onus.id, onu.id))).length, 0);
      // One session served all of it.
      assert.equal(w.server.olt.logins, 1);
    });

    test('another organization cannot register on, read or remove through this OLT', async () => {
      const w = await world(`olt-iso-${opts.vendor}`, opts);
      const other = await makeOrg(db, 'olt-iso-other');
      const a = access();
      const refused = await registerOnu(db, a, {
        orgId: other.org.id,
        oltId: w.olt.id,
        ponPortId: w.port.id,
        serial: 'ZTEG00000009',
        actorUserId: other.admin.user.id,
      }).catch((e: { code?: string }) => e.code);
      assert.equal(refused, 'not_found');
      assert.equal(w.server.olt.received.length, 0);
    });
  });
}

describe('the session pool', () => {
  test("two jobs' commands never interleave, on one session", async () => {
    const w = await world('olt-pool-serial', { vendor: 'zte', transport: 'telnet' });
    const port2 = await makePonPort(db, {
      orgId: w.org.id,
      oltId: w.olt.id,
      vendor: 'zte',
      frame: 1,
      slot: 2,
      port: 2,
    });
    const a = access();
    const mark = w.server.olt.received.length;
    const [one, two] = await Promise.all([
      registerOnu(db, a, {
        orgId: w.org.id,
        oltId: w.olt.id,
        ponPortId: w.port.id,
        serial: 'ZTEG0000000A',
        actorUserId: null,
      }),
      registerOnu(db, a, {
        orgId: w.org.id,
        oltId: w.olt.id,
        ponPortId: port2.id,
        serial: 'ZTEG0000000B',
        actorUserId: null,
      }),
    ]);
    assert.ok(one && two);
    const lines = w.server.olt.since(mark);
    const blocks = lines
      .join('\n')
      .split('configure terminal')
      .slice(1)
      .map((b) => b.trim());
    assert.equal(blocks.length, 2);
    for (const b of blocks) {
      const serials = b.match(/ZTEG0000000[AB]/g) ?? [];
      assert.equal(new Set(serials).size, 1, `one registration per block:\n${b}`);
      assert.match(b, /\nend$/);
    }
    assert.equal(w.server.olt.logins, 1);
  });

  test('an unused session is closed after the idle time', async () => {
    const w = await world('olt-pool-idle', { vendor: 'zte', transport: 'ssh' });
    const a = access({ idleMs: 100 });
    await a.run({ orgId: w.org.id, oltId: w.olt.id }, (d) => d.listUnconfigured());
    assert.equal(a.pool.size, 1);
    await waitFor(async () => (a.pool.size === 0 && w.server.olt.connections === 0 ? true : null), 5_000);
  });

  test('reconnects after a drop; offline with the reason when the OLT is gone; a refused command keeps it online', async () => {
    const w = await world('olt-pool-drop', { vendor: 'huawei', transport: 'telnet' });
    const a = access({ commandTimeoutMs: 500 });
    const run = () => a.run({ orgId: w.org.id, oltId: w.olt.id }, (d) => d.listUnconfigured());
    await run();
    w.server.dropAll();
    await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual(await run(), []);
    assert.equal(w.server.olt.logins, 2);

    w.server.olt.faults.hangOn = /autofind/;
    const hung = await run().catch((e: unknown) => e);
    assert.ok(hung instanceof OltError && hung.kind === 'timeout');
    let [row] = await db.select().from(olts).where(eq(olts.id, w.olt.id));
    assert.equal(row?.status, 'offline');
    assert.match(row?.lastError ?? '', /^timeout: /);

    w.server.olt.faults = { refuseLogin: true };
    const refused = await run().catch((e: unknown) => e);
    assert.ok(refused instanceof OltError && refused.kind === 'auth');
    [row] = await db.select().from(olts).where(eq(olts.id, w.olt.id));
    assert.match(row?.lastError ?? '', /^auth: /);

    w.server.olt.faults = {};
    const bad = await a
      .run({ orgId: w.org.id, oltId: w.olt.id }, (d) => d.reboot({ frame: 0, slot: 1, port: 0, onuIndex: 99 }))
      .catch((e: unknown) => e);
    assert.ok(bad instanceof OltError && bad.kind === 'command' && /Failure: The ONT does not exist/.test(bad.detail));
    [row] = await db.select().from(olts).where(eq(olts.id, w.olt.id));
    assert.equal(row?.status, 'online');
    assert.equal(row?.lastError, null);

    await w.server.close();
    const gone = await run().catch((e: unknown) => e);
    assert.ok(gone instanceof OltError && gone.kind === 'refused');
    [row] = await db.select().from(olts).where(eq(olts.id, w.olt.id));
    assert.equal(row?.status, 'offline');
    assert.match(row?.lastError ?? '', /^refused: /);
  });

  test('an OLT that echoes the password at login: the auth error, last error and job text never hold it', async () => {
    for (const vendor of ['zte', 'huawei'] as const) {
      const w = await world(`olt-pool-echo-${vendor}`, { vendor, transport: 'telnet', password: 'Rahasia-Echo-77' });
      w.server.olt.faults = { refuseLogin: true, echoPassword: true };
      const a = access();
      const error = await a
        .run({ orgId: w.org.id, oltId: w.olt.id }, (d) => d.listUnconfigured())
        .catch((e: unknown) => e);
      assert.ok(error instanceof OltError && error.kind === 'auth', String(error));
      assert.doesNotMatch(`${error.message} ${error.detail}`, /Rahasia-Echo-77/);
      // ZTE's refusal is quoted with the line before it: the echo, masked.
      if (vendor === 'zte') assert.match(error.detail, /••••/);
      const [row] = await db.select().from(olts).where(eq(olts.id, w.olt.id));
      assert.match(row?.lastError ?? '', /^auth: /);
      assert.doesNotMatch(row?.lastError ?? '', /Rahasia-Echo-77/);
    }
  });

  test("edited host or password: the pool's old session is closed and the work goes to the new settings", async () => {
    const w = await world('olt-pool-edit', { vendor: 'zte', transport: 'telnet' });
    const a = access();
    const run = () => a.run({ orgId: w.org.id, oltId: w.olt.id }, (d) => d.listUnconfigured());
    await run();
    await run();
    assert.equal(w.server.olt.logins, 1, 'one session reused');

    const moved = await startOltCliServer({ vendor: 'zte', transport: 'telnet', password: 'new-password-1' });
    servers.push(moved);
    await db
      .update(olts)
      .set({ host: moved.host, port: moved.port, passwordEnc: encryptSecret('new-password-1') })
      .where(eq(olts.id, w.olt.id));
    await run();
    assert.equal(moved.olt.logins, 1, 'the new address was logged in to');
    assert.equal(w.server.olt.logins, 1, 'nothing more went to the old one');
    await waitFor(async () => (w.server.olt.connections === 0 ? true : null), 5_000);
    assert.equal(a.pool.size, 1);
  });
});
