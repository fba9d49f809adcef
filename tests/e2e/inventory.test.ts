import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq, inArray } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { stockMoves, stockUnits, subscriptions, workOrders } from '@/db/schema';
import { makeMember, PASSWORD, POLE, testDb, waitFor } from '../helpers';
import { writeQrVideo } from '../support/fake-video';
import { makeFieldWorld } from '../support/field';
import { makeStockWorld } from '../support/inventory-moves';
import { type RouterOsServer, startRouterOsServer } from '../support/routeros-server';
import { APP_URL, launchChromium, settled, signIn } from './browser';

const db = testDb();
const HOUSE = { latitude: POLE.latitude + 0.0005, longitude: POLE.longitude };
const PREFIX = `ZTEGE${Date.now().toString(16).toUpperCase().slice(-6)}`;

let router: RouterOsServer;
let browser: Browser | undefined;
before(async () => {
  router = await startRouterOsServer();
});
after(async () => {
  await browser?.close();
  await router?.close();
});

async function phone(b: Browser): Promise<Page> {
  const context = await b.newContext({
    baseURL: APP_URL,
    locale: 'id-ID',
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    geolocation: HOUSE,
    permissions: ['geolocation', 'camera'],
  });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  return page;
}

async function assertNoSideways(page: Page) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 390, `page is ${width}px wide at 390px`);
}

