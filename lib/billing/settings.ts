import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { billingSettings, type BillingSettings } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';

export const DEFAULT_BILLING: Omit<BillingSettings, 'organizationId' | 'updatedAt'> = {
  invoiceDay: 1,
  dueDay: 20,
  graceDays: 0,
  isolationTime: '00:01',
  prorata: true,
  taxPercent: 11,
  invoicePrefix: 'INV',
  companyAddress: null,
  bankAccounts: null,
  footerNote: null,
};

const optionalText = z.string().trim().max(1000).optional().transform((v) => v || null);
export const billingSettingsSchema = z.object({
  invoiceDay: z.coerce.number().int().min(1, 'validation.day').max(28, 'validation.day'),
  dueDay: z.coerce.number().int().min(1, 'validation.day').max(28, 'validation.day'),
  graceDays: z.coerce.number().int().min(0, 'validation.invalid').max(60, 'validation.invalid'),
  isolationTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'validation.time'),
  prorata: z.preprocess((v) => v === true || v === 'on' || v === 'true', z.boolean()),
  taxPercent: z.coerce.number().int().min(0, 'validation.invalid').max(100, 'validation.invalid'),
  invoicePrefix: z.string().trim().regex(/^[A-Z0-9-]{1,12}$/, 'validation.prefix'),
  companyAddress: optionalText,
  bankAccounts: optionalText,
  footerNote: optionalText,
});
export type BillingSettingsInput = z.output<typeof billingSettingsSchema>;

export async function getBillingSettings(db: Db, orgId: string) {
  const [row] = await db.select().from(billingSettings).where(eq(billingSettings.organizationId, orgId));
  return row ?? { ...DEFAULT_BILLING, organizationId: orgId, updatedAt: null };
}

export async function saveBillingSettings(db: Db, p: { orgId: string; actorUserId: string; ip: string | null; input: BillingSettingsInput }) {
  return db.transaction(async (tx) => {
    await tx
      .insert(billingSettings)
      .values({ organizationId: p.orgId, ...p.input })
      .onConflictDoUpdate({ target: billingSettings.organizationId, set: { ...p.input, updatedAt: sql`now()` } });
    await recordAudit(tx, { orgId: p.orgId, actorUserId: p.actorUserId, ip: p.ip, action: 'billing.settings_updated', entityType: 'organization', entityId: p.orgId, data: p.input });
  });
}
