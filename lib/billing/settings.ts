import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { type BillingSettings, billingSettings } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { AppError } from '@/lib/server/errors';
import { sniffUpload, storeOrgFile } from '@/lib/server/files';
import { checkbox } from '@/lib/server/form-input';
import { isValidInvoiceNumberFormat } from './invoice-number';

export const DEFAULT_BILLING: Omit<BillingSettings, 'organizationId' | 'updatedAt'> = {
  invoiceDay: 1,
  dueDay: 20,
  graceDays: 0,
  isolationTime: '00:01',
  isolationNoticeHours: 24,
  prorata: true,
  taxPercent: 11,
  invoicePrefix: 'INV',
  invoiceNumberFormat: '{prefix}/{yyyy}{mm}/{seq}',
  logoPath: null,
  companyAddress: null,
  companyPhone: null,
  bankAccounts: null,
  footerNote: null,
};

const optionalText = z
  .string()
  .trim()
  .max(1000)
  .optional()
  .transform((v) => v || null);
export const billingSettingsSchema = z.object({
  invoiceDay: z.coerce.number().int().min(1, 'validation.day').max(28, 'validation.day'),
  dueDay: z.coerce.number().int().min(1, 'validation.day').max(28, 'validation.day'),
  graceDays: z.coerce.number().int().min(0, 'validation.invalid').max(60, 'validation.invalid'),
  isolationTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'validation.time'),
  // Hours an invoice must have existed before it can isolate anyone (0 = no notice).
  isolationNoticeHours: z.coerce
    .number('validation.noticeHours')
    .int('validation.noticeHours')
    .min(0, 'validation.noticeHours')
    .max(720, 'validation.noticeHours')
    .optional()
    .default(24),
  prorata: checkbox,
  taxPercent: z.coerce.number().int().min(0, 'validation.invalid').max(100, 'validation.invalid'),
  invoicePrefix: z
    .string()
    .trim()
    .regex(/^[A-Z0-9-]{1,12}$/, 'validation.prefix'),
  invoiceNumberFormat: z
    .string()
    .trim()
    .refine(isValidInvoiceNumberFormat, 'validation.numberFormat')
    .optional()
    .default('{prefix}/{yyyy}{mm}/{seq}'),
  companyAddress: optionalText,
  companyPhone: z
    .string()
    .trim()
    .max(40, 'validation.phone')
    .regex(/^[0-9+()\-.\s]*$/, 'validation.phone')
    .optional()
    .transform((v) => v || null),
  bankAccounts: optionalText,
  footerNote: optionalText,
  logo: z
    .instanceof(File)
    .optional()
    .transform((f) => (f && f.size > 0 ? f : undefined))
    .refine((f) => !f || (f.size <= 1024 * 1024 && ['image/png', 'image/jpeg'].includes(f.type)), 'validation.logo'),
});
export type BillingSettingsInput = Omit<z.output<typeof billingSettingsSchema>, 'logo'> & { logo?: File };

export async function getBillingSettings(db: Db, orgId: string) {
  const [row] = await db.select().from(billingSettings).where(eq(billingSettings.organizationId, orgId));
  return row ?? { ...DEFAULT_BILLING, organizationId: orgId, updatedAt: null };
}

export async function saveBillingSettings(
  db: Db,
  p: { orgId: string; actorUserId: string; ip: string | null; input: BillingSettingsInput; filesDir?: string },
) {
  const { logo, ...values } = p.input;
  let logoPath: string | undefined;
  if (logo) {
    // Typed by its bytes: the invoice PDF embeds it, so only a real PNG or JPEG is kept.
    const type = await sniffUpload(logo);
    if (type !== 'image/png' && type !== 'image/jpeg')
      throw new AppError('validation', {}, { logo: 'validation.logo' });
    // One logo per organization, in its own folder; replaced on upload.
    logoPath = await storeOrgFile({
      orgId: p.orgId,
      folder: 'branding',
      name: `logo.${type === 'image/png' ? 'png' : 'jpg'}`,
      file: logo,
      filesDir: p.filesDir,
    });
  }
  const set = { ...values, ...(logoPath ? { logoPath } : {}) };
  return db.transaction(async (tx) => {
    await tx
      .insert(billingSettings)
      .values({ organizationId: p.orgId, ...set })
      .onConflictDoUpdate({ target: billingSettings.organizationId, set: { ...set, updatedAt: sql`now()` } });
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      action: 'billing.settings_updated',
      entityType: 'organization',
      entityId: p.orgId,
      data: { ...values, logo: logoPath ?? null },
    });
  });
}
