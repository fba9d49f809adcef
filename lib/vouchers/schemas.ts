import { z } from 'zod';
import { rupiahText } from '@/lib/server/form-input';
import { pageLimitSchema } from '@/lib/server/pagination';
import {
  BATCH_MAX,
  CODE_LENGTH_MAX,
  CODE_LENGTH_MIN,
  PASSWORD_MODES,
  VOUCHER_CHARSETS,
  VOUCHER_DELIVERIES,
  VOUCHER_STATUSES,
} from './constants';

/** Form fields arrive as text; blanks of optional numbers mean "none". */
const blankToNull = (v: unknown) => (v === '' || v === null || v === undefined ? null : v);
const int = (min: number, max: number, key = 'validation.invalid') =>
  z.coerce.number(key).int(key).min(min, key).max(max, key);
const rupiah = z.preprocess(
  rupiahText,
  z.number('validation.price').int('validation.price').min(0, 'validation.price').max(100_000_000, 'validation.price'),
);
// RouterOS names (hotspot user profile, RADIUS group): printable, no '@' (the realm's mark).
const networkName = z
  .string()
  .trim()
  .max(60, 'validation.tooLong')
  .regex(/^[^@\s"'\\][^@"'\\]*$|^$/, 'validation.invalid')
  .optional()
  .transform((v) => v || null);
const RATE_LIMIT = /^\d+[kKmMgG]?\/\d+[kKmMgG]?( \d+[kKmMgG]?\/\d+[kKmMgG]?){0,2}( \d+\/\d+)?$/;
const MAX_MINUTES = 366 * 24 * 60;

export const voucherProfileSchema = z
  .object({
    profileId: z.string().uuid('validation.invalid').optional(),
    name: z.string().trim().min(2, 'validation.name').max(60, 'validation.name'),
    priceRupiah: rupiah,
    costRupiah: rupiah,
    validityMinutes: int(1, MAX_MINUTES, 'validation.voucherValidity'),
    timeQuotaMinutes: z.preprocess(blankToNull, int(1, MAX_MINUTES, 'validation.voucherQuota').nullable()),
    // Megabytes on the form (decimals allowed), bytes in the database.
    dataQuotaMb: z.preprocess(
      blankToNull,
      z.coerce
        .number('validation.voucherQuota')
        .positive('validation.voucherQuota')
        .max(10_000_000, 'validation.voucherQuota')
        .nullable(),
    ),
    rateLimit: z
      .string()
      .trim()
      .regex(new RegExp(`${RATE_LIMIT.source}|^$`), 'validation.rateLimit')
      .optional()
      .transform((v) => v || null),
    sharedUsers: z.preprocess((v) => blankToNull(v) ?? 1, int(1, 100, 'validation.voucherSharedUsers')),
    routerProfile: networkName,
    radiusGroup: networkName,
  })
  // A reseller buying below zero margin is a typo, not a price list.
  .refine((p) => p.costRupiah <= p.priceRupiah, { path: ['costRupiah'], message: 'validation.voucherCost' });
export type VoucherProfileInput = z.output<typeof voucherProfileSchema>;

export const profileIdSchema = z.object({ profileId: z.string().uuid('validation.invalid') });

export const generateBatchSchema = z
  .object({
    profileId: z.string().uuid('validation.invalid'),
    count: int(1, BATCH_MAX, 'validation.voucherCount'),
    codeLength: int(CODE_LENGTH_MIN, CODE_LENGTH_MAX, 'validation.voucherLength'),
    charset: z.enum(VOUCHER_CHARSETS, 'validation.invalid'),
    // Printed before every code, e.g. "HS-": letters, digits and '-' only.
    prefix: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9-]{0,8}$/, 'validation.voucherPrefix')
      .optional()
      .transform((v) => v ?? ''),
    passwordMode: z.enum(PASSWORD_MODES, 'validation.invalid').default('same'),
    delivery: z.enum(VOUCHER_DELIVERIES, 'validation.invalid'),
    routerId: z.preprocess(blankToNull, z.string().uuid('validation.invalid').nullable()).optional(),
    // Blank = the organization's own stock.
    resellerUserId: z.preprocess(blankToNull, z.string().uuid('validation.invalid').nullable()).optional(),
  })
  .refine((b) => b.delivery !== 'router' || !!b.routerId, { path: ['routerId'], message: 'validation.required' });
export type GenerateBatchInput = z.output<typeof generateBatchSchema>;

export const batchIdSchema = z.object({ batchId: z.string().uuid('validation.invalid') });

export const listVouchersSchema = z.object({
  batchId: z.string().uuid('validation.invalid').optional(),
  status: z.enum(VOUCHER_STATUSES).optional(),
  q: z.string().trim().max(40).optional(),
  cursor: z.string().max(200).optional(),
  limit: pageLimitSchema,
});
