import { eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { organizations } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import type { Actor } from '@/lib/server/operation';
import type { SignalThresholds } from '../levels';

export async function getSignalThresholds(db: Db, p: { orgId: string }): Promise<SignalThresholds> {
  const [row] = await db
    .select({ warningDbm: organizations.onuWarningDbm, criticalDbm: organizations.onuCriticalDbm })
    .from(organizations)
    .where(eq(organizations.id, p.orgId));
  return row!;
}

/**
 * New thresholds, audited with the old ones. Every ONU's level is recomputed from its last
 * reading at once (set-based), so lists, the map and the dashboard agree with the setting
 * before the next poll; the next poll alerts any ONU the change made warning or critical.
 */
export async function setSignalThresholds(db: Db, p: Actor & { input: SignalThresholds }) {
  return db.transaction(async (tx) => {
    const before = await getSignalThresholds(tx, { orgId: p.orgId });
    const { warningDbm, criticalDbm } = p.input;
    await tx
      .update(organizations)
      .set({ onuWarningDbm: warningDbm, onuCriticalDbm: criticalDbm, updatedAt: new Date() })
      .where(eq(organizations.id, p.orgId));
    await tx.execute(sql`
      update onus set level = case when rx_power_dbm is null then null when rx_power_dbm <= ${criticalDbm} then 'critical'
                                   when rx_power_dbm <= ${warningDbm} then 'warning' else 'ok' end
      where organization_id = ${p.orgId}`);
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      action: 'organization.signal_thresholds_updated',
      entityType: 'organization',
      entityId: p.orgId,
      data: { before, after: { warningDbm, criticalDbm } },
    });
    return { warningDbm, criticalDbm };
  });
}
