import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { auditLogs } from '@/db/schema';
import { ZipReader } from '@/lib/org-transfer/zip';
import { makeOrg, PASSWORD, testDb } from '../helpers';
import { newPage, settled, signIn } from './browser';

const db = testDb();

describe('organization export, on a phone in Chromium', () => {
  test('an admin exports with a passphrase, follows the job and downloads the ZIP', async () => {
    const { org, admin } = await makeOrg(db, 'xp-e2e');
    const page = await newPage({ viewport: { width: 390, height: 844 }, isMobile: true });
    await signIn(page, admin.user.email, PASSWORD);
    await page.getByTestId('dashboard-stats').waitFor();

    await page.goto('/settings');
    const section = page.locator('[data-section=export]');
    assert.match(await section.innerText(), /Ekspor data[\s\S]*Seluruh data dalam satu ZIP/);
    await section.click();
    await page.waitForURL(/\/settings\/export$/);
    await settled(page);
    await page.getByTestId('empty-state').waitFor();
    assert.ok(
      await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
      'nothing scrolls sideways',
    );

    // A short passphrase and two that differ are said next to their fields.
    await page.getByLabel('Frasa sandi', { exact: true }).fill('pendek');
    await page.getByLabel('Ulangi frasa sandi').fill('lain');
    await page.getByTestId('export-start').click();
    await page.getByText('Gunakan minimal 10 karakter.').waitFor();
    await page.getByText('Kedua frasa sandi berbeda').waitFor();

    await page.getByLabel('Frasa sandi', { exact: true }).fill('kuda-lumping-terbang');
    await page.getByLabel('Ulangi frasa sandi').fill('kuda-lumping-terbang');
    await page.getByTestId('export-start').click();
    // The app's worker makes it; the page follows the job, then lists the export.
    await page.getByTestId('export-job').waitFor();
    const download = page.getByTestId('export-download');
    await download.waitFor({ timeout: 20_000 });
    assert.match(await page.getByTestId('export-row').first().innerText(), /Selesai[\s\S]*Tersegel frasa sandi/);

    const file = page.waitForEvent('download');
    await download.click();
    const saved = await (await file).path();
    const zip = await ZipReader.open(saved);
    const manifest = JSON.parse(await zip.text('manifest.json', 1 << 22));
    zip.close();
    assert.equal(manifest.organization.id, org.id);
    assert.equal(manifest.secrets, 'passphrase');
    assert.equal(manifest.tables.find((t: { name: string }) => t.name === 'memberships').rows, 1);
    const audited = await db
      .select({ action: auditLogs.action })
      .from(auditLogs)
      .where(and(eq(auditLogs.organizationId, org.id), eq(auditLogs.action, 'org_transfer.export_downloaded')));
    assert.equal(audited.length, 1);
    await page.context().close();
  });
});
