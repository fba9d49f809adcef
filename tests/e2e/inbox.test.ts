import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { conversationMessages, messages, organizations, quickReplies } from '@/db/schema';
import { recordConversationLine } from '@/lib/inbox/record';
import { DEMO_ORG_SLUG } from '@/lib/platform/demo-constants';
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

describe('the WhatsApp inbox on a phone, in Chromium', () => {
  test('customer service sees the unread count, opens the conversation, sends a quick reply and sees it in the thread', async () => {
    const [org] = await db.select().from(organizations).where(eq(organizations.slug, DEMO_ORG_SLUG));
    const phone = `628139${String(Date.now()).slice(-6)}`;
    // A stranger writes twice (as the assistant lane stores inbound lines).
    const { conversationId } = await recordConversationLine(db, {
      orgId: org!.id,
      phone,
      author: 'customer',
      body: 'Halo, jam berapa kantor buka?',
    });
    await recordConversationLine(db, { orgId: org!.id, phone, author: 'customer', body: 'Saya mau bayar tunai' });
    const title = `Jam buka ${phone.slice(-4)}`;
    await db
      .insert(quickReplies)
      .values({ organizationId: org!.id, title, body: 'Kantor kami buka pukul 08.00–17.00, Senin–Sabtu.' });

    const cs = await newPage(PHONE);
    await signIn(cs, 'sales@demo.jaring.id');
    await cs.getByTestId('org-name').waitFor();
    await cs.goto('/inbox');
    await noSidewaysScroll(cs);
    const card = cs.getByTestId('conversation-card').filter({ hasText: 'Saya mau bayar tunai' });
    await card.waitFor();
    assert.equal(await card.getByTestId('unread-count').innerText(), '2');
    assert.match(await cs.getByRole('heading', { level: 1 }).innerText(), /Kotak masuk WhatsApp/);
    assert.match(await cs.locator('main').innerText(), /pesan belum dibaca/);

    await card.tap();
    await cs.waitForURL(new RegExp(`/inbox/${conversationId}$`));
    await settled(cs);
    await cs.getByTestId('thread-line').filter({ hasText: 'jam berapa kantor buka' }).waitFor();
    assert.match(await cs.getByTestId('customer-panel').innerText(), /Bukan pelanggan|belum terdaftar/);
    await noSidewaysScroll(cs);

    // A greeting typed first stays: the quick reply goes under it, not over it.
    await cs.getByTestId('reply-text').fill('Halo Bu,');
    await cs.getByTestId('quick-reply-pick').selectOption({ label: title });
    assert.equal(
      await cs.getByTestId('reply-text').inputValue(),
      'Halo Bu,\nKantor kami buka pukul 08.00–17.00, Senin–Sabtu.',
    );
    await cs.getByTestId('send-reply').tap();
    const mine = cs.locator('[data-testid=thread-line][data-author=staff]', { hasText: 'Kantor kami buka' });
    await mine.waitFor();
    assert.match(await mine.innerText(), /Demo sales/);
    await mine.getByTestId('line-status').waitFor();
    await noSidewaysScroll(cs);

    // The message went to the queue with the signature, and the conversation is read.
    const [line] = await db
      .select()
      .from(conversationMessages)
      .where(and(eq(conversationMessages.conversationId, conversationId), eq(conversationMessages.author, 'staff')));
    const [m] = await db.select().from(messages).where(eq(messages.id, line!.messageId!));
    assert.equal(m!.toPhone, phone);
    assert.match(m!.body, /^Halo Bu,\nKantor kami buka pukul 08\.00–17\.00, Senin–Sabtu\.\n— Demo sales, /);
    await cs.goto('/inbox');
    const after = cs.getByTestId('conversation-card').filter({ hasText: 'Kantor kami buka' });
    await after.waitFor();
    assert.equal(await after.getByTestId('unread-count').count(), 0);
  });
});
