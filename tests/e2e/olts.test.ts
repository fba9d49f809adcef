import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { type OltCliServer, startOltCliServer } from '../support/olt-cli';
import { newPage, settled, signIn } from './browser';

let olt: OltCliServer | undefined;
after(async () => {
  await olt?.close();
});

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

/** Waits until React has hydrated the element (a click before that is lost). */
async function hydrated(page: Page, testId: string) {
  await page.waitForFunction(
    (id) => {
      const el = document.querySelector(`[data-testid="${id}"]`);
      return Boolean(el && Object.keys(el).some((k) => k.startsWith('__react')));
    },
    testId,
    { timeout: 60_000 },
  );
}

/** Nothing on the page is wider than the phone: no sideways scrolling. */
async function assertNoSideways(page: Page) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 390, `${page.url()} is ${width}px wide at 390px`);
}

describe('OLTs and ONUs, in Chromium on a phone', () => {
  test('NOC adds an OLT, tests the connection, links an ODC to a PON port, registers a scanned ONU and finds it, then the weak ONUs', async () => {
    // The worker of the app under test reaches this ZTE stand-in over loopback, as it would an OLT.
    olt = await startOltCliServer({ vendor: 'zte', transport: 'telnet', username: 'jaring', password: 'olt-rahasia' });
    const page = await newPage(PHONE);
    await signIn(page, 'noc@demo.jaring.id');
    await page.getByTestId('org-name').waitFor();

    // The demo's OLTs, as cards, each offline with its reason; a count opens the filtered list.
    await page.goto('/olts');
    await settled(page);
    const cards = page.getByTestId('olts-cards');
    await cards.getByText('OLT ZTE POP Wetan').waitFor();
    assert.match(await cards.innerText(), /192\.0\.2\.x adalah alamat dokumentasi/);
    await assertNoSideways(page);

    await page.getByTestId('olt-add').first().click();
    await page.waitForURL(/\/olts\/new$/);
    const form = page.getByTestId('olt-form');
    const name = `OLT Cibaduyut ${Date.now() % 100000}`;
    await form.getByLabel('Nama', { exact: true }).fill(name);
    await form.getByLabel('Host / alamat IP').fill('127.0.0.1');
    await form.getByLabel('Port', { exact: true }).fill(String(olt.port));
    await form.getByLabel('Username', { exact: true }).fill('jaring');
    await form.getByLabel('Baca ONU tiap (menit)').fill('0');
    await page.getByTestId('olt-save').click();
    // Bad input is named next to its field and nothing typed is lost.
    await form.getByText('Isi angka 1 sampai 1440 menit.').waitFor();
    assert.equal(await form.getByLabel('Nama', { exact: true }).inputValue(), name);
    await form.getByLabel('Baca ONU tiap (menit)').fill('5');
    await form.getByLabel('Kata sandi', { exact: true }).fill('olt-rahasia');
    await form.getByLabel('Community (read)').fill('komunitas-rahasia');
    await assertNoSideways(page);
    await page.getByTestId('olt-save').click();
    await page.waitForURL(/\/olts\/[0-9a-f-]{36}$/);
    await settled(page);
    const oltUrl = new URL(page.url()).pathname;
    const html = await page.content();
    assert.ok(!html.includes('olt-rahasia') && !html.includes('komunitas-rahasia'), 'no secret reaches the browser');
    await page.getByText('Belum ada port PON').waitFor();

    // A PON port by hand, named the ZTE way, then an ODC of the demo linked to it.
    await page.getByTestId('port-add').click();
    const portForm = page.getByTestId('port-form');
    await portForm.getByLabel('Frame').fill('1');
    await portForm.getByLabel('Slot').fill('2');
    await portForm.getByLabel('Port', { exact: true }).fill('3');
    await page.getByTestId('port-save').click();
    await page.getByTestId('pon-port').getByText('gpon-olt_1/2/3', { exact: true }).waitFor();

    // "Tes koneksi" runs on the worker: the job's progress, then what the OLT said, and its
    // other ports appear (the one added by hand stays).
    await page.getByTestId('olt-check').click();
    const result = page.getByTestId('olt-check-result');
    await result.getByText(/24 port PON \(23 baru\)/).waitFor({ timeout: 30_000 });
    assert.ok(olt.olt.logins >= 1);
    await page.getByTestId('pon-port').nth(23).waitFor();
    assert.equal(await page.getByTestId('pon-port').count(), 24);
    const port = page.getByTestId('pon-port').filter({ hasText: 'gpon-olt_1/2/3' });
    await port.getByText('Hubungkan ODC/ODP').click();
    await port.getByTestId('feed-search').fill('ODC-RW05');
    await port.getByRole('button', { name: 'Cari' }).click();
    await port.getByTestId('feed-option').first().click();
    await port.getByTestId('pon-feed').getByText('ODC-RW05').waitFor();
    await assertNoSideways(page);

    // The ODC's own edit form shows the port it is fed by.
    await port.getByTestId('pon-feed').getByRole('link').first().click();
    await page.waitForURL(/\/network\/sites\//);
    await settled(page);
    const select = page.getByTestId('pon-port-select');
    assert.match(await select.locator('option:checked').innerText(), new RegExp(`${name} · gpon-olt_1/2/3`));

    // An ONU plugged in on that port: scanned, registered with the exact commands shown
    // first, then found in the ONU list.
    olt.olt.plugIn({ frame: 1, slot: 2, port: 3, serial: 'ZTEGE2E00077', model: 'F670L' });
    await page.goto(oltUrl);
    await hydrated(page, 'olt-scan');
    await page.getByTestId('olt-scan').click();
    const waiting = page.getByTestId('olt-unconfigured-row').filter({ hasText: 'ZTEGE2E00077' });
    await waiting.waitFor({ timeout: 30_000 });
    await waiting.getByTestId('olt-register-open').click();
    await waiting.getByLabel('Nama di OLT').fill('Rumah Sari');
    await waiting.getByTestId('onu-register-preview-button').click();
    await waiting.getByTestId('onu-register-preview').getByText('onu 1 type ZTE-F670L sn ZTEGE2E00077').waitFor();
    await assertNoSideways(page);
    await waiting.getByTestId('onu-register-confirm').click();
    await page.getByTestId('onu-register-job').locator('[data-state="done"]').waitFor({ timeout: 30_000 });
    await page.goto('/olts/onus?q=ZTEGE2E00077');
    await settled(page);
    const registered = page.getByTestId('onu-card');
    assert.equal(await registered.count(), 1);
    assert.match(await registered.first().innerText(), new RegExp(`${name} · gpon-olt_1/2/3 · #1`));

    // Weak signals: the critical one, its level in words, and the export of the same rows.
    await page.goto('/olts/onus?level=critical');
    await settled(page);
    // The demo's critical ONU (another browser test may have added one of its own to the demo).
    const onuCards = page.getByTestId('onu-card');
    const texts = await onuCards.allInnerTexts();
    assert.ok(texts.length >= 1);
    assert.ok(
      texts.every((t) => /\(Kritis\)/.test(t)),
      texts.join(' | '),
    );
    assert.ok(
      texts.some((t) => /-28,6 dBm\s*\(Kritis\)/.test(t)),
      texts.join(' | '),
    );
    await assertNoSideways(page);
    const csv = await page.request.get('/api/olts/onus/export?level=critical');
    assert.equal(csv.status(), 200);
    assert.match(await csv.text(), /-28\.60/);
    await onuCards.first().getByRole('link').first().click();
    await page.waitForURL(/\/olts\/onus\/[0-9a-f-]{36}$/);
    await settled(page);
    await page.getByText('RX di OLT').waitFor();
    await assertNoSideways(page);

    await page.goto('/olts/onus?state=los');
    await settled(page);
    assert.equal(await page.getByTestId('onu-card').count(), 1);
    assert.match(await page.getByTestId('onu-card').first().innerText(), /LOS \(putus\)/);
  });
});
