import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { newPage, settled, signIn } from './browser';

// A 1×1 PNG, for the photo upload.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

// Its records sit ~5 km from the demo ODPs, so the coverage checks of other browser tests
// (nearest ODP to the demo streets) never find them.
describe('network records (Jaringan), in Chromium on a phone', () => {
  test('NOC records an ODC, an ODP fed by it with a photo, and a cable; the ODC cannot be deleted while it feeds the ODP', async () => {
    const stamp = Date.now().toString().slice(-6);
    const page = await newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await signIn(page, 'noc@demo.jaring.id');
    await page.getByTestId('org-name').waitFor();
    // The old ODP page now lives under Jaringan.
    await page.goto('/odps');
    assert.equal(new URL(page.url()).pathname, '/network');

    await page.goto('/network?tab=sites&add=1');
    const site = page.getByTestId('site-form');
    await site.getByLabel('Jenis').selectOption({ label: 'ODC' });
    await site.getByLabel('Kode').fill(`ODC-E2E-${stamp}`);
    await site.getByLabel('Nama / lokasi').fill('Kabinet uji');
    await site.getByLabel('Lintang (latitude)').fill('-6.9500');
    await site.getByLabel('Bujur (longitude)').fill('107.6500');
    await page.getByTestId('site-save').click();
    await page.waitForURL(/\/network\/sites\/[0-9a-f-]{36}$/);
    await settled(page);
    const odcUrl = new URL(page.url()).pathname;

    await page.goto('/network?add=1');
    const odp = page.getByTestId('odp-form');
    await odp.getByLabel('Kode').fill(`ODP-E2E-${stamp}`);
    await odp.getByLabel('Nama / lokasi').fill('Tiang uji');
    await odp.getByLabel('Rasio splitter').selectOption('1:8');
    await odp.getByLabel('ODC').selectOption({ label: `ODC-E2E-${stamp} · Kabinet uji` });
    // Outside Indonesia first: the field says so and keeps what was typed.
    await odp.getByLabel('Lintang (latitude)').fill('52.37');
    await odp.getByLabel('Bujur (longitude)').fill('4.89');
    await page.getByTestId('odp-save').click();
    await page.getByText('Lintang tidak valid untuk Indonesia (−11,5 s.d. 6,5).').waitFor();
    await odp.getByLabel('Lintang (latitude)').fill('-6.9502');
    await odp.getByLabel('Bujur (longitude)').fill('107.6502');
    await page.getByTestId('odp-save').click();
    await page.waitForURL(/\/network\/odps\/[0-9a-f-]{36}$/);
    await settled(page);
    await page.getByText('0/8 port terpakai · 8 kosong').waitFor();
    assert.equal(await page.locator('[data-testid=odp-port][data-free=true]').count(), 8);

    // A renamed PDF is refused by its bytes; a real PNG is shown.
    await page
      .locator('input[name=photo]')
      .setInputFiles({ name: 'foto.png', mimeType: 'image/png', buffer: Buffer.from('%PDF-1.4 bukan foto') });
    await page.getByTestId('photo-upload').click();
    await page.getByText('Foto harus JPG, PNG, atau WEBP.').waitFor();
    await page.locator('input[name=photo]').setInputFiles({ name: 'foto.png', mimeType: 'image/png', buffer: PNG });
    await page.getByTestId('photo-upload').click();
    const img = page.getByTestId('infra-photo');
    await img.waitFor();
    await page.waitForFunction(() => {
      const el = document.querySelector<HTMLImageElement>('[data-testid=infra-photo]');
      return el?.complete && el.naturalWidth === 1;
    });

    await page.goto('/network?tab=cables&add=1');
    const cable = page.getByTestId('cable-form');
    await cable.getByLabel('Kode', { exact: true }).fill(`DRP-E2E-${stamp}`);
    await cable.getByLabel('Nama / lokasi').fill('Drop uji');
    await cable.getByLabel('Rute').fill('-6.9500, 107.6500');
    await page.getByTestId('cable-save').click();
    await page.getByText('Rute butuh 2 sampai 500 titik, satu "lintang, bujur" per baris.').waitFor();
    await cable.getByLabel('Rute').fill('-6.9500, 107.6500\n-6.9510, 107.6500');
    assert.match(await page.getByTestId('cable-length').innerText(), /2 titik · panjang 111 m/);
    await page.getByTestId('cable-save').click();
    await page.waitForURL(/\/network\/cables\/[0-9a-f-]{36}$/);
    await page.getByText('Distribusi · 12 core · 111 m').waitFor();

    await page.goto(odcUrl);
    await page.getByTestId('delete-record').click();
    await page.getByTestId('delete-record-confirm').click();
    await page.getByText('ODC ini masih memasok 1 ODP. Pindahkan ODP tersebut ke ODC lain dulu.').waitFor();
  });

  test('a technician sees ODPs and who is on their ports, without edit forms', async () => {
    const page = await newPage();
    await signIn(page, 'technician@demo.jaring.id');
    await page.getByTestId('org-name').waitFor();
    await page.goto('/network?q=ODP-MLT-01');
    assert.equal(await page.getByTestId('odp-add').count(), 0);
    await page.getByRole('link', { name: 'ODP-MLT-01' }).first().click();
    await page.waitForURL(/\/network\/odps\/[0-9a-f-]{36}$/);
    await settled(page);
    await page.getByTestId('odp-ports').waitFor();
    assert.equal(await page.getByTestId('odp-port').count(), 8);
    assert.equal(await page.getByTestId('odp-form').count(), 0);
    assert.equal(await page.getByTestId('delete-record').count(), 0);
  });
});
