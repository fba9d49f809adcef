import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { pluginInstalls } from '@/db/schema';
import { emitEvent } from '@/lib/events/emit';
import { PluginHosts } from '@/lib/plugins/host';
import { savePluginInstall } from '@/lib/plugins/installs';
import { runPluginHook } from '@/lib/plugins/runs';
import { makeOrg, PASSWORD, testDb } from '../helpers';
import { makePluginWorld } from '../support/plugin-cases';
import { APP_URL, launchChromium, settled, signIn } from './browser';

const db = testDb();
let browser: Browser | undefined;
const hosts = new PluginHosts({ timeoutMs: 2000, memoryMb: 64 });
after(async () => {
  hosts.close();
  await browser?.close();
});

async function phone(b: Browser): Promise<Page> {
  const context = await b.newContext({
    baseURL: APP_URL,
    locale: 'id-ID',
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  return page;
}

describe('the Plugin page, in Chromium on a phone', () => {
  test('an admin sees health by kind, a failing plugin in words, and configures the sample', async () => {
    const { org, admin } = await makeOrg(db, 'plugins-e2e');
    // A router that failed its check, and a plugin whose hook threw (run in its host, as the worker does).
    await makePluginWorld(db, org.id, admin.user.id, 'E');
    await db
      .update(pluginInstalls)
      .set({ enabled: false })
      .where(and(eq(pluginInstalls.organizationId, org.id), eq(pluginInstalls.pluginId, 'sheets-sample')));
    await savePluginInstall(db, {
      orgId: org.id,
      actorUserId: admin.user.id,
      ip: null,
      input: { pluginId: 'test-throws', enabled: true, eventTypes: ['invoice.paid'], config: {} },
    });
    const [event] = await db.transaction(async (tx) => {
      await emitEvent(tx, { orgId: org.id, type: 'invoice.paid', data: { number: 'INV-E2E' } });
      return tx.query.events.findMany({ where: (e, { eq }) => eq(e.organizationId, org.id) });
    });
    await assert.rejects(runPluginHook(db, hosts, { orgId: org.id, pluginId: 'test-throws', eventId: event!.id }));

    browser = await launchChromium();
    const page = await phone(browser);
    await signIn(page, admin.user.email, PASSWORD);
    await page.getByTestId('org-name').waitFor();
    // From the menu: Pengaturan → Plugin.
    await page.getByTestId('mobile-menu').click();
    await page.getByRole('dialog').locator('a[href="/plugins"]').click();
    await settled(page);
    await page.getByRole('heading', { name: 'Plugin', level: 1 }).waitFor();

    // The router driver is failing, named with its router and the reason in words.
    const routeros = page.getByTestId('plugin-network.routeros');
    assert.equal(await routeros.getByTestId('plugin-health').getAttribute('data-health'), 'failing');
    assert.match(await routeros.innerText(), /router-E-only/);
    // The throwing plugin: failing, its text shown as the plugin's, its run listed.
    const throws = page.getByTestId('plugin-test-throws');
    assert.equal(await throws.getByTestId('plugin-health').getAttribute('data-health'), 'failing');
    assert.match(await throws.innerText(), /Kata plugin: Spreadsheet quota exceeded/);
    assert.match(await throws.getByTestId('plugin-runs').innerText(), /Plugin melaporkan galat/);

    // Configure the sample: a link-local address is refused next to the field, then a good one saves.
    const sample = page.getByTestId('plugin-sheets-sample');
    await sample.getByTestId('plugin-configure').click();
    const form = sample.getByTestId('plugin-form');
    await form.locator('input[name="config.url"]').fill('http://169.254.169.254/latest');
    await form.getByTestId('plugin-save').click();
    await form.getByText(/tidak diizinkan untuk plugin/).waitFor();
    await form.locator('input[name="config.url"]').fill('https://93.184.216.34/macros/s/abc/exec');
    await form.locator('input[name="config.token"]').fill('token-baru');
    await form.locator('input[name="enabled"]').check();
    await form.getByTestId('plugin-save').click();
    await sample.getByText('Pengaturan plugin disimpan.').waitFor();
    await sample.getByTestId('plugin-disable').waitFor();
    assert.ok(!(await page.content()).includes('token-baru'));

    // Turning it off asks first.
    await sample.getByTestId('plugin-disable').click();
    await sample.getByTestId('plugin-disable-confirm').click();
    await sample.getByTestId('plugin-enable').waitFor();

    // A phone: nothing scrolls sideways, buttons are thumb-sized.
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 390, `page is ${width}px wide at 390px`);
    const small = await page
      .locator('main button:visible, main a:visible')
      .evaluateAll((els) => els.filter((e) => e.getBoundingClientRect().height < 44).map((e) => e.textContent));
    assert.deepEqual(small, []);
    const text = await page.locator('main').innerText();
    assert.ok(!/plugins\.|errors\.|undefined/.test(text), 'no message key on the page');
  });
});
