import { z } from 'zod';
import { PURCHASE_ORDER_STATUSES } from '@/db/enums';
import { MAC_PATTERN, normalizeMac } from '@/lib/field/rules';
import { blankAsUndefined, calendarDay, optionalId } from '@/lib/server/form-input';
import { rupiah } from './catalogue-schemas';
import { validSerial } from './serials';

const id = z.string().uuid('validation.invalid');
const day = blankAsUndefined(calendarDay('validation.calendarDate'));

export const listPurchaseOrdersSchema = z.object({
  status: blankAsUndefined(z.enum(PURCHASE_ORDER_STATUSES, 'validation.invalid')),
  q: z.string().trim().max(100).optional(),
  cursor: z.string().max(200).optional(),
});

export const purchaseOrderIdSchema = z.object({ purchaseOrderId: id });

export const PO_LINES_MAX = 100;
export const createPurchaseOrderSchema = z.object({
  supplierId: id,
  locationId: optionalId,
  expectedOn: day,
  notes: z
    .string()
    .trim()
    .max(500, 'validation.tooLong')
    .optional()
    .transform((v) => v || null),
  lines: z
    .array(
      z.object({
        itemId: id,
        quantity: z.coerce
          .number('validation.invalid')
          .int('validation.invalid')
          .min(1, 'validation.invalid')
          .max(100_000),
        unitCost: rupiah,
      }),
    )
    .min(1, 'validation.required')
    .max(PO_LINES_MAX, 'validation.tooLong'),
});

export const serialSchema = z.string().transform((v, c) => {
  const s = validSerial(v);
  if (!s) c.addIssue({ code: 'custom', message: 'validation.serialNumber' });
  return s ?? '';
});
const macSchema = blankAsUndefined(
  z.string().trim().regex(MAC_PATTERN, 'validation.macAddress').transform(normalizeMac),
);

export const RECEIVE_UNITS_MAX = 1000;
/** One receipt: per line, the serials (with MACs) of a serialized item or the quantity of a bulk one. */
export const receiveSchema = z.object({
  purchaseOrderId: id,
  locationId: optionalId,
  lines: z
    .array(
      z.object({
        lineId: id,
        quantity: blankAsUndefined(
          z.coerce.number('validation.invalid').int('validation.invalid').min(0, 'validation.invalid'),
        ),
        unitCost: blankAsUndefined(rupiah),
        units: z
          .array(z.object({ serial: serialSchema, mac: macSchema }))
          .max(RECEIVE_UNITS_MAX, 'validation.tooLong')
          .default([]),
      }),
    )
    .min(1, 'validation.required')
    .max(PO_LINES_MAX),
});
