import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import makeWASocket, {
  type BinaryNode,
  type ConnectionState,
  DisconnectReason,
  generateMessageIDV2,
  getStatusFromReceiptType,
  jidDecode,
  makeCacheableSignalKeyStore,
  proto,
  type WAMessage,
  type WASocket,
} from '@whiskeysockets/baileys';
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import pino, { type Logger } from 'pino';
import type { Database } from '@/db/client';
import { messages, type WhatsappSession, whatsappSessions } from '@/db/schema';
import { handleInboundMessage } from '@/lib/assistant/inbound';
import { clearAuthState, type PostgresAuthState, usePostgresAuthState } from '@/lib/messaging/transports/baileys-auth';
import { type MessageTransport, TransportError } from '@/lib/messaging/types';

export type WhatsAppSessionsOptions = {
  /** Tests point Baileys at a local stand-in; production uses WhatsApp's own URL. */
  waWebSocketUrl?: string;
  pollMs?: number;
  /** How long sendText waits for the server's ack before giving up. */
  ackTimeoutMs?: number;
  logLevel?: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'silent';
  /** Only these organizations' sessions (tests share one database with other test files). */
  organizationIds?: string[];
  /** How long a worker's hold on a linked device lasts without renewal (default 30 s). */
  leaseSeconds?: number;
};

export type WhatsAppSessions = {
  /** The transport of a Baileys session this worker holds; null when it holds none by that id. */
  transportFor(sessionId: string): MessageTransport | null;
  stop(): Promise<void>;
};

const MAX_BACKOFF_MS = 60_000;

/**
 * The worker holds one Baileys socket per enabled linked-device session, of every
 * organization. It follows the rows: new ones connect (and show a QR), disabled or deleted
 * ones are closed, a logout request unlinks the device. The auth state lives in PostgreSQL,
 * so a restart or another worker machine resumes without a new QR.
 */
export function startWhatsAppSessions(db: Database, options: WhatsAppSessionsOptions = {}): WhatsAppSessions {
  const logger = pino({ level: options.logLevel ?? 'warn' });
  const devices = new Map<string, LinkedDevice>();
  let stopped = false;
  let polling: Promise<void> = Promise.resolve();
  const me = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const leaseSeconds = options.leaseSeconds ?? 30;
  /** Takes or renews this worker's hold on a session; false when another live worker has it. */
  const hold = async (sessionId: string) => {
    const rows = await db
      .update(whatsappSessions)
      .set({ leaseOwner: me, leaseUntil: sql`now() + make_interval(secs => ${leaseSeconds})` })
      .where(
        and(
          eq(whatsappSessions.id, sessionId),
          sql`(${whatsappSessions.leaseOwner} is null or ${whatsappSessions.leaseOwner} = ${me} or ${whatsappSessions.leaseUntil} < now())`,
        ),
      )
      .returning({ id: whatsappSessions.id });
    return rows.length > 0;
  };

  const poll = async () => {
    const rows = await db
      .select()
      .from(whatsappSessions)
      .where(
        and(
          eq(whatsappSessions.transport, 'baileys'),
          options.organizationIds ? inArray(whatsappSessions.organizationId, options.organizationIds) : undefined,
        ),
      );
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const [id, device] of devices) {
      const row = byId.get(id);
      if (!row?.enabled || row.status === 'logged_out') {
        devices.delete(id);
        await device.close();
      }
    }
    for (const row of rows) {
      let device = devices.get(row.id);
      const wanted = row.enabled && (row.status !== 'logged_out' || row.logoutRequestedAt);
      if (wanted && !(await hold(row.id))) {
        // Another worker holds this device: let it be (and let go of it, if we had it).
        if (device) {
          devices.delete(row.id);
          await device.close();
          device = undefined;
        }
        continue;
      }
      if (row.logoutRequestedAt) {
        devices.delete(row.id);
        await (device ?? new LinkedDevice(db, row, options, logger)).logout();
      } else if (!device && row.enabled && row.status !== 'logged_out') {
        const started = new LinkedDevice(db, row, options, logger);
        devices.set(row.id, started);
        // A session that cannot start (say, its auth state does not decrypt) is tried again next poll.
        await started.start().catch(async (error) => {
          logger.error({ err: error, sessionId: row.id }, 'whatsapp session start failed');
          devices.delete(row.id);
          await started.close();
        });
      }
    }
  };
  let timer: NodeJS.Timeout | undefined;
  // The next poll is timed from the end of the last one, so a slow one never piles up.
  const loop = async () => {
    await poll().catch((error) => logger.error({ err: error }, 'whatsapp session poll failed'));
    if (!stopped) timer = setTimeout(() => (polling = loop()), options.pollMs ?? 5000);
  };
  polling = loop();

  return {
    transportFor: (sessionId) => devices.get(sessionId)?.transport ?? null,
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await polling;
      await Promise.all([...devices.values()].map((d) => d.close()));
      devices.clear();
      // Let another worker take the devices over at once rather than after the lease runs out.
      await db
        .update(whatsappSessions)
        .set({ leaseOwner: null, leaseUntil: null })
        .where(eq(whatsappSessions.leaseOwner, me))
        .catch((error) => logger.warn({ err: error }, 'whatsapp lease release failed'));
    },
  };
}

