import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { newPage, settled, signIn } from './browser';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

/** No sideways scroll, and every link, button and field in the page body is a 44 px tap target. */
async function assertPhoneFriendly(page: Page) {
  const { width, small } = await page.evaluate(() => {
    const small: string[] = [];
    for (const el of document.querySelectorAll('main a, main button, main input, main select, main summary')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || el.closest('.recharts-wrapper')) continue;
      if (r.height < 43.5)
        small.push(`${el.tagName} ${Math.round(r.height)}px "${(el.textContent ?? '').trim().slice(0, 40)}"`);
    }
    return { width: document.documentElement.scrollWidth, small };
  });
  assert.ok(width <= 390, `${page.url()} is ${width}px wide at 390px`);
  assert.deepEqual(small, [], `${page.url()}: tap targets under 44 px`);
}

describe('fibre pages on a phone', () => {
  test('the OLT list, an OLT, the ONU list and an ONU: no sideways scroll, thumb-sized links, dBm with a decimal comma', async () => {
    const page = await newPage(PHONE);
    await signIn(page, 'noc@demo.jaring.id');
    await page.getByTestId('org-name').waitFor();

    await page.goto('/olts');
    await settled(page);
    await page.getByTestId('olts-cards').getByText('OLT ZTE POP Wetan').waitFor();
    await assertPhoneFriendly(page);

    await page.getByTestId('olts-cards').getByText('OLT ZTE POP Wetan').click();
    await page.waitForURL(/\/olts\/[0-9a-f-]{36}$/);
    await settled(page);
    await page.getByTestId('pon-ports').waitFor();
    await assertPhoneFriendly(page);

    await page.goto('/olts/onus?level=ok');
    await settled(page);
    const rx = await page.getByTestId('onus-cards').getByTestId('onu-rx').first().innerText();
    // Indonesian: "-20,56 dBm", never "-20.56 dBm".
    assert.match(rx, /^-\d+,\d+ dBm/);
    await assertPhoneFriendly(page);

    await page.getByTestId('onu-card').first().locator('a').first().click();
    await page.waitForURL(/\/olts\/onus\/[0-9a-f-]{36}$/);
    await settled(page);
    await page.getByTestId('onu-subscription').waitFor();
    await assertPhoneFriendly(page);

    // A filter that matches nothing offers the way back.
    await page.goto('/olts/onus?state=dying_gasp&level=ok');
    await settled(page);
    await page.getByTestId('onus-clear-filters').click();
    await page.waitForURL(/\/olts\/onus$/);
  });
});
