import { z } from 'zod';
import { rupiahText } from '@/lib/server/form-input';
import { PURCHASE_MAX, TOPUP_MAX, TOPUP_MIN, WALLET_ENTRY_KINDS } from './constants';

const uuid = z.string().uuid('validation.invalid');
const blankToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);
const optionalText = (max: number) =>
  z
    .preprocess(blankToUndefined, z.string().trim().max(max, 'validation.tooLong').optional())
    .transform((v) => v || undefined);
const topupAmount = z.preprocess(
  rupiahText,
  z
    .number('validation.walletAmount')
    .int('validation.walletAmount')
    .min(TOPUP_MIN, 'validation.walletAmount')
    .max(TOPUP_MAX, 'validation.walletAmount'),
);

export const buyVouchersSchema = z.object({
  profileId: uuid,
  count: z.coerce
    .number('validation.walletCount')
    .int('validation.walletCount')
    .min(1, 'validation.walletCount')
    .max(PURCHASE_MAX, 'validation.walletCount'),
  // Blank = RADIUS (every hotspot of the organization that asks its RADIUS); else one router.
  routerId: z.preprocess(blankToUndefined, uuid.optional()),
  // The total the reseller confirmed: a price changed in between refuses, never surprises.
  expectedTotal: z.preprocess(rupiahText, z.number().int().min(0).optional()),
});
export type BuyVouchersInput = z.output<typeof buyVouchersSchema>;

// A photo or PDF of the transfer slip (optional): finance sees it beside the request. An
// empty file input arrives as a 0-byte file.
export const TOPUP_PROOF_MAX_BYTES = 5 * 1024 * 1024;
export const topupRequestSchema = z.object({
  amount: topupAmount,
  note: optionalText(500),
  proof: z
    .instanceof(File)
    .optional()
    .transform((f) => (f && f.size > 0 ? f : undefined))
    .refine((f) => !f || f.size <= TOPUP_PROOF_MAX_BYTES, 'validation.proofSize'),
});

export const gatewayTopupSchema = z.object({
  amount: topupAmount,
  gateway: z.string().min(1, 'validation.required').max(20),
  method: z.string().min(1, 'validation.required').max(40),
});

export const decideTopupSchema = z
  .object({
    requestId: uuid,
    decision: z.enum(['approve', 'reject'], 'validation.invalid'),
    reason: optionalText(500),
  })
  .refine((d) => d.decision === 'approve' || !!d.reason, { path: ['reason'], message: 'validation.required' });

export const adjustWalletSchema = z.object({
  resellerUserId: uuid,
  // Signed: "-50.000" takes money out (a correction), "50.000" puts it in.
  amount: z.preprocess(
    rupiahText,
    z
      .number('validation.walletAdjust')
      .int('validation.walletAdjust')
      .min(-TOPUP_MAX, 'validation.walletAdjust')
      .max(TOPUP_MAX, 'validation.walletAdjust')
      .refine((n) => n !== 0, 'validation.walletAdjust'),
  ),
  note: z.string('validation.required').trim().min(3, 'validation.required').max(500, 'validation.tooLong'),
});

export const listEntriesSchema = z.object({
  kind: z.preprocess(blankToUndefined, z.enum(WALLET_ENTRY_KINDS).optional()),
  cursor: z.string().max(200).optional(),
});

export const listTopupsSchema = z.object({
  status: z.preprocess(blankToUndefined, z.enum(['pending', 'approved', 'rejected']).optional()),
  cursor: z.string().max(200).optional(),
});

export const resellerWalletSchema = z.object({
  resellerUserId: uuid,
  kind: listEntriesSchema.shape.kind,
  cursor: z.string().max(200).optional(),
});
export const batchIdSchema = z.object({ batchId: uuid });
