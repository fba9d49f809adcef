import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { cables, odps, organizations, plans, subscriptions, users } from '@/db/schema';
import { convertLead, createLead } from '@/lib/customers/leads';
import { transitionSubscription } from '@/lib/customers/subscriptions';
import { saveCable } from '@/lib/infrastructure/cables';
import { testDb } from '../helpers';
import { newPage, signIn } from './browser';

/**
 * A small neighbourhood of the demo ISP, somewhere no other test puts anything: one ODP,
 * three customers around it (active, pending installation, isolated) and a cable north of it.
 */
const stamp = String(Date.now()).slice(-6);
const spot = Number(stamp) % 150;
const C = { latitude: -6.95 - spot * 0.004, longitude: 107.66 + spot * 0.004 };
const at = (dLat: number, dLng: number) => ({
  latitude: Number((C.latitude + dLat).toFixed(6)),
  longitude: Number((C.longitude + dLng).toFixed(6)),
});
const ODP_CODE = `ODP-PETA-${stamp}`;
const CABLE_CODE = `KBL-PETA-${stamp}`;
const PEOPLE = [
  { name: `Budi Peta ${stamp}`, where: at(0.0002, 0), status: 'active' },
  { name: `Ani Pasang ${stamp}`, where: at(0, 0.0003), status: 'pending' },
  { name: `Joko Isolir ${stamp}`, where: at(-0.0002, 0), status: 'isolated' },
] as const;
const mapUrl = `/map?lat=${C.latitude}&lng=${C.longitude}&zoom=18`;
// Opened here, at the top, so the helper's after() hook closes it after every test.
const db = testDb();
let customerIds: string[] = [];
let cableId = '';

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
    code: ODP_CODE,
    name: 'Tiang Jl. Peta',
    ...C,
    totalPorts: 8,
    splitterRatio: '1:8',
    area: 'RW 11',
  });
  customerIds = [];
  for (const [i, p] of PEOPLE.entries()) {
    const { lead } = await createLead(db, {
      ...actor,
      resellerUserId: null,
      input: {
        name: p.name,
        phone: `62812900${stamp}`.slice(0, 13),
        address: `Jl. Peta No. ${i + 1}`,
        area: 'RW 11',
        notes: null,
        ...p.where,
        planId: plan!.id,
        billingType: 'postpaid',
      },
    });
    // The lead's coverage names the new ODP, so each subscription takes one of its ports.
    const { customer, subscription } = await convertLead(db, {
      ...actor,
      leadId: lead.id,
      serviceUsername: `peta${stamp}${i}`,
      servicePassword: 'rahasia1',
    });
    // Off any router: the routers test may add one to the demo ISP meanwhile, and an active
    // customer on a router without their session is drawn as offline.
    await db.update(subscriptions).set({ routerId: null }).where(eq(subscriptions.id, subscription.id));
    for (const to of { active: ['active'], pending: [], isolated: ['active', 'isolated'] }[p.status] as (
      | 'active'
      | 'isolated'
    )[]) {
      await transitionSubscription(db, { ...actor, subscriptionId: subscription.id, to, reason: 'e2e' });
    }
    customerIds.push(customer.id);
  }
  const cable = await saveCable(db, {
    ...actor,
    input: {
      code: CABLE_CODE,
      name: 'Distribusi Jl. Peta',
      cableType: 'distribution',
      coreCount: 24,
      // Straight west to east, 60 m north of the ODP: a tap on its middle hits nothing else.
      path: [
        [C.latitude + 0.0006, C.longitude - 0.0005],
        [C.latitude + 0.0006, C.longitude + 0.0005],
      ],
      area: null,
      notes: null,
    },
  });
  cableId = cable.id;
});

const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const marker = (page: Page, title: string) => page.locator(`.leaflet-marker-icon[title="${title}"]`);

async function openMap(email: string) {
  const page = await newPage(phone);
  await signIn(page, email);
  await page.getByTestId('org-name').waitFor();
  await page.goto(mapUrl);
  await marker(page, ODP_CODE).waitFor();
  return page;
}

async function closeCard(page: Page) {
  await page.getByTestId('map-card-close').click();
  await page.getByTestId('map-card').waitFor({ state: 'detached' });
}

