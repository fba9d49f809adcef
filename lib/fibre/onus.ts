import { and, asc, count, eq, ilike, or, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { ONU_STATES, SIGNAL_LEVELS } from '@/db/enums';
import { customers, oltPonPorts, olts, onus, organizations, subscriptions } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { datetime, type Sheet, text } from '@/lib/exports/render';
import type { Locale } from '@/lib/i18n/config';
import { translate } from '@/lib/i18n/translate';
import { AppError } from '@/lib/server/errors';
import { optionalId } from '@/lib/server/form-input';
import type { Actor } from '@/lib/server/operation';
import { contains } from '@/lib/server/search';

/** The ONU list's filters as the query string carries them (`?state=los&level=critical`). */
export const onuFilterSchema = z.object({
  q: z.string().trim().max(100, 'validation.invalid').optional(),
  state: z.preprocess((v) => (v === '' ? undefined : v), z.enum(ONU_STATES, 'validation.invalid').optional()),
  level: z.preprocess((v) => (v === '' ? undefined : v), z.enum(SIGNAL_LEVELS, 'validation.invalid').optional()),
  oltId: optionalId,
  ponPortId: optionalId,
});
export type OnuFilter = z.output<typeof onuFilterSchema>;

export const ONU_PAGE_SIZE = 25;
export const ONU_EXPORT_MAX = 10_000;

function onuWhere(orgId: string, f: OnuFilter): SQL | undefined {
  return and(
    eq(onus.organizationId, orgId),
    f.state ? eq(onus.state, f.state) : undefined,
    f.level ? eq(onus.level, f.level) : undefined,
    f.oltId ? eq(onus.oltId, f.oltId) : undefined,
    f.ponPortId ? eq(onus.ponPortId, f.ponPortId) : undefined,
    f.q
      ? or(
          ilike(onus.serial, contains(f.q)),
          ilike(onus.name, contains(f.q)),
          ilike(customers.name, contains(f.q)),
          ilike(subscriptions.serviceUsername, contains(f.q)),
        )
      : undefined,
  );
}

const listColumns = {
  id: onus.id,
  serial: onus.serial,
  name: onus.name,
  onuIndex: onus.onuIndex,
  state: onus.state,
  level: onus.level,
  rxPowerDbm: onus.rxPowerDbm,
  lastPolledAt: onus.lastPolledAt,
  oltId: olts.id,
  oltName: olts.name,
  ponPortId: oltPonPorts.id,
  ponPortName: oltPonPorts.name,
  subscriptionId: subscriptions.id,
  serviceUsername: subscriptions.serviceUsername,
  customerId: customers.id,
  customerName: customers.name,
};

/** The ONUs with their OLT, port and customer, one join (the customer's subscription may be gone). */
function onuQuery(db: Db, orgId: string) {
  return db
    .select(listColumns)
    .from(onus)
    .innerJoin(olts, and(eq(olts.id, onus.oltId), eq(olts.organizationId, onus.organizationId)))
    .innerJoin(
      oltPonPorts,
      and(eq(oltPonPorts.id, onus.ponPortId), eq(oltPonPorts.organizationId, onus.organizationId)),
    )
    .leftJoin(subscriptions, and(eq(subscriptions.id, onus.subscriptionId), eq(subscriptions.organizationId, orgId)))
    .leftJoin(customers, and(eq(customers.id, subscriptions.customerId), eq(customers.organizationId, orgId)))
    .$dynamic();
}

export async function listOnus(db: Db, p: { orgId: string; page?: number; pageSize?: number } & OnuFilter) {
  const pageSize = p.pageSize ?? ONU_PAGE_SIZE;
  const page = Math.max(1, p.page ?? 1);
  const where = onuWhere(p.orgId, p);
  const [items, [total]] = await Promise.all([
    onuQuery(db, p.orgId)
      .where(where)
      .orderBy(asc(olts.name), asc(oltPonPorts.frame), asc(oltPonPorts.slot), asc(oltPonPorts.port), asc(onus.onuIndex))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db
      .select({ n: count() })
      .from(onus)
      .leftJoin(
        subscriptions,
        and(eq(subscriptions.id, onus.subscriptionId), eq(subscriptions.organizationId, p.orgId)),
      )
      .leftJoin(customers, and(eq(customers.id, subscriptions.customerId), eq(customers.organizationId, p.orgId)))
      .where(where),
  ]);
  return { items, total: total?.n ?? 0, page, pageSize };
}

/** The list with its filters as a sheet: what the screen shows, one row per ONU. */
export async function exportOnus(db: Db, p: { orgId: string; locale: Locale; format: 'csv' | 'xlsx' } & OnuFilter) {
  const [org] = await db
    .select({ timezone: organizations.timezone })
    .from(organizations)
    .where(eq(organizations.id, p.orgId));
  const t = (key: string) => translate(p.locale, `olts.${key}`);
  const rows = await onuQuery(db, p.orgId)
    .where(onuWhere(p.orgId, p))
    .orderBy(asc(olts.name), asc(oltPonPorts.frame), asc(oltPonPorts.slot), asc(oltPonPorts.port), asc(onus.onuIndex))
    .limit(ONU_EXPORT_MAX + 1);
  const truncated = rows.length > ONU_EXPORT_MAX;
  const sheet: Sheet = {
    headers: [
      'serial',
      'name',
      'customer',
      'username',
      'olt',
      'ponPort',
      'onuIndex',
      'state',
      'rx',
      'level',
      'polled',
    ].map((h) => t(`export.${h}`)),
    rows: rows
      .slice(0, ONU_EXPORT_MAX)
      .map((o) => [
        text(o.serial),
        text(o.name),
        text(o.customerName),
        text(o.serviceUsername),
        text(o.oltName),
        text(o.ponPortName),
        text(String(o.onuIndex)),
        text(t(`onuStates.${o.state}`)),
        text(o.rxPowerDbm === null ? null : o.rxPowerDbm.toFixed(2)),
        text(o.level ? t(`levels.${o.level}`) : null),
        datetime(o.lastPolledAt),
      ]),
  };
  return { sheet, format: p.format, timezone: org?.timezone ?? 'Asia/Jakarta', truncated };
}

export type OnuCounts = {
  total: number;
  states: Record<(typeof ONU_STATES)[number], number>;
  levels: Record<(typeof SIGNAL_LEVELS)[number], number>;
};

const emptyCounts = (): OnuCounts => ({
  total: 0,
  states: { working: 0, los: 0, dying_gasp: 0, offline: 0, unknown: 0 },
  levels: { ok: 0, warning: 0, critical: 0 },
});

/** ONU counts by state and by level for every OLT of the organization: one grouped query. */
export async function onuCountsByOlt(db: Db, p: { orgId: string; oltId?: string }) {
  const rows = await db
    .select({ oltId: onus.oltId, state: onus.state, level: onus.level, n: count() })
    .from(onus)
    .where(and(eq(onus.organizationId, p.orgId), p.oltId ? eq(onus.oltId, p.oltId) : undefined))
    .groupBy(onus.oltId, onus.state, onus.level);
  const byOlt = new Map<string, OnuCounts>();
  for (const r of rows) {
    const c = byOlt.get(r.oltId) ?? emptyCounts();
    c.total += r.n;
    c.states[r.state] += r.n;
    if (r.level) c.levels[r.level] += r.n;
    byOlt.set(r.oltId, c);
  }
  return (oltId: string) => byOlt.get(oltId) ?? emptyCounts();
}

/** One ONU: where it is, whose it is, its last state and levels. */
export async function getOnu(db: Db, p: { orgId: string; onuId: string }) {
  const [row] = await onuQuery(db, p.orgId)
    .where(and(eq(onus.id, p.onuId), eq(onus.organizationId, p.orgId)))
    .limit(1);
  if (!row) throw new AppError('not_found');
  const [more] = await db
    .select({
      onuType: onus.onuType,
      vlan: onus.vlan,
      txPowerDbm: onus.txPowerDbm,
      oltRxPowerDbm: onus.oltRxPowerDbm,
      stateChangedAt: onus.stateChangedAt,
      registeredAt: onus.registeredAt,
      oltVendor: olts.vendor,
      oltHost: olts.host,
    })
    .from(onus)
    .innerJoin(olts, and(eq(olts.id, onus.oltId), eq(olts.organizationId, onus.organizationId)))
    .where(and(eq(onus.id, p.onuId), eq(onus.organizationId, p.orgId)));
  return { ...row, ...more! };
}

/**
 * Which subscription an ONU serves (null: none). The subscription must be this
 * organization's; one ONU per subscription is not enforced (a customer may have two).
 */
export async function assignOnuSubscription(db: Db, p: Actor & { onuId: string; subscriptionId: string | null }) {
  return db.transaction(async (tx) => {
    const [onu] = await tx
      .select({ id: onus.id, serial: onus.serial, subscriptionId: onus.subscriptionId })
      .from(onus)
      .where(and(eq(onus.id, p.onuId), eq(onus.organizationId, p.orgId)))
      .for('update');
    if (!onu) throw new AppError('not_found');
    if (p.subscriptionId) {
      const [sub] = await tx
        .select({ id: subscriptions.id })
        .from(subscriptions)
        .where(and(eq(subscriptions.id, p.subscriptionId), eq(subscriptions.organizationId, p.orgId)));
      if (!sub) throw new AppError('not_found', {}, { subscriptionId: 'validation.invalid' });
    }
    await tx
      .update(onus)
      .set({ subscriptionId: p.subscriptionId, updatedAt: sql`now()` })
      .where(and(eq(onus.id, onu.id), eq(onus.organizationId, p.orgId)));
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      action: 'onu.subscription_assigned',
      entityType: 'onu',
      entityId: onu.id,
      data: { serial: onu.serial, subscriptionId: p.subscriptionId, before: onu.subscriptionId },
    });
    return { subscriptionId: p.subscriptionId };
  });
}
