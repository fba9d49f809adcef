import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { organizations } from '@/db/schema';
import { totpCode } from '@/lib/auth/totp';
import { makeMember, makeOrg, PASSWORD, testDb } from '../helpers';
import { newPage, settled, signIn } from './browser';

/**
 * On a phone: an admin of an ISP that requires two-factor sign-in is sent to set it up first,
 * scans (here: reads) the key, confirms with a code, keeps the recovery codes, and the next
 * sign-in asks for the authenticator code as a second step. Its own organization, so the demo
 * ISP's rules stay as they are for the other browser tests.
 */
const db = testDb();

describe('account security, in Chromium at 390x844', () => {
  test('required 2FA sends the admin to enrol; the next sign-in asks for the code', async () => {
    const { org, admin } = await makeOrg(db, 'e2e-2fa');
    await db.update(organizations).set({ requireTwoFactor: true }).where(eq(organizations.id, org.id));
    const page = await newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

    await signIn(page, admin.user.email, PASSWORD);
    await page.waitForURL(/\/account\?enrol=1/);
    await page.getByTestId('enrol-required').waitFor();
    // Nothing else opens until 2FA is on.
    await page.goto('/customers');
    await page.waitForURL(/\/account\?enrol=1/);

    await page.getByTestId('two-factor-start').click();
    await page.getByTestId('two-factor-qr').waitFor();
    const secret = (await page.getByTestId('two-factor-secret').textContent())!.trim();
    await page
      .getByLabel('Kode 6 digit dari aplikasi')
      .fill('000000' === (await totpCode(secret)) ? '111111' : '000000');
    await page.getByTestId('two-factor-confirm').click();
    await page.getByText('Kode salah. Masukkan kode yang tampil sekarang di aplikasi.').waitFor();
    await page.getByLabel('Kode 6 digit dari aplikasi').fill(await totpCode(secret));
    await page.getByTestId('two-factor-confirm').click();
    await page.getByTestId('recovery-codes').waitFor();
    const codes = await page.getByTestId('recovery-codes').locator('li').allTextContents();
    assert.equal(codes.length, 10);
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 390), 'nothing scrolls sideways');
    await page.getByTestId('recovery-done').click();
    await page.getByTestId('org-name').waitFor();
    await page.goto('/customers');
    assert.ok(!page.url().includes('/account'), page.url());

    // Signed out (a new browser session): password first, then the authenticator code.
    await page.context().clearCookies();
    await signIn(page, admin.user.email, PASSWORD);
    const otp = page.getByTestId('otp');
    await otp.waitFor();
    await otp.fill('123456');
    await page.locator('form button[type=submit]').click();
    await page.getByText('Kode salah atau sudah dipakai.', { exact: false }).waitFor();
    // The code the phone shows in the next 30 s (the one used to enrol is spent).
    await otp.fill(await totpCode(secret, Math.floor(Date.now() / 1000) + 30));
    await page.locator('form button[type=submit]').click();
    await page.getByTestId('org-name').waitFor();
    await settled(page);
    assert.ok(!page.url().includes('/login'), page.url());
  });

  test('an admin makes a reset link on the members page; it sets a new password once', async () => {
    const { org, admin } = await makeOrg(db, 'e2e-reset');
    const member = await makeMember(db, org.id, 'technician');
    const page = await newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await signIn(page, admin.user.email, PASSWORD);
    await page.getByTestId('org-name').waitFor();
    await page.goto('/users');
    const row = page.getByTestId('member-row').filter({ hasText: member.user.email });
    await row.getByTestId('reset-link').click();
    await row.getByTestId('reset-link-confirm').click();
    const shown = page.getByTestId('reset-link-shown');
    await shown.waitFor();
    const url = await shown.locator('input').inputValue();
    assert.match(url, /\/reset\/[A-Za-z0-9_-]{20,}$/);

    const visitor = await newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await visitor.goto(new URL(url).pathname);
    await visitor.getByText(`Untuk ${member.user.email}`).waitFor();
    await visitor.getByLabel('Kata sandi baru').fill('sandi-baru-123');
    await visitor.getByRole('button', { name: 'Simpan kata sandi baru' }).click();
    await visitor.getByText('Kata sandi diganti. Masuk dengan kata sandi baru.').waitFor();
    assert.ok(await visitor.evaluate(() => document.documentElement.scrollWidth <= 390), 'nothing scrolls sideways');
    await visitor.goto(new URL(url).pathname);
    await visitor.getByText('Tautan reset ini tidak berlaku lagi', { exact: false }).waitFor();

    await signIn(visitor, member.user.email, 'sandi-baru-123');
    await visitor.getByTestId('org-name').waitFor();
  });
});
