import { and, eq, inArray } from 'drizzle-orm';
import type { Task } from 'graphile-worker';
import type { Database } from '@/db/client';
import { organizations, type WhatsappSession } from '@/db/schema';
import { decryptSecret } from '@/lib/crypto';
import { env } from '@/lib/env';
import { runOrganizationTask, type PassLog } from '@/lib/jobs/task-status';
import { queueDueReminders, queueInvoiceMessages } from '@/lib/messaging/automatic';
import { dispatchOnce, requeueInterrupted, SessionPacer } from '@/lib/messaging/dispatch';
import { createHttpTransport } from '@/lib/messaging/transports';
import type { MessageTransport } from '@/lib/messaging/types';

export type BaileysTransports = { transportFor(sessionId: string): MessageTransport | null };

/**
 * The sender: every second, one dispatch pass (lib/messaging/dispatch). Baileys sessions
 * answer through the worker's session manager; Cloud API and HTTP gateway sessions through
 * an HTTP transport made from their stored keys (remade when the session is edited).
 */
export function startDispatcher(db: Database, opts: { baileys: BaileysTransports | null; intervalMs?: number; log?: (line: string) => void }) {
  const pacer = new SessionPacer();
  const http = new Map<string, { version: number; transport: MessageTransport }>();
  const transportFor = (s: WhatsappSession): MessageTransport | null => {
    if (s.transport === 'baileys') return s.status === 'connected' ? (opts.baileys?.transportFor(s.id) ?? null) : null;
    // An HTTP session whose keys were refused waits for the admin to save new ones; one whose
    // device was offline is tried again after five minutes.
    if (!s.configEnc || s.status === 'failed') return null;
    if (s.status !== 'connected' && Date.now() - s.updatedAt.getTime() < 5 * 60_000) return null;
    const version = s.updatedAt.getTime();
    const cached = http.get(s.id);
    if (cached?.version === version) return cached.transport;
    try {
      const transport = createHttpTransport(s.transport, JSON.parse(decryptSecret(s.configEnc)) as Record<string, string>, { allowPrivate: env().WHATSAPP_ALLOW_HTTP_GATEWAY });
      http.set(s.id, { version, transport });
      return transport;
    } catch (error) {
      // Incomplete keys: the session cannot send; the next by priority takes over.
      opts.log?.(`whatsapp session ${s.id} unusable: ${String(error)}`);
      return null;
    }
  };
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let lastRequeue = 0;
  const tick = async () => {
    try {
      if (Date.now() - lastRequeue > 60_000) {
        lastRequeue = Date.now();
        const n = await requeueInterrupted(db);
        if (n) opts.log?.(`whatsapp: ${n} interrupted sends queued again`);
      }
      await dispatchOnce(db, { transportFor, pacer, awaitSends: false });
    } catch (error) {
      opts.log?.(`whatsapp dispatch failed: ${String(error)}`);
    }
    if (!stopped) timer = setTimeout(tick, opts.intervalMs ?? 1000);
  };
  timer = setTimeout(tick, opts.intervalMs ?? 1000);
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}

/**
 * Every 10 minutes: invoice messages for new invoices, and the H-3 / H-1 reminders, each
 * organization on its own: one that fails is recorded on it and the others go on.
 */
export async function messagingPass(db: Database, p: { now?: Date; log?: PassLog; /** Only these organizations (default: every active one). */ orgIds?: string[] } = {}) {
  const orgs = await db.select({ id: organizations.id, timezone: organizations.timezone }).from(organizations)
    .where(and(eq(organizations.status, 'active'), p.orgIds ? inArray(organizations.id, p.orgIds) : undefined));
  let queued = 0;
  let failed = 0;
  for (const org of orgs) {
    const invoices = await runOrganizationTask(db, { orgId: org.id, task: 'invoice_messages', log: p.log }, () => queueInvoiceMessages(db, { orgId: org.id }));
    const reminders = await runOrganizationTask(db, { orgId: org.id, task: 'reminders', log: p.log }, () =>
      queueDueReminders(db, { orgId: org.id, timezone: org.timezone, now: p.now }),
    );
    for (const r of [invoices, reminders]) {
      if (r.ok) queued += r.value;
      else failed++;
    }
  }
  return { queued, failed };
}

export function messagingTick(db: Database): Task {
  return async (_payload, helpers) => {
    const { queued } = await messagingPass(db, { log: helpers.logger });
    if (queued) helpers.logger.info(`whatsapp: ${queued} automatic messages queued`);
  };
}
