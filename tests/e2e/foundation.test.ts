import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { jobs } from '@/db/schema';
import { workerCheck } from '@/lib/jobs/jobs';
import { makeOrg, testDb } from '../helpers';
import { APP_URL, newPage, signIn } from './browser';

describe('an operator at the demo ISP, in Chromium', () => {
  test('a wrong password shows a clear error and keeps the email', async () => {
    const page = await newPage();
    await signIn(page, 'warehouse@demo.jaring.id', 'salah-sandi');
    await page.getByRole('alert').getByText('Email atau kata sandi salah.').waitFor();
    assert.equal(await page.getByLabel('Email').inputValue(), 'warehouse@demo.jaring.id');
    assert.match(page.url(), /\/login$/);
  });

  test('admin signs in, sees the dashboard, switches to English and signs out', async () => {
    const page = await newPage({ viewport: { width: 1280, height: 800 } });
    await signIn(page, 'admin@demo.jaring.id');
    await page.getByTestId('org-name').getByText('Jaring Demo Net').waitFor();
    await page.getByRole('heading', { name: 'Selamat datang, Demo admin' }).waitFor();
    assert.equal(await page.locator('html').getAttribute('lang'), 'id');

    await page.getByTestId('user-menu').click();
    await page.getByTestId('locale-en').click();
    await page.getByRole('heading', { name: 'Welcome, Demo admin' }).waitFor();
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    await page.getByRole('link', { name: 'Audit log' }).waitFor();

    // The menu stays open after the language switch; open it only if it closed.
    const signOut = page.getByTestId('sign-out');
    if (!(await signOut.isVisible())) await page.getByTestId('user-menu').click();
    await signOut.click();
    await page.waitForURL(/\/login/);
    await page.getByRole('heading', { name: 'Sign in to Jaring' }).waitFor();
    // Signed out means signed out: the dashboard sends us back to sign-in.
    await page.goto('/');
    await page.waitForURL(/\/login/);
  });

  test('the worker check runs in the real worker and the jobs page shows it done', async () => {
    const page = await newPage();
    await signIn(page, 'noc@demo.jaring.id');
    await page.getByTestId('org-name').waitFor();
    await page.goto('/jobs');
    await page.getByTestId('worker-check').click();
    await page.getByText('Pekerjaan dikirim ke worker.').waitFor();
    const done = page.locator('[data-testid=job-row][data-state=done]', { hasText: 'Cek worker' }).first();
    await done.waitFor({ timeout: 30_000 });
    const row = await done.innerText();
    assert.match(row, /Selesai/);
    assert.match(row, /2\/2/);
    assert.match(row, /postgres/);
  });

  test("route handlers refuse another organization's job, and pages refuse roles without permission", async () => {
    const db = testDb();
    const other = await makeOrg(db, 'e2e-other');
    const [foreign] = await db
      .insert(jobs)
      .values({ organizationId: other.org.id, type: workerCheck.name })
      .returning();

    const page = await newPage();
    await signIn(page, 'admin@demo.jaring.id');
    await page.getByTestId('org-name').waitFor();
    const foreignRes = await page.request.get(`/api/jobs/${foreign!.id}`);
    assert.equal(foreignRes.status(), 404);
    assert.equal((await foreignRes.json()).message, 'Data tidak ditemukan.');
    const list = await (await page.request.get('/api/jobs')).json();
    assert.ok(!JSON.stringify(list).includes(foreign!.id));

    const anonymous = await fetch(`${APP_URL}/api/jobs`);
    assert.equal(anonymous.status, 401);

    const tech = await newPage();
    await signIn(tech, 'technician@demo.jaring.id');
    await tech.getByTestId('org-name').waitFor();
    const res = await tech.goto('/users');
    assert.equal(res?.status(), 403);
    await tech.getByRole('heading', { name: 'Akses ditolak' }).waitFor();
    const api = await tech.request.get('/api/jobs');
    assert.equal(api.status(), 403);
    assert.equal((await api.json()).message, 'Anda tidak memiliki izin untuk melakukan ini.');
  });

  test('an admin invites a technician by link; the technician joins and sees their role', async () => {
    const admin = await newPage();
    await signIn(admin, 'admin@demo.jaring.id');
    await admin.getByTestId('org-name').waitFor();
    await admin.goto('/users');
    const email = `teknisi-${Date.now()}@demo.test`;
    await admin.getByLabel('Email', { exact: true }).fill(email);
    await admin.getByLabel('Peran', { exact: true }).selectOption('technician');
    await admin.getByTestId('invite-submit').click();
    const link = await admin.getByTestId('invite-link').locator('input').inputValue();
    assert.match(link, /\/invite\/[\w-]{20,}$/);

    const invitee = await newPage();
    await invitee.goto(new URL(link).pathname);
    await invitee.getByRole('heading', { name: 'Bergabung dengan Jaring Demo Net' }).waitFor();
    await invitee.getByLabel('Nama').fill('Andi Teknisi');
    await invitee.locator('input[name=password]').fill('pendek');
    await invitee.locator('form button[type=submit]').click();
    await invitee.getByText('Kata sandi minimal 8 karakter.').waitFor();
    assert.equal(await invitee.getByLabel('Nama').inputValue(), 'Andi Teknisi');
    await invitee.locator('input[name=password]').fill('kabel-fiber-99');
    await invitee.locator('form button[type=submit]').click();
    await invitee.getByText('Peran Anda di Jaring Demo Net: Teknisi').waitFor();

    await admin.reload();
    await admin.getByTestId('members-table').getByText(email).waitFor();
  });

  test('on a phone the navigation sits at the bottom and the menu holds the account panel', async () => {
    const page = await newPage({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    await signIn(page, 'finance@demo.jaring.id');
    await page.getByTestId('org-name').waitFor();
    assert.equal(await page.getByTestId('user-menu').isVisible(), false);
    await page.getByTestId('mobile-menu').click();
    await page.getByRole('dialog').getByTestId('sign-out').waitFor();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 360, `page is ${width}px wide on a 360px phone`);
  });
});
