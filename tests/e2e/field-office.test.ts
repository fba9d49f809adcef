import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { makeMember, makeOrg, PASSWORD, testDb } from '../helpers';
import { makeFieldWorld } from '../support/field-office';
import { newPage, signIn } from './browser';

/**
 * The field office on a phone: a technician's dashboard and their own work orders on the map
 * (with the SPK to print), and NOC's map with every visit and the technicians' last positions.
 */
const db = testDb();
const phone = { viewport: { width: 390, height: 844 } };
let w: Awaited<ReturnType<typeof makeFieldWorld>>;
let noc: Awaited<ReturnType<typeof makeMember>>;

before(async () => {
  const { org } = await makeOrg(db, 'e2e-field');
  w = await makeFieldWorld(db, org.id);
  noc = await makeMember(db, org.id, 'noc');
});

const mapUrl = '/map?lat=-6.9&lng=107.6&zoom=15';
const woMarkers = (page: Page) => page.locator('[data-testid=work-order-marker]');
const noSidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

describe('field office on a phone (390 x 844)', () => {
  test("a technician: today's visit on the dashboard, their own pin on the map, its SPK", async () => {
    const page = await newPage(phone);
    await signIn(page, w.tech1.user.email, PASSWORD);
    await page.getByTestId('dashboard-work').waitFor();
    assert.match(await page.getByTestId('stat-wo-today').innerText(), /1/);
    assert.match(await page.getByTestId('stat-wo-done').innerText(), /1/);
    const item = page.getByTestId('dashboard-work-item');
    assert.equal(await item.count(), 1);
    assert.match(await item.innerText(), /Ibu Sari Wulandari[\s\S]*08:00–12:00/);
    assert.ok(await noSidewaysScroll(page), 'the dashboard does not scroll sideways');
    // FIELD_SCREENSHOT=/tmp/x keeps pictures of the pages for a look by eye.
    const shot = (name: string) =>
      process.env.FIELD_SCREENSHOT && page.screenshot({ path: `${process.env.FIELD_SCREENSHOT}-${name}.png` });
    await shot('dashboard');
    assert.doesNotMatch(await page.locator('main').innerText(), /dashboard\.|spk\.|\{\w+\}/, 'no raw key');
    assert.equal(
      await page.getByTestId('stat-wo-today').getAttribute('href'),
      `/work-orders?technicianId=${w.tech1.user.id}&from=${w.today}&to=${w.today}`,
    );

    await page.goto(mapUrl);
    await woMarkers(page).first().waitFor();
    assert.equal(await woMarkers(page).count(), 1, "only their own: not technician 2's repair");
    assert.equal(await page.locator('[data-testid=technician-marker]').count(), 0, 'no positions for a technician');
    await woMarkers(page).first().click();
    const card = page.getByTestId('work-order-card');
    await card.waitFor();
    assert.match(await card.innerText(), /Instalasi[\s\S]*Dikerjakan[\s\S]*Jl\. Melati No\. 7/);
    assert.equal(
      await card.getByTestId('work-order-route').getAttribute('href'),
      'https://www.google.com/maps/dir/?api=1&destination=-6.900000,107.600000',
    );
    assert.equal(
      await card.getByRole('link', { name: 'Buka pekerjaan' }).getAttribute('href'),
      `/work-orders/${w.installation.id}`,
    );
    const box = await card.getByTestId('work-order-route').boundingBox();
    assert.ok(box && box.height >= 44, 'the route link is a full tap target');
    assert.ok(await noSidewaysScroll(page), 'the map card fits the phone');
    await shot('map-card');

    // The SPK: their own prints, another technician's is not found.
    const pdf = await page.request.get(`/api/work-orders/${w.installation.id}/spk`);
    assert.equal(pdf.status(), 200);
    assert.equal(pdf.headers()['content-type'], 'application/pdf');
    assert.equal((await pdf.body()).subarray(0, 5).toString(), '%PDF-');
    assert.equal((await page.request.get(`/api/work-orders/${w.upcoming.id}/spk`)).status(), 404);

    // The layer switches off and on.
    await page.getByTestId('map-card-close').click();
    await page.getByTestId('tool-layers').click();
    await page.getByTestId('layer-workOrders').uncheck();
    await woMarkers(page).first().waitFor({ state: 'detached' });
    await page.getByTestId('layer-workOrders').check();
    await woMarkers(page).first().waitFor();
  });

  test('NOC: every visit, and where each technician last checked in', async () => {
    const page = await newPage(phone);
    await signIn(page, noc.user.email, PASSWORD);
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    await page.goto(mapUrl);
    await woMarkers(page).first().waitFor();
    assert.equal(await woMarkers(page).count(), 2, "today's installation and the upcoming repair");
    const tech = page.locator('[data-testid=technician-marker]');
    assert.equal(await tech.count(), 1, "technician 2's ten-day-old report is not shown");
    await tech.first().click();
    const card = page.getByTestId('technician-card');
    await card.waitFor();
    assert.match(await card.innerText(), /Check-in di lokasi/);
    assert.equal(await card.getByRole('link').getAttribute('href'), `/work-orders/${w.installation.id}`);
    assert.ok(await noSidewaysScroll(page));
  });
});
