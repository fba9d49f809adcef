import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { type Message, messages, organizations, type WhatsappSession, whatsappSessions } from '@/db/schema';
import { localDate } from '@/lib/billing/money';
import { decryptSecret } from '@/lib/crypto';
import { GATEWAY_NOT_PUBLIC, type MessageTransport, TransportError } from './types';

/** Retry a failed send after these waits; after the last one the message is failed. */
export const RETRY_DELAYS_MS = [30_000, 120_000, 600_000, 1_800_000];
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;

/**
 * Per-session pacing kept by the dispatcher: at most `perMinute` sends in any minute, each
 * followed by a random pause around the average gap (0.5×–1.5×), so a session does not send
 * like a machine and get banned.
 */
export class SessionPacer {
  private sent = new Map<string, number[]>();
  private nextAt = new Map<string, number>();
  /** Sessions with a send under way: one at a time per session. */
  readonly busy = new Set<string>();
  constructor(private random: () => number = Math.random) {}

  ready(session: Pick<WhatsappSession, 'id' | 'perMinute'>, now: number) {
    if (this.busy.has(session.id)) return false;
    const recent = (this.sent.get(session.id) ?? []).filter((t) => t > now - 60_000);
    this.sent.set(session.id, recent);
    return recent.length < session.perMinute && now >= (this.nextAt.get(session.id) ?? 0);
  }

  record(session: Pick<WhatsappSession, 'id' | 'perMinute'>, now: number) {
    this.sent.get(session.id)?.push(now) ?? this.sent.set(session.id, [now]);
    const gap = 60_000 / session.perMinute;
    this.nextAt.set(session.id, now + gap * (0.5 + this.random()));
  }
}

export type DispatchDeps = {
  /** The live transport of a session, or null when it is not connected. */
  transportFor: (session: WhatsappSession) => MessageTransport | null;
  pacer: SessionPacer;
  now?: () => Date;
  /** The day (YYYY-MM-DD) daily caps count in, in the organization's zone. */
  today?: (now: Date, timeZone: string) => string;
  /** Only these organizations (tests). */
  orgIds?: string[];
  /**
   * false (the worker): start the sends and return; a slow session is then busy on its own
   * and never holds up other organizations' messages. Tests wait for the outcomes.
   */
  awaitSends?: boolean;
};

/**
 * One pass of the sender: for every organization with messages due, its first connected
 * session by priority (under its daily cap) takes the next due message when its pacing
 * allows; a disconnected session is passed over for the next one (failover). Automatic
 * messages go before broadcast ones. Organizations are served in parallel. A conversation
 * reply queued with its session (PREFERRED_SESSION_CATEGORIES) is sent by that session while
 * it can send, else like any other message.
 */
export async function dispatchOnce(db: Db, deps: DispatchDeps) {
  const now = deps.now?.() ?? new Date();
  const due = await db.execute<{ organization_id: string }>(
    sql`select distinct organization_id from messages m where status = 'queued' and next_attempt_at <= ${dueBy(now)}::timestamptz
        and (m.broadcast_id is null or exists (select 1 from broadcasts b where b.id = m.broadcast_id and b.status = 'sending'))
        ${deps.orgIds ? sql`and organization_id in ${deps.orgIds}` : sql``}`,
  );
  if (due.length === 0) return { sent: 0, retried: 0, failed: 0, waiting: 0 };
  const orgIds = due.map((r) => r.organization_id);
  const sessions = await db
    .select()
    .from(whatsappSessions)
    .where(and(inArray(whatsappSessions.organizationId, orgIds), eq(whatsappSessions.enabled, true)))
    .orderBy(asc(whatsappSessions.priority), asc(whatsappSessions.createdAt));
  const zones = new Map(
    (
      await db
        .select({ id: organizations.id, timezone: organizations.timezone })
        .from(organizations)
        .where(inArray(organizations.id, orgIds))
    ).map((o) => [o.id, o.timezone]),
  );
  const work: Promise<Outcome>[] = [];
  let waiting = 0;
  const start = (pick: Usable, message: Message, today: string) => {
    deps.pacer.record(pick.session, now.getTime());
    deps.pacer.busy.add(pick.session.id);
    work.push(
      sendOne(db, { message, session: pick.session, transport: pick.transport, now, today }).finally(() =>
        deps.pacer.busy.delete(pick.session.id),
      ),
    );
  };
  for (const orgId of orgIds) {
    const today = (deps.today ?? localDate)(now, zones.get(orgId) ?? 'Asia/Jakarta');
    // Failover: a disconnected session is passed over for the next one by priority; a
    // connected one that is only pacing is waited for, so priority holds.
    const usable = sessions
      .filter((s) => s.organizationId === orgId)
      .map((s) => ({ session: s, transport: deps.transportFor(s) }))
      .filter((x): x is Usable => x.transport !== null && underDailyCap(x.session, today));
    const [pick, ...others] = usable;
    // A conversation reply goes out through the number the customer wrote to while that
    // session can send: the other connected sessions take their own replies first.
    for (const other of others) {
      if (!deps.pacer.ready(other.session, now.getTime())) continue;
      const message = await claimNext(db, { orgId, sessionId: other.session.id, now, preferredOnly: true });
      if (message) start(other, message, today);
    }
    if (!pick || !deps.pacer.ready(pick.session, now.getTime())) {
      waiting++;
      continue;
    }
    const elsewhere = others.map((x) => x.session.id);
    const message = await claimNext(db, { orgId, sessionId: pick.session.id, now, elsewhere });
    if (message) start(pick, message, today);
  }
  if (deps.awaitSends === false) return { sent: 0, retried: 0, failed: 0, waiting, started: work.length };
  const outcomes = await Promise.all(work);
  return {
    sent: outcomes.filter((o) => o === 'sent').length,
    retried: outcomes.filter((o) => o === 'retry').length,
    failed: outcomes.filter((o) => o === 'failed').length,
    waiting,
    started: work.length,
  };
}

