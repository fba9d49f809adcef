import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { newPage, settled, signIn } from './browser';

describe('from lead to active customer, in Chromium', () => {
  test('sales registers a lead with coverage; admin verifies it; NOC activates the subscription', async () => {
    const sales = await newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await signIn(sales, 'sales@demo.jaring.id');
    await sales.getByTestId('org-name').waitFor();
    await sales.goto('/leads/new');
    await sales.getByLabel('Nama', { exact: true }).fill('Wati Rahayu');
    await sales.getByLabel('No. HP / WhatsApp').fill('0812 7000 1234');
    await sales.getByLabel('Alamat', { exact: true }).fill('Jl. Melati No. 17, RT 03/RW 05');
    await sales.getByLabel('Area / RT-RW').fill('RW 05');
    await sales.getByLabel('Paket', { exact: true }).selectOption({ label: 'Paket 20 Mbps' });
    await sales.getByTestId('location-map').waitFor();
    await sales.getByLabel('Lintang (latitude)').fill('-6.9150');
    await sales.getByLabel('Bujur (longitude)').fill('107.6100');
    await sales.getByTestId('check-coverage').click();
    const coverage = sales.getByTestId('coverage');
    await coverage.getByText(/Terjangkau: ODP ODP-MLT-01 berjarak \d+ m/).waitFor();
    await sales.getByTestId('save-lead').click();
    await sales.getByRole('heading', { name: 'Wati Rahayu' }).waitFor();
    await settled(sales);
    const leadUrl = new URL(sales.url()).pathname;
    assert.match(leadUrl, /^\/leads\/[0-9a-f-]{36}$/);
    assert.equal(await sales.getByTestId('convert-lead').count(), 0, 'sales cannot verify');

    const admin = await newPage();
    await signIn(admin, 'admin@demo.jaring.id');
    await admin.getByTestId('org-name').waitFor();
    await admin.goto(leadUrl);
    await admin.getByText('6281270001234').waitFor();
    const username = await admin.getByLabel('Username layanan (PPPoE)').inputValue();
    assert.match(username, /^watirahayu\d+$/);
    await admin.getByTestId('convert-lead').click();
    await admin.waitForURL(/\/customers\/[0-9a-f-]{36}$/);
    await settled(admin);
    await admin.getByRole('heading', { name: 'Wati Rahayu' }).waitFor();
    const subtitle = await admin.getByText(/^C-\d{6} · 6281270001234$/).innerText();
    // Numbered after the demo's ~500 customers: the counter continues, nothing collides.
    assert.match(subtitle, /^C-000\d{3}/);
    await admin.getByTestId('subscription').getByText('Menunggu instalasi').waitFor();
    const customerUrl = new URL(admin.url()).pathname;

    const noc = await newPage();
    await signIn(noc, 'noc@demo.jaring.id');
    await noc.getByTestId('org-name').waitFor();
    await noc.goto(customerUrl);
    await noc.getByRole('button', { name: 'Aktifkan' }).click();
    await noc.getByRole('dialog').getByRole('button', { name: 'Ya, lanjutkan' }).click();
    await noc.getByText('Status diubah; pekerjaan jaringan dikirim ke worker.').waitFor();
    await noc.getByTestId('subscription').getByText('Aktif', { exact: true }).waitFor();
    const history = await noc.getByTestId('status-history').innerText();
    // History reads as sentences: who changed what, in words.
    assert.match(history, /Demo noc mengubah status dari Menunggu instalasi menjadi Aktif\./);

    // The network job went through the worker and says honestly that nothing was applied yet.
    await noc.goto('/jobs');
    // Found by the username: other browser tests finish their own network jobs at the same time.
    const row = noc.locator('[data-testid=job-row][data-state=done]', { hasText: username }).first();
    await row.waitFor({ timeout: 30_000 });
    assert.match(await row.innerText(), /Terapkan status langganan/);

    // The customer list finds the new customer by phone in local form.
    await noc.goto('/customers?q=0812-7000-1234');
    const rows = noc.getByTestId('customer-row');
    await rows.first().waitFor();
    assert.equal(await rows.count(), 1);
    assert.match(await rows.first().innerText(), /Wati Rahayu[\s\S]*Aktif/);
  });

  test('a lead outside coverage is told why before it is saved', async () => {
    const page = await newPage();
    await signIn(page, 'sales@demo.jaring.id');
    await page.getByTestId('org-name').waitFor();
    await page.goto('/leads/new');
    await page.getByLabel('Lintang (latitude)').fill('-6.9400');
    await page.getByLabel('Bujur (longitude)').fill('107.6100');
    await page.getByTestId('check-coverage').click();
    await page
      .getByTestId('coverage')
      .getByText(/Di luar jangkauan: ODP terdekat ODP-ASR-01 berjarak \d+ m \(batas 250 m\)/)
      .waitFor();
    // Saving with empty fields keeps what was typed and marks each field.
    await page.getByTestId('save-lead').click();
    await page.getByText('Masukkan nomor HP Indonesia, mis. 0812-3456-7890.').waitFor();
    assert.equal(await page.getByLabel('Lintang (latitude)').inputValue(), '-6.9400');
  });
});

describe('CSV import, in Chromium', () => {
  const header =
    'name,phone,address,area,latitude,longitude,plan,billing_type,service_username,service_password,status,email';
  const file = (lines: string[]) => ({
    name: 'pelanggan.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from([header, ...lines].join('\n')),
  });

  test('a file with bad rows imports nothing and lists each error; the corrected file imports every row', async () => {
    const page = await newPage();
    await signIn(page, 'admin@demo.jaring.id');
    await page.getByTestId('org-name').waitFor();
    await page.goto('/customers/import');
    const stamp = Date.now().toString().slice(-6);
    await page
      .getByLabel('File CSV')
      .setInputFiles(
        file([
          `Impor Satu ${stamp},0812-5550-0001,Jl. Impor No. 1,RW 09,,,Paket 20 Mbps,,imp1${stamp},rahasia01,,`,
          `Impor Dua ${stamp},021-5550002,Jl. Impor No. 2,RW 09,,,Paket 99 Mbps,,imp2${stamp},rahasia02,,`,
        ]),
      );
    const errors = page.getByTestId('import-errors');
    await errors.waitFor();
    const text = await errors.innerText();
    assert.match(text, /3\s+phone\s+Masukkan nomor HP Indonesia/);
    assert.match(text, /3\s+plan\s+Paket "Paket 99 Mbps" tidak ada/);
    await page.getByText('Tidak ada yang diimpor.', { exact: false }).waitFor();
    assert.equal(await page.getByTestId('run-import').count(), 0);

    await page
      .getByLabel('File CSV')
      .setInputFiles(
        file([
          `Impor Satu ${stamp},0812-5550-0001,Jl. Impor No. 1,RW 09,,,Paket 20 Mbps,,imp1${stamp},rahasia01,,`,
          `Impor Dua ${stamp},0812-5550-0002,Jl. Impor No. 2,RW 09,,,Paket 10 Mbps,prepaid,imp2${stamp},rahasia02,isolated,`,
        ]),
      );
    await page.getByTestId('import-preview').getByText('2 baris: 2 benar, 0 salah.').waitFor();
    await page.getByTestId('run-import').click();
    await page.getByText('2 pelanggan diimpor.').waitFor();
    await page.goto(`/customers?q=imp2${stamp}`);
    const row = page.getByTestId('customer-row');
    await row.first().waitFor();
    assert.match(await row.first().innerText(), new RegExp(`Impor Dua ${stamp}[\\s\\S]*Isolir`));
  });
});
