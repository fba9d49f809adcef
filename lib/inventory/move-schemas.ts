import { z } from 'zod';
import { LABEL_FORMATS } from './label-formats';

/** Inputs of the office moves, shared by the operations, the pages and the tests. */
const id = z.string().uuid('validation.invalid');
const serial = z.string().trim().min(1, 'validation.serialNumber').max(64, 'validation.serialNumber');
const reason = z.string().trim().min(3, 'validation.reason').max(300, 'validation.tooLong');
const quantity = z.coerce
  .number()
  .int('validation.invalid')
  .min(1, 'validation.invalid')
  .max(1_000_000, 'validation.invalid');

export const scanSchema = z.object({ value: serial, destinationId: id.nullish() });

export const transferSchema = z.object({
  destinationId: id,
  serials: z.array(serial).max(500, 'validation.tooLong').default([]),
  quantities: z
    .array(z.object({ itemId: id, fromLocationId: id, quantity }))
    .max(100, 'validation.tooLong')
    .default([]),
});

export const retireSchema = z.object({ unitId: id, to: z.enum(['faulty', 'written_off']), reason });

export const writeOffQuantitySchema = z.object({ itemId: id, fromLocationId: id, quantity, reason });

export const returnSchema = z.object({
  unitId: id,
  toLocationId: id,
  reason: z.string().trim().max(300, 'validation.tooLong').nullish(),
});

export const unitIdSchema = z.object({ unitId: id });

const ids = z.array(id).max(300, 'validation.tooLong').default([]);
export const labelsSchema = z
  .object({ format: z.enum(LABEL_FORMATS).default('a4'), itemIds: ids, locationIds: ids, unitIds: ids })
  .refine((v) => v.itemIds.length + v.locationIds.length + v.unitIds.length > 0, {
    message: 'validation.selection',
    path: ['itemIds'],
  });
