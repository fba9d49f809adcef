import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { newPage, settled, signIn } from './browser';

/**
 * The demo reseller (seeded with bought vouchers, and no payment gateway at the demo ISP):
 * the wallet opens on the manual transfer with the ISP's bank accounts and takes the slip,
 * which finance can open; one code is copied and shared from the codes page. Nothing here
 * moves the reseller's balance (the wallet test beside it checks that balance exactly).
 */
const stamp = String(Date.now()).slice(-6);
const NOTE = `Slip BRI ${stamp}`;
const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
// A 1×1 PNG: the transfer slip.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

describe('reseller top-up and codes, in Chromium on a phone', () => {
  test('without a gateway the wallet opens on the transfer, with the bank accounts, and takes the slip', async () => {
    const reseller = await newPage(phone);
    await signIn(reseller, 'reseller@demo.jaring.id');
    await reseller.getByTestId('org-name').waitFor();
    await reseller.goto('/wallet');
    const manual = reseller.getByTestId('manual-topup');
    await manual.waitFor();
    assert.equal(await reseller.getByTestId('topup-tab-manual').getAttribute('aria-selected'), 'true');
    assert.match(await manual.getByTestId('bank-accounts').innerText(), /BCA 123-456-7890/);
    await manual.getByLabel('Jumlah (Rp)').fill('50.000');
    await manual.getByLabel('Catatan').fill(NOTE);
    await manual
      .getByLabel('Bukti transfer (foto/PDF)')
      .setInputFiles({ name: 'slip.png', mimeType: 'image/png', buffer: PNG });
    await reseller.getByTestId('manual-topup-submit').click();
    await manual.getByText('Permintaan terkirim. Saldo bertambah setelah disetujui.').waitFor();

    const finance = await newPage();
    await signIn(finance, 'finance@demo.jaring.id');
    await finance.getByTestId('org-name').waitFor();
    await finance.goto('/resellers/topups');
    const row = finance.getByTestId('topup-request').filter({ hasText: NOTE });
    const href = await row.getByTestId('topup-proof').getAttribute('href');
    const slip = await finance.request.get(href!);
    assert.equal(slip.status(), 200);
    assert.equal(slip.headers()['content-type'], 'image/png');
    // Finance and the reseller who sent it open the slip; nobody else.
    assert.equal((await reseller.request.get(href!)).status(), 200);
    const technician = await newPage();
    await signIn(technician, 'technician@demo.jaring.id');
    await technician.getByTestId('org-name').waitFor();
    assert.equal((await technician.request.get(href!)).status(), 403);
  });

  test('the reseller copies one code and shares it (share sheet, else WhatsApp)', async () => {
    const page = await newPage({ ...phone, permissions: ['clipboard-read', 'clipboard-write'] });
    // Chromium headless has no share sheet: a stand-in records what would be shared.
    await page.addInitScript(() => {
      const shared: ShareData[] = [];
      Object.assign(window, { shared });
      navigator.share = async (data?: ShareData) => {
        shared.push(data ?? {});
      };
    });
    await signIn(page, 'reseller@demo.jaring.id');
    await page.getByTestId('org-name').waitFor();
    await page.goto('/wallet');
    await page.getByTestId('batch-codes').first().click();
    await page.waitForURL(/\/wallet\/vouchers\?batch=/);
    await settled(page);
    const row = page.getByTestId('code-row').first();
    const code = (await row.getByTestId('code').innerText()).trim();
    assert.match(code, /^[a-z0-9]{8}$/);

    // The clipboard answers the focused page only (the first test's pages are still open).
    await page.bringToFront();
    await row.getByTestId('code-copy').click();
    await row.getByTestId('code-copy').getByText('Tersalin').waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), code);

    const whatsapp = decodeURIComponent((await row.getByTestId('code-share').getAttribute('href'))!);
    assert.ok(whatsapp.startsWith('https://wa.me/?text='), whatsapp);
    assert.match(whatsapp, new RegExp(`Kode: ${code}`));
    assert.match(whatsapp, /Masuk di http:\/\/hotspot\.demo\.jaring\.id\/login/);
    await row.getByTestId('code-share').click();
    const shared = await page.evaluate(() => (window as unknown as { shared: ShareData[] }).shared);
    assert.equal(shared.length, 1);
    assert.match(shared[0]!.text!, new RegExp(`Voucher WiFi Jaring Demo Net\\nKode: ${code}`));
    assert.ok(
      await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
      'no sideways scroll',
    );
  });
});
