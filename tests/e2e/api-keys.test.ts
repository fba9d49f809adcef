import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { authenticateApiKey } from '@/lib/api/keys';
import { makeOrg, PASSWORD, testDb } from '../helpers';
import { newPage, settled, signIn } from './browser';

const db = testDb();

async function noSideScroll(page: Page) {
  const wide = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
  assert.equal(wide, false, `${page.url()} scrolls sideways at 390 px`);
}

describe('API keys on a phone, in Chromium at 390×844', () => {
  test('an admin makes a key, copies the token, never sees it again, and revokes it', async () => {
    const { admin } = await makeOrg(db, 'e2e-api');
    const page = await newPage({
      viewport: { width: 390, height: 844 },
      permissions: ['clipboard-read', 'clipboard-write'],
    });
    await signIn(page, admin.user.email, PASSWORD);
    await page.getByTestId('org-name').waitFor();

    // From the settings hub; the empty page says what a key is for and offers to make one.
    await page.goto('/settings');
    await page.locator('[data-section=api]').click();
    await page.waitForURL(/\/settings\/api$/);
    await settled(page);
    await page.getByText('Belum ada kunci API').waitFor();
    assert.equal(await page.getByTestId('api-docs-link').getAttribute('href'), '/api/docs');
    assert.equal(await page.getByTestId('api-openapi-link').getAttribute('href'), '/api/v1/openapi.json');
    await noSideScroll(page);
    await page.getByTestId('api-key-new').click();

    // A permission the admin holds, another area's preset, a limit out of range first.
    const form = page.getByTestId('api-key-form');
    await form.locator('input[name=name]').fill('Situs web');
    await form.getByTestId('preset-read').click();
    assert.equal(await form.locator('[data-scope="customers.view"]').isChecked(), true);
    assert.equal(await form.locator('[data-scope="customers.manage"]').isChecked(), false);
    await form.locator('[data-scope="customers.manage"]').check();
    await form.locator('input[name=rateLimitPerMinute]').fill('5');
    await noSideScroll(page);
    await page.getByTestId('api-key-submit').click();
    await form.getByText('Isi bilangan bulat 10 sampai 6.000.').waitFor();
    await form.locator('input[name=rateLimitPerMinute]').fill('120');
    await page.getByTestId('api-key-submit').click();

    // Shown once, with a warning and a copy button.
    const tokenBox = page.getByTestId('api-key-token');
    await tokenBox.waitFor();
    const token = (await tokenBox.innerText()).trim();
    assert.match(token, /^jrg_[A-Za-z0-9]{12}[A-Za-z0-9_-]{43}$/);
    await page.getByText('hanya ditampilkan sekali ini', { exact: false }).waitFor();
    await page.bringToFront();
    await page.getByTestId('api-key-copy').click();
    await page.getByTestId('api-key-copy').getByText('Tersalin').waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), token);
    await noSideScroll(page);
    const auth = await authenticateApiKey(db, token);
    assert.ok(auth.ok);
    assert.deepEqual([...auth.principal.scopes].includes('customers.manage'), true);
    assert.equal(auth.principal.key.rateLimitPerMinute, 120);

    // Gone once dismissed, and never in the page again: only the prefix is.
    await page.getByTestId('api-key-done').click();
    await tokenBox.waitFor({ state: 'detached' });
    await page.reload({ waitUntil: 'networkidle' });
    assert.ok(!(await page.content()).includes(token.slice(16)));
    const card = page.getByTestId('api-key').first();
    assert.equal(await card.getAttribute('data-status'), 'active');
    assert.equal((await card.getByTestId('api-key-prefix').innerText()).trim(), `${token.slice(0, 16)}…`);
    await card.getByText('Belum pernah').waitFor();

    // Its call log opens (empty, with the next step).
    await card.getByTestId('api-key-calls').click();
    await page.waitForURL(/\/settings\/api\/[0-9a-f-]{36}$/);
    await settled(page);
    await page.getByText('Belum ada panggilan').waitFor();
    await noSideScroll(page);
    await page.goBack({ waitUntil: 'networkidle' });

    // Revoking asks first, then the key stops at once.
    await card.getByTestId('api-key-revoke').click();
    await page.getByTestId('api-key-revoke-confirm').click();
    await page.locator('[data-testid=api-key][data-status=revoked]').waitFor();
    assert.deepEqual(await authenticateApiKey(db, token), { ok: false, reason: 'revoked' });

    // The audit log says both, in words.
    await page.goto('/audit');
    await page.getByTestId('audit-row').getByText('Kunci API dibuat').first().waitFor();
    await page.getByTestId('audit-row').getByText('Kunci API dicabut').first().waitFor();
    assert.ok(!(await page.content()).includes(token.slice(16)));
  });
});