class LinkedDevice {
  private sock: WASocket | null = null;
  private auth: PostgresAuthState | null = null;
  private connected = false;
  private closed = false;
  private failures = 0;
  private retryTimer: NodeJS.Timeout | null = null;
  private pendingAcks = new Set<(error: Error) => void>();
  // Row writes and creds saves happen in event order; errors are logged, never thrown into Baileys.
  private writes: Promise<unknown> = Promise.resolve();
  readonly transport: MessageTransport;

  constructor(
    private readonly db: Database,
    private readonly row: WhatsappSession,
    private readonly options: WhatsAppSessionsOptions,
    private readonly logger: Logger,
  ) {
    this.transport = { kind: 'baileys', sendText: (to, text) => this.sendText(to, text) };
  }

  private write(task: () => Promise<unknown>) {
    this.writes = this.writes
      .then(task)
      .catch((error) => this.logger.error({ err: error, sessionId: this.row.id }, 'whatsapp session write failed'));
    return this.writes;
  }

  private setRow(values: Partial<typeof whatsappSessions.$inferInsert>) {
    return this.write(() =>
      this.db
        .update(whatsappSessions)
        .set({ ...values, updatedAt: new Date() })
        .where(eq(whatsappSessions.id, this.row.id)),
    );
  }

  async start() {
    // A restart right after pairing (515) must read the credentials the pairing just saved:
    // wait for the queued writes before loading the auth state.
    await this.writes;
    // biome-ignore lint/correctness/useHookAtTopLevel: not a React hook: named after Baileys' useMultiFileAuthState
    this.auth = await usePostgresAuthState(this.db, this.row.id);
    if (this.closed) return;
    const { state, saveCreds } = this.auth;
    const sock = makeWASocket({
      auth: { creds: state.creds, keys: makeCacheableSignalKeyStore(state.keys, this.logger) },
      // An explicit undefined would override Baileys' default URL.
      ...(this.options.waWebSocketUrl ? { waWebSocketUrl: this.options.waWebSocketUrl } : {}),
      logger: this.logger,
      browser: ['Jaring', 'Chrome', '1.0'],
      printQRInTerminal: false,
      // The operator's phone keeps its notifications; no chat history is needed to send.
      markOnlineOnConnect: false,
      syncFullHistory: false,
      shouldSyncHistoryMessage: () => false,
    });
    this.sock = sock;
    sock.ev.on('creds.update', () => void this.write(saveCreds));
    sock.ev.on('connection.update', (update) => this.onConnectionUpdate(sock, update));
    // Baileys holds messages.update back until the phone shares its app-state key, so the
    // receipts are also read off the wire; both paths only ever move a message forward.
    sock.ws.on('CB:receipt', (node: BinaryNode) => {
      const ids = [node.attrs.id, ...itemIds(node)];
      this.applyReceipt(ids, getStatusFromReceiptType(node.attrs.type));
    });
    sock.ev.on('messages.update', (updates) => {
      for (const { key, update } of updates)
        if (key.fromMe && key.id && update.status) this.applyReceipt([key.id], update.status);
    });
    // Customers writing to the organization: new 1:1 texts only (not history, not our own).
    sock.ev.on('messages.upsert', ({ messages: received, type }) => {
      if (type !== 'notify') return;
      for (const message of received) {
        const inbound = inboundText(message);
        if (inbound) void this.receive(inbound);
      }
    });
    await this.setRow({ status: 'connecting' });
  }

