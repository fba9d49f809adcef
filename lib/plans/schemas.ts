import { z } from 'zod';
import { BILLING_TYPES, SERVICE_TYPES } from '@/lib/customers/constants';
import { checkbox, rupiahText } from '@/lib/server/form-input';

const optionalText = z
  .string()
  .trim()
  .max(100, 'validation.invalid')
  .optional()
  .transform((v) => v || null);

/** Form fields arrive as strings: speeds in Mbps (decimals allowed), price in whole rupiah. */
export const planSchema = z.object({
  name: z.string().trim().min(2, 'validation.name').max(80, 'validation.name'),
  downloadMbps: z.coerce.number('validation.speed').positive('validation.speed').max(100_000, 'validation.speed'),
  uploadMbps: z.coerce.number('validation.speed').positive('validation.speed').max(100_000, 'validation.speed'),
  burst: z
    .string()
    .trim()
    .regex(/^$|^\S+\/\S+( \S+\/\S+){0,2}$/, 'validation.burst')
    .optional()
    .transform((v) => v || null),
  priceRupiah: z.preprocess(
    rupiahText,
    z
      .number('validation.price')
      .int('validation.price')
      .min(0, 'validation.price')
      .max(1_000_000_000, 'validation.price'),
  ),
  taxable: checkbox,
  serviceType: z.enum(SERVICE_TYPES, 'validation.invalid'),
  billingType: z.enum(BILLING_TYPES, 'validation.invalid'),
  routerProfile: optionalText,
  radiusGroup: optionalText,
  // RADIUS replies of the plan's group, both optional: an IP pool name on the router and a
  // session limit in minutes.
  framedPool: optionalText,
  sessionTimeoutMinutes: z.preprocess(
    (v) => (v === '' || v === null || v === undefined ? null : v),
    z.coerce
      .number('validation.invalid')
      .int('validation.invalid')
      .min(1, 'validation.invalid')
      .max(525600, 'validation.invalid')
      .nullable(),
  ),
});
export type PlanInput = z.output<typeof planSchema>;

export const planIdSchema = z.object({ planId: z.string().uuid('validation.invalid') });
export const updatePlanSchema = planSchema.extend(planIdSchema.shape);

/** 10240 kbps -> "10M", 1536 -> "1536k": MikroTik's rate-limit notation. */
export function formatRate(kbps: number) {
  return kbps % 1024 === 0 ? `${kbps / 1024}M` : `${kbps}k`;
}

/** The Mikrotik-Rate-Limit value for a plan: rx/tx from the router's side is upload/download. */
export function rateLimit(plan: { uploadKbps: number; downloadKbps: number; burst: string | null }) {
  const base = `${formatRate(plan.uploadKbps)}/${formatRate(plan.downloadKbps)}`;
  return plan.burst ? `${base} ${plan.burst}` : base;
}

export const PPN_PERCENT = 11;
