import { and, eq, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { memberships, users } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { normalizePhone } from '@/lib/core/phone';
import { env } from '@/lib/env';
import { translate } from '@/lib/i18n/translate';
import { draftFor, getMessagingSettings, insertDrafts } from '@/lib/messaging/queue';

/** ONUs named one by one in a WhatsApp alert; the rest are counted (a fibre cut is many). */
const LISTED = 5;

type Changed = {
  id: string;
  serial: string;
  alert: 'los' | 'dying_gasp' | 'critical' | 'warning';
  rx: number | null;
  port: string;
  customer: string | null;
};

/**
 * After a poll: every ONU of the OLT whose alert state moved (LOS, dying gasp, or a warning
 * or critical level; else none) gets `alerted_state` set. A move into one of those states is
 * told once to the organization's NOC members (WhatsApp, one message per member per poll
 * listing the ONUs); a recovery only clears the mark, so the next fall alerts again. The
 * update takes the rows it changes, so two workers never alert the same change twice.
 */
export async function alertSignalChanges(db: Db, p: { orgId: string; oltId: string; now?: Date }) {
  const now = p.now ?? new Date();
  return db.transaction(async (tx) => {
    const changed = await tx.execute<Changed & { olt: string }>(sql`
      with current as (
        select o.id, case when o.state in ('los', 'dying_gasp') then o.state
                          when o.state = 'working' and o.level in ('warning', 'critical') then o.level end as alert
        from onus o
        where o.organization_id = ${p.orgId} and o.olt_id = ${p.oltId}),
      moved as (
        update onus o set alerted_state = c.alert
        from current c
        where o.id = c.id and o.organization_id = ${p.orgId} and o.alerted_state is distinct from c.alert
        returning o.id, o.serial, c.alert, o.rx_power_dbm as rx, o.pon_port_id, o.subscription_id, o.onu_index)
      select m.id, m.serial, m.alert, m.rx, pp.name || ':' || m.onu_index as port, cu.name as customer, t.name as olt
      from moved m
      join olt_pon_ports pp on pp.id = m.pon_port_id and pp.organization_id = ${p.orgId}
      join olts t on t.id = ${p.oltId} and t.organization_id = ${p.orgId}
      left join subscriptions s on s.id = m.subscription_id and s.organization_id = ${p.orgId}
      left join customers cu on cu.id = s.customer_id and cu.organization_id = ${p.orgId}
      where m.alert is not null
      order by m.alert, pp.name, m.onu_index`);
    if (changed.length === 0) return { alerted: 0, notices: 0 };
    const staff = await nocStaff(tx, p.orgId);
    const { locale } = await getMessagingSettings(tx, p.orgId);
    const anyDown = changed.some((c) => c.alert === 'los' || c.alert === 'dying_gasp');
    const link = `${env().APP_URL}/olts/onus?${anyDown ? 'state=los' : 'level=critical'}`;
    const lines = changed.slice(0, LISTED).map((c) =>
      translate(locale, 'signal.whatsapp.line', {
        who: c.customer ?? c.serial,
        port: c.port,
        what: translate(locale, `signal.alert.${c.alert}`),
        rx: c.rx === null ? '' : ` (${c.rx.toFixed(1)} dBm)`,
      }),
    );
    if (changed.length > LISTED) lines.push(translate(locale, 'signal.whatsapp.more', { n: changed.length - LISTED }));
    const drafts = staff.map((s) =>
      draftFor({
        orgId: p.orgId,
        customer: { id: '', phone: s.phone, whatsappOptOut: false },
        category: 'support',
        eventKey: `onu_alert:${p.oltId}:${now.toISOString()}:${s.userId}`,
        body: translate(locale, 'signal.whatsapp.alert', {
          name: s.name,
          olt: changed[0]!.olt,
          count: changed.length,
          lines: lines.join('\n'),
          link,
        }),
      }),
    );
    // Staff have no customer row: the message keeps customer_id null.
    const notices = await insertDrafts(
      tx,
      drafts.map((d) => ({ ...d, customerId: null })),
    );
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: null,
      action: 'onu.signal_alerted',
      entityType: 'olt',
      entityId: p.oltId,
      data: { onus: changed.map((c) => ({ id: c.id, alert: c.alert })), notified: staff.map((s) => s.userId) },
    });
    return { alerted: changed.length, notices };
  });
}

/** Active NOC members with a usable phone on their account. */
async function nocStaff(db: Db, orgId: string) {
  const rows = await db
    .select({ userId: users.id, name: users.name, phone: users.phone })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        eq(memberships.organizationId, orgId),
        eq(memberships.role, 'noc'),
        eq(memberships.active, true),
        isNotNull(users.phone),
      ),
    );
  return rows
    .filter((r) => r.phone && normalizePhone(r.phone))
    .map((r) => ({ userId: r.userId, name: r.name ?? '', phone: r.phone! }));
}
