import type { Task } from 'graphile-worker';
import type { Database } from '@/db/client';
import { dispatchOnce, requeueInterrupted, SessionPacer } from '@/lib/messaging/dispatch';
import { type BaileysTransports, sessionTransports } from '@/lib/messaging/session-transports';
import { messagingPass } from '@/lib/messaging/tick';

/**
 * The sender: every second, one dispatch pass (lib/messaging/dispatch), each session sending
 * through its transport (lib/messaging/session-transports.ts; Baileys sessions through the
 * worker's session manager).
 */
export function startDispatcher(
  db: Database,
  opts: { baileys: BaileysTransports | null; intervalMs?: number; log?: (line: string) => void },
) {
  const pacer = new SessionPacer();
  const transportFor = sessionTransports({ baileys: opts.baileys, log: opts.log });
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

export function messagingTick(db: Database): Task {
  return async (_payload, helpers) => {
    const { queued } = await messagingPass(db, { log: helpers.logger });
    if (queued) helpers.logger.info(`whatsapp: ${queued} automatic messages queued`);
  };
}
