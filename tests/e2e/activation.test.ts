import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { odps, subscriptions } from '@/db/schema';
import { saveAcsSettings } from '@/lib/fibre/acs/settings';
import { PASSWORD, POLE, testDb, waitFor } from '../helpers';
import { writeQrVideo } from '../support/fake-video';
import { makeFieldWorld } from '../support/field';
import { type GenieAcsNbi, startGenieAcsNbi, tr098Params } from '../support/genieacs-nbi';
import { makePonPort, makeStandInOlt, type OltCliServer, startOltCliServer } from '../support/olt-cli';
import { type RouterOsServer, startRouterOsServer } from '../support/routeros-server';
import { APP_URL, launchChromium, settled, signIn } from './browser';

/**
 * The technician activates an installation from the phone (390 × 844): scans the ONU's serial
 * from the fake camera, types the customer's WiFi, taps Aktifkan and watches the six steps
 * go to done while the app's worker drives the OLT, GenieACS and the router stand-ins.
 */
const db = testDb();
const SERIAL = `ZTEG${Date.now().toString(16).toUpperCase().slice(-8)}`;

let router: RouterOsServer;
let olt: OltCliServer;
let nbi: GenieAcsNbi;
let browser: Browser;
before(async () => {
  [router, olt, nbi] = await Promise.all([
    startRouterOsServer(),
    startOltCliServer({ vendor: 'zte', transport: 'telnet' }),
    startGenieAcsNbi(),
  ]);
  browser = await launchChromium([
    '--use-fake-device-for-media-stream',
    '--use-fake-ui-for-media-stream',
    `--use-file-for-fake-video-capture=${writeQrVideo(SERIAL)}`,
  ]);
});
after(async () => {
  await browser?.close();
  await Promise.all([router?.close(), olt?.close(), nbi?.close()]);
});

async function phone(): Promise<Page> {
  const context = await browser.newContext({
    baseURL: APP_URL,
    locale: 'id-ID',
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    geolocation: { latitude: POLE.latitude + 0.0005, longitude: POLE.longitude },
    permissions: ['geolocation', 'camera'],
  });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  return page;
}

describe('zero-touch activation on the phone', () => {
  test('scan the ONU, type the WiFi, Aktifkan: every step done, the customer active', async () => {
    const w = await makeFieldWorld(db, router, 'zt-e2e');
    const oltRow = await makeStandInOlt(db, w.org.id, olt);
    const port = await makePonPort(db, {
      orgId: w.org.id,
      oltId: oltRow.id,
      frame: 1,
      slot: 1,
      port: 2,
      vendor: 'zte',
    });
    await db.update(odps).set({ ponPortId: port.id }).where(eq(odps.id, w.odp.id));
    olt.olt.plugIn({ frame: 1, slot: 1, port: 2, serial: SERIAL, model: 'F670L' });
    await saveAcsSettings(db, {
      orgId: w.org.id,
      actorUserId: w.admin.user.id,
      ip: null,
      input: {
        nbiUrl: nbi.url,
        nbiUsername: nbi.username,
        nbiPassword: nbi.password,
        acsUrl: '',
        cwmpUsername: '',
        cwmpPassword: '',
      },
    });
    const deviceId = nbi.addDevice({ oui: 'A1B2C3', productClass: 'F670L', serial: SERIAL, params: tr098Params() });

    const page = await phone();
    await signIn(page, w.technician.user.email, PASSWORD);
    await page.getByTestId('org-name').waitFor();
    await page.goto(`/tech?wo=${w.wo.id}`);
    await page.getByTestId('wo-detail').waitFor();
    await settled(page);
    await page.getByTestId('activation-form').waitFor();

    // The serial from the ONU's label, read by the camera.
    const filled = async () => (await page.getByTestId('activation-serial').inputValue()) === SERIAL;
    for (let tap = 0; tap < 3 && !(await filled()) && !(await page.getByTestId('scanner').isVisible()); tap++) {
      await page.getByTestId('activation-scan').click();
      await waitFor(async () => (await filled()) || page.getByTestId('scanner').isVisible(), 5_000).catch(() => null);
    }
    await waitFor(filled, 30_000, 250);
    await page.getByTestId('activation-ssid').fill('Rumah Budi');
    await page.getByTestId('activation-wifi-password').fill('melati-2026');
    await page.getByTestId('activation-start').click();

    // The steps appear and go to done one after the other, without a reload.
    await page.getByTestId('activation-steps').waitFor();
    for (const step of ['register_onu', 'check_signal', 'configure_modem', 'activate_service', 'send_welcome'])
      await page.locator(`[data-testid="activation-step-${step}"][data-status="done"]`).waitFor({ timeout: 60_000 });
    await page.locator('[data-testid="activation-step-move_stock"][data-status="skipped"]').waitFor();
    await page.getByTestId('activation-done').waitFor();
    assert.match(await page.getByTestId('activation-step-check_signal').innerText(), /Redaman −19,5 dBm/);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 390, `page is ${width}px wide at 390px`);

    // A reload shows the same, from the server.
    await page.reload();
    await page.locator('[data-testid="activation-status"][data-status="done"]').waitFor();

    const [sub] = await db.select().from(subscriptions).where(eq(subscriptions.id, w.subscription.id));
    assert.equal(sub!.status, 'active');
    await waitFor(async () => router.find('/ppp/secret', w.username), 30_000, 250);
    assert.equal(nbi.value(deviceId, 'InternetGatewayDevice.LANDevice.1.WLANConfiguration.1.SSID'), 'Rumah Budi');
    assert.ok(olt.olt.findBySerial(SERIAL));

    // The office's work order page shows the same steps, read only.
    const office = await phone();
    await signIn(office, w.admin.user.email, PASSWORD);
    await office.getByTestId('org-name').waitFor();
    await office.goto(`/work-orders/${w.wo.id}`);
    await office.locator('[data-testid="activation-status"][data-status="done"]').waitFor();
    assert.equal(await office.locator('[data-testid^="activation-step-"][data-status="done"]').count(), 5);
    assert.equal(await office.getByTestId('activation-retry').count(), 0);
  });
});