  private onConnectionUpdate(sock: WASocket, update: Partial<ConnectionState>) {
    if (sock !== this.sock) return;
    if (update.qr) void this.setRow({ status: 'qr', qr: update.qr, qrAt: new Date() });
    if (update.connection === 'open') {
      this.connected = true;
      this.failures = 0;
      const phone = jidDecode(sock.user?.id)?.user ?? null;
      void this.setRow({
        status: 'connected',
        phone,
        qr: null,
        qrAt: null,
        lastError: null,
        lastActivityAt: new Date(),
      });
    }
    if (update.connection === 'close') {
      this.connected = false;
      this.sock = null;
      for (const abort of this.pendingAcks)
        abort(new TransportError('not_connected', 'Connection closed before WhatsApp acknowledged the message', true));
      if (this.closed) return;
      const error = update.lastDisconnect?.error as (Error & { output?: { statusCode?: number } }) | undefined;
      const code = error?.output?.statusCode;
      if (code === DisconnectReason.loggedOut) {
        // Unlinked from the phone (or the server refused the stored device): start over only
        // when the operator asks for a new QR.
        this.closed = true;
        void this.write(() => clearAuthState(this.db, this.row.id));
        void this.setRow({ status: 'logged_out', qr: null, qrAt: null, lastError: error?.message ?? null });
        return;
      }
      // 515 after pairing: WhatsApp wants a fresh login on a new socket, right away.
      if (code === DisconnectReason.restartRequired) return this.reconnect(0);
      void this.setRow({ status: 'disconnected', qr: null, qrAt: null, lastError: error?.message ?? null });
      this.reconnect(Math.min(MAX_BACKOFF_MS, 1000 * 2 ** this.failures++));
    }
  }

  private reconnect(delayMs: number) {
    this.retryTimer = setTimeout(() => {
      if (this.closed) return;
      this.start().catch((error) => {
        this.logger.error({ err: error, sessionId: this.row.id }, 'whatsapp reconnect failed');
        this.reconnect(Math.min(MAX_BACKOFF_MS, 1000 * 2 ** this.failures++));
      });
    }, delayMs);
  }

  /**
   * Hands a customer's line to the assistant (lib/assistant/inbound.ts stores it and queues
   * its answer in one transaction). Baileys has acked the message by now, so a database
   * hiccup is retried here rather than losing the line; a redelivery is stored once.
   */
  private async receive(m: { fromPhone: string; text: string; id: string; at: Date }) {
    for (let attempt = 1; ; attempt++) {
      try {
        await handleInboundMessage(this.db, {
          orgId: this.row.organizationId,
          sessionId: this.row.id,
          fromPhone: m.fromPhone,
          text: m.text,
          transportMessageId: m.id,
          receivedAt: m.at,
        });
        void this.setRow({ lastActivityAt: new Date() });
        return;
      } catch (error) {
        if (attempt >= 5) {
          this.logger.error({ err: error, sessionId: this.row.id, messageId: m.id }, 'whatsapp inbound message lost');
          return;
        }
        await new Promise((r) => setTimeout(r, 500 * 2 ** attempt));
      }
    }
  }

  private applyReceipt(ids: string[], status: number | null | undefined) {
    if (!status || status < proto.WebMessageInfo.Status.DELIVERY_ACK) return;
    const read = status >= proto.WebMessageInfo.Status.READ;
    const now = new Date();
    const orgAndIds = and(
      eq(messages.organizationId, this.row.organizationId),
      inArray(messages.transportMessageId, ids),
    );
    void this.write(() =>
      read
        ? this.db
            .update(messages)
            .set({
              status: 'read',
              readAt: now,
              deliveredAt: sql`coalesce(${messages.deliveredAt}, now())`,
              updatedAt: now,
            })
            .where(and(orgAndIds, inArray(messages.status, ['sending', 'sent', 'delivered'])))
        : this.db
            .update(messages)
            .set({ status: 'delivered', deliveredAt: now, updatedAt: now })
            .where(and(orgAndIds, inArray(messages.status, ['sending', 'sent']), isNull(messages.deliveredAt))),
    );
  }

