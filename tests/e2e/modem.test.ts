import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { saveAcsSettings } from '@/lib/fibre/acs/settings';
import { makeMember, makeOrg, makePlan, makeSubscriber, PASSWORD, testDb, waitFor } from '../helpers';
import { type GenieAcsNbi, startGenieAcsNbi, tr098Params } from '../support/genieacs-nbi';
import { APP_URL, launchChromium, settled, signIn } from './browser';

const db = testDb();
const WLAN = 'InternetGatewayDevice.LANDevice.1.WLANConfiguration';

let nbi: GenieAcsNbi;
let browser: Browser | undefined;
before(async () => {
  nbi = await startGenieAcsNbi();
});
after(async () => {
  await browser?.close();
  await nbi?.close();
});

async function phone(b: Browser): Promise<Page> {
  const context = await b.newContext({
    baseURL: APP_URL,
    locale: 'id-ID',
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  return page;
}

async function assertNoSideways(page: Page) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 390, `page is ${width}px wide at 390px`);
}

describe('the modem card, in Chromium on a phone', () => {
  test('CS finds the modem, changes the WiFi (queued until the modem informs), NOC reboots it', async () => {
    // An ISP whose GenieACS is the stand-in on loopback (the app's worker reaches it as it would the real one).
    const { org, admin } = await makeOrg(db, 'modem-e2e');
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
    const cs = await makeMember(db, org.id, 'sales');
    const noc = await makeMember(db, org.id, 'noc');
    const plan = await makePlan(db, org.id);
    const { customer, subscription } = await makeSubscriber(db, org.id, { planId: plan.id, routerId: null });
    // The modem reports the customer's PPPoE username: that is how Jaring finds it.
    const id = nbi.addDevice({
      oui: 'A1B2C3',
      productClass: 'F670L',
      serial: `ZTEGE2E${Date.now().toString(16).slice(-5).toUpperCase()}`,
      params: tr098Params({ pppoeUsername: subscription.serviceUsername, ssid: 'ZTE-pabrik' }),
    });

    browser = await launchChromium();
    const page = await phone(browser);
    await signIn(page, cs.user.email, PASSWORD);
    await page.getByTestId('org-name').waitFor();
    await page.goto(`/customers/${customer.id}`);
    await settled(page);
    const card = page.getByTestId('modem-card');
    await card.getByText('Belum ada modem yang tertaut ke langganan ini.').waitFor();
    assert.match(await card.innerText(), /ACS URL http:\/\/acs\.example\.net:7547/);
    await card.getByTestId('modem-search').click();
    const summary = card.getByTestId('modem-summary');
    await summary.waitFor({ timeout: 30_000 });
    assert.match(await summary.innerText(), /F670L/);
    assert.match(await summary.innerText(), /ZTE-pabrik-5G/);
    assert.match(await summary.innerText(), /-21,35 dBm/);
    assert.match(await summary.innerText(), /2 perangkat/);
    await assertNoSideways(page);

    // The modem goes offline: the new WiFi waits for its next inform, and the card says so.
    nbi.setOnline(id, false);
    await card.getByTestId('modem-wifi-open').click();
    const form = card.getByTestId('modem-wifi-form');
    await form.getByLabel('Nama WiFi 2,4 GHz').fill('Rumah Budi');
    await form.getByLabel('Kata sandi WiFi 2,4 GHz').fill('pendek');
    await card.getByTestId('modem-wifi-send').click();
    await form.getByText('Kata sandi WiFi 8 sampai 63 karakter').waitFor();
    await form.getByLabel('Kata sandi WiFi 2,4 GHz').fill('rahasia-budi-9');
    await card.getByTestId('modem-wifi-send').click();
    const wifiTask = card.locator('[data-testid=modem-task][data-kind=wifi]').first();
    await wifiTask.getByText('Menunggu modem online').waitFor({ timeout: 30_000 });
    assert.equal(nbi.value(id, `${WLAN}.1.SSID`), 'ZTE-pabrik');

    nbi.setOnline(id, true);
    nbi.inform(id);
    await wifiTask.getByText('Selesai').waitFor({ timeout: 60_000 });
    assert.equal(nbi.value(id, `${WLAN}.1.SSID`), 'Rumah Budi');
    assert.equal(nbi.value(id, `${WLAN}.1.PreSharedKey.1.KeyPassphrase`), 'rahasia-budi-9');
    await summary.getByText('Rumah Budi').waitFor({ timeout: 30_000 });
    assert.ok(!(await page.content()).includes('rahasia-budi-9'), 'the password never comes back to the page');
    // CS may not factory-reset a modem.
    assert.equal(await card.getByTestId('modem-reset').count(), 0);

    // NOC reboots it, after confirming.
    const nocPage = await phone(browser);
    await signIn(nocPage, noc.user.email, PASSWORD);
    await nocPage.getByTestId('org-name').waitFor();
    await nocPage.goto(`/customers/${customer.id}`);
    await settled(nocPage);
    const nocCard = nocPage.getByTestId('modem-card');
    await nocCard.getByTestId('modem-reboot').click();
    await nocPage.getByText('Reboot modem? Internet pelanggan terputus 1–2 menit.').waitFor();
    await nocPage.getByTestId('modem-reboot-confirm').click();
    await nocCard
      .locator('[data-testid=modem-task][data-kind=reboot]')
      .first()
      .getByText('Selesai')
      .waitFor({ timeout: 30_000 });
    await waitFor(async () => Boolean(nbi.device(id)?._lastBoot), 10_000);
    await assertNoSideways(nocPage);
  });

  test('an admin sets up GenieACS: address rules per field, passwords never shown, the connection tested', async () => {
    const { admin } = await makeOrg(db, 'acs-settings-e2e');
    browser ??= await launchChromium();
    const page = await phone(browser);
    await signIn(page, admin.user.email, PASSWORD);
    await page.getByTestId('org-name').waitFor();
    await page.goto('/settings');
    await page.locator('[data-section=acs]').click();
    await page.waitForURL(/\/settings\/acs$/);
    await settled(page);
    const form = page.getByTestId('acs-settings-form');
    await form.getByLabel('Alamat NBI').fill('http://169.254.169.254:7557');
    await page.getByTestId('acs-save').click();
    await form.getByText('Alamat NBI ini tidak diizinkan').waitFor();
    await form.getByLabel('Alamat NBI').fill(nbi.url);
    await form.getByLabel('Username NBI').fill(nbi.username);
    await form.getByLabel('Kata sandi NBI').fill(nbi.password);
    await form.getByLabel('ACS URL').fill('http://acs.example.net:7547');
    await form.getByLabel('Kata sandi CWMP').fill('cwmp-rahasia');
    await page.getByTestId('acs-save').click();
    await page.getByText('Pengaturan GenieACS disimpan.').waitFor();
    await page.reload();
    await settled(page);
    const html = await page.content();
    for (const secret of [nbi.password, 'cwmp-rahasia']) assert.ok(!html.includes(secret), secret);
    await page.getByText('Tersimpan. Kosongkan untuk tetap memakai kata sandi ini.').first().waitFor();
    await page.getByTestId('acs-test').click();
    await page
      .getByTestId('acs-test-result')
      .getByText(/Tersambung ke GenieACS/)
      .waitFor({ timeout: 30_000 });
    await assertNoSideways(page);
  });
});
