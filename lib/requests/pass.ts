import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { serviceRequests, subscriptions } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { transitionSubscription } from '@/lib/customers/subscriptions';
import { formatDate } from '@/lib/format';
import { translate } from '@/lib/i18n/translate';
import { AppError } from '@/lib/server/errors';
import { orgLocale } from './notify';

type Due = {
  id: string;
  organization_id: string;
  subscription_id: string;
  kind: 'pause' | 'stop';
  step: 'start' | 'resume';
  effective_on: string;
  resume_on: string | null;
  days: number | null;
  reason: string | null;
};

export type RequestPassReport = { suspended: number; resumed: number; terminated: number; skipped: number };

/**
 * Carries out approved requests whose day has come, by the organization's local date:
 * a pause starts (subscription suspended) on its start day and ends (back to active) on
 * its resume day; a stop terminates on its end day. One pass at a time (advisory lock);
 * each request in its own savepoint, so one that cannot apply (staff already terminated
 * the subscription) is recorded as skipped and the rest go on. `orgId` limits the pass to
 * one organization (tests, a run by hand); the worker's tick runs it for all.
 */
export async function runRequestPass(db: Db, p: { now?: Date; orgId?: string } = {}): Promise<RequestPassReport> {
  const now = (p.now ?? new Date()).toISOString();
  const report: RequestPassReport = { suspended: 0, resumed: 0, terminated: 0, skipped: 0 };
  return db.transaction(async (tx) => {
    const [lock] = await tx.execute<{ ok: boolean }>(
      sql`select pg_try_advisory_xact_lock(hashtext('service-requests-pass')) as ok`,
    );
    if (!lock?.ok) return report;
    const rows = await tx.execute<Due>(sql`
      select r.id, r.organization_id, r.subscription_id, r.kind,
        case when r.applied_at is null then 'start' else 'resume' end as step,
        r.effective_on::text, r.resume_on::text,
        (r.details->>'days')::int as days, r.details->>'reason' as reason
      from service_requests r
      join organizations o on o.id = r.organization_id
      where r.status = 'approved' and r.kind in ('pause', 'stop')
        ${p.orgId ? sql`and r.organization_id = ${p.orgId}` : sql``}
        and (
          (r.applied_at is null and r.effective_on <= (${now}::timestamptz at time zone o.timezone)::date)
          or (r.kind = 'pause' and r.applied_at is not null and r.resumed_at is null
              and r.resume_on <= (${now}::timestamptz at time zone o.timezone)::date))
      order by r.effective_on, r.id
      limit 1000`);
    for (const row of rows) {
      const outcome = await tx
        .transaction((sp) => applyDue(sp, row, new Date(now)))
        .catch((error: unknown) => {
          if (error instanceof AppError) return { skipped: error.code } as const;
          throw error;
        });
      if ('skipped' in outcome) {
        report.skipped += 1;
        await markDone(tx, row, new Date(now));
        // A pause that never started has nothing to end: without this, its resume day would
        // bring back a service staff suspended for their own reason.
        if (row.kind === 'pause' && row.step === 'start') await markDone(tx, { ...row, step: 'resume' }, new Date(now));
        await recordAudit(tx, {
          orgId: row.organization_id,
          actorUserId: null,
          action: 'request.effect_skipped',
          entityType: 'service_request',
          entityId: row.id,
          data: { kind: row.kind, step: row.step, code: outcome.skipped, channel: 'schedule' },
        });
      } else report[outcome.done] += 1;
    }
    return report;
  });
}

async function markDone(tx: Db, row: Due, now: Date) {
  await tx
    .update(serviceRequests)
    .set(row.step === 'start' ? { appliedAt: now } : { resumedAt: now })
    .where(
      and(
        eq(serviceRequests.id, row.id),
        eq(serviceRequests.organizationId, row.organization_id),
        row.step === 'start' ? isNull(serviceRequests.appliedAt) : isNull(serviceRequests.resumedAt),
      ),
    );
}

async function applyDue(tx: Db, row: Due, now: Date): Promise<{ done: keyof Omit<RequestPassReport, 'skipped'> }> {
  const locale = await orgLocale(tx, row.organization_id);
  const base = { orgId: row.organization_id, actorUserId: null, ip: null, subscriptionId: row.subscription_id };
  let done: 'suspended' | 'resumed' | 'terminated';
  if (row.kind === 'stop') {
    await transitionSubscription(tx, {
      ...base,
      to: 'terminated',
      reason: translate(locale, 'requests.reasons.stop', { reason: row.reason ?? '' }),
    });
    done = 'terminated';
  } else if (row.step === 'start') {
    await transitionSubscription(tx, {
      ...base,
      to: 'suspended',
      reason: translate(locale, 'requests.reasons.pause', {
        days: row.days ?? 0,
        until: formatDate(row.resume_on, locale),
      }),
    });
    done = 'suspended';
  } else {
    // Back only from the pause itself: a subscription staff moved on meanwhile stays as it is.
    const [sub] = await tx
      .select({ status: subscriptions.status })
      .from(subscriptions)
      .where(and(eq(subscriptions.id, row.subscription_id), eq(subscriptions.organizationId, row.organization_id)));
    if (sub?.status !== 'suspended')
      throw new AppError('invalid_transition', { from: sub?.status ?? '', to: 'active' });
    await transitionSubscription(tx, { ...base, to: 'active', reason: translate(locale, 'requests.reasons.resume') });
    done = 'resumed';
  }
  await markDone(tx, row, now);
  await recordAudit(tx, {
    orgId: row.organization_id,
    actorUserId: null,
    action: 'request.effect_applied',
    entityType: 'service_request',
    entityId: row.id,
    data: { kind: row.kind, step: row.step, channel: 'schedule' },
  });
  return { done };
}
