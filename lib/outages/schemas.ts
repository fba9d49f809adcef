import { z } from 'zod';
import { OUTAGE_ELEMENT_TYPES, OUTAGE_STATUSES } from '@/db/enums';
import { blankAsUndefined } from '@/lib/server/form-input';

const id = z.string().uuid('validation.invalid');

/** Marking an element down by hand (its page, the map popup, the outages page). */
export const markDownSchema = z.object({
  elementType: z.enum(OUTAGE_ELEMENT_TYPES, 'validation.invalid'),
  elementId: id,
  // Blank is none; otherwise every failure is the one message key (as a union, a fraction
  // would come back as zod's English "Invalid input").
  odpPort: z.preprocess(
    (v) => (v === '' || v === null ? undefined : v),
    z.coerce
      .number('validation.odpPort')
      .int('validation.odpPort')
      .min(1, 'validation.odpPort')
      .max(256, 'validation.odpPort')
      .optional(),
  ),
  cause: blankAsUndefined(z.string().trim().max(500, 'validation.tooLong')),
});
export type MarkDownInput = z.output<typeof markDownSchema>;

export const outageIdSchema = z.object({ outageId: id });

export const listOutagesSchema = z.object({
  status: blankAsUndefined(z.enum(OUTAGE_STATUSES)),
  q: blankAsUndefined(z.string().trim().max(100)),
  cursor: z.string().max(200).optional(),
});

export const affectedPageSchema = z.object({
  outageId: id,
  q: blankAsUndefined(z.string().trim().max(100)),
  cursor: z.string().max(200).optional(),
});

export const previewSchema = markDownSchema.pick({ elementType: true, elementId: true, odpPort: true });
