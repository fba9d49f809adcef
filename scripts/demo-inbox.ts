/**
 * The demo ISP's WhatsApp inbox: a customer waiting for a person after the assistant did not
 * understand, one the assistant answered (`tagihan`), one a member answered and closed, and a
 * stranger asking about a new connection — plus three quick replies, so `/inbox` is not
 * empty on `npm start`. Lines go in through recordConversationLine as the assistant and the
 * inbox write them; the outbound ones point at message rows already delivered (history, so the
 * demo's worker has nothing to send).
 */
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { conversations, customers, messages, quickReplies, subscriptions } from '@/db/schema';
import { normalizePhone } from '@/lib/core/phone';
import { recordConversationLine } from '@/lib/inbox/record';

type Line = { author: 'customer' | 'assistant' | 'staff'; body: string; intent?: string };

export async function seedDemoInbox(db: Db, p: { orgId: string; staffUserId: string }) {
  const { orgId } = p;
  const picked = await db
    .select({ id: customers.id, name: customers.name, phone: customers.phone })
    .from(customers)
    .innerJoin(subscriptions, eq(subscriptions.customerId, customers.id))
    .where(and(eq(customers.organizationId, orgId), eq(subscriptions.status, 'active')))
    .orderBy(asc(customers.number))
    .limit(3);
  const talk = async (phone: string, customerId: string | null, lines: Line[]) => {
    let conversationId = '';
    for (const line of lines) {
      const messageId =
        line.author === 'customer'
          ? null
          : (
              await db
                .insert(messages)
                .values({
                  organizationId: orgId,
                  customerId,
                  toPhone: phone,
                  category: line.author === 'staff' ? 'inbox' : 'assistant',
                  body: line.body,
                  status: 'read',
                  attempts: 1,
                  sentAt: new Date(),
                  deliveredAt: new Date(),
                  readAt: new Date(),
                  createdBy: line.author === 'staff' ? p.staffUserId : null,
                })
                .returning({ id: messages.id })
            )[0]!.id;
      ({ conversationId } = await recordConversationLine(db, {
        orgId,
        phone,
        author: line.author,
        body: line.body,
        customerId: line.author === 'customer' ? customerId : undefined,
        intent: line.intent ?? null,
        messageId,
        authorUserId: line.author === 'staff' ? p.staffUserId : null,
      }));
    }
    return conversationId;
  };
  const [a, b, c] = picked.map((x) => ({ ...x, phone: normalizePhone(x.phone) ?? x.phone }));
  if (a) {
    const id = await talk(a.phone, a.id, [
      { author: 'customer', body: 'Selamat siang, internet di rumah putus-putus dari semalam' },
      {
        author: 'assistant',
        body: 'Maaf, saya belum mengerti. Ketik "menu" untuk pilihan, atau tunggu, tim kami akan membalas.',
      },
      { author: 'customer', body: 'Lampu LOS di modem kedip merah' },
    ]);
    await db.update(conversations).set({ needsStaffAt: new Date() }).where(eq(conversations.id, id));
  }
  if (b)
    await talk(b.phone, b.id, [
      { author: 'customer', body: 'tagihan' },
      {
        author: 'assistant',
        intent: 'tagihan',
        body: `Halo ${b.name}, tagihan Anda bulan ini sudah lunas. Terima kasih!`,
      },
    ]);
  if (c) {
    const id = await talk(c.phone, c.id, [
      { author: 'customer', body: 'Mas, mau ganti password WiFi bisa dibantu?' },
      { author: 'staff', body: 'Bisa, Kak. Teknisi kami hubungi sebentar lagi untuk menggantinya dari jarak jauh.' },
      { author: 'customer', body: 'Sudah beres, terima kasih 🙏' },
    ]);
    await db.update(conversations).set({ status: 'closed', unread: 0 }).where(eq(conversations.id, id));
  }
  const lead = await talk('6285712340000', null, [
    { author: 'customer', body: 'Permisi, di Jl. Kenanga RT 03 sudah bisa pasang internet? Paket termurah berapa?' },
  ]);
  await db.update(conversations).set({ needsStaffAt: new Date() }).where(eq(conversations.id, lead));
  await db.insert(quickReplies).values([
    { organizationId: orgId, title: 'Jam kerja', body: 'Tim kami melayani Senin–Sabtu pukul 08.00–17.00.' },
    {
      organizationId: orgId,
      title: 'Cara bayar',
      body: 'Tagihan bisa dibayar lewat tautan di pesan tagihan (QRIS, transfer, e-wallet) atau di kantor kami.',
    },
    {
      organizationId: orgId,
      title: 'Restart modem',
      body: 'Silakan matikan modem 1 menit lalu nyalakan lagi. Jika lampu LOS masih merah, balas pesan ini.',
    },
  ]);
}
