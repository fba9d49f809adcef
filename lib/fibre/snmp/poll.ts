import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { olts } from '@/db/schema';
import { translate } from '@/lib/i18n/translate';
import { enqueueFrom } from '@/lib/jobs/enqueue';
import { getMessagingSettings } from '@/lib/messaging/queue';
import { alertSignalChanges } from '../signal/alerts';
import { storeReadings } from '../signal/store';
import type { OltPoller } from '../types';
import { oltPoll } from './jobs';
import { SnmpError } from './walk';

export type PollOutcome =
  | { ok: true; polled: number; stored: number; changed: number; alerted: number; ms: number }
  | { ok: false; error: string; ms: number };

/**
 * One SNMP poll of an OLT (job `olt-poll`): walk, store (lib/fibre/signal/store.ts), alert
 * NOC about the ONUs that fell, and write the outcome on the OLT (`last_polled_at`,
 * `last_poll_ms`, `last_poll_error` in the organization's language, which the OLT page
 * shows). A failed walk is an outcome, not a crash: the OLT says why and the next tick tries
 * again.
 */
export async function pollOlt(
  db: Db,
  poller: OltPoller,
  p: { orgId: string; oltId: string; now?: Date },
): Promise<PollOutcome> {
  const started = performance.now();
  const now = p.now ?? new Date();
  const ms = () => Math.round(performance.now() - started);
  let readings: Awaited<ReturnType<OltPoller['poll']>>;
  try {
    readings = await poller.poll({ orgId: p.orgId, oltId: p.oltId });
  } catch (error) {
    const { locale } = await getMessagingSettings(db, p.orgId);
    const kind = error instanceof SnmpError ? error.kind : 'protocol';
    const text = translate(locale, `signal.pollError.${kind}`);
    await record(db, p, { at: now, ms: ms(), error: text });
    return { ok: false, error: text, ms: ms() };
  }
  const stored = await storeReadings(db, { orgId: p.orgId, oltId: p.oltId, readings, at: now });
  const alerts = await alertSignalChanges(db, { orgId: p.orgId, oltId: p.oltId, now });
  const took = ms();
  await record(db, p, { at: now, ms: took, error: null });
  return { ok: true, polled: readings.length, ...stored, alerted: alerts.alerted, ms: took };
}

async function record(db: Db, p: { orgId: string; oltId: string }, r: { at: Date; ms: number; error: string | null }) {
  await db
    .update(olts)
    .set({ lastPolledAt: r.at, lastPollMs: r.ms, lastPollError: r.error })
    .where(and(eq(olts.id, p.oltId), eq(olts.organizationId, p.orgId)));
}

/**
 * Queues a poll for each OLT whose `poll_minutes` have passed since its last poll (or never
 * polled), across organizations, in one statement (the fibre tick, every minute). An OLT
 * whose poll is still waiting or running gets no second one, so a slow or unreachable OLT
 * never piles up jobs; each OLT's poll is its own job, so one OLT's failure never stops another's.
 */
export async function enqueueDuePolls(db: Db, p: { orgIds?: string[] } = {}) {
  const only = p.orgIds ? `{${p.orgIds.join(',')}}` : null;
  return enqueueFrom(
    db,
    oltPoll,
    sql`select t.organization_id, jsonb_build_object('oltId', t.id) as payload
        from olts t join organizations o on o.id = t.organization_id and o.status = 'active'
        where t.poll_minutes > 0
          and (${only}::uuid[] is null or t.organization_id = any(${only}::uuid[]))
          -- A few seconds early: the tick runs each minute and a poll takes part of one.
          and (t.last_polled_at is null
               or t.last_polled_at + make_interval(mins => t.poll_minutes) <= now() + interval '10 seconds')
          and not exists (select 1 from jobs j where j.organization_id = t.organization_id and j.type = ${oltPoll.name}
                          and j.state in ('queued', 'running', 'retrying') and j.payload->>'oltId' = t.id::text)`,
  );
}
