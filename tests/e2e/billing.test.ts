import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { APP_URL, newPage, settled, signIn } from './browser';

function nextMonth(): string {
  const now = new Date();
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 2, 1));
  return d.toISOString().slice(0, 7);
}

describe('billing, in Chromium', () => {
  test('finance previews and runs billing; the worker issues the invoices', async () => {
    const page = await newPage();
    await signIn(page, 'finance@demo.jaring.id');
    await page.getByTestId('org-name').waitFor();
    await page.goto('/billing');
    await page.getByTestId('invoices-table').waitFor();
    // The month is picked from lists named in Indonesian (components/ui/date-field.tsx).
    const [year, month] = nextMonth().split('-');
    await page.getByTestId('billing-month-year').selectOption(year!);
    await page.getByTestId('billing-month-month').selectOption(String(Number(month)));
    await page.getByTestId('billing-preview').click();
    const report = await page.getByTestId('billing-report').innerText();
    const eligible = Number(report.match(/^(\d+) akan ditagih/)?.[1]);
    assert.ok(eligible >= 3, report);
    await page.getByTestId('billing-run').click();
    await page.getByText('Tagihan dikirim ke worker.').waitFor();
    await page.goto('/jobs');
    const row = page.locator('[data-testid=job-row][data-state=done]', { hasText: 'Jalankan tagihan' }).first();
    await row.waitFor({ timeout: 30_000 });
    assert.match(await row.innerText(), new RegExp(`"issued": ${eligible}`));
  });

  test('the cashier takes payment from an isolated customer: reconnected, receipt, public invoice and PDF', async () => {
    const page = await newPage();
    await signIn(page, 'operator@demo.jaring.id');
    await page.getByTestId('org-name').waitFor();
    await page.goto('/customers?q=joko');
    await page.getByRole('link', { name: 'Joko Susilo' }).click();
    await page.getByTestId('customer-billing').waitFor();
    await settled(page);
    const owed = await page.getByTestId('customer-outstanding').innerText();
    assert.match(owed, /^Rp\s[1-9]/);
    await page.getByTestId('record-payment').click();
    await page.getByText(/Pembayaran Rp\s[\d.]+ dicatat\./).waitFor();
    await page.getByText('Langganan dibuka kembali (pekerjaan jaringan dikirim).').waitFor();

    await page.getByTestId('receipt-link').click();
    await page.getByTestId('receipt').waitFor();
    const receipt = await page.getByTestId('receipt').innerText();
    assert.match(receipt, /Bukti pembayaran/);
    assert.match(receipt, /INV\/\d{6}\/\d{5}/);
    assert.match(receipt, /Demo operator/);

    await page.goto('/customers?q=joko');
    await page.getByRole('link', { name: 'Joko Susilo' }).click();
    await page
      .getByTestId('customer-billing')
      .locator('a', { hasText: /^INV\// })
      .first()
      .click();
    const link = await page.getByTestId('public-link').innerText();
    // The public page needs no login: open it in a fresh browser context.
    const visitor = await newPage({ viewport: { width: 360, height: 740 }, isMobile: true });
    await visitor.goto(new URL(link).pathname);
    await visitor.getByText('Lunas', { exact: true }).waitFor();
    const pdf = await visitor.request.get(`${APP_URL}${new URL(link).pathname}/pdf`);
    assert.equal(pdf.status(), 200);
    assert.equal(pdf.headers()['content-type'], 'application/pdf');
    assert.equal((await pdf.body()).subarray(0, 5).toString(), '%PDF-');
    const wrong = await visitor.request.get(`${APP_URL}/i/${'0'.repeat(64)}/pdf`);
    assert.equal(wrong.status(), 404);
  });

  test('a bank transfer with its slip waits for finance, who checks the slip and approves it', async () => {
    const cashier = await newPage();
    await signIn(cashier, 'operator@demo.jaring.id');
    await cashier.getByTestId('org-name').waitFor();
    await cashier.goto('/customers?q=siti');
    await cashier.getByRole('link', { name: 'Siti Aminah' }).click();
    await cashier.getByTestId('customer-billing').waitFor();
    // Choosing "transfer" before React has hydrated would be undone: wait until it shows the slip field.
    await cashier.waitForLoadState('networkidle');
    await cashier.getByLabel('Cara bayar').selectOption('transfer');
    await cashier.getByLabel('Bukti transfer (foto/PDF)').waitFor();
    await cashier.getByTestId('record-payment').click();
    await cashier.getByText('Lampirkan foto atau PDF bukti transfer.').waitFor();
    await cashier.getByLabel('Referensi / no. transfer').fill('BCA 20261124-77');
    // A phone photo of a slip is a few megabytes: larger than the server actions' default limit.
    const photo = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.alloc(3 * 1024 * 1024, 7)]);
    await cashier
      .getByLabel('Bukti transfer (foto/PDF)')
      .setInputFiles({ name: 'bukti.png', mimeType: 'image/png', buffer: photo });
    await cashier.getByTestId('record-payment').click();
    await cashier.getByText(/menunggu persetujuan keuangan/).waitFor();

    const finance = await newPage();
    await signIn(finance, 'finance@demo.jaring.id');
    await finance.getByTestId('org-name').waitFor();
    await finance.goto('/billing');
    const row = finance.getByTestId('pending-transfers').locator('tr', { hasText: 'BCA 20261124-77' });
    const slip = await finance.request.get(
      (await row.getByRole('link', { name: 'Lihat bukti' }).getAttribute('href')) as string,
    );
    assert.equal(slip.headers()['content-type'], 'image/png');
    await row.getByRole('button', { name: 'Setujui' }).click();
    await finance.getByRole('dialog').getByRole('button', { name: 'Ya, lanjutkan' }).click();
    await finance.getByText('Transfer disetujui.').waitFor();
    await finance.goto('/customers?q=siti');
    await finance.getByRole('link', { name: 'Siti Aminah' }).click();
    await finance
      .getByTestId('customer-outstanding')
      .getByText(/^Rp\s0$/)
      .waitFor();
  });
});
