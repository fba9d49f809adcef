import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { and, eq, like } from 'drizzle-orm';
import { messages, users, whatsappSessions } from '@/db/schema';
import { decryptSecret } from '@/lib/crypto';
import { makeOrg, testDb } from '../helpers';
import { newPage, signIn } from './browser';

/**
 * On a phone: a member who forgot their password asks for a code on WhatsApp, types it with a
 * new password, and signs in with it. The code is read from the message queue (the text sent
 * is kept encrypted; the message log shows it masked). The session is a Cloud API one without
 * keys, so the worker never reaches out of this machine; the message simply waits.
 */
const db = testDb();

async function codeSentTo(phone: string) {
  for (let i = 0; i < 50; i++) {
    const [row] = await db
      .select({ body: messages.body, bodyEnc: messages.bodyEnc })
      .from(messages)
      .where(and(eq(messages.toPhone, phone), like(messages.eventKey, 'password_reset:%')));
    if (row?.bodyEnc) {
      assert.ok(!row.body.match(/\d{6}/), 'the message log never shows the code');
      return decryptSecret(row.bodyEnc).match(/\b(\d{6})\b/)![1]!;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('no reset code was queued');
}

describe('forgot password, in Chromium at 390x844', () => {
  test('a WhatsApp code and a new password; a wrong code is said so; the new password signs in', async () => {
    const { org, admin } = await makeOrg(db, 'e2e-forgot');
    const phone = `62812${String(Date.now()).slice(-7)}`;
    await db.update(users).set({ phone }).where(eq(users.id, admin.user.id));
    await db.insert(whatsappSessions).values({ organizationId: org.id, name: 'Kantor', transport: 'cloud_api' });
    const page = await newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

    await page.goto('/login');
    await page.locator('a[href="/forgot-password"]').click();
    await page.waitForURL(/\/forgot-password/);
    await page.getByLabel('Email').fill(admin.user.email.toUpperCase());
    await page.getByRole('button', { name: 'Kirim kode' }).click();
    await page.getByText('kode sedang dikirim', { exact: false }).waitFor();
    const code = await codeSentTo(phone);

    const wrong = code === '000000' ? '111111' : '000000';
    await page.getByLabel('Kode dari WhatsApp').fill(wrong);
    await page.locator('input[name=password]').fill('sandi-baru-2026');
    await page.getByRole('button', { name: 'Simpan kata sandi baru' }).click();
    await page.getByText('Kode salah atau kedaluwarsa.').first().waitFor();

    await page.getByLabel('Kode dari WhatsApp').fill(code);
    await page.locator('input[name=password]').fill('sandi-baru-2026');
    await page.getByRole('button', { name: 'Simpan kata sandi baru' }).click();
    await page.getByText('Kata sandi diganti. Masuk dengan kata sandi baru.').waitFor();
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 390), 'nothing scrolls sideways');

    await page.getByRole('link', { name: 'Kembali ke halaman masuk' }).click();
    await signIn(page, admin.user.email, 'sandi-baru-2026');
    await page.getByTestId('org-name').waitFor();
  });
});
