import { eq } from 'drizzle-orm';
import type { Task } from 'graphile-worker';
import type { Database } from '@/db/client';
import { organizations } from '@/db/schema';
import { runIsolation } from '@/lib/billing/isolation';
import { localDay, periodOf } from '@/lib/billing/money';
import { runBilling } from '@/lib/billing/run';
import { getBillingSettings } from '@/lib/billing/settings';

/**
 * Every 15 minutes: for each active organization, issue the current period's invoices once
 * its invoice day has come (idempotent), then isolate what is overdue. Both passes are
 * set-based and lock per organization, so two workers running this at once are safe.
 */
export function billingTick(db: Database): Task {
  return async (_payload, helpers) => {
    const orgs = await db.select({ id: organizations.id, timezone: organizations.timezone }).from(organizations).where(eq(organizations.status, 'active'));
    const now = new Date();
    for (const org of orgs) {
      const settings = await getBillingSettings(db, org.id);
      if (localDay(now, org.timezone) >= settings.invoiceDay) {
        const report = await runBilling(db, { orgId: org.id, period: periodOf(now, org.timezone), actorUserId: null });
        if (report.issued) helpers.logger.info(`billing ${org.id} ${report.period}: issued ${report.issued}`);
      }
      const { isolated } = await runIsolation(db, { orgId: org.id, now });
      if (isolated) helpers.logger.info(`isolation ${org.id}: ${isolated}`);
    }
  };
}