/** A tap on the map `dx`, `dy` pixels from its centre (the map opens centred on the ODP). */
async function tapMap(page: Page, dx: number, dy: number) {
  const box = (await page.locator('.leaflet-container').boundingBox())!;
  await page.mouse.click(box.x + box.width / 2 + dx, box.y + box.height / 2 + dy);
}

describe('network map, in Chromium on a phone', () => {
  test('NOC sees customers by status, the ODP with its ports and the cable; each opens a card with a link', async () => {
    const page = await openMap('noc@demo.jaring.id');
    for (const p of PEOPLE) {
      await marker(page, p.name).locator(`[data-status=${p.status}]`).waitFor();
    }
    assert.equal(await marker(page, ODP_CODE).innerText(), '3/8');

    await marker(page, PEOPLE[0].name).click();
    const card = page.getByTestId('map-card');
    await card.getByRole('heading', { name: PEOPLE[0].name }).waitFor();
    assert.match(await card.innerText(), /Aktif[\s\S]*Paket 20 Mbps[\s\S]*ODP-PETA-\d+[\s\S]*Jl\. Peta No\. 1/);
    assert.equal(
      await card.getByRole('link', { name: 'Buka pelanggan' }).getAttribute('href'),
      `/customers/${customerIds[0]}`,
    );
    await closeCard(page);

    await marker(page, ODP_CODE).click();
    await card.getByTestId('odp-ports').getByText('3/8 port terpakai, 5 kosong').waitFor();
    assert.match(await card.innerText(), /1:8[\s\S]*RW 11/);
    assert.match(
      (await card.getByRole('link', { name: 'Buka ODP' }).getAttribute('href'))!,
      /^\/network\/odps\/[0-9a-f-]{36}$/,
    );
    await closeCard(page);

    // A straight east-west line has no height for Playwright's visibility check: tap its middle
    // as a thumb would (the invisible 18 px hit line around it takes the tap).
    // Closing a card may still be panning the map back: tap where the line is once it stays put.
    const cableLine = page.locator(`path.map-cable-${cableId}`);
    let line = (await cableLine.boundingBox())!;
    for (let i = 0, settledFor = 0; settledFor < 3 && i < 40; i++) {
      await page.waitForTimeout(150);
      const now = (await cableLine.boundingBox())!;
      settledFor = now.x === line.x && now.y === line.y ? settledFor + 1 : 0;
      line = now;
    }
    await page.mouse.click(line.x + line.width / 2, line.y + line.height / 2 + 4);
    await card.getByRole('heading', { name: CABLE_CODE }).waitFor();
    assert.match(await card.innerText(), /Distribusi[\s\S]*24[\s\S]*1\d\d m/);
    assert.equal(
      await card.getByRole('link', { name: 'Buka kabel' }).getAttribute('href'),
      `/network/cables/${cableId}`,
    );
    await closeCard(page);

    // "Installations only" leaves just the customer waiting for a technician.
    await page.getByTestId('tool-layers').click();
    await page.getByTestId('layer-pendingOnly').check();
    await closeCard(page);
    await marker(page, PEOPLE[0].name).waitFor({ state: 'detached' });
    assert.equal(await marker(page, PEOPLE[1].name).count(), 1);
    await page.getByTestId('tool-layers').click();
    await page.getByTestId('layer-pendingOnly').uncheck();
    await closeCard(page);
    await marker(page, PEOPLE[0].name).waitFor();
  });

  test('search finds the ODP, flies there and opens its card', async () => {
    const page = await newPage(phone);
    await signIn(page, 'noc@demo.jaring.id');
    await page.getByTestId('org-name').waitFor();
    // Start somewhere else: the search has to bring the map to the ODP.
    await page.goto('/map?lat=-6.2&lng=106.8&zoom=16');
    await page.getByTestId('map-search').fill(ODP_CODE);
    await page.getByTestId('map-search-result').filter({ hasText: ODP_CODE }).click();
    const card = page.getByTestId('map-card');
    await card.getByRole('heading', { name: ODP_CODE }).waitFor();
    await card.getByText('3/8 port terpakai, 5 kosong').waitFor();
    await marker(page, ODP_CODE).waitFor();
  });

  test('sales checks coverage on a view-only map: the radius, the nearest ODP and its distance', async () => {
    const page = await openMap('sales@demo.jaring.id');
    assert.equal(await page.getByTestId('map-edit').count(), 0, 'sales cannot edit the map');
    await page.getByTestId('tool-coverage').click();
    await tapMap(page, -80, 60);
    const card = page.getByTestId('map-card');
    await card
      .getByTestId('coverage')
      .getByText(new RegExp(`Terjangkau: ODP ${ODP_CODE} berjarak \\d+ m`))
      .waitFor();
    const nearest = await card.getByTestId('coverage-nearest').innerText();
    assert.match(nearest, new RegExp(`${ODP_CODE}[\\s\\S]*\\d+ m · 5 port kosong`));
    // The distance is also written on the line drawn to the ODP.
    await page
      .locator('.leaflet-tooltip')
      .filter({ hasText: /^\d+ m$/ })
      .first()
      .waitFor();
    assert.equal(await card.getByRole('link', { name: 'Daftarkan calon pelanggan di sini' }).count(), 1);
  });

  test('NOC adds an ODP by tapping the map, then moves it by dragging (with a confirmation)', async () => {
    const page = await openMap('noc@demo.jaring.id');
    await page.getByTestId('map-edit').click();
    await page.getByTestId('tool-add-odp').click();
    await tapMap(page, 90, -60);
    const card = page.getByTestId('map-card');
    const code = `ODP-BARU-${stamp}`;
    // A missing code is named next to its field.
    await card.getByLabel('Nama / lokasi').fill('Tiang baru Jl. Peta');
    await page.getByTestId('save-new-odp').click();
    await card.getByRole('alert').first().waitFor();
    await card.getByLabel('Kode').fill(code);
    await page.getByTestId('save-new-odp').click();
    await card.getByText(`ODP ${code} disimpan.`).waitFor();
    const added = marker(page, code);
    await added.waitFor();
    assert.equal(await added.innerText(), '0/8');
    await closeCard(page);
    const [saved] = await db.select().from(odps).where(eq(odps.code, code));

    const box = (await added.boundingBox())!;
    const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
    await page.mouse.move(x, y);
    await page.mouse.down();
    await page.mouse.move(x + 20, y + 20, { steps: 5 });
    await page.mouse.move(x + 40, y + 40, { steps: 5 });
    await page.mouse.up();
    await card.getByText(new RegExp(`^Pindahkan ${code} ke -?\\d+\\.\\d+, \\d+\\.\\d+\\?$`)).waitFor();
    await page.getByTestId('move-confirm-yes').click();
    await card.getByText(`${code} dipindahkan.`).waitFor();
    const [moved] = await db.select().from(odps).where(eq(odps.code, code));
    assert.ok(
      moved!.latitude < saved!.latitude && moved!.longitude > saved!.longitude,
      'dragged down and right: moved south-east',
    );
  });

  test('NOC draws a cable from the ODP: a tap on the ODP starts the cable exactly there', async () => {
    const page = await openMap('noc@demo.jaring.id');
    await page.getByTestId('map-edit').click();
    await page.getByTestId('tool-draw-cable').click();
    // With a tool on, tapping a marker does not open its card: the point snaps to the marker.
    await marker(page, ODP_CODE).click();
    assert.equal(await page.getByTestId('map-card').getByTestId('draw-panel').count(), 1);
    await tapMap(page, -100, 40);
    await page
      .getByTestId('draw-length')
      .getByText(/^2 titik · \d+ m$/)
      .waitFor();
    await page.getByTestId('draw-finish').click();
    const card = page.getByTestId('map-card');
    const code = `KBL-GAMBAR-${stamp}`;
    await card.getByLabel('Kode').fill(code);
    await card.getByLabel('Nama / lokasi').fill('Drop ke rumah');
    await card.getByLabel('Jenis kabel').selectOption({ label: 'Drop' });
    await page.getByTestId('save-new-cable').click();
    await card.getByText(`Kabel ${code} disimpan.`).waitFor();
    const [saved] = await db.select().from(cables).where(eq(cables.code, code));
    const [lat, lng] = saved!.path[0]!;
    assert.ok(
      Math.abs(lat - C.latitude) < 1e-6 && Math.abs(lng - C.longitude) < 1e-6,
      `starts at the ODP, not at ${lat}, ${lng}`,
    );
    assert.equal(saved!.path.length, 2);
  });
});
