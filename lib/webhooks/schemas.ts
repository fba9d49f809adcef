import { z } from 'zod';
import { EVENT_TYPES, isEventType } from '@/lib/events/catalog';
import { blankAsUndefined } from '@/lib/server/form-input';

const id = z.string().uuid('validation.invalid');

/**
 * Event types from a form (comma-separated, the picker's hidden field) or a client (an
 * array); "all" stands for every type there is today.
 */
const eventTypes = z
  .preprocess(
    (v) => (typeof v === 'string' ? v.split(',').map((s) => s.trim()) : v),
    z.array(z.string().max(60, 'validation.invalid')).max(60, 'validation.invalid'),
  )
  .transform((list) => (list.includes('all') ? [...EVENT_TYPES] : [...new Set(list.filter(Boolean))]))
  .refine((list) => list.length > 0, 'validation.webhookEvents')
  .refine((list) => list.every(isEventType), 'validation.invalid');

export const endpointSchema = z.object({
  endpointId: blankAsUndefined(id),
  url: z.string().trim().min(1, 'validation.required').max(2000, 'validation.tooLong'),
  description: blankAsUndefined(z.string().trim().max(200, 'validation.tooLong')),
  eventTypes,
});
export type EndpointInput = z.output<typeof endpointSchema>;

export const endpointIdSchema = z.object({ endpointId: id });
export const setEnabledSchema = z.object({ endpointId: id, enabled: z.boolean() });
export const deliveriesSchema = z.object({
  endpointId: id,
  status: blankAsUndefined(z.enum(['pending', 'delivered', 'failed'], 'validation.invalid')),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export const deliveryIdSchema = z.object({ deliveryId: id });
