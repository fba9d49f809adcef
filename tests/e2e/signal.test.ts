import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq, sql } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { odps, onus, organizations, plans, subscriptions, users } from '@/db/schema';
import { convertLead, createLead } from '@/lib/customers/leads';
import { transitionSubscription } from '@/lib/customers/subscriptions';
import { pollOlt } from '@/lib/fibre/snmp/poll';
import { snmpPoller } from '@/lib/fibre/snmp/poller';
import { testDb } from '../helpers';
import { makeSnmpOlt } from '../support/signal-world';
import { onusFor, type SnmpAgentStandIn, startSnmpAgent } from '../support/snmp-agent';
import { newPage, signIn } from './browser';

/**
 * Two customers of the demo ISP somewhere no other test puts anything, each with an ONU on a
 * ZTE OLT whose SNMP agent is the stand-in: Sari's reads −28.4 dBm (critical), Dedi's −19 dBm.
 * The OLT is polled once here, and Sari's ONU gets two days of hourly readings for the chart.
 */
const stamp = String(Date.now()).slice(-6);
const spot = Number(stamp) % 150;
const C = { latitude: -7.05 - spot * 0.004, longitude: 107.5 + spot * 0.004 };
const PEOPLE = [
  { name: `Sari Redaman ${stamp}`, at: { latitude: C.latitude + 0.0002, longitude: C.longitude }, rx: -28.4 },
  { name: `Dedi Sinyal ${stamp}`, at: { latitude: C.latitude - 0.0002, longitude: C.longitude }, rx: -19 },
];
const db = testDb();
let agent: SnmpAgentStandIn;
const customerIds: string[] = [];

before(async () => {
  const [org] = await db.select().from(organizations).where(eq(organizations.slug, 'demo'));
  const [admin] = await db.select().from(users).where(eq(users.email, 'admin@demo.jaring.id'));
  const [plan] = await db
    .select()
    .from(plans)
    .where(and(eq(plans.organizationId, org!.id), eq(plans.name, 'Paket 20 Mbps')));
  const orgId = org!.id;
  const actor = { orgId, actorUserId: admin!.id, ip: null };
  await db.insert(odps).values({
    organizationId: orgId,
    code: `ODP-SINYAL-${stamp}`,
    name: 'Tiang Jl. Sinyal',
    ...C,
    totalPorts: 8,
  });
  const subs: string[] = [];
  for (const [i, p] of PEOPLE.entries()) {
    const { lead } = await createLead(db, {
      ...actor,
      resellerUserId: null,
      input: {
        name: p.name,
        phone: `62813900${stamp}`.slice(0, 13),
        address: `Jl. Sinyal No. ${i + 1}`,
        area: 'RW 12',
        notes: null,
        ...p.at,
        planId: plan!.id,
        billingType: 'postpaid',
      },
    });
    const { customer, subscription } = await convertLead(db, {
      ...actor,
      leadId: lead.id,
      serviceUsername: `sinyal${stamp}${i}`,
      servicePassword: 'rahasia1',
    });
    await db.update(subscriptions).set({ routerId: null }).where(eq(subscriptions.id, subscription.id));
    await transitionSubscription(db, { ...actor, subscriptionId: subscription.id, to: 'active', reason: 'e2e' });
    customerIds.push(customer.id);
    subs.push(subscription.id);
  }
  const list = onusFor('zte', 2);
  agent = await startSnmpAgent({ vendor: 'zte', onus: list });
  const olt = await makeSnmpOlt(db, orgId, { vendor: 'zte', agent, onus: list });
  for (const [i, p] of PEOPLE.entries()) {
    agent.setOnu(list[i]!, { rxPowerDbm: p.rx });
    await db.update(onus).set({ subscriptionId: subs[i]! }).where(eq(onus.id, olt.onus[i]!.id));
  }
  await db.execute(sql`
    insert into onu_readings (organization_id, onu_id, at, state, rx_power_dbm)
    select ${orgId}, ${olt.onus[0]!.id}, now() - make_interval(hours => h), 'working', -26 - h * 0.05
    from generate_series(1, 48) h`);
  const r = await pollOlt(db, snmpPoller(db), { orgId, oltId: olt.olt.id });
  assert.ok(r.ok, JSON.stringify(r));
});
after(() => agent?.close());

