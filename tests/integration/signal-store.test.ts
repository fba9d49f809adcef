import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { onuReadings, onus, organizations } from '@/db/schema';
import { latestSignal, pruneReadings, signalHistory, storeReadings } from '@/lib/fibre/signal';
import { snmpPoller } from '@/lib/fibre/snmp/poller';
import { makeOrg, makePlan, makeSubscriber, testDb } from '../helpers';
import { makeSnmpOlt } from '../support/signal-world';
import { onusFor, type SnmpAgentStandIn, startSnmpAgent } from '../support/snmp-agent';

const db = testDb();
let agent: SnmpAgentStandIn;
const agentOnus = onusFor('zte', 6);

before(async () => {
  agent = await startSnmpAgent({ vendor: 'zte', onus: agentOnus });
});
after(() => agent.close());

describe('storing a poll', () => {
  test('state, RX, level by the organization thresholds, and one reading per ONU', async () => {
    const { org } = await makeOrg(db, 'signal-store');
    await db.update(organizations).set({ onuWarningDbm: -24, onuCriticalDbm: -26 }).where(eq(organizations.id, org.id));
    // Five of the agent's six ONUs are registered in Jaring; the sixth is ignored.
    const w = await makeSnmpOlt(db, org.id, { vendor: 'zte', agent, onus: agentOnus.slice(0, 5) });
    const plan = await makePlan(db, org.id);
    const { subscription } = await makeSubscriber(db, org.id, { planId: plan.id, routerId: null });
    await db.update(onus).set({ subscriptionId: subscription.id }).where(eq(onus.id, w.onus[1]!.id));
    agent.setOnu(agentOnus[1]!, { rxPowerDbm: -24.5 });
    agent.setOnu(agentOnus[2]!, { rxPowerDbm: -27.1 });
    agent.setOnu(agentOnus[3]!, { state: 'los' });

    const readings = await snmpPoller(db).poll({ orgId: org.id, oltId: w.olt.id });
    assert.equal(readings.length, 6);
    const at = new Date('2026-12-07T01:00:00Z');
    assert.deepEqual(await storeReadings(db, { orgId: org.id, oltId: w.olt.id, readings, at }), {
      stored: 5,
      changed: 5,
    });

    const rows = await db.select().from(onus).where(eq(onus.oltId, w.olt.id)).orderBy(onus.onuIndex);
    assert.deepEqual(
      rows.map((r) => [r.onuIndex, r.state, r.rxPowerDbm, r.level]),
      [
        [1, 'working', -20, 'ok'],
        [2, 'working', -24.5, 'warning'],
        [3, 'working', -27.1, 'critical'],
        [4, 'los', null, null],
        [5, 'working', -20, 'ok'],
      ],
    );
    assert.equal(rows[3]!.stateChangedAt?.toISOString(), at.toISOString());
    const stored = await db.select().from(onuReadings).where(eq(onuReadings.organizationId, org.id));
    assert.equal(stored.length, 5);

    const latest = await latestSignal(db, { orgId: org.id, subscriptionId: subscription.id });
    assert.equal(latest?.rxPowerDbm, -24.5);
    assert.equal(latest?.level, 'warning');
    assert.equal(latest?.ponPort, 'gpon-olt_1/1/1');

    // A second poll an hour later: nothing changed state, so state_changed_at stays.
    const later = new Date('2026-12-07T02:00:00Z');
    assert.deepEqual(await storeReadings(db, { orgId: org.id, oltId: w.olt.id, readings, at: later }), {
      stored: 5,
      changed: 0,
    });
    const [los] = await db
      .select()
      .from(onus)
      .where(and(eq(onus.id, rows[3]!.id)));
    assert.equal(los!.stateChangedAt?.toISOString(), at.toISOString());
    const history = await signalHistory(db, { orgId: org.id, onuId: rows[1]!.id, now: later });
    assert.deepEqual(
      history.map((h) => [h.at, h.rxPowerDbm, h.down]),
      [
        ['2026-12-07T01:00:00.000Z', -24.5, false],
        ['2026-12-07T02:00:00.000Z', -24.5, false],
      ],
    );

    // Another organization's subscription id reads nothing here.
    const other = await makeOrg(db, 'signal-store-other');
    assert.equal(await latestSignal(db, { orgId: other.org.id, subscriptionId: subscription.id }), null);

    // Readings past 30 days are pruned.
    await pruneReadings(db, { now: new Date('2027-01-06T01:30:00Z') });
    const left = await db.select().from(onuReadings).where(eq(onuReadings.organizationId, org.id));
    assert.equal(left.length, 5);
  });
});
