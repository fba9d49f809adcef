import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { makeMember, makeOrg, PASSWORD, testDb } from '../helpers';
import { newPage, settled, signIn } from './browser';

const db = testDb();
const folder = mkdtempSync(path.join(os.tmpdir(), 'jaring-e2e-backups-'));
after(() => rmSync(folder, { recursive: true, force: true }));

describe('platform backups, on a phone in Chromium', () => {
  test('the super admin adds a folder target, backs up now, and sees it succeed with its size and checksum', async () => {
    const { org } = await makeOrg(db, 'backups-e2e');
    const root = await makeMember(db, org.id, 'admin', { superAdmin: true });
    const page = await newPage({ viewport: { width: 390, height: 844 }, isMobile: true });
    await signIn(page, root.user.email, PASSWORD);
    await page.getByTestId('dashboard-stats').waitFor();

    // Platform → Cadangan, from the menu.
    await page.getByTestId('mobile-menu').click();
    await page.getByRole('dialog').getByRole('link', { name: 'Cadangan' }).click();
    await page.waitForURL(/\/admin\/backups$/);
    await settled(page);
    assert.match(await page.getByTestId('backups-key').innerText(), /Kunci enkripsi:[\s\S]*Simpan salinan kunci/);

    const name = `Disk USB ${path.basename(folder)}`;
    await page.getByTestId('add-target').click();
    const form = page.getByTestId('target-form-new');
    await form.getByLabel('Nama').fill(name);
    // A relative folder is refused next to the field, with what to type instead.
    await form.getByLabel('Folder').fill('cadangan');
    await form.getByTestId('save-target').click();
    await form.getByText('diawali /').waitFor();
    await form.getByLabel('Folder').fill(folder);
    await form.getByTestId('save-target').click();
    const card = page.locator(`[data-testid=backup-target][data-name="${name}"]`);
    await card.waitFor();
    assert.match(await card.innerText(), new RegExp(`Folder lokal[\\s\\S]*${folder}`));

    await page.getByTestId('backups-run-now').click();
    // The app's worker makes the backup; the page follows it on its own.
    const done = page.locator('[data-testid=backup-run][data-status=succeeded]').first();
    await done.waitFor({ timeout: 20_000 });
    const row = await done.innerText();
    assert.match(row, /Berhasil/);
    assert.match(await done.getByTestId('run-size').innerText(), /^\d+(\.\d+)? (KB|MB|GB)$/);
    assert.match(await done.getByTestId('run-sha256').innerText(), /^[0-9a-f]{12}…$/);
    assert.match(row, new RegExp(`${name}:\\s*tersimpan`));
    assert.ok(
      readdirSync(folder).some(
        (f) => /^jaring-\d{8}-\d{6}\.jbk$/.test(f) && existsSync(path.join(folder, `${f}.sha256`)),
      ),
      'the encrypted backup and its checksum are in the folder',
    );
    await page
      .getByTestId('backups-last-good')
      .getByText(/menit lalu/)
      .waitFor();
    assert.ok(
      await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
      'nothing scrolls sideways',
    );
    assert.doesNotMatch(await page.locator('main').innerText(), /backups\.|\{\w+\}/, 'no raw key or placeholder');
  });
});
