import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, count, eq } from 'drizzle-orm';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  inventoryItems,
  stockLocations,
  stockMoves,
  stockUnits,
  subscriptions,
  workOrderEvents,
  workOrderPhotos,
  workOrders,
  workOrderTechnicians,
} from '@/db/schema';
import { moveUnits, receiveUnits } from '@/lib/inventory/ledger';
import { ensureTechnicianBag } from '@/lib/inventory/places';
import { makeMember, PASSWORD, POLE, testDb, waitFor } from '../helpers';
import { writeQrVideo } from '../support/fake-video';
import { makeFieldWorld } from '../support/field';
import { type RouterOsServer, startRouterOsServer } from '../support/routeros-server';
import { APP_URL, launchChromium, settled, signIn } from './browser';

const db = testDb();
// The phone's position at the customer's house, as the fake GPS reports it.
const HOUSE = { latitude: POLE.latitude + 0.0005, longitude: POLE.longitude };
const SERIAL = `ZTEGC${Date.now().toString(16).toUpperCase().slice(-8)}`;

let router: RouterOsServer;
let browser: Browser;
before(async () => {
  router = await startRouterOsServer();
  // Chromium's fake camera films a QR code of the modem's serial (a Y4M made now, not a
  // committed binary); the photos are frames of the same camera.
  browser = await launchChromium([
    '--use-fake-device-for-media-stream',
    '--use-fake-ui-for-media-stream',
    `--use-file-for-fake-video-capture=${writeQrVideo(SERIAL)}`,
  ]);
});
after(async () => {
  await browser?.close();
  await router?.close();
});

async function phone(): Promise<{ page: Page; context: BrowserContext }> {
  const context = await browser.newContext({
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
  const goto = page.goto.bind(page);
  page.goto = (url, options) => goto(url, { waitUntil: 'networkidle', ...options });
  return { page, context };
}

async function assertNoSideways(page: Page) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 390, `page is ${width}px wide at 390px`);
}

/** From the dashboard's bar into the app, then today's installation. */
async function openTodaysInstallation(page: Page, email: string) {
  await signIn(page, email, PASSWORD);
  await page.getByTestId('org-name').waitFor();
  await page.locator('a[href="/tech"]:visible').first().click();
  await page.getByTestId('tech-title').waitFor();
  await settled(page);
  const card = page.getByTestId('wo-today').getByTestId('wo-card').filter({ hasText: 'SPK-000001' });
  await card.waitFor();
  assert.match(await card.innerText(), /Pemasangan/);
  assert.match(
    (await card.getByTestId('wo-route').getAttribute('href'))!,
    /^https:\/\/www\.google\.com\/maps\/dir\/\?api=1&destination=-6\.91/,
  );
  await assertNoSideways(page);
  await card.locator('button').first().click();
  await page.getByTestId('wo-detail').waitFor();
  await assertNoSideways(page);
}

/** Waits until the outbox is empty (the badge gone). */
async function sent(page: Page) {
  await page.getByTestId('queue-badge').waitFor({ state: 'detached', timeout: 30_000 });
}

/** Check-in, checklist, two photos from the camera, the customer's signature. */
async function doTheVisit(page: Page) {
  await page.getByTestId('step-check-in').click();
  await page.getByTestId('checked-in').waitFor();
  for (const box of await page.getByTestId('checklist-item').all()) {
    await box.click();
    await waitFor(() => box.isChecked());
  }
  await page.getByTestId('photo-open').click();
  await page.getByTestId('photo-take').click();
  await page.getByTestId('photo-count').getByText('1 dari 2 foto wajib').waitFor();
  await page.getByTestId('photo-take').click();
  await page.getByTestId('photo-count').getByText('2 dari 2 foto wajib').waitFor();
  await page.getByTestId('signature-pad').scrollIntoViewIfNeeded();
  const pad = (await page.getByTestId('signature-pad').boundingBox())!;
  await page.mouse.move(pad.x + 30, pad.y + pad.height / 2);
  await page.mouse.down();
  for (let i = 1; i <= 12; i++)
    await page.mouse.move(pad.x + 30 + i * 22, pad.y + pad.height / 2 + (i % 2 ? -25 : 25), { steps: 3 });
  await page.mouse.up();
  await page.getByTestId('signature-save').click();
  await page.getByTestId('signature-done').waitFor();
  await assertNoSideways(page);
}

