import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { type RouterOsServer, startRouterOsServer } from '../support/routeros-server';
import { newPage, settled, signIn } from './browser';

let router: RouterOsServer | undefined;
after(async () => {
  await router?.close();
});

describe('hotspot vouchers, in Chromium on a phone', () => {
  test('admin makes a profile, generates 20 vouchers to a router, watches delivery finish and downloads the cards', async () => {
    // The app's worker reaches this stand-in over loopback, as it would a MikroTik.
    router = await startRouterOsServer({ identity: 'RB-Voucher', username: 'jaring-api', password: 'api-rahasia' });
    const page = await newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await signIn(page, 'admin@demo.jaring.id');
    await page.getByTestId('org-name').waitFor();
    const suffix = Date.now() % 100000;

    await page.goto('/routers?add=1');
    const routerForm = page.getByTestId('router-form');
    const routerName = `Hotspot Alun-alun ${suffix}`;
    await routerForm.getByLabel('Nama', { exact: true }).fill(routerName);
    await routerForm.getByLabel('Host / alamat IP').fill('127.0.0.1');
    await routerForm.getByLabel('Port API').fill(String(router.port));
    await routerForm.getByLabel('Username API').fill('jaring-api');
    await routerForm.getByLabel('Kata sandi', { exact: true }).fill('api-rahasia');
    await page.getByTestId('router-save').click();
    await page.waitForURL(/\/routers\/[0-9a-f-]{36}$/);

    // A profile: a price typed the Indonesian way, "1 hari" from the quick picks.
    await page.goto('/vouchers/profiles');
    const form = page.getByTestId('voucher-profile-form');
    const profileName = `Harian ${suffix}`;
    await form.getByLabel('Nama profil').fill(profileName);
    await form.getByLabel('Harga jual (Rp)').fill('5.000');
    await form.getByLabel('Harga reseller (Rp)').fill('6.000');
    await form.getByRole('button', { name: '1 hari' }).click();
    await page.getByTestId('voucher-profile-save').click();
    // Reseller price above the selling price is named next to its field.
    await form.getByText('Harga reseller tidak boleh lebih tinggi dari harga jual.').waitFor();
    await form.getByLabel('Harga reseller (Rp)').fill('4.000');
    await page.getByTestId('voucher-profile-save').click();
    const row = page.getByTestId('voucher-profile-row').filter({ hasText: profileName });
    await row.waitFor();
    assert.match(await row.innerText(), /Rp\s?5\.000[\s\S]*1 hari/);

    await page.goto('/vouchers/new');
    const gen = page.getByTestId('voucher-generate-form');
    await gen.getByLabel('Profil', { exact: true }).selectOption({ label: `${profileName} — Rp 5.000` });
    await gen.getByLabel('Jumlah voucher').fill('20');
    await page.getByTestId('voucher-target').selectOption({ label: `${routerName} (API)` });
    await page.getByTestId('voucher-generate-submit').click();
    await page.waitForURL(/\/vouchers\/batches\/[0-9a-f-]{36}$/);
    const batchUrl = new URL(page.url()).pathname;

    // The page follows the delivery job until it is done.
    await page.getByTestId('delivery-done').getByText('20 dari 20 terkirim').waitFor({ timeout: 40_000 });
    const users = router.list('/ip/hotspot/user');
    assert.equal(users.length, 20);
    assert.ok(users.every((u) => u.profile === profileName && u.comment?.startsWith('jaring:')));
    await page.getByTestId('status-counts').getByText('20 belum dipakai').waitFor();
    assert.equal(await page.getByTestId('voucher-row').count(), 20);
    assert.ok((await page.getByTestId('vouchers-table').innerText()).includes(users[0]!.name!));

    // The batch is listed with its status.
    await page.goto('/vouchers');
    const listed = page.getByTestId('voucher-batch-row').filter({ hasText: profileName });
    assert.match(await listed.innerText(), /Terkirim/);
    await listed.getByRole('link').click();
    await page.waitForURL(`**${batchUrl}`);
    await settled(page);

    // The A4 sheet: 10 cards per page by default, so 2 pages for 20 vouchers.
    const href = await page.getByTestId('print-pdf').getAttribute('href');
    assert.ok(href?.startsWith('/api/vouchers/batches/'));
    const response = await page.request.get(href!);
    assert.equal(response.status(), 200);
    assert.equal(response.headers()['content-type'], 'application/pdf');
    const pdf = await response.body();
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    assert.equal((pdf.toString('latin1').match(/\/Type\s*\/Page\b(?!s)/g) ?? []).length, 2);
  });
});
