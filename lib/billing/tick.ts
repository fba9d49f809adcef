import { and, eq, inArray } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { organizations } from '@/db/schema';
import { type PassLog, runOrganizationTask, SILENT } from '@/lib/jobs/task-status';
import { runIsolation } from './isolation';
import { localDay, periodOf } from './money';
import { runBilling } from './run';
import { getBillingSettings } from './settings';

/**
 * The billing tick (every 15 minutes, workers/billing-tick.ts): for each active
 * organization, issue the current period's invoices once its invoice day has come
 * (idempotent), then isolate what is overdue. Both passes are
 * set-based and lock per organization, so two workers running this at once are safe. Each
 * organization's billing and isolation run in their own transactions: one that fails is
 * recorded on that organization and the others go on.
 */
export async function billingPass(
  db: Database,
  p: {
    now?: Date;
    log?: PassLog;
    /** Only these organizations (default: every active one). */
    orgIds?: string[];
  } = {},
) {
  const orgs = await db
    .select({ id: organizations.id, timezone: organizations.timezone })
    .from(organizations)
    .where(and(eq(organizations.status, 'active'), p.orgIds ? inArray(organizations.id, p.orgIds) : undefined));
  const now = p.now ?? new Date();
  const log = p.log ?? SILENT;
  let issued = 0;
  let isolated = 0;
  let failed = 0;
  for (const org of orgs) {
    const billing = await runOrganizationTask(db, { orgId: org.id, task: 'billing', log }, async () => {
      const settings = await getBillingSettings(db, org.id);
      if (localDay(now, org.timezone) < settings.invoiceDay) return 0;
      const report = await runBilling(db, { orgId: org.id, period: periodOf(now, org.timezone), actorUserId: null });
      if (report.issued) log.info(`billing ${org.id} ${report.period}: issued ${report.issued}`);
      return report.issued;
    });
    // Isolation runs even when billing failed: last month's debts are still due.
    const isolation = await runOrganizationTask(db, { orgId: org.id, task: 'isolation', log }, async () => {
      const r = await runIsolation(db, { orgId: org.id, now });
      if (r.isolated) log.info(`isolation ${org.id}: ${r.isolated}`);
      return r.isolated;
    });
    if (billing.ok) issued += billing.value;
    if (isolation.ok) isolated += isolation.value;
    failed += Number(!billing.ok) + Number(!isolation.ok);
  }
  return { organizations: orgs.length, issued, isolated, failed };
}
