import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { tickets } from '@/db/schema';
import { testDb } from '../helpers';
import { newPage, settled, signIn } from './browser';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const db = testDb();

async function noSidewaysScroll(page: Page) {
  const [scroll, client] = await page.evaluate(() => [
    document.documentElement.scrollWidth,
    document.documentElement.clientWidth,
  ]);
  assert.ok(scroll <= client, `${page.url()} is ${scroll}px wide on a ${client}px phone`);
}

describe('helpdesk on a phone, in Chromium', () => {
  test('NOC takes a complaint, replies on WhatsApp, resolves; the customer rates it from the link', async () => {
    const noc = await newPage(PHONE);
    await signIn(noc, 'noc@demo.jaring.id');
    await noc.getByTestId('org-name').waitFor();

    // Find the customer by the number they call from, then describe the problem.
    await noc.goto('/tickets/new');
    await noSidewaysScroll(noc);
    await noc.getByRole('searchbox').fill('0812 3456 7890');
    await noc.getByRole('button', { name: 'Cari', exact: true }).click();
    await settled(noc);
    const choice = noc.locator('label', { hasText: '6281234567890' }).first();
    await choice.waitFor();
    await choice.locator('input[type=radio]').check();
    await noc.getByLabel('Judul').fill('Internet mati sejak subuh');
    await noc.getByLabel('Prioritas').selectOption({ label: 'Tinggi' });
    await noc.getByLabel('Keterangan').fill('Lampu LOS merah berkedip.');
    await noc.getByTestId('create-ticket').click();
    await noc.waitForURL(/\/tickets\/[0-9a-f-]{36}$/);
    await settled(noc);
    const heading = await noc.getByRole('heading', { level: 1 }).innerText();
    assert.match(heading, /^T-\d{6} · Internet mati sejak subuh$/);
    const number = heading.slice(0, 8);
    const ticketId = new URL(noc.url()).pathname.split('/').pop()!;
    await noc.getByTestId('ticket-status').getByText('Baru').waitFor();
    // The SLA timers run (high priority: one working hour to answer).
    assert.match(await noc.getByTestId('sla-first-response').innerText(), /Respons pertama/);
    await noSidewaysScroll(noc);

    // An internal note, then a reply that goes out on WhatsApp.
    await noc.getByTestId('ticket-body').fill('Cek ODP Gg. Mawar dulu.');
    await noc.getByTestId('add-note').click();
    await noc.locator('[data-testid=ticket-message][data-kind=note]', { hasText: 'Cek ODP' }).waitFor();
    await noc.getByTestId('ticket-body').fill('Teknisi kami menuju lokasi, mohon ditunggu.');
    await noc.getByTestId('send-reply').click();
    const reply = noc.locator('[data-testid=ticket-message][data-kind=reply]');
    await reply.getByText('Teknisi kami menuju lokasi, mohon ditunggu.').waitFor();
    await noc.getByTestId('ticket-status').getByText('Diproses').waitFor();
    assert.equal(await noc.getByTestId('sla-first-response').getAttribute('data-state'), 'met');

    // Resolve (asked first: it sends the customer a WhatsApp): the customer is asked for a rating.
    await noc.getByTestId('status-resolved').click();
    await noc.getByTestId('status-resolved-confirm').click();
    await noc.getByText('Selesai. Pelanggan diminta menilai lewat WhatsApp.').waitFor();
    await noc.getByTestId('ticket-status').getByText('Selesai').waitFor();
    await noSidewaysScroll(noc);

    // The list shows it among the resolved ones, as a card on the phone.
    await noc.goto('/tickets?status=resolved');
    const row = noc.getByTestId('ticket-row').filter({ hasText: number });
    await row.waitFor();
    assert.match(await row.innerText(), /Internet mati sejak subuh[\s\S]*Selesai/);
    await noSidewaysScroll(noc);

    // The customer taps the link from WhatsApp (no login) and gives 4 stars.
    const [t] = await db.select({ token: tickets.ratingToken }).from(tickets).where(eq(tickets.id, ticketId));
    const customer = await newPage(PHONE);
    await customer.goto(`/r/${t!.token}`);
    await customer.getByRole('heading', { name: `Penilaian tiket ${number}` }).waitFor();
    await customer.getByTestId('rate-4').tap();
    await customer.getByLabel('Komentar (boleh dikosongkan)').fill('Cepat ditangani');
    await customer.getByTestId('submit-rating').tap();
    await customer.getByTestId('rating-done').waitFor();
    await noSidewaysScroll(customer);

    await noc.goto(`/tickets/${ticketId}`);
    assert.match(await noc.getByTestId('ticket-rating').innerText(), /★★★★☆ — Cepat ditangani/);

    // The NOC start page counts tickets, each figure opening the filtered list.
    await noc.goto('/');
    const breached = noc.getByTestId('stat-tickets-breached');
    await breached.waitFor();
    assert.equal(await breached.getAttribute('href'), '/tickets?status=active&sla=breached');
    await noSidewaysScroll(noc);
  });
});
