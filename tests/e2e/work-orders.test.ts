import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { and, eq, like } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { messages, workOrders } from '@/db/schema';
import { testDb } from '../helpers';
import { newPage, settled, signIn } from './browser';

const db = testDb();

/** No page scrolls sideways on a phone; on failure, name the elements that stick out. */
async function noSideScroll(page: Page) {
  const wide = await page.evaluate(() => {
    if (document.documentElement.scrollWidth <= window.innerWidth) return [];
    return [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
      .slice(-5)
      .map((e) => `${e.tagName.toLowerCase()}.${String(e.className).slice(0, 60)}`);
  });
  assert.deepEqual(wide, [], `${page.url()} scrolls sideways at 390 px`);
}

describe('work orders (SPK) in the office, on a phone', () => {
  test('the admin creates a repair work order, schedules it and gives it to a technician', async () => {
    const page = await newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await signIn(page, 'admin@demo.jaring.id');
    await page.getByTestId('org-name').waitFor();

    // The list: cards on a phone (installations of verified leads are already there).
    await page.goto('/work-orders');
    await page.getByRole('heading', { name: 'SPK (perintah kerja)' }).waitFor();
    await noSideScroll(page);

    // Create: find the customer, choose, say what is wrong.
    await page.getByTestId('new-work-order').click();
    await settled(page);
    await page.getByPlaceholder('Cari pelanggan', { exact: true }).fill('Budi Santoso');
    await page.getByPlaceholder('Cari pelanggan', { exact: true }).press('Enter');
    await settled(page);
    await page.getByTestId('choose-customer').first().click();
    await settled(page);
    await page
      .getByTestId('chosen-customer')
      .getByText(/Budi Santoso · C-\d{6}/)
      .waitFor();
    await noSideScroll(page);
    await page.getByLabel('Jenis').selectOption('repair');
    await page.getByLabel('Catatan').fill('Modem mati total, lampu PON merah');
    await page.getByTestId('submit-work-order').click();
    await page.waitForURL(/\/work-orders\/[0-9a-f-]{36}$/);
    await settled(page);
    const id = new URL(page.url()).pathname.split('/').at(-1)!;
    await page.getByRole('heading', { name: /^SPK-\d{6}$/ }).waitFor();
    assert.equal(await page.getByTestId('work-order-status').innerText(), 'Belum dijadwalkan');
    await noSideScroll(page);

    // Schedule: a day and a window.
    await page.getByTestId('schedule-date-year').selectOption('2026');
    await page.getByTestId('schedule-date-month').selectOption('12');
    await page.getByTestId('schedule-date-day').selectOption('15');
    await page.getByTestId('save-schedule').click();
    await page.getByText('Jadwal disimpan.').waitFor();
    await page.getByTestId('work-order-status').getByText('Terjadwal').waitFor();

    // Assign: the demo technician; now the customer is told (day, window, technician).
    await page.getByTestId('assign-form').getByText('Demo technician').click();
    await page.getByTestId('save-technicians').click();
    await page.getByText('Teknisi disimpan.').waitFor();
    const timeline = page.getByTestId('timeline');
    await timeline.getByText('Teknisi ditugaskan').waitFor();
    await timeline.getByText(/Dijadwalkan 15 Des 2026, 08:00–12:00/).waitFor();
    await noSideScroll(page);

    const [wo] = await db.select().from(workOrders).where(eq(workOrders.id, id));
    assert.deepEqual([wo!.type, wo!.status, wo!.scheduledDate], ['repair', 'scheduled', '2026-12-15']);
    const [notice] = await db
      .select()
      .from(messages)
      .where(
        and(
          eq(messages.customerId, wo!.customerId!),
          eq(messages.category, 'visit_scheduled'),
          // The demo may have scheduled another visit for the same customer: this work order's.
          like(messages.body, `%SPK-${String(wo!.number).padStart(6, '0')}%`),
        ),
      );
    assert.match(notice!.body, /15 Des 2026 pukul 08:00–12:00\. Teknisi: Demo technician\./);

    // The list finds it by number and by technician.
    await page.goto(`/work-orders?q=SPK-${String(wo!.number).padStart(6, '0')}`);
    const rows = page.getByTestId('work-order-row');
    await rows.first().waitFor();
    assert.equal(await rows.count(), 1);
    assert.match(await rows.first().innerText(), /Budi Santoso[\s\S]*Demo technician[\s\S]*Terjadwal/);
    await noSideScroll(page);
  });
});
