import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import { after, before, describe, test } from 'node:test';
import { type Browser, chromium } from 'playwright-core';
import postgres from 'postgres';
import { ensureDatabase } from '@/scripts/embedded-postgres';
import { newPage, signIn } from './browser';

/**
 * `NODE_ENV=production npm start` on an empty database: a second app (web + worker), started
 * the way an operator starts it, beside the demo app the other browser tests use.
 */
const DB_NAME = `jaring_prod_${process.pid}`;
const dbUrl = Object.assign(new URL(process.env.DATABASE_URL!), { pathname: `/${DB_NAME}` }).toString();
let app: ChildProcess | undefined;
let appUrl = '';
let log = '';
let browser: Browser | undefined;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

before(async () => {
  await ensureDatabase(process.env.DATABASE_URL!, DB_NAME);
  const port = await freePort();
  appUrl = `http://127.0.0.1:${port}`;
  app = spawn(process.execPath, [require.resolve('tsx/cli'), 'scripts/start.ts'], {
    // SEED_DEMO=true on purpose: production wins.
    env: {
      ...process.env,
      NODE_ENV: 'production',
      SEED_DEMO: 'true',
      DATABASE_URL: dbUrl,
      PORT: String(port),
      APP_URL: appUrl,
      NEXTAUTH_URL: appUrl,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  app.stdout!.on('data', (d) => (log += d));
  app.stderr!.on('data', (d) => (log += d));
  const until = Date.now() + 120_000;
  for (;;) {
    const up = await fetch(`${appUrl}/setup`).then(
      (r) => r.status < 500,
      () => false,
    );
    if (up) break;
    if (Date.now() > until || app.exitCode !== null) throw new Error(`the production app did not start:\n${log}`);
    await new Promise((r) => setTimeout(r, 300));
  }
});

after(async () => {
  await browser?.close();
  if (app?.pid && app.exitCode === null) {
    process.kill(-app.pid, 'SIGTERM');
    await new Promise((r) => app!.once('exit', r));
  }
  const sql = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
  await sql.unsafe(`drop database if exists "${DB_NAME}" with (force)`);
  await sql.end();
});

describe('a production install, in Chromium', () => {
  test('seeds nothing, shows the setup page, takes only the printed token, then refuses demo logins', async () => {
    assert.doesNotMatch(log, /Demo logins|demo organization/);
    const token = /\/setup\?token=([\w-]+)/.exec(log)?.[1];
    assert.ok(token, `the setup link is printed:\n${log}`);
    const sql = postgres(dbUrl, { max: 1, onnotice: () => {} });
    try {
      assert.equal((await sql`select count(*)::int as n from organizations`)[0]!.n, 0, 'no demo organization');
      assert.equal((await sql`select count(*)::int as n from users`)[0]!.n, 0, 'no demo users');

      browser = await chromium.launch({
        executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
        args: ['--no-sandbox', '--disable-gpu'],
      });
      // A visitor who claims to be someone else: neither header may reach the audit log.
      const context = await browser.newContext({
        baseURL: appUrl,
        locale: 'id-ID',
        extraHTTPHeaders: { 'x-forwarded-for': '6.6.6.6', 'x-jaring-socket-address': '6.6.6.6' },
      });
      const page = await context.newPage();
      page.setDefaultTimeout(20_000);
      await page.goto('/', { waitUntil: 'networkidle' });
      await page.waitForURL(/\/setup$/);
      await page.getByRole('heading', { name: 'Siapkan Jaring' }).waitFor();
      assert.equal(await page.getByTestId('demo-banner').count(), 0);

      const fill = async (tokenValue: string) => {
        await page.getByLabel('Token penyiapan').fill(tokenValue);
        await page.getByLabel('Nama organisasi / ISP').fill('Sukamaju Net');
        await page.getByLabel('Alamat singkat (slug)').fill('sukamaju-net');
        await page.getByLabel('Nama Anda').fill('Pemilik Server');
        await page.getByLabel('Email').fill('owner@sukamaju.test');
        await page.locator('input[name=password]').fill('rahasia-pemilik-1');
        await page.locator('form button[type=submit]').click();
      };
      await fill('tebakan-acak');
      await page.getByRole('alert').getByText('Token penyiapan salah.', { exact: false }).waitFor();
      await fill(token);
      await page.getByTestId('org-name').getByText('Sukamaju Net').waitFor();
      // The platform owner: the platform page is theirs.
      await page.goto('/admin/organizations', { waitUntil: 'networkidle' });
      await page.getByTestId('organizations-table').waitFor();
      const [owner] = await sql`select is_super_admin from users where email = 'owner@sukamaju.test'`;
      assert.equal(owner!.is_super_admin, true);
      const [audit] = await sql`select ip from audit_logs where action = 'platform.owner_created'`;
      assert.equal(audit!.ip, '127.0.0.1', 'the socket address, not a header the visitor wrote');

      // Done once: the token and the form are gone.
      const fresh = await newContextPage(appUrl);
      await fresh.goto(`/setup?token=${token}`, { waitUntil: 'networkidle' });
      await fresh.getByText('Server ini sudah disiapkan').waitFor();
      assert.equal(await fresh.locator('input[name=password]').count(), 0);
      // The public demo logins do not open a production install.
      await signIn(fresh, 'superadmin@demo.jaring.id');
      await fresh.getByRole('alert').getByText('Email atau kata sandi salah.').waitFor();
    } finally {
      await sql.end();
    }
  });

  test('the demo install (not production) says so on the sign-in page and every dashboard page', async () => {
    const page = await newPage();
    await page.goto('/login');
    await page.getByTestId('demo-banner').waitFor();
    // The words a reader sees (the phone's short line or the whole sentence) name the password.
    assert.match(await page.getByTestId('demo-banner').innerText(), /jaring123/);
    await signIn(page, 'superadmin@demo.jaring.id');
    await page.getByTestId('org-name').getByText('Jaring Demo Net').waitFor();
    await page.getByTestId('demo-banner').waitFor();
    // Super admin of the demo organization only: not the platform's.
    const res = await page.goto('/admin/organizations');
    assert.equal(res?.status(), 403);
  });
});

async function newContextPage(baseURL: string) {
  const context = await browser!.newContext({ baseURL, locale: 'id-ID' });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  return page;
}
