import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { invoices } from '@/db/schema';
import { formatIDR } from '@/lib/format';
import { makeCustomerWorld, makeMember, makeOrg, PASSWORD, testDb } from '../helpers';
import { startFakeTripay } from '../support/gateways/tripay';
import type { GatewayFake } from '../support/gateways/types';
import { APP_URL, newPage, settled, signIn } from './browser';

const FEE = 2_500;
const text = (s: string) => s.replace(/\s+/g, ' ').trim();
let tripay: GatewayFake;

before(async () => {
  // The app under test was started with TRIPAY_API_URL pointing at this port (scripts/test.ts).
  tripay = await startFakeTripay({}, { port: Number(process.env.E2E_TRIPAY_PORT) });
});
after(() => tripay.close());

describe('online payments, in Chromium', () => {
  test('the admin sets up Tripay, the customer pays by VA from the invoice link, finance sees the callback', async () => {
    const db = testDb();
    const { org, admin } = await makeOrg(db, 'e2e-pay');
    const world = await makeCustomerWorld(db, org.id, admin.user.id);
    const finance = await makeMember(db, org.id, 'finance');

    // The admin enters the gateway's keys, offers QRIS and BRI VA (the customer pays Rp 2.500), and tests the keys.
    const page = await newPage();
    await signIn(page, admin.user.email, PASSWORD);
    await page.getByTestId('org-name').waitFor();
    await page.goto('/billing');
    await page.getByTestId('payment-settings-link').click();
    await settled(page);
    const card = page.getByTestId('gateway-tripay');
    await card.getByTestId('gateway-tripay-open').click();
    await card.getByLabel('Aktifkan Tripay di halaman faktur').check();
    // Sandbox payments never pay an invoice: this account is live (its API root is the stand-in).
    await card.getByLabel('Mode', { exact: true }).selectOption('production');
    await card.getByLabel('Kode merchant').fill(tripay.credentials.merchantCode!);
    await card.getByLabel('API key', { exact: true }).fill(tripay.credentials.apiKey!);
    await card.getByLabel('Private key', { exact: true }).fill(tripay.credentials.privateKey!);
    await card.getByLabel('Aktifkan QRIS', { exact: true }).check();
    await card.getByLabel('Aktifkan BRI Virtual Account', { exact: true }).check();
    await card.getByLabel('Biaya BRI Virtual Account', { exact: true }).fill('2.500');
    assert.equal(await card.getByLabel('Ditanggung BRI Virtual Account', { exact: true }).inputValue(), 'customer');
    assert.match(
      await card.getByTestId('callback-url-tripay').innerText(),
      new RegExp(`^${APP_URL}/api/payments/tripay/callback$`),
    );
    await card.getByTestId('save-tripay').click();
    await card.getByText('Pengaturan Tripay disimpan.').waitFor();
    // The stored key comes back masked, never in clear.
    const apiKey = card.getByLabel('API key', { exact: true });
    await page.waitForFunction(() =>
      document.querySelector<HTMLInputElement>('#tripay-cred_apiKey')?.placeholder.startsWith('tersimpan: '),
    );
    assert.equal(await apiKey.inputValue(), '');
    assert.ok(!(await page.content()).includes(tripay.credentials.apiKey!), 'the API key is not in the page');
    await card.getByTestId('test-tripay').click();
    await card.getByTestId('test-result-tripay').getByText('Kunci berfungsi').waitFor();

    // The customer opens the invoice link on a phone and picks the VA.
    await page.goto(`/invoices/${world.invoice.id}`);
    const link = await page.getByTestId('public-link').innerText();
    const [invoice] = await db.select().from(invoices).where(eq(invoices.id, world.invoice.id));
    const outstanding = invoice!.total - invoice!.paidAmount;
    const visitor = await newPage({ viewport: { width: 360, height: 740 }, isMobile: true });
    await visitor.goto(new URL(link).pathname);
    const va = visitor.getByTestId('pay-tripay-BRIVA');
    assert.match(
      text(await va.innerText()),
      new RegExp(`Biaya layanan ${text(formatIDR(FEE))}.*${text(formatIDR(outstanding + FEE))}`),
    );
    await visitor.getByTestId('pay-tripay-QRIS').waitFor();
    await va.click();
    await visitor.getByTestId('payment-va').waitFor();
    assert.equal(text(await visitor.getByTestId('payment-total').innerText()), text(formatIDR(outstanding + FEE)));
    const [orderId, order] = [...tripay.orders.entries()].at(-1)!;
    assert.equal(order.amount, outstanding + FEE, 'the gateway charges the invoice plus the customer fee');
    assert.equal(await visitor.getByTestId('payment-va').innerText(), order.raw.pay_code);

    // Tripay calls back: the customer's page turns paid without a reload.
    const callback = tripay.callback(orderId, 'paid');
    const res = await fetch(`${APP_URL}/api/payments/tripay/callback`, {
      method: 'POST',
      headers: callback.headers,
      body: callback.body,
    });
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { success: true });
    await visitor.getByTestId('payment-paid').getByText('Pembayaran diterima. Terima kasih!').waitFor();
    await visitor.getByText('Lunas', { exact: true }).first().waitFor();

    // Finance finds the transaction paid, and the callback as it arrived.
    const desk = await newPage();
    await signIn(desk, finance.user.email, PASSWORD);
    await desk.getByTestId('org-name').waitFor();
    await desk.getByRole('link', { name: 'Pembayaran online' }).click();
    await settled(desk);
    const row = desk.getByTestId('transaction-row').filter({ hasText: orderId });
    await row.getByText('Lunas', { exact: true }).waitFor();
    await row.getByRole('link', { name: orderId }).click();
    await settled(desk);
    const received = desk.getByTestId('callback-row').first();
    await received.getByText('Dilunasi').waitFor();
    assert.match(await received.innerText(), /HTTP 200/);
    assert.match(await received.getByTestId('callback-body').innerText(), new RegExp(`"merchant_ref": "${orderId}"`));
    assert.equal(await desk.getByTestId('history-row').count(), 2, 'created, then paid by the callback');
    // Finance may re-check; Tripay refunds are made in its dashboard, so no refund button.
    await desk.getByTestId('recheck').waitFor();
    assert.equal(await desk.getByTestId('refund').count(), 0);
  });
});
