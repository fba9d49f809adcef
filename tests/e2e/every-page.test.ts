import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { organizations } from '@/db/schema';
import { ROLES, type Role } from '@/lib/auth/permissions';
import { DEMO_ORG_SLUG, demoEmail } from '@/lib/platform/demo-constants';
import en from '@/messages/en.json';
import { makeMember, PASSWORD, testDb } from '../helpers';
import { APP_URL, newPage, signIn } from './browser';

/**
 * Every page a role's menu offers, on a 390 × 844 phone, as each demo user: nothing scrolls
 * or sticks out sideways, no message key shows as text, and the bottom bar's targets are
 * thumb-sized. One context per role; each menu page is opened once, by the first role whose
 * menu has it (each role's dashboard by every role), and the first detail page of each kind
 * (a customer, a router, an ODP, …) once, from the first list that links to it.
 */
const PHONE = { width: 390, height: 844 };
const NAMESPACES = new Set(Object.keys(en));
const DETAIL =
  /^\/(customers|leads|work-orders|invoices|payments|routers|resellers|reseller\/customers|vouchers\/batches|network\/(odps|sites|cables))\/[0-9a-f-]{8,}$/;
const seenDetail = new Set<string>();
const seenTabs = new Set<string>();
/** A menu page is checked once, by the first role to reach it; each role's own dashboard always. */
const seenPages = new Set<string>();
// Opened at the top, so the helper's after() hook closes it after every test.
const db = testDb();

type Finding = string;

/**
 * Elements sticking out past the right edge, outside any container that scrolls or clips on
 * purpose (a wide table of figures, a map). A string, not a function: tsx would wrap the
 * helpers' names in a `__name` call the page does not have.
 */
const OVERFLOW_SCRIPT = `(() => {
  const out = [];
  const doc = document.documentElement;
  if (doc.scrollWidth > doc.clientWidth) out.push('page is ' + doc.scrollWidth + 'px wide');
  const vw = doc.clientWidth;
  const contained = (el) => {
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement)
      if (getComputedStyle(a).overflowX !== 'visible') return true;
    return false;
  };
  const sticksOut = (el) => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && r.right > vw + 1;
  };
  for (const el of document.body.querySelectorAll('*')) {
    if (!sticksOut(el)) continue;
    // Report the outermost element that sticks out, not each of its children.
    if (el.parentElement && el.parentElement !== document.body && sticksOut(el.parentElement)) continue;
    if (contained(el)) continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || style.position === 'fixed') continue;
    const id = el.getAttribute('data-testid');
    const cls = (el.getAttribute('class') || '').split(' ').slice(0, 4).join('.');
    const text = (el.textContent || '').trim().slice(0, 40);
    out.push('<' + el.tagName.toLowerCase() + (id ? ' data-testid=' + id : '') + ' .' + cls + '> right=' +
      Math.round(el.getBoundingClientRect().right) + ' "' + text + '"');
    if (out.length >= 4) break;
  }
  // A status badge is never cut off by a box that clips, nor only reached by scrolling a table sideways.
  for (const badge of document.querySelectorAll('main span.rounded-full.text-xs')) {
    const r = badge.getBoundingClientRect();
    if (r.width === 0 || badge.scrollWidth > badge.clientWidth + 1) {
      if (r.width > 0) out.push('badge "' + badge.textContent.trim() + '" is cut off');
      continue;
    }
    for (let a = badge.parentElement; a && a !== document.body; a = a.parentElement) {
      const ox = getComputedStyle(a).overflowX;
      if (ox === 'visible') continue;
      const box = a.getBoundingClientRect();
      if (r.right > box.right + 1 || r.left < box.left - 1)
        out.push('badge "' + badge.textContent.trim() + '" is ' + (ox === 'auto' || ox === 'scroll' ? 'off screen in a table that scrolls sideways' : 'cut off'));
      break;
    }
  }
  return out;
})()`;

/** Buttons, fields and button-like links in the page that are less than 44 px high (reported, not failed). */
const SMALL_TARGETS_SCRIPT = `(() => {
  const out = [];
  const sel = 'main button, main select, main input:not([type=hidden]):not([type=checkbox]):not([type=radio]), main a.rounded-lg, main summary';
  for (const el of document.querySelectorAll(sel)) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || r.height >= 43.5) continue;
    out.push('<' + el.tagName.toLowerCase() + '> ' + Math.round(r.height) + 'px "' + (el.textContent || el.getAttribute('name') || '').trim().slice(0, 30) + '"');
  }
  return out;
})()`;