/** Postgres keeps microseconds: a row queued in this very millisecond is due too. */
const dueBy = (now: Date) => new Date(now.getTime() + 1).toISOString();

/** An automatic message this old is news no more ("due in 3 days" a week later): it is cancelled. */
const STALE_AFTER_HOURS = 48;

function underDailyCap(s: WhatsappSession, today: string) {
  return s.sentDay !== today || s.sentToday < s.dailyCap;
}

type Usable = { session: WhatsappSession; transport: MessageTransport };

/**
 * Categories whose `session_id`, set when queued, is the session to send through (the
 * conversation's, lib/inbox/send.ts). Other messages get theirs when claimed (and keep the
 * one that last tried them), which never binds them to a session.
 */
export const PREFERRED_SESSION_CATEGORIES = ['assistant', 'inbox'] as const;

/**
 * Takes the oldest due message of the organization (not of a paused broadcast), or cancels it
 * if the customer opted out meanwhile. `preferredOnly`: only replies preferring this session;
 * `elsewhere`: connected sessions whose preferred replies this session leaves to them.
 */
async function claimNext(
  db: Db,
  p: { orgId: string; sessionId: string; now: Date; preferredOnly?: boolean; elsewhere?: string[] },
): Promise<Message | null> {
  const preferred = sql`m.category in ${[...PREFERRED_SESSION_CATEGORIES]}`;
  const scope = p.preferredOnly
    ? sql`and ${preferred} and m.session_id = ${p.sessionId}`
    : p.elsewhere?.length
      ? sql`and not (${preferred} and m.session_id is not null and m.session_id in ${p.elsewhere})`
      : sql``;
  for (;;) {
    const [row] = await db.execute<{
      id: string;
      opted_out: boolean | null;
      event_key: string | null;
      created_at: string;
    }>(sql`
      select m.id, c.whatsapp_opt_out as opted_out, m.event_key, m.created_at from messages m
      left join customers c on c.id = m.customer_id
      where m.organization_id = ${p.orgId} and m.status = 'queued' and m.next_attempt_at <= ${dueBy(p.now)}::timestamptz
        and (m.broadcast_id is null or exists (select 1 from broadcasts b where b.id = m.broadcast_id and b.status = 'sending'))
        ${scope}
      order by (m.broadcast_id is not null), m.next_attempt_at, m.created_at
      limit 1
      for update of m skip locked`);
    if (!row) return null;
    const stale =
      row.event_key !== null && new Date(row.created_at).getTime() < p.now.getTime() - STALE_AFTER_HOURS * 3600_000;
    if (row.opted_out || stale) {
      await db
        .update(messages)
        .set({ status: 'cancelled', error: stale ? 'expired' : 'opted_out', updatedAt: sql`now()` })
        .where(eq(messages.id, row.id));
      continue;
    }
    const [claimed] = await db
      .update(messages)
      .set({
        status: 'sending',
        sessionId: p.sessionId,
        attempts: sql`${messages.attempts} + 1`,
        updatedAt: sql`now()`,
      })
      .where(and(eq(messages.id, row.id), eq(messages.status, 'queued')))
      .returning();
    if (claimed) return claimed;
  }
}

type Outcome = 'sent' | 'retry' | 'failed';

