import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { makeOrg, PASSWORD, testDb } from '../helpers';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver';
import { newPage, settled, signIn } from './browser';

const db = testDb();
let receiver: WebhookReceiver;

before(async () => {
  receiver = await startWebhookReceiver();
});
after(async () => {
  await receiver.close();
});

const noSideScroll = async (page: Awaited<ReturnType<typeof newPage>>) =>
  assert.ok(
    await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
    'nothing scrolls sideways',
  );

describe('webhooks, on a phone in Chromium', () => {
  test('an admin adds an endpoint, sends a test event, and sees it delivered in the log', async () => {
    const { admin } = await makeOrg(db, 'wh-e2e');
    const page = await newPage({ viewport: { width: 390, height: 844 }, isMobile: true });
    await signIn(page, admin.user.email, PASSWORD);
    await page.getByTestId('dashboard-stats').waitFor();

    await page.goto('/settings');
    const section = page.locator('[data-section=webhooks]');
    assert.match(await section.innerText(), /Webhook[\s\S]*Belum ada endpoint/);
    await section.click();
    await page.waitForURL(/\/settings\/webhooks$/);
    await settled(page);
    await page.getByTestId('empty-state').waitFor();
    await noSideScroll(page);

    // A private address is refused next to the field, in Indonesian.
    await page.getByLabel('Alamat penerima (URL)').fill('http://169.254.169.254/latest/');
    await page.getByTestId('webhook-save').click();
    await page.getByText('jaringan lokal atau internal').waitFor();

    await page.getByLabel('Alamat penerima (URL)').fill(receiver.url);
    await page.getByLabel('Keterangan (opsional)').fill('Sistem akuntansi');
    await page.getByTestId('webhook-save').click();
    await page.waitForURL(/\/settings\/webhooks\/[0-9a-f-]{36}$/);
    await settled(page);
    assert.equal(await page.getByTestId('webhook-url').innerText(), receiver.url);

    // The secret is masked until asked for; revealed, it is what the receiver verifies with.
    assert.match(await page.getByTestId('webhook-secret').innerText(), /^whsec_…/);
    await page.getByTestId('webhook-reveal').click();
    await page.getByTestId('webhook-secret-copy').waitFor();
    const secret = (await page.getByTestId('webhook-secret').innerText()).trim();
    assert.match(secret, /^whsec_[A-Za-z0-9+/]{32}$/);
    receiver.setSecret(secret);

    await page.getByTestId('webhook-test').click();
    await page.getByText('Event uji customer.created masuk antrean').waitFor();
    // The app's worker delivers it; the page refreshes itself while it waits.
    const delivered = page.locator('[data-testid=webhook-delivery][data-status=delivered]');
    await delivered.waitFor({ timeout: 30_000 });
    assert.match(await delivered.innerText(), /Terkirim[\s\S]*customer\.created[\s\S]*1 percobaan · HTTP 200/);
    assert.equal(receiver.refused.length, 0, 'every request verified with standardwebhooks');
    const got = receiver.received.at(-1)!;
    assert.equal(got.payload.type, 'customer.created');
    assert.equal(got.userAgent, 'Jaring-Webhooks/1');

    // The detail shows what was sent and what the receiver answered.
    await delivered.getByRole('button', { name: 'Detail' }).click();
    await delivered.getByText('terima kasih').waitFor();
    assert.match(await delivered.innerText(), /"type": "customer\.created"/);
    await noSideScroll(page);
    assert.doesNotMatch(await page.locator('main').innerText(), /webhooks\.|\{\w+\}/, 'no raw key or placeholder');
  });
});
