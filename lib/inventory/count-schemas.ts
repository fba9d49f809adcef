import { z } from 'zod';
import { STOCK_COUNT_STATUSES } from '@/db/enums';

const id = z.string().uuid('validation.invalid');

export const countIdSchema = z.object({ countId: id });

export const listCountsSchema = z.object({
  status: z.enum(STOCK_COUNT_STATUSES, 'validation.invalid').optional(),
  locationId: id.optional(),
  q: z
    .string()
    .trim()
    .max(100)
    .optional()
    .transform((v) => v || undefined),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});

export const startCountSchema = z.object({
  locationId: id,
  notes: z.string().trim().max(500).optional(),
});

export const scanCountSchema = z.object({
  countId: id,
  serial: z.string().trim().min(1, 'validation.required').max(200),
});

/** A bulk item's counted quantity: set (not added) each time it is entered. */
export const setCountQuantitySchema = z.object({
  countId: id,
  itemId: id,
  quantity: z.coerce.number('validation.invalid').int('validation.invalid').min(0).max(10_000_000),
});

export const removeCountEntrySchema = z.object({ countId: id, entryId: id });

export const rejectCountSchema = z.object({
  countId: id,
  note: z.string().trim().min(1, 'validation.required').max(1000),
});
