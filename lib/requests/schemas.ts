import { z } from 'zod';
import { SERVICE_REQUEST_KINDS, SERVICE_REQUEST_STATUSES } from '@/db/enums';
import { latitudeSchema, longitudeSchema } from '@/lib/infrastructure/coordinates';

/** Pause (cuti) bounds: long enough to be worth a technician's change, short enough to plan. */
export const PAUSE_MIN_DAYS = 7;
export const PAUSE_MAX_DAYS = 90;
/** How far ahead a pause or a stop may be asked for. */
export const MAX_DAYS_AHEAD = 90;

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const day = z
  .string()
  .regex(DAY, 'validation.calendarDate')
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), 'validation.calendarDate');
const optionalPoint = <S extends z.ZodType>(schema: S) =>
  z.preprocess((v) => (v === '' || v === undefined ? null : v), schema.nullable());

/** What a customer asks for, by kind; the subscription is one of theirs (checked in the query). */
export const newRequestSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('plan_change'),
    subscriptionId: z.string().uuid('validation.invalid'),
    planId: z.string().uuid('validation.plan'),
  }),
  z.object({
    kind: z.literal('pause'),
    subscriptionId: z.string().uuid('validation.invalid'),
    days: z.coerce
      .number('validation.pauseDays')
      .int('validation.pauseDays')
      .min(PAUSE_MIN_DAYS, 'validation.pauseDays')
      .max(PAUSE_MAX_DAYS, 'validation.pauseDays'),
    startDate: day,
  }),
  z.object({
    kind: z.literal('move'),
    subscriptionId: z.string().uuid('validation.invalid'),
    address: z.string().trim().min(5, 'validation.address').max(300, 'validation.address'),
    latitude: optionalPoint(latitudeSchema),
    longitude: optionalPoint(longitudeSchema),
    note: z
      .string()
      .trim()
      .max(500, 'validation.invalid')
      .optional()
      .transform((v) => v || null),
  }),
  z.object({
    kind: z.literal('stop'),
    subscriptionId: z.string().uuid('validation.invalid'),
    reason: z.string().trim().min(3, 'validation.reason').max(500, 'validation.reason'),
    endDate: day,
  }),
]);
export type NewRequestInput = z.output<typeof newRequestSchema>;

export const requestIdSchema = z.object({ id: z.string().uuid('validation.invalid') });

export const quoteSchema = z.object({
  subscriptionId: z.string().uuid('validation.invalid'),
  planId: z.string().uuid('validation.plan'),
});

export const decideSchema = z
  .object({
    id: z.string().uuid('validation.invalid'),
    decision: z.enum(['approve', 'reject'], 'validation.invalid'),
    note: z
      .string()
      .trim()
      .max(500, 'validation.invalid')
      .optional()
      .transform((v) => v || null),
  })
  // A refusal says why: the customer reads it in the portal and on WhatsApp.
  .refine((v) => v.decision === 'approve' || (v.note?.length ?? 0) >= 3, {
    message: 'validation.rejectReason',
    path: ['note'],
  });

/** The staff list's filters from the URL: an unknown value is dropped, never a 404. */
export const listRequestsSchema = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  status: z.enum(SERVICE_REQUEST_STATUSES).optional().catch(undefined),
  kind: z.enum(SERVICE_REQUEST_KINDS).optional().catch(undefined),
  cursor: z.string().max(200).optional().catch(undefined),
});

/** A portal visitor's requests asked and cancelled together per hour: enough for any customer, not for a loop that fills staff's list. */
export const REQUESTS_PER_HOUR = 20;
