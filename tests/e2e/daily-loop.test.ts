import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { makeCustomerWorld, makeMember, makeOrg, PASSWORD, testDb } from '../helpers';
import { newPage, settled, signIn } from './browser';

// One pool for the file: its connection is closed after the last test.
const db = testDb();
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

/** Nothing on the page is wider than the phone: no sideways scrolling. */
async function assertNoSideways(page: Page) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 390, `page is ${width}px wide at 390px`);
}

async function height(page: Page, testId: string) {
  return (await page.getByTestId(testId).first().boundingBox())!.height;
}

describe('the daily loop on a phone, in Chromium', () => {
  test('the cashier takes cash on the customer page and prints a receipt with number, period, plan, ISP and balance', async () => {
    const { org, admin } = await makeOrg(db, 'e2e-loop');
    const w = await makeCustomerWorld(db, org.id, admin.user.id);
    const cashier = await makeMember(db, org.id, 'operator');
    const page = await newPage(PHONE);
    await signIn(page, cashier.user.email, PASSWORD);
    await page.getByTestId('org-name').waitFor();
    await page.goto(`/customers/${w.customer.id}`);
    await page.getByTestId('customer-overview').waitFor();
    await assertNoSideways(page);

    // Overview first: plan, what is owed, and one tap to call, chat or drive there.
    assert.match(await page.getByTestId('customer-plan').innerText(), new RegExp(w.plan.name));
    assert.match(await page.getByTestId('customer-outstanding').innerText(), /^Rp\s140\.000$/);
    assert.equal(await page.getByTestId('contact-call').getAttribute('href'), 'tel:+6281234567890');
    const chat = (await page.getByTestId('contact-whatsapp').getAttribute('href'))!;
    assert.ok(chat.startsWith('https://wa.me/6281234567890?text='), chat);
    assert.match(decodeURIComponent(chat), new RegExp(w.invoice.number));
    assert.match(
      (await page.getByTestId('contact-navigate').getAttribute('href'))!,
      /google\.com\/maps\/dir\/.*destination=-6\.9/,
    );
    for (const id of ['contact-call', 'contact-whatsapp', 'contact-navigate', 'contact-copy', 'record-payment']) {
      assert.ok((await height(page, id)) >= 44, `${id} is a 44px tap target`);
    }

    await page.getByTestId('record-payment').click();
    await page.getByText(/Pembayaran Rp\s140\.000 dicatat\./).waitFor();
    await page.getByTestId('receipt-link').click();
    await page.getByTestId('receipt').waitFor();
    await assertNoSideways(page);
    const receipt = await page.getByTestId('receipt').innerText();
    assert.match(await page.getByTestId('receipt-number').innerText(), /^KW\/\d{8}\/[0-9A-F]{8}$/);
    assert.match(await page.getByTestId('receipt-isp').innerText(), new RegExp(org.name));
    assert.match(await page.getByTestId('receipt-period').innerText(), /November 2026/);
    assert.match(await page.getByTestId('receipt-plan').innerText(), new RegExp(w.plan.name));
    // Counted when printed, and labelled so: a reprint months later does not pass for the day's balance.
    assert.match(
      await page.getByTestId('receipt-balance').innerText(),
      /Sisa tagihan per \d{1,2} \w+ 2\d{3}.*\s+Rp\s0/,
    );
    assert.match(receipt, /Rp\s140\.000/);
    assert.match(receipt, /Test operator/);

    // The way back is on screen and not on paper.
    const back = page.getByTestId('receipt-back');
    assert.ok(await back.isVisible());
    await page.emulateMedia({ media: 'print' });
    assert.equal(await back.isVisible(), false, 'the back link is not printed');
    await page.emulateMedia({ media: 'screen' });
    await back.click();
    await page.getByTestId('customer-overview').waitFor();
    await settled(page);
    assert.match(await page.getByTestId('customer-outstanding').innerText(), /^Rp\s0$/);
    // History says what happened in words, not codes or JSON.
    const history = await page.getByTestId('status-history').innerText();
    assert.match(history, /Test operator mencatat pembayaran Rp\s140\.000 \(Tunai \(loket\)\)\./);
    assert.doesNotMatch(history, /[{}]|payment\.recorded/);

    // A transfer still waiting for finance has no receipt, only its status and the way back.
    await page.goto(`/receipt/${w.transfers[0]}`);
    await page
      .getByTestId('receipt-unavailable')
      .getByText(/Menunggu/)
      .waitFor();
    assert.equal(await page.getByTestId('receipt').count(), 0);
    await page.getByTestId('receipt-back').click();
    await page.getByTestId('customer-overview').waitFor();
  });

  test('with no WhatsApp session, "Kirim ke WhatsApp" opens wa.me with the text and link; the public page says how to pay', async () => {
    const { org, admin } = await makeOrg(db, 'e2e-share');
    const w = await makeCustomerWorld(db, org.id, admin.user.id);
    const page = await newPage({ ...PHONE, permissions: ['clipboard-read', 'clipboard-write'] });
    await signIn(page, admin.user.email, PASSWORD);
    await page.getByTestId('org-name').waitFor();
    await page.goto(`/customers/${w.customer.id}`);
    await page.getByTestId('last-invoice-link').click();
    await page.waitForURL(/\/invoices\/[0-9a-f-]{36}$/);
    await page.getByTestId('invoice-whatsapp').waitFor();
    await settled(page);
    await assertNoSideways(page);
    await page
      .getByTestId('whatsapp-banner')
      .getByText(/Belum ada sesi WhatsApp yang tersambung/)
      .waitFor();
    assert.match(await page.getByTestId('invoice-overdue').innerText(), /Lewat jatuh tempo \d+ hari/);
    const link = await page.getByTestId('public-link').innerText();
    const send = page.getByTestId('whatsapp-send');
    const href = (await send.getAttribute('href'))!;
    assert.ok(href.startsWith('https://wa.me/6281234567890?text='), href);
    const text = decodeURIComponent(href.split('?text=')[1]!);
    assert.ok(text.includes(w.invoice.number), text);
    assert.ok(text.includes(link), `the message carries the link: ${text}`);
    assert.ok((await height(page, 'whatsapp-send')) >= 44);
    assert.ok((await height(page, 'copy-link')) >= 44);
    await page.getByTestId('copy-link').click();
    await page.getByTestId('copy-link').getByText('Tersalin').waitFor();

    // The customer's page, no login: overdue said plainly, and how to pay without a gateway.
    const visitor = await newPage(PHONE);
    await visitor.goto(new URL(link).pathname);
    await visitor.getByTestId('public-overdue').waitFor();
    await visitor.getByTestId('how-to-pay').waitFor();
    await visitor.getByText(`Sebutkan nomor tagihan ${w.invoice.number} saat membayar.`).waitFor();
    await assertNoSideways(visitor);
  });
});
