import { and, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import type { ServiceRequestKind } from '@/db/enums';
import { subscriptions } from '@/db/schema';
import { translate } from '@/lib/i18n/translate';
import { getMessagingSettings, queueCustomerMessage } from '@/lib/messaging/queue';

/**
 * Tells the customer staff's decision on WhatsApp, in the organization's message language.
 * It goes through the message queue as an `assistant` message (the organization's wrapper
 * around a text: `{{reply.text}} — {{organization.name}}`), once per request.
 */
export async function queueDecisionMessage(
  db: Db,
  p: {
    orgId: string;
    requestId: string;
    customerId: string;
    subscriptionId: string;
    kind: ServiceRequestKind;
    status: 'approved' | 'rejected';
    note: string | null;
    /** A sentence on what happens next (the approval's effect), already in the org's language. */
    next?: string | null;
    actorUserId: string | null;
  },
) {
  const { locale } = await getMessagingSettings(db, p.orgId);
  const [sub] = await db
    .select({ username: subscriptions.serviceUsername })
    .from(subscriptions)
    .where(and(eq(subscriptions.id, p.subscriptionId), eq(subscriptions.organizationId, p.orgId)));
  const text = [
    translate(locale, `requests.notify.${p.status}`, {
      kind: translate(locale, `requests.kinds.${p.kind}`),
      service: sub?.username ?? '',
    }),
    p.next ?? null,
    p.note ? translate(locale, 'requests.notify.note', { note: p.note }) : null,
  ]
    .filter(Boolean)
    .join(' ');
  return queueCustomerMessage(db, {
    orgId: p.orgId,
    customerId: p.customerId,
    category: 'assistant',
    auto: null,
    eventKey: `service-request:${p.requestId}`,
    values: { 'reply.text': text },
    createdBy: p.actorUserId,
  });
}

/** The organization's message language, for texts stored with a change (history, charges). */
export async function orgLocale(db: Db, orgId: string) {
  return (await getMessagingSettings(db, orgId)).locale;
}
