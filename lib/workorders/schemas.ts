import { z } from 'zod';
import { WORK_ORDER_STATUSES, WORK_ORDER_TYPES } from '@/db/enums';
import { MAC_PATTERN, normalizeMac, SIGNED_NAME_MAX, SIGNED_NAME_MIN } from '@/lib/field/rules';
import { latitudeSchema, longitudeSchema } from '@/lib/infrastructure/coordinates';
import { PHOTO_MAX_BYTES } from '@/lib/infrastructure/photo-files';
import { odpPortSchema, odpRefSchema } from '@/lib/infrastructure/ports';
import { blankAsUndefined, calendarDay, optionalId } from '@/lib/server/form-input';
import { pageLimitSchema } from '@/lib/server/pagination';
import { TIME, validWindow } from './constants';

const id = z.string().uuid('validation.invalid');
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, 'validation.tooLong')
    .optional()
    .transform((v) => v || null);

// ---- The phone app's steps (the field contract) --------------------------------------------

/** What every step carries: its idempotency key, the work order, the version the phone saw, when and where. */
const step = {
  key: z.string().uuid('validation.invalid'),
  workOrderId: id,
  version: z.coerce.number().int().min(1),
  at: z.iso.datetime({ offset: true, message: 'validation.invalid' }),
  lat: z.coerce.number().min(-90).max(90).optional(),
  lng: z.coerce.number().min(-180).max(180).optional(),
};

/**
 * One step a technician takes on a work order, as the phone sends it (possibly hours later,
 * from its offline queue). `key` makes a repeat harmless: the stored answer comes back.
 */
export const fieldActionSchema = z.discriminatedUnion('type', [
  z.object({ ...step, type: z.literal('on_the_way') }),
  z.object({ ...step, type: z.literal('check_in') }),
  z.object({ ...step, type: z.literal('check_out') }),
  z.object({ ...step, type: z.literal('checklist'), itemId: z.string().min(1).max(40), done: z.boolean() }),
  z.object({ ...step, type: z.literal('note'), text: z.string().trim().min(1, 'validation.required').max(2000) }),
  z.object({
    ...step,
    type: z.literal('finish'),
    serialNumber: z.string().trim().min(3, 'validation.serialNumber').max(64, 'validation.serialNumber'),
    macAddress: z.string().trim().regex(MAC_PATTERN, 'validation.macAddress').transform(normalizeMac).optional(),
    odpId: id.optional(),
    odpPort: z.coerce.number().int().min(1).max(256).optional(),
    installedOn: calendarDay('validation.calendarDate').optional(),
  }),
  // Materials used from the technician's bag (lib/inventory/field-stock.ts), apart from the finish.
  z.object({
    ...step,
    type: z.literal('materials'),
    lines: z
      .array(z.object({ itemId: id, quantity: z.coerce.number().int().min(1, 'validation.invalid').max(100_000) }))
      .min(1, 'validation.required')
      .max(30),
  }),
  // A modem replaced on a repair: the old one out (faulty, or back to the bag), the new one in.
  z.object({
    ...step,
    type: z.literal('swap'),
    outSerial: z.string().trim().min(3, 'validation.serialNumber').max(64, 'validation.serialNumber'),
    outTo: z.enum(['faulty', 'bag']),
    inSerial: z.string().trim().min(3, 'validation.serialNumber').max(64, 'validation.serialNumber'),
    macAddress: z.string().trim().regex(MAC_PATTERN, 'validation.macAddress').transform(normalizeMac).optional(),
  }),
]);
export type FieldAction = z.output<typeof fieldActionSchema>;

/** The answer to a step: done (with the version now current), or why it was refused. */
export type FieldResult =
  | { ok: true; version: number }
  | { ok: false; conflict: FieldConflict; message: string; version?: number };
export const FIELD_CONFLICTS = ['reassigned', 'cancelled', 'finished', 'not_found'] as const;
export type FieldConflict = (typeof FIELD_CONFLICTS)[number];

export const fieldListSchema = z.object({
  from: calendarDay('validation.calendarDate').optional(),
  to: calendarDay('validation.calendarDate').optional(),
});

