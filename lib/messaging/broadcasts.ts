import { and, asc, desc, eq, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { type BroadcastFilter, broadcasts, customers, messages, organizations } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { SUBSCRIPTION_STATUSES } from '@/lib/customers/constants';
import { customerFilterOptions } from '@/lib/customers/queries';
import { listOdps } from '@/lib/infrastructure/odps';
import { listPlans } from '@/lib/plans/queries';
import { AppError } from '@/lib/server/errors';
import { blankAsUndefined, optionalId } from '@/lib/server/form-input';
import { afterCursor, decodeCursor, toPage } from '@/lib/server/pagination';
import { customerValues, draftFor, getMessagingSettings, insertDrafts, templateBody } from './queue';
import { renderTemplate, templateProblems } from './templates';

export const broadcastFilterSchema = z.object({
  status: blankAsUndefined(z.enum(SUBSCRIPTION_STATUSES)),
  planId: optionalId,
  odpId: optionalId,
  area: z
    .string()
    .trim()
    .max(100)
    .optional()
    .transform((v) => v || undefined),
});

export const broadcastSchema = broadcastFilterSchema.extend({
  title: z.string().trim().min(3, 'validation.required').max(120, 'validation.tooLong'),
  body: z.string().trim().min(3, 'validation.required').max(2000, 'validation.tooLong'),
});

type Actor = { orgId: string; actorUserId: string | null; ip: string | null };

function recipientsWhere(orgId: string, f: BroadcastFilter): SQL {
  return and(
    eq(customers.organizationId, orgId),
    f.status ? eq(customers.status, f.status as 'active') : undefined,
    f.planId ? eq(customers.planId, f.planId) : undefined,
    f.area ? eq(customers.area, f.area) : undefined,
    f.odpId
      ? sql`exists (select 1 from subscriptions s where s.customer_id = ${customers.id} and s.odp_id = ${f.odpId})`
      : undefined,
  )!;
}

/** How many customers the filter reaches, and how many of them opted out (shown before sending). */
export async function countRecipients(db: Db, p: { orgId: string; filter: BroadcastFilter }) {
  const [row] = await db
    .select({
      total: sql<number>`count(*)::int`,
      optedOut: sql<number>`count(*) filter (where ${customers.whatsappOptOut})::int`,
    })
    .from(customers)
    .where(recipientsWhere(p.orgId, p.filter));
  return { total: row?.total ?? 0, optedOut: row?.optedOut ?? 0, willSend: (row?.total ?? 0) - (row?.optedOut ?? 0) };
}

/**
 * Queues a broadcast in one step: one transaction writes the broadcast and one message per
 * customer the filter reaches (rendered now, in chunks of 2,000 rows), opted-out customers
 * logged as cancelled. The dispatcher then sends at each session's pace.
 */
export async function startBroadcast(db: Db, p: Actor & { input: z.output<typeof broadcastSchema> }) {
  const { title, body, ...filter } = p.input;
  const problems = templateProblems(body, 'broadcast');
  if (problems.unknown.length || problems.malformed)
    throw new AppError('validation', {}, { body: 'validation.templateVariables' });
  return db.transaction(async (tx) => {
    const [org] = await tx
      .select({ name: organizations.name })
      .from(organizations)
      .where(eq(organizations.id, p.orgId));
    const [broadcast] = await tx
      .insert(broadcasts)
      .values({ organizationId: p.orgId, title, body, filter, createdBy: p.actorUserId })
      .returning();
    let total = 0;
    let after: { createdAt: Date; id: string } | null = null;
    for (;;) {
      const page: (typeof customers.$inferSelect)[] = await tx
        .select()
        .from(customers)
        .where(
          and(
            recipientsWhere(p.orgId, filter),
            after
              ? sql`(${customers.createdAt}, ${customers.id}) > (${after.createdAt.toISOString()}::timestamptz, ${after.id}::uuid)`
              : undefined,
          ),
        )
        .orderBy(asc(customers.createdAt), asc(customers.id))
        .limit(5000);
      if (page.length === 0) break;
      const drafts = page.map((c) =>
        draftFor({
          orgId: p.orgId,
          customer: c,
          category: 'broadcast',
          eventKey: null,
          body: renderTemplate(body, customerValues(c, org!.name)),
          createdBy: p.actorUserId,
          broadcastId: broadcast!.id,
        }),
      );
      total += await insertDrafts(tx, drafts);
      after = { createdAt: page.at(-1)!.createdAt, id: page.at(-1)!.id };
    }
    // A filter that reaches nobody has nothing to send: done at once, not 'sending' forever.
    const [done] = await tx
      .update(broadcasts)
      .set({ total, status: total === 0 ? 'done' : 'sending' })
      .where(eq(broadcasts.id, broadcast!.id))
      .returning();
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      action: 'broadcast.started',
      entityType: 'broadcast',
      entityId: broadcast!.id,
      data: { title, filter, total },
    });
    return done!;
  });
}

