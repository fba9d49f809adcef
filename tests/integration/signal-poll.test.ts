import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { and, eq, like } from 'drizzle-orm';
import { auditLogs, jobs, messages, olts, onus, users } from '@/db/schema';
import * as signalOps from '@/lib/fibre/signal/operations';
import { oltPoll } from '@/lib/fibre/snmp/jobs';
import { enqueueDuePolls, pollOlt } from '@/lib/fibre/snmp/poll';
import { snmpPoller } from '@/lib/fibre/snmp/poller';
import { executeOperation } from '@/lib/server/operation';
import { ctxFor, makeMember, makeOrg, makePlan, makeSubscriber, testDb } from '../helpers';
import { makeSnmpOlt } from '../support/signal-world';
import { freeUdpPort, onusFor, type SnmpAgentStandIn, startSnmpAgent } from '../support/snmp-agent';

const db = testDb();
const V3 = {
  name: 'noc-ro',
  authProtocol: 'sha',
  authKey: 'auth-key-123',
  privProtocol: 'aes',
  privKey: 'priv-key-123',
} as const;
// Short timeouts: a wrong community or a down agent is a timeout by design.
const poller = () => snmpPoller(db, { timeoutMs: 400, retries: 0 });
const agents: SnmpAgentStandIn[] = [];

async function agentFor(vendor: 'zte' | 'huawei', count: number, v3?: typeof V3) {
  const agent = await startSnmpAgent({ vendor, onus: count, v3 });
  agents.push(agent);
  return agent;
}
after(async () => {
  for (const a of agents) await a.close();
});

async function nocWorld(label: string) {
  const { org, admin } = await makeOrg(db, label);
  const noc = await makeMember(db, org.id, 'noc');
  await db.update(users).set({ phone: '6281311114444' }).where(eq(users.id, noc.user.id));
  return { orgId: org.id, admin, noc };
}

