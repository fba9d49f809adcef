import type { WhatsappSession } from '@/db/schema';
import { decryptSecret } from '@/lib/crypto';
import { env } from '@/lib/env';
import { createHttpTransport } from './transports';
import type { MessageTransport } from './types';

export type BaileysTransports = { transportFor(sessionId: string): MessageTransport | null };

/**
 * Which transport a session sends through, or null when it cannot send now (the next by
 * priority takes over). Baileys sessions answer through the worker's session manager while
 * connected; Cloud API and HTTP gateway sessions through an HTTP transport made from their
 * stored keys, remade when the session is edited.
 */
export function sessionTransports(opts: { baileys: BaileysTransports | null; log?: (line: string) => void }) {
  const http = new Map<string, { version: number; transport: MessageTransport }>();
  return (s: WhatsappSession): MessageTransport | null => {
    if (s.transport === 'baileys') return s.status === 'connected' ? (opts.baileys?.transportFor(s.id) ?? null) : null;
    // An HTTP session whose keys were refused waits for the admin to save new ones; one whose
    // device was offline is tried again after five minutes.
    if (!s.configEnc || s.status === 'failed') return null;
    if (s.status !== 'connected' && Date.now() - s.updatedAt.getTime() < 5 * 60_000) return null;
    const version = s.updatedAt.getTime();
    const cached = http.get(s.id);
    if (cached?.version === version) return cached.transport;
    try {
      const transport = createHttpTransport(
        s.transport,
        JSON.parse(decryptSecret(s.configEnc)) as Record<string, string>,
        { allowPrivate: env().WHATSAPP_ALLOW_HTTP_GATEWAY },
      );
      http.set(s.id, { version, transport });
      return transport;
    } catch (error) {
      // Incomplete keys: the session cannot send; the next by priority takes over.
      opts.log?.(`whatsapp session ${s.id} unusable: ${String(error)}`);
      return null;
    }
  };
}