/** Pause, resume or cancel; a cancelled broadcast's unsent messages are cancelled. */
export async function setBroadcastStatus(
  db: Db,
  p: Actor & { broadcastId: string; action: 'pause' | 'resume' | 'cancel' },
) {
  return db.transaction(async (tx) => {
    const [b] = await tx
      .select()
      .from(broadcasts)
      .where(and(eq(broadcasts.id, p.broadcastId), eq(broadcasts.organizationId, p.orgId)))
      .for('update');
    if (!b) throw new AppError('not_found');
    const allowed = { pause: ['sending'], resume: ['paused'], cancel: ['sending', 'paused'] }[p.action];
    if (!allowed.includes(b.status))
      throw new AppError('broadcast_state', { status: `@messaging.broadcastStatuses.${b.status}` });
    const status = { pause: 'paused', resume: 'sending', cancel: 'cancelled' }[p.action] as
      | 'paused'
      | 'sending'
      | 'cancelled';
    await tx.update(broadcasts).set({ status }).where(eq(broadcasts.id, b.id));
    if (status === 'cancelled') {
      await tx
        .update(messages)
        .set({ status: 'cancelled', error: 'broadcast_cancelled', updatedAt: sql`now()` })
        .where(and(eq(messages.broadcastId, b.id), eq(messages.status, 'queued')));
    }
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      action: `broadcast.${p.action}`,
      entityType: 'broadcast',
      entityId: b.id,
    });
    return { status };
  });
}

/** A broadcast's messages by status: the progress bar. A broadcast with nothing left to send is done. */
export async function broadcastProgress(db: Db, p: { orgId: string; broadcastId: string }) {
  const [b] = await db
    .select()
    .from(broadcasts)
    .where(and(eq(broadcasts.id, p.broadcastId), eq(broadcasts.organizationId, p.orgId)));
  if (!b) throw new AppError('not_found');
  const rows = await db
    .select({ status: messages.status, n: sql<number>`count(*)::int` })
    .from(messages)
    .where(and(eq(messages.broadcastId, b.id), eq(messages.organizationId, p.orgId)))
    .groupBy(messages.status);
  const counts = Object.fromEntries(rows.map((r) => [r.status, r.n])) as Record<string, number>;
  const left = (counts.queued ?? 0) + (counts.sending ?? 0);
  if (b.status === 'sending' && left === 0 && b.total > 0)
    await db.update(broadcasts).set({ status: 'done' }).where(eq(broadcasts.id, b.id));
  return {
    broadcast: { ...b, status: b.status === 'sending' && left === 0 && b.total > 0 ? ('done' as const) : b.status },
    counts,
    left,
  };
}

export async function listBroadcasts(db: Db, p: { orgId: string; cursor?: string; limit?: number }) {
  const limit = p.limit ?? 25;
  const rows = await db
    .select()
    .from(broadcasts)
    .where(
      and(
        eq(broadcasts.organizationId, p.orgId),
        afterCursor(broadcasts.createdAt, broadcasts.id, decodeCursor(p.cursor)),
      ),
    )
    .orderBy(desc(broadcasts.createdAt), desc(broadcasts.id))
    .limit(limit + 1);
  return toPage(rows, limit);
}

/** What the broadcast form's filters offer (plans, ODPs, areas in use) and the organization's broadcast wording to start from. */
export async function broadcastChoices(db: Db, orgId: string) {
  const settings = await getMessagingSettings(db, orgId);
  const [plans, odps, options, body] = await Promise.all([
    listPlans(db, { orgId, includeInactive: true }),
    listOdps(db, { orgId }),
    customerFilterOptions(db, orgId),
    templateBody(db, { orgId, category: 'broadcast', locale: settings.locale }),
  ]);
  return {
    plans: plans.map((p) => ({ value: p.id, label: p.name })),
    odps: odps.map((o) => ({ value: o.id, label: `${o.code} · ${o.name}` })),
    areas: options.areas,
    initialBody: body,
  };
}