async function sendOne(
  db: Db,
  p: { message: Message; session: WhatsappSession; transport: MessageTransport; now: Date; today: string },
): Promise<Outcome> {
  let messageId: string | null;
  try {
    ({ messageId } = await p.transport.sendText(
      p.message.toPhone,
      p.message.bodyEnc ? decryptSecret(p.message.bodyEnc) : p.message.body,
    ));
  } catch (error) {
    return sendFailed(db, { ...p, error });
  }
  // Acknowledged: from here on a database hiccup must not turn into a second send.
  for (let attempt = 1; ; attempt++) {
    try {
      await markSent(db, { ...p, messageId });
      return 'sent';
    } catch (error) {
      if (attempt >= 3) {
        console.error(`[whatsapp] message ${p.message.id} was sent (${messageId}) but could not be marked sent`, error);
        return 'sent';
      }
      await new Promise((r) => setTimeout(r, 500 * attempt));
    }
  }
}

function markSent(db: Db, p: { message: Message; session: WhatsappSession; today: string; messageId: string | null }) {
  return db.transaction(async (tx) => {
    // Conditional: a receipt that raced ahead may already have moved it on.
    await tx
      .update(messages)
      .set({ status: 'sent', sentAt: sql`now()`, transportMessageId: p.messageId, error: null, updatedAt: sql`now()` })
      .where(and(eq(messages.id, p.message.id), eq(messages.status, 'sending')));
    await tx
      .update(whatsappSessions)
      .set({
        sentToday: sql`case when ${whatsappSessions.sentDay} = ${p.today}::date then ${whatsappSessions.sentToday} + 1 else 1 end`,
        sentDay: p.today,
        lastActivityAt: sql`now()`,
        lastError: null,
        // An HTTP session that was set aside as disconnected has just proven it works.
        ...(p.session.transport !== 'baileys' ? { status: 'connected' as const } : {}),
      })
      .where(eq(whatsappSessions.id, p.session.id));
  });
}

/**
 * A send the transport refused. A session that turned out unusable (not connected, its keys
 * refused) costs the message nothing: the session is set aside and the message goes back to
 * the queue at once for the next session. Other failures are retried with back-off, then
 * the message is failed with the error.
 */
async function sendFailed(
  db: Db,
  p: { message: Message; session: WhatsappSession; now: Date; error: unknown },
): Promise<Outcome> {
  const e =
    p.error instanceof TransportError
      ? p.error
      : new TransportError('rejected', String((p.error as Error)?.message ?? p.error), true);
  // A refused gateway address is stored as its bare code (the screens translate it).
  const text = e.message === GATEWAY_NOT_PUBLIC ? GATEWAY_NOT_PUBLIC : `${e.code}: ${e.message}`.slice(0, 500);
  const sessionDown = e.code === 'not_connected' || e.code === 'unauthorized';
  if (sessionDown) {
    await db
      .update(whatsappSessions)
      .set({ status: e.code === 'unauthorized' ? 'failed' : 'disconnected', lastError: text, updatedAt: sql`now()` })
      .where(eq(whatsappSessions.id, p.session.id));
  } else {
    await db.update(whatsappSessions).set({ lastError: text }).where(eq(whatsappSessions.id, p.session.id));
  }
  // Bounces between sessions are capped too: after MAX_ATTEMPTS × 2 the message fails.
  const attempts = sessionDown && p.message.attempts < MAX_ATTEMPTS * 2 ? p.message.attempts - 1 : p.message.attempts;
  const final = sessionDown ? p.message.attempts >= MAX_ATTEMPTS * 2 : !e.retryable || attempts >= MAX_ATTEMPTS;
  const delay = sessionDown ? 0 : (RETRY_DELAYS_MS[attempts - 1] ?? 0);
  await db
    .update(messages)
    .set({
      status: final ? 'failed' : 'queued',
      attempts,
      error: text,
      nextAttemptAt: new Date(p.now.getTime() + delay),
      updatedAt: sql`now()`,
    })
    .where(eq(messages.id, p.message.id));
  return final ? 'failed' : 'retry';
}

/**
 * Messages left "sending" by a worker that stopped mid-send go back to the queue: whether
 * WhatsApp got them is unknown, and a message sent twice is better than one never sent.
 */
export async function requeueInterrupted(db: Db, olderThanMinutes = 5) {
  const rows = await db
    .update(messages)
    .set({
      status: sql`case when exists (select 1 from broadcasts b where b.id = ${messages.broadcastId} and b.status = 'cancelled') then 'cancelled' else 'queued' end`,
      error: 'interrupted: the worker stopped during the send',
      transportMessageId: null,
      updatedAt: sql`now()`,
    })
    .where(
      and(
        eq(messages.status, 'sending'),
        sql`${messages.updatedAt} < now() - make_interval(mins => ${olderThanMinutes})`,
      ),
    )
    .returning({ id: messages.id });
  return rows.length;
}
