import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { makeMember, makeOrg, makePlan, PASSWORD, testDb } from '../helpers';
import { idOf, seedTopology } from '../support/outage-world';
import { newPage, settled, signIn } from './browser';

/**
 * On a phone: the NOC marks an ODP down from its page, sees how many customers it cuts off
 * before and after, and resolves it from the outage's page. Its own organization, so the demo
 * ISP's outages stay as they are for the other browser tests.
 */
const db = testDb();
const noScroll = () => document.documentElement.scrollWidth <= 390;

describe('outages, in Chromium at 390x844', () => {
  test('NOC marks an ODP down, sees the affected count, resolves it', async () => {
    const { org } = await makeOrg(db, 'e2e-outage');
    const noc = await makeMember(db, org.id, 'noc');
    const plan = await makePlan(db, org.id);
    await seedTopology(db, { orgId: org.id, planId: plan.id, olts: 1, odcsPerOlt: 1, odpsPerOdc: 2, subsPerOdp: 5 });
    const odp = await idOf(db, org.id, 'ODP-1-1-2');
    const page = await newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

    await signIn(page, noc.user.email, PASSWORD);
    await page.getByTestId('org-name').waitFor();
    await page.goto(`/network/odps/${odp}`);
    await page.getByTestId('mark-down').click();
    await page.getByTestId('mark-down-count').getByText('5 pelanggan terdampak (5 layanan).').waitFor();
    await page.getByLabel('Penyebab (opsional)').fill('Splitter terbakar');
    await page.getByTestId('mark-down-confirm').click();
    await page.waitForURL(/\/outages\/[0-9a-f-]{36}$/);
    await settled(page);
    assert.equal((await page.getByTestId('outage-affected-count').textContent())?.trim(), '5 pelanggan');
    assert.equal(await page.getByTestId('affected-row').count(), 5);
    assert.equal(await page.getByTestId('outage-status').getAttribute('data-status'), 'open');
    assert.match((await page.getByTestId('outage-ticket').textContent()) ?? '', /^T-\d{6}$/);
    assert.ok(await page.evaluate(noScroll), 'nothing scrolls sideways');

    await page.getByTestId('outage-resolve').click();
    await page.getByTestId('outage-resolve-confirm').click();
    await page.locator('[data-testid=outage-status][data-status=resolved]').waitFor();

    await page.goto('/outages');
    const card = page.getByTestId('outage-row');
    assert.equal(await card.count(), 1);
    assert.match((await card.textContent()) ?? '', /ODP-1-1-2.*Pulih.*5 pelanggan/s);
    assert.ok(await page.evaluate(noScroll), 'nothing scrolls sideways');
  });
});
