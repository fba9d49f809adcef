import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { organizations, routers, users } from '@/db/schema';
import { encryptSecret } from '@/lib/crypto';
import { saveVoucherProfile } from '@/lib/vouchers/profiles';
import { voucherProfileSchema } from '@/lib/vouchers/schemas';
import { getWalletBalance } from '@/lib/wallet/ledger';
import { testDb } from '../helpers';
import { newPage, signIn } from './browser';

/**
 * The demo reseller asks for a manual top-up, finance approves it, the reseller buys five
 * vouchers from the wallet and opens their cards. `before` gives the demo ISP a voucher
 * profile (reseller price Rp 4.000) and a RADIUS hotspot to deliver to; names carry a stamp.
 */
const stamp = String(Date.now()).slice(-6);
const PROFILE = `Reseller 1 Hari ${stamp}`;
const NOTE = `Transfer BCA ${stamp}`;
const db = testDb();
let orgId = '';
let resellerId = '';
let startBalance = 0;

before(async () => {
  const [org] = await db.select().from(organizations).where(eq(organizations.slug, 'demo'));
  const [admin] = await db.select().from(users).where(eq(users.email, 'admin@demo.jaring.id'));
  const [reseller] = await db.select().from(users).where(eq(users.email, 'reseller@demo.jaring.id'));
  orgId = org!.id;
  resellerId = reseller!.id;
  const actor = { orgId, actorUserId: admin!.id, ip: null };
  await saveVoucherProfile(db, {
    ...actor,
    input: voucherProfileSchema.parse({
      name: PROFILE,
      priceRupiah: '5000',
      costRupiah: '4000',
      validityMinutes: '1440',
      timeQuotaMinutes: '',
      dataQuotaMb: '',
      rateLimit: '2M/2M',
      sharedUsers: '1',
      routerProfile: '',
      radiusGroup: '',
    }),
  });
  // A hotspot that asks RADIUS: reseller vouchers go there as RADIUS rows (no router login needed).
  await db.insert(routers).values({
    organizationId: orgId,
    name: `Hotspot RADIUS ${stamp}`,
    host: '192.0.2.10',
    username: 'radius-only',
    passwordEnc: encryptSecret('unused'),
    mode: 'radius',
    radiusSecretEnc: encryptSecret(`secret-${stamp}`),
    nasAddress: `192.0.2.${(Number(stamp) % 200) + 20}`,
  });
  startBalance = await getWalletBalance(db, { orgId, resellerUserId: resellerId });
});

const rupiah = (n: number) => `Rp\\s?${n.toLocaleString('id-ID')}`;

describe('reseller wallet, in Chromium', () => {
  test('the reseller requests a top-up, finance approves it, the reseller buys vouchers and prints them', async () => {
    const reseller = await newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await signIn(reseller, 'reseller@demo.jaring.id');
    await reseller.getByTestId('org-name').waitFor();
    await reseller.goto('/wallet');
    await reseller.getByTestId('wallet-balance').waitFor();

    // 1. A manual top-up request; nothing is credited yet.
    await reseller.getByTestId('topup-tab-manual').click();
    const manual = reseller.getByTestId('manual-topup');
    await manual.getByLabel('Jumlah (Rp)').fill('5.000');
    await manual.getByLabel('Catatan').fill(NOTE);
    await reseller.getByTestId('manual-topup-submit').click();
    await manual.getByText('Isi jumlah Rp 10.000 sampai Rp 100.000.000.').waitFor();
    await manual.getByLabel('Jumlah (Rp)').fill('100.000');
    await reseller.getByTestId('manual-topup-submit').click();
    await manual.getByText('Permintaan terkirim. Saldo bertambah setelah disetujui.').waitFor();
    await reseller.getByTestId('my-topups').getByText(NOTE).waitFor();
    assert.equal(await getWalletBalance(db, { orgId, resellerUserId: resellerId }), startBalance);
    // Finance's page is not the reseller's.
    assert.equal((await reseller.goto('/resellers/topups'))?.status(), 403);

    // 2. Finance approves, after a confirmation.
    const finance = await newPage();
    await signIn(finance, 'finance@demo.jaring.id');
    await finance.getByTestId('org-name').waitFor();
    await finance.goto('/resellers/topups');
    const row = finance.getByTestId('topup-request').filter({ hasText: NOTE });
    await row.waitFor();
    assert.match(await row.innerText(), new RegExp(rupiah(100_000)));
    await row.getByTestId('approve-topup').click();
    await row.getByTestId('approve-topup-confirm').click();
    await row.waitFor({ state: 'detached' });
    assert.equal(await getWalletBalance(db, { orgId, resellerUserId: resellerId }), startBalance + 100_000);

    // 3. The reseller sees the credit and buys five vouchers at the reseller price.
    await reseller.goto('/wallet');
    await reseller
      .getByTestId('wallet-balance')
      .getByText(new RegExp(rupiah(startBalance + 100_000)))
      .waitFor();
    await reseller.getByTestId('ledger-row').filter({ hasText: 'Isi saldo' }).first().waitFor();
    const buy = reseller.getByTestId('buy-vouchers');
    await buy.getByLabel('Profil voucher').selectOption({ label: `${PROFILE} — Rp 4.000` });
    await buy.getByLabel('Jumlah voucher').fill('5');
    await buy.getByLabel('Dipakai di').selectOption({ label: 'Semua hotspot (RADIUS)' });
    await buy
      .getByTestId('buy-total')
      .getByText(new RegExp(rupiah(20_000)))
      .waitFor();
    await buy.getByTestId('buy-submit').click();
    await buy.getByTestId('buy-submit-confirm').click();
    await buy.getByText('5 voucher berhasil dibeli.').waitFor();
    assert.equal(await getWalletBalance(db, { orgId, resellerUserId: resellerId }), startBalance + 80_000);

    // 4. Their cards: the same PDF as staff print (A4 here; thermal from the batch list).
    const href = await reseller.getByTestId('bought-print').getAttribute('href');
    const response = await reseller.request.get(href!);
    assert.equal(response.status(), 200);
    assert.equal(response.headers()['content-type'], 'application/pdf');
    assert.equal((await response.body()).subarray(0, 5).toString(), '%PDF-');
    await reseller.reload();
    await reseller.getByTestId('print-thermal').first().waitFor();
  });
});
