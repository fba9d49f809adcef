import { after } from 'node:test';
import { type Browser, type BrowserContextOptions, chromium, type Page } from 'playwright-core';

export const APP_URL = process.env.APP_URL!;
let browser: Browser | undefined;

/** Debian's chromium, headless, off the (closed) network; `extraArgs` e.g. a fake camera. */
export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      // Nothing outside this machine resolves, whatever a page asks for.
      '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1, EXCLUDE localhost',
      ...extraArgs,
    ],
  });
}

/** A page in the shared browser, with the flags that keep it off the (closed) network. */
export async function newPage(options: BrowserContextOptions = {}): Promise<Page> {
  browser ??= await launchChromium();
  const context = await browser.newContext({ baseURL: APP_URL, locale: 'id-ID', ...options });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  // A user acts on a page once it is interactive: wait for hydration (network idle) on every
  // navigation, so a click never lands on server HTML whose handlers are not attached yet.
  const goto = page.goto.bind(page);
  page.goto = (url, options) => goto(url, { waitUntil: 'networkidle', ...options });
  return page;
}

after(async () => {
  await browser?.close();
});

/** After a click that navigates: wait until the new page is interactive. */
export async function settled(page: Page) {
  await page.waitForLoadState('networkidle');
}

export async function signIn(page: Page, email: string, password = 'jaring123') {
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.locator('input[name=password]').fill(password);
  await page.locator('form button[type=submit]').click();
}
