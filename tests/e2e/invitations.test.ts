import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { inviteUser } from '@/lib/users/invitations';
import { makeOrg, PASSWORD, testDb } from '../helpers';
import { newPage, settled } from './browser';

describe('an invitation for an email that already has an account, in Chromium', () => {
  test('the page looks the same as for a new person; the person signs in, comes back and joins', async () => {
    const db = testDb();
    const home = await makeOrg(db, 'e2e-home');
    const other = await makeOrg(db, 'e2e-join');
    const email = home.admin.user.email;
    const { token } = await inviteUser(db, {
      orgId: other.org.id,
      actorUserId: other.admin.user.id,
      ip: null,
      email,
      role: 'finance',
    });
    const fresh = await inviteUser(db, {
      orgId: other.org.id,
      actorUserId: other.admin.user.id,
      ip: null,
      email: `baru-${Date.now()}@t.test`,
      role: 'finance',
    });

    const page = await newPage();
    // The page for a new person, and the page for an existing account: the same form.
    await page.goto(`/invite/${fresh.token}`);
    const newPersonForm = await page.locator('form').first().innerText();
    await page.goto(`/invite/${token}`);
    assert.equal(await page.locator('form').first().innerText(), newPersonForm);
    assert.doesNotMatch(await page.locator('main').innerText(), /sudah punya akun Jaring: masukkan/);

    // Typing the account's password into the invitation form does not join.
    await page.getByLabel('Nama').fill('Siapa Saja');
    await page.locator('input[name=password]').fill(PASSWORD);
    await page.locator('form button[type=submit]').first().click();
    await page.getByRole('alert').getByText('Masuk untuk menerima', { exact: false }).waitFor();

    await page.getByTestId('invite-sign-in').click();
    await page.waitForURL(/\/login\?next=/);
    await settled(page);
    await page.getByLabel('Email').fill(email);
    await page.locator('input[name=password]').fill(PASSWORD);
    await page.locator('form button[type=submit]').click();
    await page.waitForURL(new RegExp(`/invite/${token}$`));
    await settled(page);
    await page.getByTestId('invite-join').click();
    await page.getByTestId('org-name').getByText(other.org.name).waitFor();
  });
});
