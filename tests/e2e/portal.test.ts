import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { invoices, whatsappSessions } from '@/db/schema';
import { encryptSecret } from '@/lib/crypto';
import { saveGatewaySettings } from '@/lib/payments/settings';
import { makeCustomerWorld, makeOrg, testDb, waitFor } from '../helpers';
import { startFakeTripay } from '../support/gateways/tripay';
import type { GatewayFake } from '../support/gateways/types';
import { type HttpGatewayFake, startFakeHttpGateway } from '../support/whatsapp-http';
import { APP_URL, newPage, settled } from './browser';

let tripay: GatewayFake;
let gateway: HttpGatewayFake;

before(async () => {
  // The app under test was started with TRIPAY_API_URL pointing at this port (scripts/test.ts).
  tripay = await startFakeTripay({}, { port: Number(process.env.E2E_TRIPAY_PORT) });
  // A Fonnte-style gateway on loopback: the app's worker sends the sign-in code to it.
  gateway = await startFakeHttpGateway();
});
after(async () => {
  await tripay.close();
  await gateway.close();
});

const noSidewaysScroll = async (page: Awaited<ReturnType<typeof newPage>>) =>
  assert.ok(
    await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
    `no sideways scroll on ${page.url()}`,
  );

describe('customer portal, on a phone in Chromium', () => {
  test('a customer signs in with the code WhatsApp brings, sees the home and pays an invoice', async () => {
    const db = testDb();
    const { org, admin } = await makeOrg(db, 'e2e-portal');
    const world = await makeCustomerWorld(db, org.id, admin.user.id);
    await db.insert(whatsappSessions).values({
      organizationId: org.id,
      name: 'Gateway',
      transport: 'http_gateway',
      status: 'connected',
      configEnc: encryptSecret(JSON.stringify({ url: gateway.url, token: gateway.credentials.token })),
      perMinute: 600,
    });
    await saveGatewaySettings(db, {
      orgId: org.id,
      actorUserId: admin.user.id,
      ip: null,
      input: {
        gateway: 'tripay',
        enabled: true,
        mode: 'production',
        credentials: tripay.credentials,
        methods: [{ code: 'BRIVA', enabled: true, feeType: 'flat', feeValue: 0, feeBearer: 'customer' }],
      },
    });
    const [invoice] = await db.select().from(invoices).where(eq(invoices.id, world.invoice.id));

    const page = await newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await page.goto(`/portal/${org.slug}`);
    await page.waitForURL(`**/portal/${org.slug}/login`);
    await page.getByTestId('portal-org-name').getByText(org.name).waitFor();
    const manifest = await page.locator('link[rel=manifest]').getAttribute('href');
    assert.equal(manifest, `/portal/${org.slug}/manifest.webmanifest`);
    const m = await (await fetch(`${APP_URL}${manifest}`)).json();
    assert.equal(m.name, org.name);
    await noSidewaysScroll(page);

    // The number as a customer types it; the code comes through the app's worker to WhatsApp.
    const before = gateway.sent.length;
    await page.getByLabel('Nomor WhatsApp').fill('0812-3456-7890');
    await page.getByTestId('portal-send-code').click();
    await page.getByTestId('portal-code-sent').waitFor();
    const sent = await waitFor(
      async () => gateway.sent.slice(before).find((s) => s.to.endsWith('81234567890') && s.text.includes(org.name)),
      30_000,
    );
    const code = /\b(\d{6})\b/.exec(sent.text)![1]!;
    await page.getByLabel('Kode').fill(code);
    await page.getByTestId('portal-verify-code').click();
    await page.waitForURL(`**/portal/${org.slug}`);

    // Home: status, plan, the unpaid invoice with its pay button; the bottom bar.
    await page.getByTestId('portal-customer').first().waitFor();
    await page.getByTestId('portal-status').first().getByText('Aktif').waitFor();
    await page.getByTestId('portal-plan').first().waitFor();
    // The plan's speed as the plan list writes it (20480 kbps is 20 Mbps), not raw kbps.
    assert.match(await page.getByTestId('portal-customer').first().innerText(), /\b20 Mbps\b/);
    const unpaid = page.getByTestId('portal-unpaid-invoice').filter({ hasText: invoice!.number });
    await unpaid.waitFor();
    await page.getByTestId('portal-bottom-nav').waitFor();
    await noSidewaysScroll(page);

    // English: no Indonesian left, no raw key.
    await page.getByTestId('portal-locale-en').click();
    await page.getByRole('heading', { name: 'My internet' }).waitFor();
    const english = await page.locator('body').innerText();
    for (const word of ['Tagihan', 'Bayar', 'Beranda', 'Lainnya', 'Aktif\n'])
      assert.ok(!english.includes(word), `no "${word}" in English`);
    assert.ok(!/\bportal\.[a-z]+\.[a-zA-Z]+/.test(english), 'no raw message key');
    await page.getByTestId('portal-locale-id').click();
    await page.getByRole('heading', { name: 'Internet saya' }).waitFor();

    // Pay: the button opens the public invoice page, the gateway flow lives there.
    await unpaid.getByTestId('portal-pay').click();
    await page.waitForURL('**/i/**');
    await settled(page);
    await page.getByTestId('pay-tripay-BRIVA').click();
    await page.getByTestId('payment-va').waitFor();
    const [orderId] = [...tripay.orders.entries()].at(-1)!;
    const callback = tripay.callback(orderId, 'paid');
    const res = await fetch(`${APP_URL}/api/payments/tripay/callback`, {
      method: 'POST',
      headers: callback.headers,
      body: callback.body,
    });
    assert.equal(res.status, 200);
    await page.getByTestId('payment-paid').waitFor();

    // Back home, the invoice is no longer unpaid. (The home's links are prefetched, so the
    // network is never idle here: wait for the content instead.)
    await page.goto(`/portal/${org.slug}`, { waitUntil: 'load' });
    await page.getByTestId('portal-customer').first().waitFor();
    assert.equal(await page.getByTestId('portal-unpaid-invoice').filter({ hasText: invoice!.number }).count(), 0);

    // More → Account (the number as people read it) → sign out; the portal asks to sign in again.
    await page.getByTestId('portal-nav-more').click();
    await page.getByTestId('portal-more-account').click();
    await page.getByTestId('portal-signed-in-as').getByText('+62 812-3456-7890').waitFor();
    await page.getByTestId('portal-sign-out').click();
    await page.waitForURL(`**/portal/${org.slug}/login`);
    await noSidewaysScroll(page);
  });
});
