import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { type RouterOsServer, startRouterOsServer } from '../support/routeros-server';
import { newPage, settled, signIn } from './browser';

let router: RouterOsServer | undefined;
after(async () => {
  await router?.close();
});

describe('routers, in Chromium on a phone', () => {
  test('NOC adds a MikroTik, tests the connection, sees who is online and disconnects a session', async () => {
    // The worker of the app under test reaches this stand-in over loopback, as it would a router.
    router = await startRouterOsServer({
      identity: 'RB-Cibaduyut',
      version: '7.19.1',
      username: 'jaring-api',
      password: 'api-rahasia',
    });
    router.addSecret({ name: 'e2e-budi', password: 'x', profile: 'default', service: 'pppoe' });
    router.connectSession('e2e-budi', { address: '10.10.9.9', callerId: 'AA:BB:CC:00:09:09' });

    const page = await newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await signIn(page, 'noc@demo.jaring.id');
    await page.getByTestId('org-name').waitFor();
    await page.goto('/routers?add=1');
    await settled(page);
    const form = page.getByTestId('router-form');
    const name = `POP Cibaduyut ${Date.now() % 100000}`;
    await form.getByLabel('Nama', { exact: true }).fill(name);
    await form.getByLabel('Host / alamat IP').fill('127.0.0.1');
    await form.getByLabel('Port API').fill('99999');
    await form.getByLabel('Username API').fill('jaring-api');
    await page.getByTestId('router-save').click();
    // Bad input is named next to its field and nothing typed is lost.
    await form.getByText('Port harus angka 1 sampai 65535.').waitFor();
    assert.equal(await form.getByLabel('Nama', { exact: true }).inputValue(), name);
    await form.getByLabel('Port API').fill(String(router.port));
    await form.getByLabel('Kata sandi', { exact: true }).fill('api-rahasia');
    await page.getByTestId('router-save').click();
    await page.waitForURL(/\/routers\/[0-9a-f-]{36}$/);
    await settled(page);
    const routerUrl = new URL(page.url()).pathname;
    // The password is never sent back to the browser.
    assert.ok(!(await page.content()).includes('api-rahasia'));

    await page.getByTestId('router-test').click();
    const result = page.getByTestId('router-test-result');
    await result.getByText('RB-Cibaduyut').waitFor({ timeout: 30_000 });
    assert.match(await result.innerText(), /7\.19\.1/);
    assert.ok(router.stats.logins >= 1);

    // The demo's own routers hold hundreds of sessions: search for this one.
    await page.goto('/sessions?q=e2e-budi');
    await settled(page);
    const row = page.getByTestId('session-row').filter({ hasText: 'e2e-budi' });
    await row.waitFor();
    assert.match(await row.innerText(), /10\.10\.9\.9/);
    await row.getByTestId('session-kick').click();
    await page.getByTestId('session-kick-confirm').click();
    await page
      .getByTestId('session-row')
      .filter({ hasText: 'e2e-budi' })
      .waitFor({ state: 'detached', timeout: 30_000 });
    assert.equal(router.list('/ppp/active').length, 0, 'the session was removed on the router');

    // A router that refuses the login says so in words.
    await router.stop();
    await page.goto(routerUrl);
    await settled(page);
    await page.getByTestId('router-test').click();
    await page
      .getByTestId('router-test-result')
      .getByText(/Router menolak koneksi/)
      .waitFor({ timeout: 30_000 });
    await router.start();
  });
});
