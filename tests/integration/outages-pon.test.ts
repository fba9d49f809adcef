import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, describe, test } from 'node:test';
import { and, eq, sql } from 'drizzle-orm';
import { outages, sessionDrops, subscriptions } from '@/db/schema';
import { pollOlt } from '@/lib/fibre/snmp/poll';
import { snmpPoller } from '@/lib/fibre/snmp/poller';
import { countAffected } from '@/lib/outages/affected';
import { detectOutages } from '@/lib/outages/detection';
import { searchElements } from '@/lib/outages/element-search';
import * as ops from '@/lib/outages/operations';
import { outagesPass } from '@/lib/outages/tick';
import { executeOperation } from '@/lib/server/operation';
import { ctxFor, makeOrg, makePlan, testDb } from '../helpers';
import { idOf, seedTopology } from '../support/outage-world';
import { makeSnmpOlt } from '../support/signal-world';
import { onusFor, type SnmpAgentStandIn, startSnmpAgent } from '../support/snmp-agent';

const db = testDb();
const agents: SnmpAgentStandIn[] = [];
after(async () => {
  for (const a of agents) await a.close();
});

/**
 * One OLT with two PON ports of 8 ONUs each: port 1 feeds ODC-1-1 (ODPs 1-1-1, 1-1-2, four
 * customers each), port 2 feeds ODC-1-2. Each customer's ONU is on their ODC's port, in
 * customer-number order.
 */
async function world(label: string) {
  const { org, admin } = await makeOrg(db, label);
  const plan = await makePlan(db, org.id);
  await seedTopology(db, { orgId: org.id, planId: plan.id, olts: 1, odcsPerOlt: 2, odpsPerOdc: 2, subsPerOdp: 4 });
  const list = onusFor('zte', 256).filter((o) => o.onuIndex <= 8 && o.slot === 1 && o.port <= 2);
  const agent = await startSnmpAgent({ vendor: 'zte', onus: list });
  agents.push(agent);
  const olt = await makeSnmpOlt(db, org.id, { vendor: 'zte', agent, onus: list });
  const port = (n: number) => olt.ports.find((p) => p.port === n)!.id;
  await db.execute(sql`update infra_sites set pon_port_id = case code when 'ODC-1-1' then ${port(1)}::uuid else ${port(2)}::uuid end
                       where organization_id = ${org.id} and code in ('ODC-1-1', 'ODC-1-2')`);
  await db.execute(sql`
    with subs as (select s.id, row_number() over (order by c.number) as n from subscriptions s
                  join customers c on c.id = s.customer_id where s.organization_id = ${org.id}),
         ns as (select n.id, row_number() over (order by pp.port, n.onu_index) as n from onus n
                join olt_pon_ports pp on pp.id = n.pon_port_id where n.organization_id = ${org.id})
    update onus o set subscription_id = subs.id from ns join subs on subs.n = ns.n where o.id = ns.id`);
  const poll = () => pollOlt(db, snmpPoller(db), { orgId: org.id, oltId: olt.olt.id });
  await poll();
  return { orgId: org.id, admin, agent, list, port, poll };
}

const detected = (orgId: string) =>
  db
    .select()
    .from(outages)
    .where(and(eq(outages.organizationId, orgId), eq(outages.source, 'detected')));

