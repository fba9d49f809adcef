import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { customers, subscriptions } from '@/db/schema';
import { runBilling } from '@/lib/billing/run';
import { acsAccess } from '@/lib/fibre/acs/access';
import { findModem } from '@/lib/fibre/acs/devices';
import { saveAcsSettings } from '@/lib/fibre/acs/settings';
import { createPortalSession, PORTAL_COOKIE } from '@/lib/portal/session';
import { makeOrg, makePlan, makeSubscriber, testDb } from '../helpers';
import { type GenieAcsNbi, startGenieAcsNbi, tr098Params } from '../support/genieacs-nbi';
import { APP_URL, launchChromium, settled } from './browser';

/**
 * The customer portal's self-service on a phone (390 × 844), as a customer would use it:
 * their invoices with the PDF, reporting a problem with a photo and finding it listed, and
 * changing the WiFi (the app's worker sends it to the GenieACS NBI stand-in). No page scrolls
 * sideways.
 */
const db = testDb();
const WLAN = 'InternetGatewayDevice.LANDevice.1.WLANConfiguration';
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

let nbi: GenieAcsNbi;
let browser: Browser | undefined;
before(async () => {
  nbi = await startGenieAcsNbi();
});
after(async () => {
  await browser?.close();
  await nbi?.close();
});

async function assertNoSideways(page: Page) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 390, `page is ${width}px wide at 390px`);
}

describe('the portal self-service, in Chromium on a phone', () => {
  test('invoices with the PDF, report a problem with a photo, change the WiFi', async () => {
    const { org, admin } = await makeOrg(db, 'portal-e2e');
    await saveAcsSettings(db, {
      orgId: org.id,
      actorUserId: admin.user.id,
      ip: null,
      input: {
        nbiUrl: nbi.url,
        nbiUsername: nbi.username,
        nbiPassword: nbi.password,
        acsUrl: 'http://acs.example.net:7547',
        cwmpUsername: 'cpe',
        cwmpPassword: 'cwmp-rahasia',
      },
    });
    const plan = await makePlan(db, org.id);
    const { customer, subscription } = await makeSubscriber(db, org.id, { planId: plan.id, routerId: null });
    const phone = `62815${String(Date.now()).slice(-7)}`;
    await db.update(customers).set({ phone }).where(eq(customers.id, customer.id));
    await db
      .update(subscriptions)
      .set({ activatedAt: new Date('2026-01-05T03:00:00Z') })
      .where(eq(subscriptions.id, subscription.id));
    await runBilling(db, { orgId: org.id, period: '2026-11-01', actorUserId: null });
    const serial = `ZTEGP${Date.now().toString(16).slice(-6).toUpperCase()}`;
    const device = nbi.addDevice({
      oui: 'A1B2C3',
      productClass: 'F670L',
      serial,
      params: tr098Params({ pppoeUsername: subscription.serviceUsername, ssid: 'ZTE-pabrik' }),
    });
    assert.ok(await findModem(db, acsAccess(db), { orgId: org.id, subscriptionId: subscription.id, serial }));
    const { token } = await createPortalSession(db, { orgId: org.id, phone, ip: null });

    browser = await launchChromium();
    const context = await browser.newContext({
      baseURL: APP_URL,
      locale: 'id-ID',
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    await context.addCookies([{ name: PORTAL_COOKIE, value: token, url: APP_URL }]);
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    const base = `/portal/${org.slug}`;

    // Invoices: the card, the pay button to the public invoice, and its PDF.
    await page.goto(`${base}/invoices`, { waitUntil: 'networkidle' });
    const card = page.getByTestId('portal-invoice').first();
    await card.waitFor();
    assert.match(await card.innerText(), /Belum bayar/);
    const pdf = await card.getByTestId('portal-invoice-pdf').getAttribute('href');
    assert.match(pdf ?? '', /^\/i\/[0-9a-f-]{36}\.[\w-]+\/pdf$/);
    const response = await page.request.get(pdf!);
    assert.equal(response.status(), 200);
    assert.match(response.headers()['content-type'] ?? '', /application\/pdf/);
    assert.match((await card.getByTestId('portal-invoice-pay').getAttribute('href')) ?? '', /^\/i\//);
    await assertNoSideways(page);

    // Report a problem with a photo, then find it in the list.
    await page.goto(`${base}/tickets`, { waitUntil: 'networkidle' });
    await page.getByTestId('empty-state').waitFor();
    await assertNoSideways(page);
    await page.getByTestId('portal-report').click();
    await settled(page);
    const form = page.getByTestId('portal-report-form');
    await form.waitFor();
    await form.locator('select[name=category]').selectOption('slow');
    await form.locator('textarea[name=description]').fill('Internet lambat sejak tadi malam');
    await form.locator('input[name=photo]').setInputFiles({ name: 'modem.png', mimeType: 'image/png', buffer: PNG });
    await assertNoSideways(page);
    await page.getByTestId('portal-report-send').click();
    await page.getByTestId('portal-ticket-page').waitFor();
    assert.match(await page.getByTestId('portal-ticket-page').innerText(), /Laporan T-\d{6} diterima/);
    await page.getByTestId('portal-ticket-photos').locator('img').waitFor();
    await assertNoSideways(page);
    await page.goto(`${base}/tickets`, { waitUntil: 'networkidle' });
    const listed = page.getByTestId('portal-ticket');
    await listed.first().waitFor();
    assert.equal(await listed.count(), 1);
    assert.match(await listed.first().innerText(), /Internet lambat/);

    // Change the 2.4 GHz WiFi: confirmed, sent by the app's worker, done on the modem.
    await page.goto(`${base}/modem`, { waitUntil: 'networkidle' });
    const wifi = page.getByTestId('portal-wifi-form');
    await wifi.waitFor();
    await assertNoSideways(page);
    await wifi.locator('input[name=ssid24]').fill('Rumah Portal');
    await wifi.locator('input[name=password24]').fill('portal-rahasia-1');
    await page.getByTestId('portal-wifi-save').click();
    await page.getByTestId('portal-wifi-save-confirm').click();
    const status = page.getByTestId('portal-modem-task-status').first();
    await status.waitFor();
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid="portal-modem-task-status"]')?.textContent?.includes('Selesai') ?? false,
      undefined,
      { timeout: 60_000 },
    );
    assert.equal(nbi.value(device, `${WLAN}.1.SSID`), 'Rumah Portal');
    assert.equal(nbi.value(device, `${WLAN}.1.PreSharedKey.1.KeyPassphrase`), 'portal-rahasia-1');
    await assertNoSideways(page);
    await context.close();
  });
});