/** Scans the serial from the fake camera into the finish form. */
async function scanSerial(page: Page) {
  // The page may still move when the tap comes (the work order re-read after the outbox
  // sent, a note just added above): a tap that landed beside the button is tapped again.
  // The fake camera can read before the scanner is seen open, so the filled field counts too.
  const scanner = page.getByTestId('scanner');
  const filled = async () => (await page.getByTestId('finish-serial').inputValue()) === SERIAL;
  const opened = async () => (await filled()) || (await scanner.isVisible());
  for (let tap = 0; tap < 3 && !(await opened()); tap++) {
    await page.getByTestId('scan-open').click();
    await waitFor(opened, 5_000).catch(() => undefined);
  }
  // The in-page decoder shares two cores with the app and another browser file: give it time.
  await waitFor(filled, 60_000, 250);
  // A tap that came after a read opens the scanner again: the fake camera reads once more and it closes.
  await waitFor(async () => (await scanner.count()) === 0, 15_000, 250).catch(() => undefined);
  assert.equal(await scanner.count(), 0, 'the scanner closes on a read');
  assert.equal(await page.getByTestId('finish-serial').inputValue(), SERIAL);
}

async function assertInstalled(w: Awaited<ReturnType<typeof makeFieldWorld>>) {
  const [wo] = await db.select().from(workOrders).where(eq(workOrders.id, w.wo.id));
  assert.equal(wo!.status, 'done');
  assert.equal(wo!.result?.serialNumber, SERIAL);
  assert.equal(wo!.result?.odpPort, 3);
  assert.ok(wo!.signaturePath, 'the signature is stored');
  assert.ok(Math.abs(wo!.checkInLat! - HOUSE.latitude) < 1e-6, 'check-in carries the phone GPS');
  assert.ok(wo!.checklist.every((c) => c.done));
  const [photos] = await db
    .select({ n: count() })
    .from(workOrderPhotos)
    .where(eq(workOrderPhotos.workOrderId, w.wo.id));
  assert.equal(photos!.n, 2);
  const finished = await db
    .select()
    .from(workOrderEvents)
    .where(and(eq(workOrderEvents.workOrderId, w.wo.id), eq(workOrderEvents.kind, 'finished')));
  assert.equal(finished.length, 1, 'finished exactly once');
  const [sub] = await db.select().from(subscriptions).where(eq(subscriptions.id, w.subscription.id));
  assert.equal(sub!.status, 'active');
  // The worker put the customer on the router: the PPP secret with the plan's profile.
  const secret = await waitFor(async () => router.find('/ppp/secret', w.username), 30_000, 250);
  assert.notEqual(secret.disabled, 'true');
  assert.notEqual(secret.profile, 'isolir');
}

/** The organization uses inventory: the modem with SERIAL is in the technician's bag. */
async function modemInBag(w: Awaited<ReturnType<typeof makeFieldWorld>>) {
  const orgId = w.org.id;
  const [item] = await db
    .insert(inventoryItems)
    .values({ organizationId: orgId, sku: 'ONT-E2E', name: 'ONT E2E', category: 'ont', tracking: 'serial' })
    .returning();
  const [warehouse] = await db
    .insert(stockLocations)
    .values({ organizationId: orgId, kind: 'warehouse', name: 'Gudang', code: 'GDG-E2E' })
    .returning();
  const ctx = { orgId, actorUserId: w.admin.user.id };
  const [unit] = await receiveUnits(db, {
    ...ctx,
    kind: 'receive',
    itemId: item!.id,
    to: warehouse!.id,
    unitCost: 300_000,
    units: [{ serial: SERIAL, mac: 'AA:BB:CC:E2:E2:01' }],
  });
  const bag = await ensureTechnicianBag(db, { orgId, userId: w.technician.user.id });
  await moveUnits(db, { ...ctx, kind: 'transfer', to: bag.id, units: [{ id: unit!.id, from: warehouse!.id }] });
  return unit!;
}