describe('polling an OLT by SNMP', () => {
  for (const vendor of ['zte', 'huawei'] as const)
    for (const version of ['2c', '3'] as const)
      test(`${vendor} over SNMP ${version === '2c' ? 'v2c' : 'v3 (SHA + AES)'}: every ONU's state and RX stored, the OLT's last poll written`, async () => {
        const w = await nocWorld(`poll-${vendor}-${version}`);
        const agent = await agentFor(vendor, 40, V3);
        const list = onusFor(vendor, 40);
        const olt = await makeSnmpOlt(db, w.orgId, { vendor, agent, onus: list, version });
        agent.setOnu(list[7]!, { state: 'los' });
        agent.setOnu(list[8]!, { state: 'dying_gasp' });
        agent.setOnu(list[9]!, { rxPowerDbm: -26.4 });
        const r = await pollOlt(db, poller(), { orgId: w.orgId, oltId: olt.olt.id });
        assert.ok(r.ok, JSON.stringify(r));
        assert.equal(r.polled, 40);
        assert.equal(r.stored, 40);
        const rows = await db.select().from(onus).where(eq(onus.oltId, olt.olt.id));
        const by = (i: number) =>
          rows.find((o) => o.onuIndex === list[i]!.onuIndex && o.ponPortId === olt.onus[i]!.ponPortId)!;
        assert.deepEqual([by(7).state, by(7).rxPowerDbm, by(7).level], ['los', null, null]);
        assert.equal(by(8).state, 'dying_gasp');
        assert.deepEqual([by(9).state, by(9).rxPowerDbm, by(9).level], ['working', -26.4, 'warning']);
        assert.deepEqual([by(0).state, by(0).rxPowerDbm, by(0).level], ['working', -20, 'ok']);
        const [o] = await db.select().from(olts).where(eq(olts.id, olt.olt.id));
        assert.ok(o!.lastPolledAt);
        assert.equal(o!.lastPollError, null);
        assert.ok((o!.lastPollMs ?? -1) >= 0);
      });

  test('a wrong community is not answered: the OLT says what to check, and nothing is stored', async () => {
    const w = await nocWorld('poll-community');
    const agent = await agentFor('zte', 4);
    const olt = await makeSnmpOlt(db, w.orgId, { vendor: 'zte', agent, onus: onusFor('zte', 4), community: 'salah' });
    const r = await pollOlt(db, poller(), { orgId: w.orgId, oltId: olt.olt.id });
    assert.equal(r.ok, false);
    const [o] = await db.select().from(olts).where(eq(olts.id, olt.olt.id));
    assert.match(o!.lastPollError ?? '', /OLT tidak menjawab SNMP\. Periksa alamat, port SNMP, community/);
    const rows = await db.select().from(onus).where(eq(onus.oltId, olt.olt.id));
    assert.ok(rows.every((x) => x.state === 'unknown' && x.lastPolledAt === null));
  });

  test("a down OLT fails its own poll only: the other OLT's poll is stored", async () => {
    const w = await nocWorld('poll-down');
    const agent = await agentFor('huawei', 3);
    const good = await makeSnmpOlt(db, w.orgId, { vendor: 'huawei', agent, onus: onusFor('huawei', 3) });
    const down = await makeSnmpOlt(db, w.orgId, {
      vendor: 'huawei',
      agent: { ...agent, port: await freeUdpPort() },
      onus: onusFor('huawei', 3),
    });
    const results = await Promise.all(
      [down, good].map((x) => pollOlt(db, poller(), { orgId: w.orgId, oltId: x.olt.id })),
    );
    assert.deepEqual(
      results.map((r) => r.ok),
      [false, true],
    );
    const [d] = await db.select().from(olts).where(eq(olts.id, down.olt.id));
    assert.ok(d!.lastPollError);
    const [g] = await db.select().from(olts).where(eq(olts.id, good.olt.id));
    assert.equal(g!.lastPollError, null);
  });

  test('an OLT host that is a link-local (metadata) address is never polled: the OLT says so', async () => {
    const w = await nocWorld('poll-ssrf');
    const agent = await agentFor('zte', 1);
    const bad = await makeSnmpOlt(db, w.orgId, { vendor: 'zte', agent, onus: onusFor('zte', 1) });
    await db.update(olts).set({ host: '169.254.169.254' }).where(eq(olts.id, bad.olt.id));
    const r = await pollOlt(db, poller(), { orgId: w.orgId, oltId: bad.olt.id });
    assert.equal(r.ok, false);
    const [o] = await db.select().from(olts).where(eq(olts.id, bad.olt.id));
    assert.match(o!.lastPollError ?? '', /tidak diizinkan|not allowed/);
  });

  test('due polls are queued once per OLT, after its poll interval, never beside one still waiting', async () => {
    const w = await nocWorld('poll-due');
    const agent = await agentFor('zte', 2);
    const a = await makeSnmpOlt(db, w.orgId, { vendor: 'zte', agent, onus: onusFor('zte', 2), pollMinutes: 5 });
    const b = await makeSnmpOlt(db, w.orgId, { vendor: 'zte', agent, onus: onusFor('zte', 2), pollMinutes: 5 });
    await db.update(olts).set({ lastPolledAt: new Date() }).where(eq(olts.id, b.olt.id));
    await enqueueDuePolls(db, { orgIds: [w.orgId] });
    await enqueueDuePolls(db, { orgIds: [w.orgId] });
    const queued = await db
      .select()
      .from(jobs)
      .where(and(eq(jobs.organizationId, w.orgId), eq(jobs.type, oltPoll.name)));
    assert.deepEqual(
      queued.map((j) => (j.payload as { oltId: string }).oltId),
      [a.olt.id],
    );
  });
});

