import { z } from 'zod';

// Received power an ONU can report: below −40 dBm is no light, above 0 is not a GPON level.
const dbm = z.coerce.number('validation.dbmRange').min(-40, 'validation.dbmRange').max(0, 'validation.dbmRange');

/** The organization's redaman thresholds: critical must be weaker (lower) than warning. */
export const signalThresholdsSchema = z
  .object({ warningDbm: dbm, criticalDbm: dbm })
  .refine((v) => v.criticalDbm < v.warningDbm, { path: ['criticalDbm'], message: 'validation.criticalBelowWarning' });

export const subscriptionSignalSchema = z.object({ subscriptionId: z.string().uuid('validation.invalid') });

export const onuSignalHistorySchema = z.object({
  onuId: z.string().uuid('validation.invalid'),
  days: z.coerce.number().int().min(1).max(30).default(7),
});
