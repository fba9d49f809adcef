import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { formatDateTime } from '@/lib/format';
import { translate } from '@/lib/i18n/translate';
import { customerValues, draftFor, getMessagingSettings, insertDrafts, templateBody } from '@/lib/messaging/queue';
import { renderTemplate } from '@/lib/messaging/templates';

type NoticeRow = {
  id: string;
  name: string;
  number: number;
  phone: string;
  address: string;
  whatsapp_opt_out: boolean;
};

/**
 * One WhatsApp message per affected customer (a customer with two subscriptions behind the
 * element gets one), rendered from the organization's template and queued in the caller's
 * transaction; the dispatcher sends at each session's pace. Opted-out customers are logged as
 * cancelled, never sent. The event key (`outage:<id>:<customer>`) makes a retry queue nothing twice.
 */
export async function queueOutageNotices(
  db: Db,
  p: {
    orgId: string;
    outage: { id: string; elementLabel: string; startedAt: Date; resolvedAt: Date | null };
    kind: 'outage' | 'outage_resolved';
    area: string | null;
    ticketNumber: string | null;
    actorUserId: string | null;
  },
) {
  const settings = await getMessagingSettings(db, p.orgId);
  const [org] = await db.execute<{ name: string; timezone: string }>(
    sql`select name, timezone from organizations where id = ${p.orgId}`,
  );
  const template = await templateBody(db, { orgId: p.orgId, category: p.kind, locale: settings.locale });
  const rows = await db.execute<NoticeRow>(sql`
    select c.id, c.name, c.number, c.phone, c.address, c.whatsapp_opt_out
    from customers c
    where c.organization_id = ${p.orgId}
      and c.id in (select os.customer_id from outage_subscriptions os
                   where os.organization_id = ${p.orgId} and os.outage_id = ${p.outage.id})`);
  const when = (d: Date | null) => (d ? formatDateTime(d, settings.locale, org!.timezone) : '');
  const shared = {
    // Element labels are internal codes (ODC-3 — Cabinet Blok C): with no area, a neutral "your area".
    'outage.area': p.area?.trim() || translate(settings.locale, 'outages.notice.yourArea'),
    'outage.started': when(p.outage.startedAt),
    'outage.resolved': when(p.outage.resolvedAt),
    'ticket.number': p.ticketNumber ?? '',
  };
  const prefix = p.kind === 'outage' ? 'outage' : 'outage-resolved';
  const drafts = rows.map((c) =>
    draftFor({
      orgId: p.orgId,
      customer: { id: c.id, phone: c.phone, whatsappOptOut: c.whatsapp_opt_out },
      category: p.kind,
      eventKey: `${prefix}:${p.outage.id}:${c.id}`,
      body: renderTemplate(template, { ...customerValues(c, org!.name), ...shared }),
      createdBy: p.actorUserId,
    }),
  );
  const inserted = await insertDrafts(db, drafts);
  return { inserted, queued: drafts.filter((d) => d.status === 'queued').length };
}
