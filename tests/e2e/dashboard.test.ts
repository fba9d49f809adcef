import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { PASSWORD, testDb } from '../helpers';
import { dashboardWorld } from '../support/dashboard-world';
import { newPage, settled, signIn } from './browser';

const db = testDb();

describe('the admin dashboard on a phone (390 x 844)', () => {
  test('its charts draw, nothing scrolls sideways, and a figure opens the filtered list behind it', async () => {
    const w = await dashboardWorld(db, 'e2edash');
    const page = await newPage({ viewport: { width: 390, height: 844 } });
    await signIn(page, w.admin.user.email, PASSWORD);
    await page.getByTestId('dashboard-money').waitFor();

    assert.match(await page.getByTestId('stat-mrr').innerText(), /Rp\s300\.000/);
    assert.match(await page.getByTestId('stat-outstanding').innerText(), /Rp\s550\.000/);
    const charts = page.locator('[data-testid=chart] svg.recharts-surface');
    await charts.first().waitFor();
    assert.ok((await charts.count()) >= 5, `charts drawn: ${await charts.count()}`);
    assert.ok((await page.locator('[data-testid=chart] .recharts-bar-rectangle').count()) > 0, 'bars drawn');
    const fill = await page.locator('[data-testid=chart] path.recharts-rectangle').first().getAttribute('fill');
    assert.match(fill ?? '', /^#[0-9a-f]{6}$/, 'bars in their series colour');
    // DASHBOARD_SCREENSHOT=/tmp/x.png keeps a picture of the page for a look by eye.
    if (process.env.DASHBOARD_SCREENSHOT)
      await page.screenshot({ path: process.env.DASHBOARD_SCREENSHOT, fullPage: true });
    assert.ok(
      await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
      'nothing scrolls sideways',
    );
    const text = await page.locator('main').innerText();
    assert.doesNotMatch(text, /dashboard\.|\{\w+\}/, 'no raw key or placeholder');
    assert.match(text, /Des|Jan|Feb|Mar|Apr|Mei|Jun|Jul|Agu|Sep|Okt|Nov/, 'month names in Indonesian');

    // Receivables 31–60 days: one invoice, the isolated customer's.
    await page.getByTestId('aging-31-60').click();
    await page.waitForURL(/\/billing\?overdue=31-60/);
    await settled(page);
    const rows = page.getByTestId('invoice-row');
    await rows.first().waitFor();
    assert.equal(await rows.count(), 1);
    assert.match(await rows.first().innerText(), new RegExp(w.c3.customer.name));

    // Isolated customers: the customer list filtered by status.
    await page.goto('/');
    await page.getByTestId('stat-isolated').click();
    await page.waitForURL(/\/customers\?status=isolated/);
    await settled(page);
    await page.getByText(w.c3.customer.name).first().waitFor();
    assert.equal(await page.getByText(w.c1.customer.name).count(), 0, 'active customers are not listed');
  });
});
