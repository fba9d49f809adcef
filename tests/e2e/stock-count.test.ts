import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { stockLevels, stockUnits } from '@/db/schema';
import { makeMember, makeOrg, PASSWORD, testDb } from '../helpers';
import { seedCountWorld } from '../support/inventory-counts-world';
import { newPage, signIn } from './browser';

/**
 * On a phone: the warehouse clerk counts the main warehouse (serials typed as a USB scanner
 * types them, one refused as a duplicate; cable metres typed), submits, and sees the variance;
 * the admin approves and the books follow. Its own organization, so the demo ISP's stock stays
 * as it is for the other browser tests.
 */
const db = testDb();
const noScroll = () => document.documentElement.scrollWidth <= 390;
const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

/**
 * Opens a page and waits until the element is hydrated (React has attached its handlers). Not
 * "network idle": on this branch alone the warehouse bottom bar links to pages other inventory
 * work adds (/inventory, /inventory/transfer), and their prefetches keep the network busy.
 */
async function open(page: Page, url: string, testId: string) {
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForFunction((id) => {
    const el = document.querySelector(`[data-testid="${id}"]`);
    return Boolean(el && Object.keys(el).some((k) => k.startsWith('__reactProps')));
  }, testId);
}

describe('stock opname, in Chromium at 390x844', () => {
  test('the clerk counts and submits, the admin approves, the books follow', async () => {
    const { org, admin } = await makeOrg(db, 'e2e-opname');
    const clerk = await makeMember(db, org.id, 'warehouse');
    const stock = await seedCountWorld(db, { orgId: org.id, userId: admin.user.id });
    const page = await newPage(phone);

    await signIn(page, clerk.user.email, PASSWORD);
    await page.getByTestId('org-name').waitFor();
    await open(page, '/inventory/counts', 'start-count');
    await page.getByTestId('empty-state').waitFor();
    assert.match((await page.getByTestId('low-stock-link').textContent()) ?? '', /1 barang di bawah stok minimum/);
    await page.getByLabel('Lokasi yang dihitung').selectOption(stock.warehouse.id);
    await page.getByTestId('start-count').click();
    await page.waitForURL(/\/inventory\/counts\/[0-9a-f-]{36}$/, { waitUntil: 'load' });
    await open(page, page.url(), 'scan-input');

    const feedback = page.getByTestId('scan-feedback').locator('li').first();
    const scan = async (serial: string, expect: RegExp) => {
      await page.getByTestId('scan-input').fill(serial);
      await page.getByTestId('scan-input').press('Enter');
      await feedback.filter({ hasText: expect }).waitFor();
    };
    await scan('zte0001', /ZTE0001 \(ZTE ONT F670L\) cocok/);
    await scan('ZTE0002', /ZTE0002 .* cocok/);
    await scan('ZTE0004', /tercatat di lokasi lain/);
    await scan('ZTE0001', /sudah dihitung di opname ini/);
    assert.equal(await feedback.getAttribute('data-ok'), 'false');
    await page.getByTestId('count-scan').nth(2).waitFor();
    assert.equal(await page.getByTestId('count-scan').count(), 3);

    await page.getByLabel('Barang', { exact: true }).selectOption(stock.cable.id);
    await page.getByLabel('Jumlah dihitung').fill('95');
    await page.getByTestId('save-quantity').click();
    await page.getByText('Jumlah disimpan.').waitFor();
    assert.ok(await page.evaluate(noScroll), 'nothing scrolls sideways while counting');

    await page.getByTestId('submit-count').click();
    await page.getByTestId('submit-count-confirm').click();
    await page.getByTestId('count-status').getByText('Menunggu persetujuan').waitFor();
    const summary = (await page.getByTestId('variance-summary').textContent()) ?? '';
    assert.match(summary, /2 unit cocok · 1 hilang · 1 tak terduga · 0 tidak dikenal/);
    assert.match((await page.getByTestId('variance-missing').textContent()) ?? '', /ZTE0003/);
    assert.match((await page.getByTestId('variance-quantity').textContent()) ?? '', /100.*95.*-5/s);
    assert.equal(await page.getByTestId('approve-count').count(), 0, 'the counter cannot approve');
    assert.ok(await page.evaluate(noScroll), 'nothing scrolls sideways on the variance report');
    const countUrl = page.url();

    const boss = await newPage(phone);
    await signIn(boss, admin.user.email, PASSWORD);
    await boss.getByTestId('org-name').waitFor();
    await open(boss, countUrl, 'approve-count');
    await boss.getByTestId('approve-count').click();
    await boss.getByTestId('approve-count-confirm').click();
    await boss.getByTestId('count-status').getByText('Disetujui').waitFor();
    assert.match((await boss.getByTestId('posted-moves').textContent()) ?? '', /ZTE0003.*Dihapusbukukan/s);
    assert.ok(await boss.evaluate(noScroll), 'nothing scrolls sideways on the decided count');

    const [missing] = await db.select().from(stockUnits).where(eq(stockUnits.id, stock.units[2]!.id));
    assert.notEqual(missing!.locationId, stock.warehouse.id);
    const [away] = await db.select().from(stockUnits).where(eq(stockUnits.id, stock.away.id));
    assert.equal(away!.locationId, stock.warehouse.id);
    const levels = await db.select().from(stockLevels).where(eq(stockLevels.itemId, stock.cable.id));
    assert.deepEqual(
      levels.map((l) => l.quantity),
      [95],
    );
  });
});