async function overflowOn(page: Page): Promise<string[]> {
  return page.evaluate(OVERFLOW_SCRIPT) as Promise<string[]>;
}

/** Text that is a message key (`billing.isolation.title`): the same rule as tests/e2e/i18n.test.ts. */
async function rawKeysOn(page: Page): Promise<string[]> {
  const texts = await page.evaluate(() => {
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode())
      if (!n.parentElement?.closest('code')) out.push((n.textContent ?? '').trim());
    for (const el of document.querySelectorAll('[placeholder],[aria-label],[title]')) {
      for (const a of ['placeholder', 'aria-label', 'title']) out.push(el.getAttribute(a)?.trim() ?? '');
    }
    return out;
  });
  return texts.filter((t) => /^[a-z][a-zA-Z]*(\.[a-zA-Z_]+)+$/.test(t) && NAMESPACES.has(t.split('.')[0]!));
}

/** Each role's most used pages, then the menu (BOTTOM in components/shell/nav-items.ts). */
const BAR: Record<Role, string> = {
  super_admin: 'Dasbor Pelanggan Tagihan Menu',
  admin: 'Dasbor Pelanggan Tagihan Menu',
  operator: 'Dasbor Pelanggan Tagihan Menu',
  finance: 'Dasbor Tagihan Pembayaran Menu',
  noc: 'Dasbor Router Peta Menu',
  sales: 'Dasbor Prospek Pelanggan Menu',
  technician: 'Dasbor SPK saya Peta Menu',
  warehouse: 'Dasbor Pindai Stok Menu',
  hr: 'Dasbor Pengguna Peran Menu',
  reseller: 'Portal Dompet Voucher Menu',
};

/** The bottom bar: the role's four entries, each at least 44 × 44 px. */
async function bottomBarFindings(page: Page, role: Role): Promise<Finding[]> {
  const boxes = await page
    .getByTestId('bottom-bar')
    .locator(':scope > a, :scope > button')
    .evaluateAll((els) =>
      els.map((e) => {
        const r = e.getBoundingClientRect();
        return { text: (e.textContent ?? '').trim(), w: Math.round(r.width), h: Math.round(r.height) };
      }),
    );
  const out: Finding[] = [];
  const labels = boxes.map((b) => b.text).join(' ');
  if (labels !== BAR[role]) out.push(`bottom bar is "${labels}", expected "${BAR[role]}"`);
  for (const b of boxes) if (b.w < 44 || b.h < 44) out.push(`bottom bar "${b.text}" is ${b.w}×${b.h}px`);
  return out;
}

/** Map controls sit between the header and the bottom bar, never over them, and are thumb-sized. */
async function mapFindings(page: Page): Promise<Finding[]> {
  await page.locator('.leaflet-control').first().waitFor({ timeout: 10_000 });
  return page.evaluate(() => {
    const header = document.querySelector('header')!.getBoundingClientRect();
    const bar = document.querySelector('[data-testid=bottom-bar]')!.getBoundingClientRect();
    const out: string[] = [];
    for (const c of document.querySelectorAll('.leaflet-control')) {
      const r = c.getBoundingClientRect();
      if (r.height === 0) continue;
      if (r.top < header.bottom - 1 || r.bottom > bar.top + 1)
        out.push(`map control ${c.className.split(' ')[0]} at ${Math.round(r.top)}-${Math.round(r.bottom)}px`);
    }
    for (const a of document.querySelectorAll('.leaflet-bar a')) {
      const r = a.getBoundingClientRect();
      if (r.height < 44 || r.width < 44)
        out.push(`map button "${a.getAttribute('title')}" is ${r.width}×${r.height}px`);
    }
    return out;
  });
}

async function check(page: Page, path: string, found: Finding[], smallTargets: string[]) {
  const res = await page.goto(path, { waitUntil: 'load' });
  await page.waitForLoadState('networkidle', { timeout: 2500 }).catch(() => {});
  if (res && res.status() >= 500) found.push(`${path}: HTTP ${res.status()}`);
  for (const f of await overflowOn(page)) found.push(`${path}: ${f}`);
  for (const k of await rawKeysOn(page)) found.push(`${path}: raw key ${k}`);
  for (const f of (await page.evaluate(SMALL_TARGETS_SCRIPT)) as string[]) smallTargets.push(`${path}: ${f}`);
}

