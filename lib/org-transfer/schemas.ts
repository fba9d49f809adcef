import { z } from 'zod';
import { slugSchema } from '@/lib/organizations/schemas';
import { PASSPHRASE_MIN, UPLOAD_PIECE_BYTES } from './limits';

const passphrase = z.string().max(200, 'validation.invalid');
const optional = (s: z.ZodType<string>) =>
  z.preprocess((v) => (v === '' || v === null ? undefined : v), s.optional()).transform((v) => v ?? null);

export const startExportSchema = z
  .object({
    passphrase: optional(passphrase.min(PASSPHRASE_MIN, 'validation.passphraseShort')),
    passphraseConfirm: optional(passphrase),
  })
  .superRefine((v, ctx) => {
    if ((v.passphrase ?? null) !== (v.passphraseConfirm ?? null))
      ctx.addIssue({ code: 'custom', path: ['passphraseConfirm'], message: 'validation.passphraseMismatch' });
  });

export const jobIdSchema = z.object({ jobId: z.string().uuid('validation.invalid') });

export const uploadPieceSchema = z.object({
  uploadId: z.preprocess((v) => (v === '' ? undefined : v), z.string().uuid('validation.invalid').optional()),
  offset: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  total: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  piece: z
    .instanceof(Blob, { message: 'validation.required' })
    .refine((b) => b.size > 0 && b.size <= UPLOAD_PIECE_BYTES, 'validation.invalid'),
});

export const inspectSchema = z.object({
  uploadId: z.string().uuid('validation.invalid'),
  passphrase: optional(passphrase),
});

export const startImportSchema = inspectSchema.extend({ slug: optional(slugSchema) });