  private async sendText(to: string, text: string) {
    const sock = this.sock;
    if (!sock || !this.connected) throw new TransportError('not_connected', 'WhatsApp session is not connected', true);
    if (!/^62\d{6,14}$/.test(to))
      throw new TransportError('invalid_number', `Not a normalised 62… number: ${to}`, false);
    const messageId = generateMessageIDV2(sock.user?.id);
    // Listen before sending: the ack can arrive before sendMessage returns.
    const acked = waitForAck(sock, messageId, this.options.ackTimeoutMs ?? 15_000);
    this.pendingAcks.add(acked.abort);
    try {
      await sock.sendMessage(`${to}@s.whatsapp.net`, { text }, { messageId });
    } catch (error) {
      acked.abort(new TransportError('unreachable', `WhatsApp send failed: ${(error as Error).message}`, true));
    }
    try {
      await acked.promise;
    } finally {
      this.pendingAcks.delete(acked.abort);
    }
    void this.setRow({ lastActivityAt: new Date() });
    return { messageId };
  }

  async close() {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const sock = this.sock;
    this.sock = null;
    this.connected = false;
    sock?.end(undefined);
    if (sock) await this.setRow({ status: 'disconnected' });
    await this.writes;
  }

  /** The operator unlinked the device from Jaring: tell WhatsApp, forget the keys. */
  async logout() {
    const sock = this.sock;
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (sock && this.connected) {
      // WhatsApp is told when it answers; if it does not within 10 s, the device is forgotten
      // here anyway (the operator asked for it) and the socket closed.
      const gaveUp = new Promise<void>((resolve) => setTimeout(resolve, 10_000).unref());
      await Promise.race([
        sock.logout().catch((error) => this.logger.warn({ err: error }, 'whatsapp logout failed')),
        gaveUp,
      ]);
      sock.end(undefined);
    } else sock?.end(undefined);
    this.sock = null;
    this.connected = false;
    await this.write(() => clearAuthState(this.db, this.row.id));
    await this.setRow({ status: 'logged_out', qr: null, qrAt: null, logoutRequestedAt: null, lastError: null });
  }
}

/**
 * The sender and text of a customer's 1:1 text message; null for our own messages, groups,
 * broadcasts and status updates, and anything that is not text (images, stickers, calls).
 */
export function inboundText(m: WAMessage): { fromPhone: string; text: string; id: string; at: Date } | null {
  const jid = m.key.remoteJid ?? '';
  if (m.key.fromMe || !m.key.id || !jid.endsWith('@s.whatsapp.net')) return null;
  const text = m.message?.conversation || m.message?.extendedTextMessage?.text;
  const fromPhone = jidDecode(jid)?.user;
  if (!text || !fromPhone) return null;
  const seconds = Number(m.messageTimestamp ?? 0);
  return { fromPhone, text, id: m.key.id, at: seconds > 0 ? new Date(seconds * 1000) : new Date() };
}

function itemIds(node: BinaryNode): string[] {
  const list = Array.isArray(node.content) ? node.content[0] : undefined;
  if (!list || !Array.isArray(list.content)) return [];
  return list.content.filter((c) => c.tag === 'item').map((c) => c.attrs.id);
}

/**
 * Resolves when WhatsApp's server acks the message node: only then is the message "sent".
 * `abort` rejects it early (the connection closed).
 */
function waitForAck(sock: WASocket, messageId: string, timeoutMs: number) {
  let settle: (error?: Error) => void = () => {};
  const promise = new Promise<void>((resolve, reject) => {
    const onAck = (node: BinaryNode) => {
      if (node.attrs.id !== messageId) return;
      settle(
        node.attrs.error
          ? new TransportError('rejected', `WhatsApp refused the message (error ${node.attrs.error})`, false)
          : undefined,
      );
    };
    const timer = setTimeout(
      () => settle(new TransportError('timeout', `No acknowledgement from WhatsApp within ${timeoutMs} ms`, true)),
      timeoutMs,
    );
    settle = (error) => {
      clearTimeout(timer);
      sock.ws.off('CB:ack,class:message', onAck);
      if (error) reject(error);
      else resolve();
    };
    sock.ws.on('CB:ack,class:message', onAck);
  });
  // Handled here too: a timeout while sendMessage is still encrypting must not go unhandled.
  promise.catch(() => {});
  return { promise, abort: (error: Error) => settle(error) };
}