// Two roles at a time: most of a page's time is waiting for the server and the network to settle.
describe('every page at 390 px, as every role', { concurrency: 2 }, () => {
  // One browser for all: started before two tests at once could each launch one (and leave one open).
  before(async () => {
    await (await newPage()).context().close();
  });

  test('the phone navigation in English', async () => {
    const page = await newPage({ viewport: PHONE, isMobile: true, hasTouch: true });
    await page.context().addCookies([{ name: 'NEXT_LOCALE', value: 'en', url: APP_URL }]);
    await signIn(page, demoEmail('admin'));
    await page.getByTestId('org-name').waitFor();
    assert.deepEqual(await page.getByTestId('bottom-bar').locator(':scope > *').allInnerTexts(), [
      'Dashboard',
      'Customers',
      'Billing',
      'Menu',
    ]);
    await page.getByTestId('mobile-menu').click();
    assert.deepEqual(await page.getByRole('dialog').locator('h2').allInnerTexts(), [
      'CUSTOMERS',
      'FINANCE',
      'NETWORK',
      'INVENTORY',
      'SETTINGS',
    ]);
    await page.context().close();
  });

  for (const role of ROLES) {
    test(`${role}: the menu's pages fit a phone and show no message key`, async (t) => {
      const page = await newPage({ viewport: PHONE, isMobile: true, hasTouch: true });
      if (role === 'super_admin') {
        // The demo's super admin is its organization's admin only; the platform's own super
        // admin (a member of the demo ISP here) also has the platform pages.
        const [org] = await db.select().from(organizations).where(eq(organizations.slug, DEMO_ORG_SLUG));
        const { user } = await makeMember(db, org!.id, 'admin', { superAdmin: true });
        await signIn(page, user.email, PASSWORD);
      } else await signIn(page, demoEmail(role));
      await page.getByTestId('org-name').waitFor();
      const found: Finding[] = [];
      const smallTargets: string[] = [];
      found.push(...(await bottomBarFindings(page, role)));

      // The menu sheet: grouped, with every page the role may open.
      await page.getByTestId('mobile-menu').click();
      const sheet = page.getByRole('dialog');
      await sheet.waitFor();
      const paths = [
        ...new Set(
          (await sheet.locator('a[href^="/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')!))).filter(
            (h) => h !== '/account',
          ),
        ),
      ];
      assert.ok(paths.length > 0, `${role} has no menu`);
      const headings = await sheet.locator('h2').allInnerTexts();
      if (role === 'super_admin')
        assert.deepEqual(headings, ['PELANGGAN', 'KEUANGAN', 'JARINGAN', 'GUDANG', 'PENGATURAN', 'PLATFORM']);
      else if (paths.length > 2) assert.ok(headings.length > 0, `${role}'s menu has no group headings`);

      // A super admin sees an organization's pages as its admin does: only the platform's own here.
      const visit = role === 'super_admin' ? paths.filter((p) => p.startsWith('/admin/')) : paths;
      for (const path of visit) {
        if (path !== '/' && seenPages.has(path)) continue;
        seenPages.add(path);
        await check(page, path, found, smallTargets);
        if (path === '/map') found.push(...(await mapFindings(page)).map((f) => `/map: ${f}`));
        // A page's own tabs (WhatsApp, vouchers, network, the reseller portal), once over all
        // roles, and the first detail page of each kind.
        const tabs = await page
          .locator('main nav a[href^="/"]')
          .evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
        const hrefs = await page
          .locator('main a[href^="/"]')
          .evaluateAll((as) => as.map((a) => a.getAttribute('href')!.split('?')[0]!));
        for (const tab of tabs) {
          if (seenTabs.has(tab) || paths.includes(tab) || /[?&](cursor|page)=/.test(tab)) continue;
          seenTabs.add(tab);
          await check(page, tab, found, smallTargets);
        }
        for (const href of hrefs) {
          const m = DETAIL.exec(href);
          if (!m || seenDetail.has(m[1]!)) continue;
          seenDetail.add(m[1]!);
          await check(page, href, found, smallTargets);
        }
      }
      await page.context().close();
      if (smallTargets.length) t.diagnostic(`targets under 44 px:\n${[...new Set(smallTargets)].join('\n')}`);
      assert.deepEqual(found, []);
    });
  }
});
