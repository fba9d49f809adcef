import { z } from 'zod';
import { INVENTORY_CATEGORIES, INVENTORY_TRACKING, INVENTORY_UNITS } from '@/db/enums';
import { blankAsUndefined, checkbox, optionalId, rupiahText } from '@/lib/server/form-input';
import { parseCost, UNIT_COST_MAX } from './catalogue-csv';

/** Inputs of the catalogue: items, suppliers and the locations an operator makes (warehouses, shelves). */

const id = z.string().uuid('validation.invalid');
const name = z.string().trim().min(1, 'validation.required').max(120, 'validation.tooLong');
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, 'validation.tooLong')
    .optional()
    .transform((v) => v || null);
/** The highest minimum stock: beyond it a typo overflows the level (an integer). */
export const MIN_STOCK_MAX = 1_000_000;
export { UNIT_COST_MAX };

/**
 * A cost in rupiah as typed: "385000", "385.000", "Rp 385.000" or with cents "385.000,50"
 * (rounded), never a hundred times too much; what is not a cost is refused.
 */
const costText = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? (parseCost(v) ?? -1) : rupiahText(v));
export const rupiah = z.preprocess(
  costText,
  z.number('validation.required').int().min(0, 'validation.invalid').max(UNIT_COST_MAX, 'validation.invalid'),
);
const count = z.coerce
  .number('validation.invalid')
  .int('validation.invalid')
  .min(0, 'validation.invalid')
  .max(MIN_STOCK_MAX, 'validation.invalid');

export const listSchema = z.object({
  q: z.string().trim().max(100).optional(),
  cursor: z.string().max(200).optional(),
  active: blankAsUndefined(z.enum(['active', 'inactive'], 'validation.invalid')),
});

export const listItemsSchema = listSchema.extend({
  category: blankAsUndefined(z.enum(INVENTORY_CATEGORIES, 'validation.invalid')),
  tracking: blankAsUndefined(z.enum(INVENTORY_TRACKING, 'validation.invalid')),
});

export const itemIdSchema = z.object({ itemId: id });

export const itemSchema = z.object({
  sku: z
    .string()
    .trim()
    .min(1, 'validation.required')
    .max(40, 'validation.tooLong')
    .regex(/^[A-Za-z0-9._\-/]+$/, 'validation.invalid'),
  name,
  category: z.enum(INVENTORY_CATEGORIES, 'validation.invalid'),
  unit: z.enum(INVENTORY_UNITS, 'validation.invalid'),
  tracking: z.enum(INVENTORY_TRACKING, 'validation.invalid'),
  hasMac: checkbox,
  minStock: count,
  costPrice: rupiah,
  notes: optionalText(500),
});

export const updateItemSchema = itemSchema.omit({ tracking: true }).extend({ itemId: id });
export const setActiveSchema = z.object({ active: checkbox });

export const supplierSchema = z.object({
  name,
  contactName: optionalText(120),
  phone: optionalText(30),
  email: optionalText(120),
  address: optionalText(300),
  notes: optionalText(500),
});
export const supplierIdSchema = z.object({ supplierId: id });

export const listLocationsSchema = listSchema.extend({
  kind: blankAsUndefined(
    z.enum(['warehouse', 'shelf', 'bag', 'customer', 'faulty', 'written_off'], 'validation.invalid'),
  ),
});
export const locationIdSchema = z.object({ locationId: id });
export const locationSchema = z.object({
  kind: z.enum(['warehouse', 'shelf'], 'validation.invalid'),
  name,
  code: z
    .string()
    .trim()
    .min(2, 'validation.required')
    .max(30, 'validation.tooLong')
    .regex(/^[A-Za-z0-9._\-/]+$/, 'validation.invalid')
    .transform((v) => v.toUpperCase()),
  parentId: optionalId,
});
export const updateLocationSchema = locationSchema.omit({ kind: true, parentId: true }).extend({ locationId: id });
