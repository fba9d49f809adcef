import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { asc, eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { stockUnits } from '@/db/schema';
import { makeMember, makeOrg, PASSWORD, testDb } from '../helpers';
import { makeCatalogueWorld } from '../support/inventory-catalogue';
import { newPage, signIn } from './browser';

/**
 * On a phone at the warehouse door: the warehouse role receives part of a purchase order by
 * pasting "SERIAL MAC" pairs (a repeated one is skipped), typing a serial and then its MAC, a
 * serial typed twice is refused on the spot, and the drop cable by quantity. Its own
 * organization, so the demo ISP's stock stays as it is for the other browser tests.
 */
const db = testDb();
const noScroll = () => document.documentElement.scrollWidth <= 390;

/** React has attached its handlers to the element (it is interactive, not server HTML only). */
async function hydrated(page: Page, testId: string) {
  await page.waitForFunction(
    (id) => {
      const el = document.querySelector(`[data-testid="${id}"]`);
      return Boolean(el && Object.keys(el).some((k) => k.startsWith('__react')));
    },
    testId,
    { timeout: 60_000 },
  );
}

describe('receiving a purchase order, in Chromium at 390x844', () => {
  test('paste and type serials with MACs, refuse a duplicate, receive cable by quantity', async () => {
    const { org, admin } = await makeOrg(db, 'e2e-receive');
    const warehouse = await makeMember(db, org.id, 'warehouse');
    const w = await makeCatalogueWorld(db, org.id, admin.user.id, 'E');
    const page = await newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

    await signIn(page, warehouse.user.email, PASSWORD);
    await page.getByTestId('org-name').waitFor();
    // 'load', not network idle: until the other inventory lanes' pages are merged, the
    // warehouse bottom bar prefetches pages this branch does not have yet.
    await page.goto(`/inventory/purchase-orders/${w.ordered.id}`, { waitUntil: 'load', timeout: 90_000 });
    assert.equal(await page.getByTestId('po-status').getAttribute('data-status'), 'ordered');
    await page.getByTestId('po-receive').click();
    await page.getByTestId('receive-form').waitFor({ timeout: 90_000 });
    await hydrated(page, 'receive-form');
    assert.ok(await page.evaluate(noScroll), 'nothing scrolls sideways');

    await page.locator('summary', { hasText: 'Tempel daftar' }).click();
    await page
      .getByTestId('receive-paste')
      .fill('EPASTE-1 AA:BB:CC:00:01:01\nepaste-2 aa-bb-cc-00-01-02\nEPASTE-1 AA:BB:CC:00:01:09');
    await page.getByTestId('receive-paste-add').click();
    await page.getByTestId('receive-paste-note').getByText('2 ditambahkan, 1 dilewati').waitFor();

    const scan = page.getByTestId('scan-input');
    await scan.fill('ETYPED-3');
    await scan.press('Enter');
    await page.getByTestId('scan-feedback').getByText('Ditambahkan (3/5)').waitFor();
    await scan.fill('AA:BB:CC:00:01:03');
    await scan.press('Enter');
    await page.getByTestId('scan-feedback').getByText('MAC dicatat untuk ETYPED-3').waitFor();
    await scan.fill('etyped-3');
    await scan.press('Enter');
    const refused = page.getByTestId('scan-feedback').locator('li[data-ok="false"]');
    await refused.getByText('Sudah dipindai').waitFor();
    assert.equal(await page.getByTestId('received-unit').count(), 3);

    await page.getByTestId('receive-quantity').fill('40');
    await page.getByTestId('receive-submit').click();
    await page.waitForURL(/\/inventory\/purchase-orders\/[0-9a-f-]{36}\?received=1$/, { waitUntil: 'load' });
    await page.getByText('Penerimaan tersimpan.').waitFor();
    assert.equal(await page.getByTestId('po-status').getAttribute('data-status'), 'partial');
    const received = await page.getByTestId('po-line-received').allInnerTexts();
    assert.deepEqual(received.sort(), ['3 dari 5', '40 dari 100']);
    assert.ok(await page.evaluate(noScroll), 'nothing scrolls sideways');

    const units = await db
      .select({ serial: stockUnits.serial, mac: stockUnits.mac, at: stockUnits.locationId })
      .from(stockUnits)
      .where(eq(stockUnits.organizationId, org.id))
      .orderBy(asc(stockUnits.serial));
    assert.deepEqual(units, [
      { serial: 'EPASTE-1', mac: 'AA:BB:CC:00:01:01', at: w.shelf.id },
      { serial: 'EPASTE-2', mac: 'AA:BB:CC:00:01:02', at: w.shelf.id },
      { serial: 'ETYPED-3', mac: 'AA:BB:CC:00:01:03', at: w.shelf.id },
    ]);
  });
});
