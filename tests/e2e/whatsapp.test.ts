import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { customers } from '@/db/schema';
import { makeCustomerWorld, makeOrg, PASSWORD, testDb } from '../helpers';
import { type HttpGatewayFake, startFakeHttpGateway } from '../support/whatsapp-http';
import { newPage, settled, signIn } from './browser';

let gateway: HttpGatewayFake;

before(async () => {
  // A Fonnte-style gateway on loopback: the worker sends to the URL the admin types in.
  gateway = await startFakeHttpGateway();
});
after(() => gateway.close());

async function waitUntil(check: () => boolean, timeoutMs: number, what: string) {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('WhatsApp, in Chromium', () => {
  test('the admin adds a gateway session, checks a template, broadcasts to active customers and pauses a broadcast', async () => {
    const db = testDb();
    const { org, admin } = await makeOrg(db, 'e2e-wa');
    // One customer (Joko Widodo, 6281234567890) and two leads that are not customers. The
    // factory activates the subscription directly; the customer's own status follows it.
    const world = await makeCustomerWorld(db, org.id, admin.user.id);
    await db.update(customers).set({ status: 'active' }).where(eq(customers.id, world.customer.id));

    const page = await newPage();
    await signIn(page, admin.user.email, PASSWORD);
    await page.getByTestId('org-name').waitFor();
    await page.getByRole('link', { name: 'WhatsApp', exact: true }).click();
    await settled(page);

    // Sessions: an HTTP gateway with its send URL and token; it is usable at once.
    await page.getByText('Belum ada sesi WhatsApp').waitFor();
    const form = page.getByTestId('session-form-new');
    await form.getByLabel('Nama sesi').fill('Gateway Kantor');
    await form.getByLabel('Jenis koneksi').selectOption('http_gateway');
    await form.getByLabel('URL kirim').fill(gateway.url);
    await form.getByLabel('Token').fill(gateway.credentials.token);
    await page.getByTestId('save-session').click();
    const card = page.getByTestId('session-card').filter({ hasText: 'Gateway Kantor' });
    await card.getByTestId('session-status').getByText('Tersambung').waitFor();
    assert.match(await card.innerText(), /HTTP gateway|Gateway HTTP/);
    assert.ok(!(await page.content()).includes(gateway.credentials.token), 'the token is not in the page');

    // Templates: a typo in a variable is flagged while typing and refused on save.
    await page.getByTestId('wa-tab-templates').click();
    await settled(page);
    await page.getByLabel('Kategori').selectOption('broadcast');
    const editor = page.getByTestId('template-editor');
    await editor.getByLabel('Isi pesan').fill('Halo {{customer.nama}}, ada info dari {{organization.name}}.');
    await editor.getByTestId('unknown-variables').getByText('{{customer.nama}}').waitFor();
    assert.match(await editor.getByTestId('template-preview').innerText(), /ada info dari Jaring Demo Net\./);
    await editor.getByTestId('save-template').click();
    await editor.getByText('Variabel tidak dikenal: {{customer.nama}}').waitFor();
    await editor.getByTestId('body-error').getByText('Ganti atau hapus variabel yang tidak dikenal.').waitFor();

    // Broadcast to active customers: the count follows the filter, sending asks first.
    await page.getByTestId('wa-tab-broadcasts').click();
    await settled(page);
    const bc = page.getByTestId('broadcast-form');
    await bc.getByLabel('Status', { exact: true }).selectOption('active');
    await bc
      .getByTestId('recipient-count')
      .getByText('1 pelanggan akan menerima (dari 1; 0 menolak WhatsApp).')
      .waitFor();
    await bc.getByLabel('Judul').fill('Pemeliharaan jaringan');
    const body = bc.getByLabel('Isi pesan');
    await body.fill(`${await body.inputValue()}pemeliharaan jaringan malam ini pukul 23.00.`);
    await bc.getByTestId('send-broadcast').click();
    await page.getByText('Kirim siaran ini ke 1 pelanggan sekarang?').waitFor();
    await page.getByTestId('send-broadcast-confirm').click();
    await bc.getByText('Siaran dimulai: 1 pesan masuk antrean.').waitFor();
    const first = page.getByTestId('broadcast-row').filter({ hasText: 'Pemeliharaan jaringan' });
    await first.getByTestId('broadcast-progress').waitFor();

    // The worker's dispatcher sends it through the gateway; the list follows by itself.
    // (The counter payment the factory recorded queued a payment-received message too.)
    const broadcastSent = () => gateway.sent.find((m) => m.text.includes('pemeliharaan jaringan malam ini'));
    await waitUntil(() => Boolean(broadcastSent()), 30_000, 'the gateway to receive the broadcast');
    assert.equal(broadcastSent()!.to, '6281234567890');
    assert.match(
      broadcastSent()!.text,
      /^Halo Joko Widodo, informasi dari .+: pemeliharaan jaringan malam ini pukul 23\.00\.$/,
    );
    await first.getByTestId('broadcast-status').getByText('selesai').waitFor({ timeout: 30_000 });
    assert.match(await first.getByTestId('broadcast-progress').innerText(), /Terkirim 1 · gagal 0 · tersisa 0/);

    // The message log shows it sent.
    await page.getByTestId('wa-tab-messages').click();
    await settled(page);
    const row = page.getByTestId('message-row').filter({ hasText: 'Joko Widodo' }).filter({ hasText: 'Siaran' });
    await row.getByTestId('message-status').getByText('Terkirim').waitFor();
    assert.match(await row.innerText(), /Siaran/);

    // With the only session switched off, a second broadcast waits; the admin pauses it.
    await page.getByTestId('wa-tab-sessions').click();
    await settled(page);
    await card.getByText('Ubah sesi').click();
    await card.getByLabel('Aktif (boleh mengirim)').uncheck();
    await card.getByRole('button', { name: 'Simpan' }).click();
    await card.getByText('Nonaktif', { exact: true }).waitFor();
    await page.getByTestId('wa-tab-broadcasts').click();
    await settled(page);
    await bc.getByLabel('Status', { exact: true }).selectOption('active');
    await bc
      .getByTestId('recipient-count')
      .getByText('1 pelanggan akan menerima (dari 1; 0 menolak WhatsApp).')
      .waitFor();
    await bc.getByLabel('Judul').fill('Gangguan fiber RW 05');
    await bc.getByLabel('Isi pesan').fill('Halo {{customer.name}}, gangguan fiber di RW 05: teknisi menuju lokasi.');
    await bc.getByTestId('send-broadcast').click();
    await page.getByTestId('send-broadcast-confirm').click();
    const second = page.getByTestId('broadcast-row').filter({ hasText: 'Gangguan fiber RW 05' });
    await second.getByTestId('broadcast-status').getByText('mengirim').waitFor();
    await second.getByTestId('pause-broadcast').click();
    await second.getByTestId('broadcast-status').getByText('dijeda').waitFor();
    await second.getByTestId('resume-broadcast').waitFor();
    assert.match(await second.getByTestId('broadcast-progress').innerText(), /Terkirim 0 · gagal 0 · tersisa 1/);
    assert.ok(!gateway.sent.some((m) => m.text.includes('teknisi menuju lokasi')), 'the paused broadcast sent nothing');

    // The customer asks for no more WhatsApp messages: broadcasts leave them out.
    await page.goto(`/customers/${world.customer.id}`);
    await page.getByTestId('whatsapp-opt-out').check();
    await settled(page);
    await page.goto('/whatsapp/broadcasts');
    await bc.getByLabel('Status', { exact: true }).selectOption('active');
    await bc
      .getByTestId('recipient-count')
      .getByText('0 pelanggan akan menerima (dari 1; 1 menolak WhatsApp).')
      .waitFor();
    assert.ok(await bc.getByTestId('send-broadcast').isDisabled());
  });
});
