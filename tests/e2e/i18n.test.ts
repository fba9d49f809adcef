import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import en from '@/messages/en.json';
import { APP_URL, newPage, signIn } from './browser';

/** The main staff pages an admin of the demo ISP reaches from the menu. */
const PAGES = [
  '/',
  '/customers',
  '/customers/import',
  '/leads',
  '/billing',
  '/billing/settings',
  '/payments',
  '/plans',
  '/routers',
  '/sessions',
  '/jobs',
  '/audit',
  '/settings',
  '/settings/roles',
  '/settings/organization',
  '/settings/payments',
  '/users',
  '/network',
  '/vouchers',
  '/vouchers/sales',
  '/whatsapp',
  '/reports',
  '/resellers',
];
const NAMESPACES = new Set(Object.keys(en));

/** Text on the page that is a message key (`billing.isolation.title`), i.e. an untranslated text. */
async function rawKeysOn(page: Awaited<ReturnType<typeof newPage>>): Promise<string[]> {
  const texts = await page.evaluate(() => {
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    // <code> shows identifiers on purpose (a permission's name beside its words on the roles
    // page, an audit code beside its words); a raw key is plain text.
    for (let n = walker.nextNode(); n; n = walker.nextNode())
      if (!n.parentElement?.closest('code')) out.push((n.textContent ?? '').trim());
    for (const el of document.querySelectorAll('[placeholder],[aria-label],[title]')) {
      for (const a of ['placeholder', 'aria-label', 'title']) out.push(el.getAttribute(a)?.trim() ?? '');
    }
    return out;
  });
  return texts.filter((t) => /^[a-z][a-zA-Z]*(\.[a-zA-Z_]+)+$/.test(t) && NAMESPACES.has(t.split('.')[0]!));
}

describe('no raw message keys, in Chromium', () => {
  // Indonesian (the default) is checked on every menu page by every-page.test.ts.
  for (const locale of ['en'] as const) {
    test(`the main pages show no message key (${locale})`, async () => {
      const page = await newPage({ viewport: { width: 390, height: 844 } });
      await page.context().addCookies([{ name: 'NEXT_LOCALE', value: locale, url: APP_URL }]);
      await signIn(page, 'admin@demo.jaring.id');
      await page.getByTestId('org-name').waitFor();
      const found: string[] = [];
      for (const path of PAGES) {
        await page.goto(path);
        found.push(...(await rawKeysOn(page)).map((k) => `${path}: ${k}`));
      }
      // A customer's page (status history) and a router's page (jobs, errors).
      await page.goto('/customers');
      const customer = page
        .locator('a[href^="/customers/"]')
        .filter({ hasNotText: /import/i })
        .first();
      if (await customer.count()) {
        await page.goto((await customer.getAttribute('href'))!);
        found.push(...(await rawKeysOn(page)).map((k) => `customer: ${k}`));
      }
      assert.deepEqual(found, []);
    });
  }

  test('an unknown address and a stale invoice link get a translated page with a way on', async () => {
    const page = await newPage({ viewport: { width: 390, height: 844 } });
    await page.goto('/tidak-ada-halaman-ini');
    // Anonymous visitors may be sent to sign in first; signed-in or not, never Next's English 404.
    assert.doesNotMatch(await page.locator('body').innerText(), /This page could not be found/);
    await page.goto(`/i/${'a'.repeat(40)}`);
    await page.getByTestId('invoice-not-found').getByText('Tautan tagihan tidak berlaku').waitFor();
    await page.context().addCookies([{ name: 'NEXT_LOCALE', value: 'en', url: APP_URL }]);
    await page.goto(`/i/${'a'.repeat(40)}`);
    await page.getByTestId('invoice-not-found').getByText('This invoice link no longer works').waitFor();

    await signIn(page, 'admin@demo.jaring.id');
    await page.getByTestId('org-name').waitFor();
    await page.goto('/tidak-ada-halaman-ini');
    await page.getByTestId('not-found').getByText('Page not found').waitFor();
    await page.getByRole('link', { name: 'Go to the start page' }).waitFor();
  });
});