describe('alerts', () => {
  test('one WhatsApp to NOC per change (LOS, critical), none while it stays, again after a recovery', async () => {
    const w = await nocWorld('signal-alerts');
    const agent = await agentFor('zte', 6);
    const list = onusFor('zte', 6);
    const olt = await makeSnmpOlt(db, w.orgId, { vendor: 'zte', agent, onus: list });
    const plan = await makePlan(db, w.orgId);
    const { customer, subscription } = await makeSubscriber(db, w.orgId, { planId: plan.id, routerId: null });
    await db.update(onus).set({ subscriptionId: subscription.id }).where(eq(onus.id, olt.onus[2]!.id));
    const alerts = () =>
      db
        .select()
        .from(messages)
        .where(and(eq(messages.organizationId, w.orgId), like(messages.eventKey, 'onu_alert:%')));
    const poll = () => pollOlt(db, poller(), { orgId: w.orgId, oltId: olt.olt.id });

    await poll();
    assert.equal((await alerts()).length, 0, 'all working at −20 dBm: nothing to say');

    agent.setOnu(list[2]!, { state: 'los' });
    agent.setOnu(list[3]!, { rxPowerDbm: -28 });
    await poll();
    let sent = await alerts();
    assert.equal(sent.length, 1);
    assert.equal(sent[0]!.toPhone, '6281311114444');
    assert.match(sent[0]!.body, /2 ONU di OLT/);
    assert.match(sent[0]!.body, new RegExp(`${customer.name} \\(gpon-olt_1/1/1:3\\): LOS`));
    assert.match(sent[0]!.body, /ZTEG\w+ \(gpon-olt_1\/1\/1:4\): redaman kritis \(-28\.0 dBm\)/);
    assert.match(sent[0]!.body, /\/olts\/onus\?state=los/);

    await poll();
    assert.equal((await alerts()).length, 1, 'still LOS and critical: no second message');

    agent.setOnu(list[2]!, { state: 'working', rxPowerDbm: -20 });
    await poll();
    assert.equal((await alerts()).length, 1, 'a recovery is not paged');
    agent.setOnu(list[2]!, { state: 'los' });
    await poll();
    sent = await alerts();
    assert.equal(sent.length, 2, 'a new fall alerts again');
    const audit = await db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.organizationId, w.orgId), eq(auditLogs.action, 'onu.signal_alerted')));
    assert.equal(audit.length, 2);
  });
});

describe('thresholds', () => {
  test('critical must be below warning (a field error); a change is audited and re-levels every ONU at once', async () => {
    const w = await nocWorld('signal-thresholds');
    const agent = await agentFor('huawei', 3);
    const list = onusFor('huawei', 3);
    const olt = await makeSnmpOlt(db, w.orgId, { vendor: 'huawei', agent, onus: list });
    agent.setOnu(list[0]!, { rxPowerDbm: -24 });
    await pollOlt(db, poller(), { orgId: w.orgId, oltId: olt.olt.id });
    const admin = ctxFor(db, w.orgId, w.admin.user.id, 'admin');

    const bad = await executeOperation(signalOps.setSignalThresholdsOp, admin, {
      warningDbm: '-27',
      criticalDbm: '-25',
    });
    assert.equal(bad.ok, false);
    assert.equal(
      !bad.ok && bad.fieldErrors?.criticalDbm,
      'Ambang kritis harus lebih rendah (lebih negatif) dari ambang peringatan.',
    );
    const outOfRange = await executeOperation(signalOps.setSignalThresholdsOp, admin, {
      warningDbm: '5',
      criticalDbm: '-99',
    });
    assert.equal(outOfRange.ok, false);

    const nocCtx = ctxFor(db, w.orgId, w.noc.user.id, 'noc');
    const forbidden = await executeOperation(signalOps.setSignalThresholdsOp, nocCtx, {
      warningDbm: -23,
      criticalDbm: -26,
    });
    assert.equal(!forbidden.ok && forbidden.code, 'forbidden');

    const ok = await executeOperation(signalOps.setSignalThresholdsOp, admin, {
      warningDbm: '-23.5',
      criticalDbm: '-24',
    });
    assert.ok(ok.ok, JSON.stringify(ok));
    const [first] = await db.select().from(onus).where(eq(onus.id, olt.onus[0]!.id));
    assert.equal(first!.level, 'critical');
    const [entry] = await db
      .select()
      .from(auditLogs)
      .where(
        and(eq(auditLogs.organizationId, w.orgId), eq(auditLogs.action, 'organization.signal_thresholds_updated')),
      );
    assert.deepEqual(entry!.data, {
      before: { warningDbm: -25, criticalDbm: -27 },
      after: { warningDbm: -23.5, criticalDbm: -24 },
    });
  });
});
