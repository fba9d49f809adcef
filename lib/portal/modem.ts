import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '@/db/client';
import type { AcsTaskKind } from '@/db/enums';
import { subscriptions } from '@/db/schema';
import { limitKey } from '@/lib/auth/ip';
import { consumeAttempt } from '@/lib/auth/rate-limit';
import { modemCard } from '@/lib/fibre/acs/modem';
import { hasAcs } from '@/lib/fibre/acs/settings';
import { requestModemTask, type WifiChange, wifiDetail } from '@/lib/fibre/acs/tasks';
import { AppError } from '@/lib/server/errors';
import { type PortalCtx, portalAuditData } from './operation';

/** Modem requests per portal session per hour: a few tries at a WiFi name, not a loop. */
export const MODEM_TASKS_PER_HOUR = 10;
/** The kinds a customer may ask for themselves (PPPoE and factory reset stay with staff). */
const CUSTOMER_KINDS: readonly AcsTaskKind[] = ['wifi', 'reboot', 'refresh'];

type Scope = Pick<PortalCtx, 'orgId' | 'customerIds'>;

async function ownSubscription(db: Db, p: Scope & { subscriptionId: string }) {
  if (p.customerIds.length === 0) throw new AppError('not_found');
  const [sub] = await db
    .select({ id: subscriptions.id, serviceUsername: subscriptions.serviceUsername })
    .from(subscriptions)
    .where(
      and(
        eq(subscriptions.id, p.subscriptionId),
        eq(subscriptions.organizationId, p.orgId),
        inArray(subscriptions.customerId, p.customerIds),
      ),
    );
  if (!sub) throw new AppError('not_found');
  return sub;
}

/**
 * The visitor's modems as the staff card reads them (lib/fibre/acs/modem.ts), cut to what a
 * customer needs: the WiFi names, the model, when it last reported, and the recent requests
 * with their state (sent / waiting for the modem / done / fault). The ACS address and
 * credentials the staff card shows for manual setup never reach the portal.
 */
export async function portalModems(db: Db, p: Scope) {
  if (p.customerIds.length === 0 || !(await hasAcs(db, { orgId: p.orgId }))) return [];
  const subs = await db
    .select({ id: subscriptions.id, serviceUsername: subscriptions.serviceUsername })
    .from(subscriptions)
    .where(and(eq(subscriptions.organizationId, p.orgId), inArray(subscriptions.customerId, p.customerIds)))
    .orderBy(subscriptions.createdAt);
  const out = [];
  for (const sub of subs) {
    const card = await modemCard(db, { orgId: p.orgId, subscriptionId: sub.id });
    if (!card.configured || !card.device) continue;
    const summary = card.device.summary as Record<string, unknown>;
    out.push({
      subscriptionId: sub.id,
      serviceUsername: sub.serviceUsername,
      model: [card.device.manufacturer, card.device.model].filter(Boolean).join(' ') || null,
      lastInformAt: card.device.lastInformAt,
      ssid24: typeof summary.ssid24 === 'string' ? summary.ssid24 : null,
      ssid5: typeof summary.ssid5 === 'string' ? summary.ssid5 : null,
      tasks: card.tasks
        .filter((t) => CUSTOMER_KINDS.includes(t.kind))
        .map((t) => ({
          id: t.id,
          kind: t.kind,
          status: t.status,
          fault: t.fault ? true : null,
          ssid24: typeof t.detail.ssid24 === 'string' ? t.detail.ssid24 : null,
          ssid5: typeof t.detail.ssid5 === 'string' ? t.detail.ssid5 : null,
          createdAt: t.createdAt,
          finishedAt: t.finishedAt,
        })),
    });
  }
  return out;
}
export type PortalModem = Awaited<ReturnType<typeof portalModems>>[number];

/**
 * The customer changes their WiFi or restarts their modem: the same ACS task, job and audit
 * the staff card's buttons make (lib/fibre/acs/tasks.ts), with no user and channel 'portal'.
 * A subscription that is not the visitor's, or without a modem, is not found.
 */
export async function requestPortalModemTask(
  db: Db,
  ctx: Omit<PortalCtx, 'db' | 'locale'>,
  p: { subscriptionId: string; kind: 'wifi' | 'reboot'; wifi?: WifiChange },
) {
  await ownSubscription(db, { ...ctx, subscriptionId: p.subscriptionId });
  const card = await modemCard(db, { orgId: ctx.orgId, subscriptionId: p.subscriptionId });
  if (!card.configured || !card.device) throw new AppError('not_found');
  const sessionOk = await consumeAttempt(db, `portal-modem:${ctx.sessionId}`, MODEM_TASKS_PER_HOUR, 60);
  const ipOk = ctx.ip
    ? await consumeAttempt(db, `portal-modem-ip:${limitKey(ctx.ip)}`, MODEM_TASKS_PER_HOUR * 4, 60)
    : true;
  if (!sessionOk || !ipOk) throw new AppError('portal_too_many');
  return requestModemTask(db, {
    orgId: ctx.orgId,
    actorUserId: null,
    ip: ctx.ip,
    acsDeviceId: card.device.id,
    kind: p.kind,
    detail: p.kind === 'wifi' ? wifiDetail(p.wifi ?? {}) : undefined,
    auditData: portalAuditData(ctx as PortalCtx, { subscriptionId: p.subscriptionId }),
  });
}
