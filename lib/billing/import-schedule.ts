import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { organizations } from '@/db/schema';
import { localDate } from './money';
import { billingStartFor, firstBillingSchedule } from './schedule';
import { getBillingSettings } from './settings';

/** The import form's optional "paid until" date (YYYY-MM-DD); blank = end of this month. */
export const paidUntilSchema = z
  .string()
  .trim()
  .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'validation.paidUntil')
  .optional()
  .or(z.literal('').transform(() => undefined));

/**
 * For an import made now: the first period its subscriptions are invoiced for and, per
 * billing type, when that invoice is issued and the earliest moment it can isolate.
 */
export async function importSchedule(db: Db, p: { orgId: string; paidUntil?: string | null; now?: Date }) {
  const [org] = await db
    .select({ timezone: organizations.timezone })
    .from(organizations)
    .where(eq(organizations.id, p.orgId));
  const { invoiceDay, dueDay, graceDays, isolationTime, isolationNoticeHours } = await getBillingSettings(db, p.orgId);
  const settings = { invoiceDay, dueDay, graceDays, isolationTime, isolationNoticeHours };
  const now = p.now ?? new Date();
  const zone = org?.timezone ?? 'Asia/Jakarta';
  const today = localDate(now, zone);
  const [h, m] = new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  })
    .format(now)
    .split(':')
    .map(Number) as [number, number];
  const nowMinutes = h * 60 + m;
  const period = billingStartFor({ paidUntil: p.paidUntil, today });
  return {
    // What a form needs to recompute the dates itself when "paid until" changes.
    today,
    nowMinutes,
    settings,
    prepaid: firstBillingSchedule({ period, billingType: 'prepaid', settings, today, nowMinutes }),
    postpaid: firstBillingSchedule({ period, billingType: 'postpaid', settings, today, nowMinutes }),
  };
}
