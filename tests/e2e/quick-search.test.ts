import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { newPage, settled, signIn } from './browser';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

describe('quick search and bulk actions on a phone, in Chromium', () => {
  test('the header button and Ctrl-K open the search; a demo customer is found and opened', async () => {
    const page = await newPage(PHONE);
    await signIn(page, 'admin@demo.jaring.id');
    await page.getByTestId('org-name').waitFor();
    const button = page.getByTestId('quick-search-button');
    const box = await button.boundingBox();
    assert.ok(box && box.height >= 44 && box.width >= 44, `tap target ${JSON.stringify(box)}`);
    await button.click();
    const input = page.getByTestId('quick-search-input');
    await input.fill('Dewi');
    const hit = page.getByTestId('quick-search-result').filter({ hasText: 'Dewi Lestari' });
    await hit.first().waitFor();
    await hit.first().click();
    await page.waitForURL(/\/customers\/[0-9a-f-]{36}$/);
    await settled(page);
    await page.locator('main').getByText('Dewi Lestari').first().waitFor();

    // The keyboard: Ctrl-K, type, arrow down to the second result if any, Enter opens it.
    await page.keyboard.press('Control+k');
    await input.waitFor({ state: 'visible' });
    await input.fill('Siti');
    await page.getByTestId('quick-search-result').filter({ hasText: 'Siti Aminah' }).first().waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/customers\/[0-9a-f-]{36}$/);
    await settled(page);
    await page.locator('main').getByText('Siti Aminah').first().waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `no sideways scrolling (${overflow}px)`);
  });

  test('finance ticks two invoices and sends a reminder; the messages are queued', async () => {
    const page = await newPage(PHONE);
    await signIn(page, 'finance@demo.jaring.id');
    await page.getByTestId('org-name').waitFor();
    await page.goto('/billing?status=unpaid');
    const rows = page.getByTestId('invoice-row');
    await rows.first().waitFor();
    assert.ok((await rows.count()) >= 2, 'the demo has at least two unpaid invoices');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the invoices list fits (${overflow}px)`);
    const number = (await rows.nth(0).locator('a[href^="/invoices/"]').innerText()).trim();
    const customer = (await rows.nth(0).locator('a[href^="/customers/"]').innerText()).trim();
    const check = rows.nth(0).getByTestId('row-check');
    const tap = await check.locator('xpath=..').boundingBox();
    assert.ok(tap && tap.height >= 44 && tap.width >= 44, `checkbox tap area ${JSON.stringify(tap)}`);
    await check.check();
    await rows.nth(1).getByTestId('row-check').check();
    await page.getByText('2 dipilih').waitFor();
    await page.getByTestId('bulk-remind').click();
    // Sending asks first, with the count.
    await page.getByText('Kirim pengingat WhatsApp untuk 2 tagihan yang dipilih?').waitFor();
    await page.getByTestId('bulk-remind-confirm').click();
    const notice = page.getByTestId('bulk-notice');
    await notice.waitFor();
    assert.match(await notice.innerText(), /2 pengingat WhatsApp masuk antrean/);

    // The message log (searched by the customer's name) holds the queued reminder for the invoice.
    await page.goto(`/whatsapp/messages?q=${encodeURIComponent(customer)}`);
    await page.getByTestId('message-row').filter({ hasText: number }).first().waitFor();

    // The other two lists of this work fit a phone as well, with their export links.
    for (const [path, row] of [
      ['/customers', 'customer-row'],
      ['/payments', null],
    ] as const) {
      await page.goto(path);
      await page.getByTestId('export-xlsx').waitFor();
      if (row) await page.getByTestId(row).first().waitFor();
      const wide = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(wide <= 0, `${path} fits (${wide}px)`);
    }
  });
});