describe('the technician app on a phone, in Chromium', () => {
  test('today’s installation: check in, checklist, photos, scan the serial, signature, finish → active on the router', async () => {
    const w = await makeFieldWorld(db, router, 'field-e2e');
    const unit = await modemInBag(w);
    const { page } = await phone();
    await openTodaysInstallation(page, w.technician.user.email);
    // The finish form offers what is in the bag; the scan still fills the serial.
    await page.getByTestId('finish-bag-serials').getByText(SERIAL).waitFor();
    await doTheVisit(page);
    await sent(page);
    await scanSerial(page);
    await page.getByTestId('finish-submit').click();
    await page.getByTestId('finish-confirm').click();
    await page.getByTestId('wo-finished').waitFor();
    await sent(page);
    await assertInstalled(w);
    assert.equal(await page.getByTestId('queue-problem').count(), 0);
    // The modem left the bag for the customer in the finish's transaction, its MAC on the subscription.
    const [at] = await db
      .select({ kind: stockLocations.kind })
      .from(stockUnits)
      .innerJoin(stockLocations, eq(stockLocations.id, stockUnits.locationId))
      .where(eq(stockUnits.id, unit.id));
    assert.equal(at!.kind, 'customer');
    const installs = await db.select().from(stockMoves).where(eq(stockMoves.workOrderId, w.wo.id));
    assert.deepEqual(
      installs.map((m) => m.kind),
      ['install'],
    );
    const [sub] = await db.select().from(subscriptions).where(eq(subscriptions.id, w.subscription.id));
    assert.equal(sub!.deviceMac, 'AA:BB:CC:E2:E2:01');
  });

  test('offline before the finish: the outbox holds it (also across a reload), then sends it once back online', async () => {
    const w = await makeFieldWorld(db, router, 'field-off');
    const { page, context } = await phone();
    await openTodaysInstallation(page, w.technician.user.email);
    await doTheVisit(page);
    await sent(page);

    await context.setOffline(true);
    await page.getByTestId('offline-banner').waitFor();
    await page.getByTestId('note-text').fill('Kabel drop 80 m, ONT di ruang tamu');
    await page.getByTestId('note-save').click();
    await page.getByText('Kabel drop 80 m, ONT di ruang tamu').first().waitFor();
    await scanSerial(page);
    await page.getByTestId('finish-submit').click();
    await page.getByTestId('finish-confirm').click();
    await page.getByTestId('wo-finished').waitFor();
    await page.getByTestId('queue-badge').getByText('2 menunggu dikirim').waitFor();

    // The phone is closed and opened again without signal: the app and the outbox are still there.
    await page.reload({ waitUntil: 'domcontentloaded' });
    await page.getByTestId('queue-badge').getByText('2 menunggu dikirim').waitFor();
    await page.getByTestId('wo-finished').waitFor();
    const [waiting] = await db.select().from(workOrders).where(eq(workOrders.id, w.wo.id));
    assert.notEqual(waiting!.status, 'done', 'nothing reached the office while offline');

    await context.setOffline(false);
    await sent(page);
    await assertInstalled(w);
    const notes = await db
      .select()
      .from(workOrderEvents)
      .where(and(eq(workOrderEvents.workOrderId, w.wo.id), eq(workOrderEvents.kind, 'note')));
    assert.equal(notes.length, 1, 'the note went once');
    assert.equal(await page.getByTestId('queue-problem').count(), 0);
  });

  test('a step on a work order given to someone else meanwhile is shown as refused, never dropped; the API keeps its limits', async () => {
    const w = await makeFieldWorld(db, router, 'field-conf');
    const { page, context } = await phone();
    await openTodaysInstallation(page, w.technician.user.email);

    // The office gives the work order to another technician while the phone still shows it.
    const other = await makeMember(db, w.org.id, 'technician');
    await db.delete(workOrderTechnicians).where(eq(workOrderTechnicians.workOrderId, w.wo.id));
    await db
      .insert(workOrderTechnicians)
      .values({ organizationId: w.org.id, workOrderId: w.wo.id, userId: other.user.id });
    await page.getByTestId('step-check-in').click();
    const problem = page.getByTestId('queue-problem');
    await problem.waitFor();
    assert.match(await problem.innerText(), /Check-in untuk SPK-000001 tidak diterima kantor/);
    assert.match(await problem.innerText(), /dialihkan ke teknisi lain/);
    await sent(page);
    const [wo] = await db.select().from(workOrders).where(eq(workOrders.id, w.wo.id));
    assert.equal(wo!.checkInAt, null);
    await problem.getByRole('button').click();
    await problem.waitFor({ state: 'detached' });

    // The route handlers: bodies capped, bad input a 4xx, nobody signed in a 401.
    const api = context.request;
    const step = { key: crypto.randomUUID(), workOrderId: w.wo.id, version: 1, at: new Date().toISOString() };
    const big = await api.post('/api/field/actions', {
      headers: { 'content-type': 'application/json' },
      data: JSON.stringify({ ...step, type: 'note', text: 'x'.repeat(20_000) }),
    });
    assert.equal(big.status(), 413);
    const bad = await api.post('/api/field/actions', { headers: { 'content-type': 'application/json' }, data: '{' });
    assert.equal(bad.status(), 422);
    const notImage = await api.post(`/api/field/work-orders/${w.wo.id}/photos?key=${crypto.randomUUID()}`, {
      headers: { 'content-type': 'image/jpeg' },
      data: Buffer.from('not a picture'),
    });
    assert.ok(notImage.status() >= 400 && notImage.status() < 500, `photo of text: ${notImage.status()}`);
    const huge = await api.post(`/api/field/work-orders/${w.wo.id}/photos?key=${crypto.randomUUID()}`, {
      headers: { 'content-type': 'image/jpeg' },
      data: Buffer.alloc(6 * 1024 * 1024, 0xff),
    });
    assert.equal(huge.status(), 413);
    const list = (await (await api.get('/api/field/work-orders')).json()) as { id: string }[];
    assert.ok(!list.some((x) => x.id === w.wo.id), 'a reassigned work order leaves the list');
    const stranger = await browser.newContext({ baseURL: APP_URL });
    assert.equal((await stranger.request.get('/api/field/work-orders')).status(), 401);
    await stranger.close();
  });
});