describe('inventory on a phone, in Chromium', () => {
  test('the warehouse scans three modems into a bag, the technician installs one, its history shows all three steps', async () => {
    const w = await makeFieldWorld(db, router, 'inv-e2e');
    // The work order needs no photos here: the field app's own test covers them.
    await db.update(workOrders).set({ requiredPhotos: 0, checklist: [] }).where(eq(workOrders.id, w.wo.id));
    const stock = await makeStockWorld(db, w.org.id, w.admin.user.id, {
      units: 4,
      prefix: PREFIX,
      technicianUserId: w.technician.user.id,
    });
    const keeper = await makeMember(db, w.org.id, 'warehouse');
    const three = stock.units.slice(0, 3);
    // The camera films the bag's QR label, then the three modems' labels, one after another.
    browser = await launchChromium([
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      `--use-file-for-fake-video-capture=${writeQrVideo([stock.bag.code, ...three.map((u) => u.serial)])}`,
    ]);

    // 1. The warehouse worker, on a phone: the bottom bar's scan page, the camera on.
    const wh = await phone(browser);
    await signIn(wh, keeper.user.email, PASSWORD);
    await wh.getByTestId('org-name').waitFor();
    await wh.locator('a[href="/inventory/transfer"]:visible').first().click();
    await wh.getByTestId('transfer-form').waitFor();
    await settled(wh);
    await wh.getByTestId('scan-camera').click();
    await waitFor(async () => (await wh.getByTestId('transfer-unit').count()) === 3, 60_000, 250);
    await waitFor(
      async () => (await wh.getByTestId('transfer-destination').inputValue()) === stock.bag.id,
      30_000,
      250,
    );
    // The labels keep coming round: a second read of a listed serial is refused with a beep.
    await wh
      .getByTestId('scan-feedback')
      .locator('[data-ok="false"]')
      .filter({ hasText: 'Sudah ada di daftar' })
      .first()
      .waitFor({ timeout: 30_000 });
    await wh.getByTestId('scan-camera').click();
    const listed = await wh.getByTestId('transfer-units').innerText();
    for (const u of three) assert.ok(listed.includes(u.serial), u.serial);
    await assertNoSideways(wh);
    await wh.getByTestId('transfer-submit').click();
    await wh.getByTestId('transfer-done').waitFor();
    assert.match(await wh.getByTestId('transfer-done').innerText(), /^3 unit/);
    const inBag = await db
      .select({ id: stockUnits.id })
      .from(stockUnits)
      .where(
        and(
          inArray(
            stockUnits.id,
            three.map((u) => u.id),
          ),
          eq(stockUnits.locationId, stock.bag.id),
        ),
      );
    assert.equal(inBag.length, 3);

    // 2. The technician installs the second one from today's work order in the field app.
    const installed = three[1]!;
    const tech = await phone(browser);
    await signIn(tech, w.technician.user.email, PASSWORD);
    await tech.getByTestId('org-name').waitFor();
    await tech.goto('/tech');
    await tech.getByTestId('tech-title').waitFor();
    await settled(tech);
    const card = tech.getByTestId('wo-today').getByTestId('wo-card').filter({ hasText: 'SPK-000001' });
    await card.locator('button').first().click();
    await tech.getByTestId('wo-detail').waitFor();
    await tech.getByTestId('step-check-in').click();
    await tech.getByTestId('checked-in').waitFor();
    await tech.getByTestId('signature-pad').scrollIntoViewIfNeeded();
    const pad = (await tech.getByTestId('signature-pad').boundingBox())!;
    await tech.mouse.move(pad.x + 30, pad.y + pad.height / 2);
    await tech.mouse.down();
    for (let i = 1; i <= 12; i++)
      await tech.mouse.move(pad.x + 30 + i * 22, pad.y + pad.height / 2 + (i % 2 ? -25 : 25), { steps: 3 });
    await tech.mouse.up();
    await tech.getByTestId('signature-save').click();
    await tech.getByTestId('signature-done').waitFor();
    await tech.getByTestId('queue-badge').waitFor({ state: 'detached', timeout: 30_000 });
    await tech.getByTestId('finish-serial').fill(installed.serial);
    // The work order is read again once the outbox sent the signature: the page may move under
    // the tap, so a tap that landed beside the button is tapped again.
    const confirm = tech.getByTestId('finish-confirm');
    for (let tap = 0; tap < 4 && !(await confirm.isVisible()); tap++) {
      await tech.getByTestId('finish-submit').click();
      await confirm.waitFor({ timeout: 5_000 }).catch(() => undefined);
    }
    if (!(await confirm.isVisible())) assert.fail(`no confirm: ${await tech.getByTestId('finish-form').innerText()}`);
    await confirm.click();
    await tech.getByTestId('wo-finished').waitFor();
    await tech.getByTestId('queue-badge').waitFor({ state: 'detached', timeout: 30_000 });
    assert.equal(await tech.getByTestId('queue-problem').count(), 0);
    const [unit] = await db.select().from(stockUnits).where(eq(stockUnits.id, installed.id));
    assert.equal(unit!.locationId === stock.bag.id, false, 'the unit left the bag');
    const [sub] = await db.select().from(subscriptions).where(eq(subscriptions.id, w.subscription.id));
    assert.equal(sub!.deviceMac, unit!.mac, "the modem's MAC is on the subscription");

    // 3. Its asset history, found by serial: received, transferred to the bag, installed on SPK-000001.
    await wh.goto('/inventory/units');
    await wh.getByPlaceholder('Cari nomor seri, MAC atau pelanggan').fill(installed.serial);
    await wh.getByPlaceholder('Cari nomor seri, MAC atau pelanggan').press('Enter');
    await wh.getByTestId('unit-row').first().waitFor();
    assert.equal(await wh.getByTestId('unit-row').count(), 1);
    await wh.getByTestId('unit-row').getByRole('link', { name: installed.serial }).click();
    await wh.getByTestId('unit-history').waitFor();
    const entries = wh.getByTestId('history-entry');
    assert.deepEqual(await entries.evaluateAll((els) => els.map((e) => e.getAttribute('data-kind'))), [
      'receive',
      'transfer',
      'install',
    ]);
    assert.match(await entries.nth(0).innerText(), /Diterima/);
    assert.match(await entries.nth(1).innerText(), /Dipindahkan/);
    assert.match(await entries.nth(1).innerText(), new RegExp(keeper.user.name));
    const install = await entries.nth(2).innerText();
    assert.match(install, /Dipasang/);
    assert.match(install, /SPK-000001/);
    assert.match(install, new RegExp(w.customer.name));
    assert.match(install, new RegExp(w.technician.user.name));
    assert.match(await wh.getByTestId('unit-location').innerText(), new RegExp(w.customer.name));
    await assertNoSideways(wh);
    const moves = await db
      .select({ kind: stockMoves.kind, workOrderId: stockMoves.workOrderId })
      .from(stockMoves)
      .where(eq(stockMoves.unitId, installed.id))
      .orderBy(stockMoves.id);
    assert.deepEqual(
      moves.map((m) => m.kind),
      ['receive', 'transfer', 'install'],
    );
    assert.equal(moves[2]!.workOrderId, w.wo.id);
  });
});