describe('fibre-cut detection from ONU LOS', () => {
  test("a PON port's customers: the ONUs on it and the ODCs/ODPs it feeds", async () => {
    const w = await world('pon-affected');
    const affected = await countAffected(db, { orgId: w.orgId, element: { type: 'pon_port', id: w.port(1) } });
    assert.deepEqual(affected, { subscriptions: 8, customers: 8 });
    // NOC finds the port by its name to mark it down by hand; another organization finds nothing.
    const found = await searchElements(db, { orgId: w.orgId, type: 'pon_port', q: 'gpon-olt_1/1/2' });
    assert.deepEqual(
      found.map((f) => f.id),
      [w.port(2)],
    );
    const other = await makeOrg(db, 'pon-affected-other');
    assert.deepEqual(await searchElements(db, { orgId: other.org.id, type: 'pon_port', q: 'gpon' }), []);
  });

  test('most ONUs of one PON port go LOS → one proposed PON-port outage, never twice, not again per ODP', async () => {
    const w = await world('pon-cut');
    for (const onu of w.list.filter((o) => o.port === 1).slice(0, 6)) w.agent.setOnu(onu, { state: 'los' });
    await w.poll();
    const first = await detectOutages(db, { orgId: w.orgId });
    assert.equal(first.proposed.length, 1);
    const [o] = await detected(w.orgId);
    assert.equal(o!.elementType, 'pon_port');
    assert.equal(o!.elementId, w.port(1));
    assert.match(o!.elementLabel, /^OLT-\w+ · gpon-olt_1\/1\/1$/);
    assert.equal(o!.affectedCount, 8);
    assert.deepEqual(
      {
        signal: (o!.evidence as Record<string, unknown>).signal,
        offline: (o!.evidence as Record<string, unknown>).offline,
      },
      { signal: 'onu_los', offline: 6 },
    );
    // The next minutes, the next poll: the same fault is not proposed again, by port or by ODP.
    await w.poll();
    assert.deepEqual((await detectOutages(db, { orgId: w.orgId })).proposed, []);
    assert.equal((await detected(w.orgId)).length, 1);

    // NOC dismisses it as a false alarm: detection stays quiet about that port.
    const ctx = ctxFor(db, w.orgId, w.admin.user.id, 'admin');
    const r = await executeOperation(ops.dismissOutageOp, ctx, { outageId: o!.id });
    assert.ok(r.ok, JSON.stringify(r));
    assert.deepEqual((await detectOutages(db, { orgId: w.orgId })).proposed, []);
  });

  test('an organization with OLTs and no router: the minute pass still finds the cut PON port', async () => {
    const w = await world('pon-no-router');
    for (const onu of w.list.filter((o) => o.port === 1).slice(0, 6)) w.agent.setOnu(onu, { state: 'los' });
    await w.poll();
    const pass = await outagesPass(db, { orgIds: [w.orgId] });
    assert.deepEqual([pass.proposed, pass.failed], [1, 0]);
    const [o] = await detected(w.orgId);
    assert.equal(o!.elementType, 'pon_port');
  });

  test('three of one ODP’s four customers LOS (too few for the port) → the ODP is proposed', async () => {
    const w = await world('pon-odp');
    // Port 2 feeds ODC-1-2; its first four ONUs are ODP-1-2-1's customers.
    for (const onu of w.list.filter((o) => o.port === 2).slice(0, 3)) w.agent.setOnu(onu, { state: 'los' });
    // A dying gasp is the customer's power, not the fibre: it does not count.
    w.agent.setOnu(w.list.filter((o) => o.port === 2)[4]!, { state: 'dying_gasp' });
    await w.poll();
    const found = await detectOutages(db, { orgId: w.orgId });
    assert.equal(found.proposed.length, 1);
    const [o] = await detected(w.orgId);
    assert.equal(o!.elementType, 'odp');
    assert.equal(o!.elementId, await idOf(db, w.orgId, 'ODP-1-2-1'));
    assert.equal((o!.evidence as Record<string, unknown>).offline, 3);
    assert.equal((o!.evidence as Record<string, unknown>).total, 4);
  });

  test('a power cut: sessions drop on one ODP but the ONUs said dying gasp → no outage proposed', async () => {
    const w = await world('pon-blackout');
    // ODP-1-2-1's four customers: their ONUs lose power, and their sessions vanish from the router.
    const onusOfOdp = w.list.filter((o) => o.port === 2).slice(0, 4);
    for (const onu of onusOfOdp) w.agent.setOnu(onu, { state: 'dying_gasp' });
    await w.poll();
    const odp = await idOf(db, w.orgId, 'ODP-1-2-1');
    const subs = await db
      .select({ id: subscriptions.id })
      .from(subscriptions)
      .where(and(eq(subscriptions.organizationId, w.orgId), eq(subscriptions.odpId, odp)));
    assert.equal(subs.length, 4);
    const routerId = randomUUID();
    await db.insert(sessionDrops).values(
      subs.map((s) => ({
        organizationId: w.orgId,
        routerId,
        subscriptionId: s.id,
        droppedAt: new Date(Date.now() - 3 * 60_000),
      })),
    );
    assert.deepEqual((await detectOutages(db, { orgId: w.orgId })).proposed, []);
    // The same drops with the ONUs in LOS are a fault: the control that the drops alone would propose.
    for (const onu of onusOfOdp) w.agent.setOnu(onu, { state: 'los' });
    await w.poll();
    assert.equal((await detectOutages(db, { orgId: w.orgId })).proposed.length, 1);
  });

  test('one ONU in LOS is a customer’s problem, not an outage', async () => {
    const w = await world('pon-single');
    w.agent.setOnu(w.list[0]!, { state: 'los' });
    await w.poll();
    assert.deepEqual((await detectOutages(db, { orgId: w.orgId })).proposed, []);
  });
});
