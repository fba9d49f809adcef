import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { LOCALE_COOKIE } from '@/lib/i18n/config';
import { recordTaskFailure, recordTaskOk } from '@/lib/jobs/task-status';
import { makeMember, makeOrg, PASSWORD, testDb } from '../helpers';
import { APP_URL, newPage, signIn } from './browser';

const db = testDb();

describe('a failing periodic pass, in Chromium', () => {
  test('the admins see it on their dashboard, the super admin on the organizations page; it goes once the pass works', async () => {
    const { org, admin } = await makeOrg(db, 'task-notice');
    const finance = await makeMember(db, org.id, 'finance');
    const root = await makeMember(db, org.id, 'admin', { superAdmin: true });
    await recordTaskFailure(db, { orgId: org.id, task: 'billing', error: 'invoice_number_format' });
    await recordTaskFailure(db, { orgId: org.id, task: 'billing', error: 'invoice_number_format' });

    const page = await newPage({ viewport: { width: 390, height: 844 }, isMobile: true });
    await signIn(page, admin.user.email, PASSWORD);
    const notice = page.getByTestId('task-problems');
    await notice.waitFor();
    const text = await notice.innerText();
    assert.match(text, /Pekerjaan otomatis yang gagal/);
    assert.match(text, /Penerbitan faktur/);
    assert.match(text, /Format nomor faktur di Tagihan → Pengaturan tagihan tidak sah/);
    assert.match(text, /Gagal 2 kali berturut-turut/);
    assert.doesNotMatch(text, /taskStatus\.|invoice_number_format|\{/, 'no raw key or placeholder');
    assert.ok(
      await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
      'nothing scrolls sideways',
    );

    const other = await newPage();
    await signIn(other, finance.user.email, PASSWORD);
    await other.getByTestId('dashboard-stats').waitFor();
    assert.equal(await other.getByTestId('task-problems').count(), 0, 'only those who can fix it are told');

    const platform = await newPage();
    await platform.context().addCookies([{ name: LOCALE_COOKIE, value: 'en', url: APP_URL }]);
    await signIn(platform, root.user.email, PASSWORD);
    await platform.getByTestId('dashboard-stats').waitFor();
    await platform.goto('/admin/organizations');
    const list = await platform.getByTestId('task-problems').innerText();
    assert.match(list, /Organizations with failing automatic work/);
    assert.match(list, new RegExp(`${org.name} · Issuing invoices`));
    assert.match(list, /The invoice number format in Billing → Settings is not valid/);
    assert.match(list, /Failed 2 times in a row/);

    await recordTaskOk(db, { orgId: org.id, task: 'billing' });
    await page.goto('/');
    await page.getByTestId('dashboard-stats').waitFor();
    assert.equal(await page.getByTestId('task-problems').count(), 0);
  });
});
