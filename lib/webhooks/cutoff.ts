import { and, eq, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { memberships, organizationTaskStatus, users, webhookEndpoints } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { normalizePhone } from '@/lib/core/phone';
import { env } from '@/lib/env';
import { translate } from '@/lib/i18n/translate';
import { recordTaskFailure } from '@/lib/jobs/task-status';
import { draftFor, getMessagingSettings, insertDrafts } from '@/lib/messaging/queue';
import { maskEndpointUrl } from './masked-url';

/**
 * The cut-off: an endpoint whose deliveries failed for good this many times in a row (each
 * after all its retries, some three and a half hours) is turned off, so a receiver that is
 * gone does not keep the worker busy forever. A delivered one resets the count. Counting
 * final failures rather than hours keeps a quiet endpoint (one event a week) from being cut
 * off by one bad day.
 */
export const CUT_OFF_AFTER = 5;

/** Why the cut-off turned an endpoint off: a message key the page shows. */
export const CUT_OFF_REASON = 'webhooks.disabledReasons.failures';

/**
 * Counts a delivery that failed for good; at CUT_OFF_AFTER the endpoint is turned off,
 * audited, and the organization's admins told (the dashboard's notice of failing work, and
 * a WhatsApp to each admin with a phone). In the caller's transaction.
 */
export async function countFinalFailure(db: Db, p: { orgId: string; endpointId: string }) {
  const [row] = await db
    .update(webhookEndpoints)
    .set({ consecutiveFailures: sql`${webhookEndpoints.consecutiveFailures} + 1` })
    .where(and(eq(webhookEndpoints.id, p.endpointId), eq(webhookEndpoints.organizationId, p.orgId)))
    .returning();
  if (!row?.enabled || row.consecutiveFailures < CUT_OFF_AFTER) return { cutOff: false };
  await db
    .update(webhookEndpoints)
    .set({ enabled: false, disabledAt: sql`now()`, disabledReason: CUT_OFF_REASON, updatedAt: sql`now()` })
    .where(eq(webhookEndpoints.id, row.id));
  await recordAudit(db, {
    orgId: p.orgId,
    actorUserId: null,
    action: 'webhook.cut_off',
    entityType: 'webhook_endpoint',
    entityId: row.id,
    data: { url: maskEndpointUrl(row.url), failures: row.consecutiveFailures },
  });
  await recordTaskFailure(db, { orgId: p.orgId, task: 'webhooks', error: 'webhook_endpoint_disabled' });
  const notices = await tellAdmins(db, { orgId: p.orgId, endpointId: row.id, url: maskEndpointUrl(row.url) });
  return { cutOff: true, notices };
}

/** A WhatsApp to each active admin with a usable phone, through the organization's sessions. */
async function tellAdmins(db: Db, p: { orgId: string; endpointId: string; url: string }) {
  const admins = await db
    .select({ userId: users.id, name: users.name, phone: users.phone })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        eq(memberships.organizationId, p.orgId),
        eq(memberships.role, 'admin'),
        eq(memberships.active, true),
        isNotNull(users.phone),
      ),
    );
  const { locale } = await getMessagingSettings(db, p.orgId);
  const at = new Date().toISOString();
  const drafts = admins
    .filter((a) => a.phone && normalizePhone(a.phone))
    .map((a) =>
      draftFor({
        orgId: p.orgId,
        customer: { id: '', phone: a.phone!, whatsappOptOut: false },
        category: 'support',
        eventKey: `webhook_cut_off:${p.endpointId}:${at}:${a.userId}`,
        body: translate(locale, 'webhooks.whatsapp.cutOff', {
          name: a.name ?? '',
          url: p.url,
          failures: CUT_OFF_AFTER,
          link: `${env().APP_URL}/settings/webhooks/${p.endpointId}`,
        }),
      }),
    );
  // A staff member has no customer row: the message keeps customer_id null.
  return insertDrafts(
    db,
    drafts.map((d) => ({ ...d, customerId: null })),
  );
}

/** The dashboard's notice goes once no endpoint of the organization is left cut off. */
export async function clearCutOffNotice(db: Db, p: { orgId: string }) {
  await db
    .update(organizationTaskStatus)
    .set({ failures: 0, lastError: null, lastOkAt: sql`now()`, updatedAt: sql`now()` })
    .where(
      and(
        eq(organizationTaskStatus.organizationId, p.orgId),
        eq(organizationTaskStatus.task, 'webhooks'),
        sql`not exists (select 1 from ${webhookEndpoints} w where w.organization_id = ${p.orgId}
          and not w.enabled and w.disabled_reason = ${CUT_OFF_REASON})`,
      ),
    );
}
