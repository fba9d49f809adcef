import { and, asc, eq, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { backupSettings, memberships, organizations, users, whatsappSessions } from '@/db/schema';
import { normalizePhone } from '@/lib/core/phone';
import { env } from '@/lib/env';
import { formatDateTime } from '@/lib/format';
import { translate } from '@/lib/i18n/translate';
import { getMessagingSettings, insertDrafts } from '@/lib/messaging/queue';
import { lastGoodRun } from './runs';
import { dayIn, isBackupStale } from './schedule';
import { getBackupSettings } from './settings';

/** How the platform stands: the last good backup and whether it is too old (the dashboard card). */
export async function backupHealth(db: Db, p: { now?: Date } = {}) {
  const now = p.now ?? new Date();
  const [last, [install]] = await Promise.all([
    lastGoodRun(db),
    db
      .select({ at: sql<Date | null>`min(${organizations.createdAt})`.mapWith((v) => (v ? new Date(v) : null)) })
      .from(organizations),
  ]);
  const lastGoodAt = last?.archivedAt ?? null;
  return {
    lastGoodAt,
    lastGoodRunId: last?.id ?? null,
    stale: isBackupStale({ lastGoodAt, installedAt: install?.at ?? null, now }),
  };
}

/**
 * The "no recent backup" WhatsApp to every super admin with a number, at most once a local day
 * (claimed on the settings row, so two workers never both send). It goes, like a password
 * reset code, through the first of the admin's organizations that has a WhatsApp session, in
 * that organization's message language; `eventKey` keeps it once per admin and day.
 */
export async function alertStaleBackup(db: Db, p: { now?: Date } = {}) {
  const now = p.now ?? new Date();
  const health = await backupHealth(db, { now });
  if (!health.stale) return { alerted: false, messages: 0 };
  const settings = await getBackupSettings(db);
  const today = dayIn(settings.timeZone, now);
  return db.transaction(async (tx) => {
    const [claimed] = await tx
      .update(backupSettings)
      .set({ staleAlertedOn: today })
      .where(and(eq(backupSettings.id, 1), sql`${backupSettings.staleAlertedOn} is distinct from ${today}::date`))
      .returning({ id: backupSettings.id });
    if (!claimed) return { alerted: false, messages: 0 };
    let messages = 0;
    for (const admin of await superAdminsToAlert(tx)) {
      const { locale } = await getMessagingSettings(tx, admin.orgId);
      const body = translate(locale, health.lastGoodAt ? 'backups.whatsapp.stale' : 'backups.whatsapp.never', {
        name: admin.name,
        last: health.lastGoodAt ? formatDateTime(health.lastGoodAt, locale, settings.timeZone) : '',
        link: `${env().APP_URL}/admin/backups`,
      });
      messages += await insertDrafts(tx, [
        {
          organizationId: admin.orgId,
          customerId: null,
          toPhone: admin.phone,
          category: 'support',
          eventKey: `backup_stale:${today}:${admin.userId}`,
          body,
          status: 'queued',
          error: null,
        },
      ]);
    }
    return { alerted: true, messages };
  });
}

/** Active super admins with a usable number, each with the first of their organizations that can send WhatsApp. */
async function superAdminsToAlert(db: Db) {
  const rows = await db
    .selectDistinctOn([users.id], {
      userId: users.id,
      name: users.name,
      phone: users.phone,
      orgId: memberships.organizationId,
    })
    .from(users)
    .innerJoin(memberships, and(eq(memberships.userId, users.id), eq(memberships.active, true)))
    .innerJoin(organizations, and(eq(organizations.id, memberships.organizationId), eq(organizations.status, 'active')))
    .innerJoin(
      whatsappSessions,
      and(eq(whatsappSessions.organizationId, organizations.id), eq(whatsappSessions.enabled, true)),
    )
    .where(and(eq(users.isSuperAdmin, true), eq(users.active, true), isNotNull(users.phone)))
    .orderBy(asc(users.id), asc(memberships.createdAt));
  return rows.flatMap((r) => {
    const phone = normalizePhone(r.phone ?? '');
    return phone ? [{ ...r, phone }] : [];
  });
}