const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

async function asNoc(): Promise<Page> {
  const page = await newPage(phone);
  await signIn(page, 'noc@demo.jaring.id');
  await page.getByTestId('org-name').waitFor();
  return page;
}

async function assertNoSideways(page: Page) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 390, `page is ${width}px wide at 390px`);
}

describe('redaman on a phone, in Chromium', () => {
  test("NOC sees a customer's signal card: RX, level in words, state, last read, a 7-day chart, the ONU link", async () => {
    const page = await asNoc();
    await page.goto(`/customers/${customerIds[0]}`);
    const card = page.getByTestId('signal-card');
    await card.waitFor();
    assert.equal(await card.getAttribute('data-level'), 'critical');
    assert.equal((await card.getByTestId('signal-level').innerText()).trim(), 'Kritis');
    assert.equal((await card.getByTestId('signal-rx').innerText()).trim(), '-28,4 dBm');
    assert.match(await card.innerText(), /Status ONU\s*Aktif/);
    assert.match(await card.innerText(), /Dibaca \d/);
    assert.match(await card.innerText(), /Peringatan -25 dBm · kritis -27 dBm/);
    await card.getByTestId('signal-chart').locator('.recharts-line').first().waitFor();
    assert.match((await card.getByTestId('signal-onu-link').getAttribute('href'))!, /^\/olts\/onus\/[0-9a-f-]{36}$/);
    await assertNoSideways(page);

    await page.goto(`/customers/${customerIds[1]}`);
    await page.getByTestId('signal-card').waitFor();
    assert.equal(await page.getByTestId('signal-card').getAttribute('data-level'), 'ok');
    assert.equal((await page.getByTestId('signal-level').innerText()).trim(), 'Baik');
  });

  test('the map colours customers by signal, with a legend, and filters to weak signal', async () => {
    const page = await asNoc();
    await page.goto(`/map?lat=${C.latitude}&lng=${C.longitude}&zoom=18`);
    const marker = (name: string) => page.locator(`.leaflet-marker-icon[title="${name}"]`);
    await marker(PEOPLE[0]!.name).waitFor();
    await page.getByTestId('tool-layers').click();
    await page.getByTestId('layer-signal').check();
    assert.match(await page.getByTestId('signal-legend').innerText(), /Baik[\s\S]*Peringatan[\s\S]*Kritis[\s\S]*LOS/);
    await page.getByTestId('map-card-close').click();
    await marker(PEOPLE[0]!.name).locator('[data-signal=critical]').waitFor();
    await marker(PEOPLE[1]!.name).locator('[data-signal=ok]').waitFor();

    await page.getByTestId('tool-layers').click();
    await page.getByTestId('layer-weakSignalOnly').check();
    await page.getByTestId('map-card-close').click();
    await marker(PEOPLE[1]!.name).waitFor({ state: 'detached' });
    assert.equal(await marker(PEOPLE[0]!.name).count(), 1);

    await marker(PEOPLE[0]!.name).click();
    assert.match(await page.getByTestId('customer-signal').innerText(), /Kritis · -28,4 dBm/);
    // Back as it was for the other map tests in this browser profile.
    await page.getByTestId('map-card-close').click();
    await page.getByTestId('tool-layers').click();
    await page.getByTestId('layer-weakSignalOnly').uncheck();
    await page.getByTestId('layer-signal').uncheck();
  });

  test('the NOC dashboard tile "ONU kritis" links to the ONU list filtered to critical', async () => {
    const page = await asNoc();
    // The dashboard runs every section's queries: on a shared 2-core machine it can take a while.
    await page.goto('/', { timeout: 60_000 });
    const tile = page.getByTestId('stat-onu-critical');
    await tile.waitFor();
    assert.ok(Number((await tile.innerText()).match(/\d+/)?.[0] ?? 0) >= 1);
    assert.equal(await tile.getAttribute('href'), '/olts/onus?level=critical');
    assert.equal(await page.getByTestId('stat-onu-los').getAttribute('href'), '/olts/onus?state=los');
    await assertNoSideways(page);
    await tile.click();
    await page.waitForURL(/\/olts\/onus\?level=critical$/, { timeout: 60_000, waitUntil: 'commit' });
  });
});