export const fieldPhotoSchema = z.object({
  workOrderId: id,
  key: z.string().uuid('validation.invalid'),
  photo: z
    .instanceof(File, { message: 'validation.photoRequired' })
    .refine((f) => f.size <= PHOTO_MAX_BYTES, 'validation.photoSize'),
  takenAt: z.iso.datetime({ offset: true, message: 'validation.invalid' }).optional(),
  caption: optionalText(200),
});

export const fieldSignatureSchema = z.object({
  workOrderId: id,
  key: z.string().uuid('validation.invalid'),
  signature: z
    .instanceof(File, { message: 'validation.photoRequired' })
    .refine((f) => f.size <= PHOTO_MAX_BYTES, 'validation.photoSize'),
  signedName: z
    .string()
    .trim()
    .min(SIGNED_NAME_MIN, 'validation.signedName')
    .max(SIGNED_NAME_MAX, 'validation.tooLong'),
});

// ---- The office -----------------------------------------------------------------------------

export const workOrderListSchema = z.object({
  q: z
    .string()
    .trim()
    .max(100)
    .optional()
    .transform((v) => v || undefined),
  status: blankAsUndefined(z.enum(WORK_ORDER_STATUSES)),
  type: blankAsUndefined(z.enum(WORK_ORDER_TYPES)),
  technicianId: optionalId,
  from: blankAsUndefined(calendarDay('validation.calendarDate')),
  to: blankAsUndefined(calendarDay('validation.calendarDate')),
  cursor: z.string().max(300).optional(),
  limit: pageLimitSchema,
});
export type WorkOrderListInput = z.output<typeof workOrderListSchema>;

const windowFields = {
  scheduledDate: calendarDay('validation.calendarDate'),
  windowStart: z.string().regex(TIME, 'validation.time'),
  windowEnd: z.string().regex(TIME, 'validation.time'),
};
const windowOrder = <T extends { windowStart?: string; windowEnd?: string }>(v: T) =>
  !v.windowStart || !v.windowEnd || validWindow(v.windowStart, v.windowEnd);

export const createWorkOrderSchema = z
  .object({
    type: z.enum(WORK_ORDER_TYPES, 'validation.invalid'),
    customerId: optionalId,
    address: optionalText(300),
    latitude: blankAsUndefined(latitudeSchema),
    longitude: blankAsUndefined(longitudeSchema),
    odpId: odpRefSchema,
    odpPort: odpPortSchema.optional(),
    notes: optionalText(2000),
    scheduledDate: blankAsUndefined(windowFields.scheduledDate),
    windowStart: blankAsUndefined(windowFields.windowStart),
    windowEnd: blankAsUndefined(windowFields.windowEnd),
  })
  .refine((v) => v.customerId || v.address, { path: ['address'], message: 'validation.workOrderPlace' })
  .refine(windowOrder, { path: ['windowEnd'], message: 'validation.timeWindow' })
  .refine((v) => !v.scheduledDate || (v.windowStart && v.windowEnd), {
    path: ['windowStart'],
    message: 'validation.time',
  });
export type CreateWorkOrderInput = z.output<typeof createWorkOrderSchema>;

export const fromTicketSchema = z.object({ ticketId: id, notes: optionalText(2000) });

export const scheduleSchema = z
  .object({ workOrderId: id, ...windowFields })
  .refine(windowOrder, { path: ['windowEnd'], message: 'validation.timeWindow' });

export const assignSchema = z.object({
  workOrderId: id,
  technicianIds: z.preprocess(
    (v) => (typeof v === 'string' ? [v] : v),
    z.array(id).min(1, 'validation.technician').max(10),
  ),
});

export const cancelSchema = z.object({
  workOrderId: id,
  reason: z.string().trim().min(3, 'validation.reason').max(500, 'validation.tooLong'),
});

export const workOrderRefSchema = z.object({ workOrderId: id });

export const workOrderFileSchema = z.object({
  workOrderId: id,
  // A photo's id, or "signature".
  file: z.union([id, z.literal('signature')]),
});

export const checklistTemplateSchema = z.object({
  type: z.enum(WORK_ORDER_TYPES, 'validation.invalid'),
  items: z.string().max(6000, 'validation.tooLong'),
  requiredPhotos: z.coerce.number('validation.invalid').int('validation.invalid').min(0).max(10, 'validation.invalid'),
});
