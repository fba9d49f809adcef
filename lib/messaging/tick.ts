import { and, eq, inArray } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { organizations } from '@/db/schema';
import { type PassLog, runOrganizationTask } from '@/lib/jobs/task-status';
import { queueDueReminders, queueInvoiceMessages } from './automatic';

/**
 * The messaging tick (every 10 minutes, workers/messaging.ts): invoice messages for new
 * invoices, and the H-3 / H-1 reminders, each organization on its own: one that fails is
 * recorded on it and the others go on.
 */
export async function messagingPass(
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
  let queued = 0;
  let failed = 0;
  for (const org of orgs) {
    const invoices = await runOrganizationTask(db, { orgId: org.id, task: 'invoice_messages', log: p.log }, () =>
      queueInvoiceMessages(db, { orgId: org.id }),
    );
    const reminders = await runOrganizationTask(db, { orgId: org.id, task: 'reminders', log: p.log }, () =>
      queueDueReminders(db, { orgId: org.id, timezone: org.timezone, now: p.now }),
    );
    for (const r of [invoices, reminders]) {
      if (r.ok) queued += r.value;
      else failed++;
    }
  }
  return { queued, failed };
}
