import type { Database } from '@/db/client';
import { broadcasts, messages, messageTemplates, messagingSettings, whatsappSessions } from '@/db/schema';
import { encryptSecret } from '@/lib/crypto';

/**
 * An organization's WhatsApp records, one of each: an HTTP gateway session (keys only it
 * knows), a spare Baileys session and a logged-out one, its own invoice template, settings, a broadcast that is
 * sending, and a failed message to the customer. For the tenant and permission tests.
 */
export async function makeMessagingWorld(db: Database, orgId: string, customerId: string, label = 'org') {
  const [session] = await db
    .insert(whatsappSessions)
    .values({
      organizationId: orgId,
      name: `Gateway ${label}`,
      transport: 'http_gateway',
      status: 'connected',
      configEnc: encryptSecret(JSON.stringify({ url: 'http://127.0.0.1:9/send', token: `token-${label}-only` })),
      configHints: { url: 'http://127.0.0.1:9/send', token: 't••••y' },
    })
    .returning();
  const [spare] = await db
    .insert(whatsappSessions)
    .values({ organizationId: orgId, name: `HP ${label}`, transport: 'baileys', priority: 2 })
    .returning();
  const [loggedOut] = await db
    .insert(whatsappSessions)
    .values({
      organizationId: orgId,
      name: `HP lama ${label}`,
      transport: 'baileys',
      priority: 3,
      status: 'logged_out',
    })
    .returning();
  const templateBody = `Tagihan khusus ${label}: {{invoice.total}}`;
  await db
    .insert(messageTemplates)
    .values({ organizationId: orgId, category: 'invoice', locale: 'id', body: templateBody });
  await db.insert(messagingSettings).values({ organizationId: orgId, locale: 'en', disabled: ['reminder_h1'] });
  const [broadcast] = await db
    .insert(broadcasts)
    .values({ organizationId: orgId, title: `Gangguan ${label}`, body: 'Halo {{customer.name}}', total: 1 })
    .returning();
  const [queued] = await db
    .insert(messages)
    .values({
      organizationId: orgId,
      customerId,
      broadcastId: broadcast!.id,
      toPhone: '6281234567890',
      category: 'broadcast',
      body: `Siaran ${label}`,
    })
    .returning();
  const [failed] = await db
    .insert(messages)
    .values({
      organizationId: orgId,
      customerId,
      sessionId: session!.id,
      toPhone: '6281234567890',
      category: 'invoice',
      body: `Pesan gagal ${label}`,
      status: 'failed',
      attempts: 5,
      error: 'timeout: no answer',
    })
    .returning();
  return {
    session: session!,
    spare: spare!,
    loggedOut: loggedOut!,
    templateBody,
    broadcast: broadcast!,
    queued: queued!,
    failed: failed!,
  };
}
