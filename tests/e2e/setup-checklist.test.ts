import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { newPage, settled } from './browser';

// A real 1×1 PNG, so the header can draw it.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

/** No page scrolls sideways on a phone; on failure, name the elements that stick out. */
async function noSideScroll(page: Page) {
  const wide = await page.evaluate(() => {
    if (document.documentElement.scrollWidth <= window.innerWidth) return [];
    return [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
      .slice(-5)
      .map(
        (e) => `${e.tagName.toLowerCase()}.${String(e.className).slice(0, 60)} ${e.getAttribute('data-testid') ?? ''}`,
      );
  });
  assert.deepEqual(wide, [], `${page.url()} scrolls sideways at 390 px`);
}

describe('first run on a phone, in Chromium at 390×844', () => {
  test('a new organization sees its checklist, a plan ticks it, the hub links work, dates are Indonesian', async () => {
    const page = await newPage({ viewport: { width: 390, height: 844 } });
    const slug = `net-${randomUUID().slice(0, 8)}`;
    await page.goto('/signup');
    await page.locator('input[name=organizationName]').fill('RT/RW Net Mawar');
    await page.locator('input[name=slug]').fill(slug);
    await page.locator('input[name=adminName]').fill('Bu Rina');
    await page.locator('input[name=email]').fill(`${slug}@t.test`);
    await page.locator('input[name=password]').fill('rahasia-123');
    await page.locator('form button[type=submit]').click();
    await page.getByTestId('org-name').getByText('RT/RW Net Mawar').waitFor();

    await page.goto('/settings');
    const checklist = page.getByTestId('setup-checklist');
    await checklist.waitFor();
    assert.match(await page.getByTestId('setup-progress').innerText(), /^0 dari 6 langkah selesai$/);
    const planStep = page.locator('[data-testid=setup-step][data-step=plan]');
    assert.equal(await planStep.getAttribute('data-done'), 'false');
    await noSideScroll(page);

    // The step links to where it is done; adding the first plan ticks it.
    await planStep.getByRole('link').click();
    await page.waitForURL(/\/plans$/);
    await settled(page);
    await page.locator('input[name=name]').fill('Paket 10 Mbps');
    await page.locator('input[name=downloadMbps]').fill('10');
    await page.locator('input[name=uploadMbps]').fill('5');
    await page.locator('input[name=priceRupiah]').fill('150000');
    await page.getByRole('button', { name: 'Simpan' }).click();
    await page.getByText('Paket disimpan.').waitFor();
    await page.goto('/settings');
    assert.equal(await planStep.getAttribute('data-done'), 'true');
    assert.match(await page.getByTestId('setup-progress').innerText(), /^1 dari 6/);

    // Every section of the hub opens its page, and says its state in a line.
    const sections = page.getByTestId('settings-section');
    const hrefs = await sections.evaluateAll((links) => links.map((a) => a.getAttribute('href')!));
    assert.deepEqual(hrefs, [
      '/settings/organization',
      '/billing/settings',
      '/settings/payments',
      '/whatsapp',
      '/routers',
      '/vouchers/profiles',
      '/users',
      '/settings/roles',
      '/settings/support',
      '/settings/work-orders',
      '/settings/acs',
      '/settings/portal',
      '/settings/webhooks',
      '/settings/api',
      '/settings/export',
    ]);
    assert.match(
      await page.locator('[data-section=payments] [data-testid=settings-state]').innerText(),
      /Belum ada cara pembayaran/,
    );
    for (const href of hrefs) {
      const response = await page.goto(href);
      assert.equal(response?.status(), 200, href);
      await noSideScroll(page);
    }

    // The organization's logo replaces the letter in the header.
    await page.goto('/settings');
    await page.locator('[data-section=organization]').click();
    await page.waitForURL(/\/settings\/organization$/);
    await settled(page);
    await page.getByTestId('logo-file').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: PNG });
    await page.getByTestId('logo-upload').click();
    await page.getByText('Logo disimpan.').waitFor();
    // The image is served (the member's own organization's file) and drawn, not a broken icon.
    await page.waitForFunction(() => {
      const img = document.querySelector<HTMLImageElement>('header [data-testid=org-logo]');
      return Boolean(img?.complete && img.naturalWidth === 1);
    });

    // Dates are picked and shown in Indonesian, whatever the browser's own picker would say.
    await page.goto('/billing');
    await page.getByTestId('billing-month-year').selectOption('2026');
    const months = await page
      .getByTestId('billing-month-month')
      .locator('option')
      .evaluateAll((options) => options.map((o) => o.textContent?.trim() ?? ''));
    assert.ok(months.includes('Des') && months.includes('Mei'), String(months));
    await page.getByTestId('billing-month-month').selectOption('12');
    assert.equal(await page.getByTestId('billing-month-text').innerText(), 'Desember 2026');
    assert.equal(await page.getByTestId('billing-month').inputValue(), '2026-12');
    await noSideScroll(page);
  });
});
