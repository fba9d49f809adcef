import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { routers } from '@/db/schema';
import { makeOrg, makeRouter, PASSWORD, testDb } from '../helpers';
import { type RouterOsSsh, SAMPLE_CONFIG, startRouterOsSsh } from '../support/routeros-ssh';
import { newPage, signIn } from './browser';

/**
 * On a phone: an admin backs up a router's configuration (the app's worker reaches the SSH
 * stand-in over loopback), sees the version, backs up again after a change on the router and
 * compares the two. Its own organization, so the demo's routers stay as they are.
 */
const db = testDb();
let ssh: RouterOsSsh | undefined;
after(async () => {
  await ssh?.close();
});
const noScroll = () => document.documentElement.scrollWidth <= 390;

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

describe('router configuration history, in Chromium at 390x844', () => {
  test('back up now, see the version, change the router, back up again and compare the two', async () => {
    const { org, admin } = await makeOrg(db, 'e2e-router-config');
    ssh = await startRouterOsSsh({ version: '7.16.2' });
    const router = await makeRouter(
      db,
      org.id,
      { host: ssh.host, port: 8728 },
      { name: 'RB Cibaduyut', username: ssh.username, password: ssh.password },
    );
    await db.update(routers).set({ sshPort: ssh.port }).where(eq(routers.id, router.id));

    const page = await newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await signIn(page, admin.user.email, PASSWORD);
    await page.getByTestId('org-name').waitFor();
    await page.goto(`/routers/${router.id}`, { waitUntil: 'load', timeout: 90_000 });
    await hydrated(page, 'router-config-run');
    await page.getByText('Belum ada konfigurasi tersimpan').waitFor();

    await page.getByTestId('router-config-run').click();
    await page
      .getByTestId('router-config-run-result')
      .getByText('Versi pertama disimpan.')
      .waitFor({ timeout: 30_000 });
    const versions = page.getByTestId('router-config-version');
    await versions.first().waitFor();
    assert.equal(await versions.count(), 1);
    assert.match(await page.getByTestId('router-config-last-status').innerText(), /Versi baru disimpan/);
    assert.ok(await page.evaluate(noScroll), 'the router page does not scroll sideways');

    // Someone changes the DNS servers on the router.
    ssh.setConfig(SAMPLE_CONFIG.replace('servers=1.1.1.1,8.8.8.8', 'servers=9.9.9.9'));
    await page.getByTestId('router-config-run').click();
    await page
      .getByTestId('router-config-run-result')
      .getByText('Versi baru disimpan: 1 baris ditambah, 1 baris dihapus.')
      .waitFor({ timeout: 30_000 });
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="router-config-version"]').length === 2);

    await versions.nth(0).getByTestId('router-config-pick').check();
    await versions.nth(1).getByTestId('router-config-pick').check();
    await page.getByTestId('router-config-compare').click();
    await page.waitForURL(/\/config\/compare\?/);
    const diff = page.getByTestId('router-config-diff');
    await diff.waitFor();
    assert.match(await diff.locator('[data-kind=remove]').innerText(), /servers=1\.1\.1\.1,8\.8\.8\.8/);
    assert.match(await diff.locator('[data-kind=add]').innerText(), /servers=9\.9\.9\.9/);
    assert.match(await diff.innerText(), /baris tidak berubah/);
    assert.ok(await page.evaluate(noScroll), 'the comparison does not scroll sideways');
  });
});
