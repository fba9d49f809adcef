import { z } from 'zod';
import { normalizePhone } from '@/lib/core/phone';
import { latitudeSchema, longitudeSchema } from '@/lib/infrastructure/odps';
import { odpPortSchema, odpRefSchema } from '@/lib/infrastructure/ports';
import { blankAsUndefined, calendarMonth } from '@/lib/server/form-input';
import { pageLimitSchema } from '@/lib/server/pagination';
import { BILLING_TYPES, SUBSCRIPTION_STATUSES } from './constants';

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, 'validation.invalid')
    .optional()
    .transform((v) => v || null);

export const phoneSchema = z
  .string('validation.phone')
  .transform((v) => normalizePhone(v) ?? '')
  .refine((v) => v !== '', 'validation.phone');

export const customerNameSchema = z.string().trim().min(2, 'validation.name').max(120, 'validation.name');
export const addressSchema = z.string().trim().min(5, 'validation.address').max(300, 'validation.address');

export const leadSchema = z.object({
  name: customerNameSchema,
  phone: phoneSchema,
  address: addressSchema,
  area: optionalText(80),
  latitude: latitudeSchema,
  longitude: longitudeSchema,
  planId: z.string().uuid('validation.plan'),
  billingType: z.enum(BILLING_TYPES, 'validation.invalid'),
  notes: optionalText(500),
});
export type LeadInput = z.output<typeof leadSchema>;

export const serviceUsernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{2,31}$/, 'validation.serviceUsername');
export const servicePasswordSchema = z
  .string()
  .min(6, 'validation.servicePassword')
  .max(64, 'validation.servicePassword');

export const convertLeadSchema = z.object({
  leadId: z.string().uuid('validation.invalid'),
  serviceUsername: serviceUsernameSchema,
  servicePassword: servicePasswordSchema,
  // Optional: the ODP and port the admin already knows; else the nearest ODP with room, no port.
  odpId: odpRefSchema,
  odpPort: odpPortSchema,
});

export const rejectLeadSchema = z.object({
  leadId: z.string().uuid('validation.invalid'),
  reason: z.string().trim().min(3, 'validation.reason').max(300, 'validation.reason'),
});

export const transitionSchema = z.object({
  subscriptionId: z.string().uuid('validation.invalid'),
  to: z.enum(SUBSCRIPTION_STATUSES, 'validation.invalid'),
  reason: optionalText(300),
});

export const CUSTOMER_SORTS = ['newest', 'oldest', 'number', 'name'] as const;
export type CustomerSort = (typeof CUSTOMER_SORTS)[number];

/** Joined (added), isolated or terminated, as the dashboard's movement chart counts them. */
export const CUSTOMER_EVENTS = ['joined', 'isolated', 'terminated'] as const;
export type CustomerEvent = (typeof CUSTOMER_EVENTS)[number];
const monthSchema = calendarMonth('validation.period');

export const customerListSchema = z.object({
  q: z
    .string()
    .trim()
    .max(100)
    .optional()
    .transform((v) => v || undefined),
  status: blankAsUndefined(z.enum(SUBSCRIPTION_STATUSES)),
  planId: blankAsUndefined(z.string().uuid()),
  area: z
    .string()
    .trim()
    .max(80)
    .optional()
    .transform((v) => v || undefined),
  resellerUserId: blankAsUndefined(z.string().uuid()),
  // What happened to the customer within months `from`..`to` (YYYY-MM, the organization's
  // calendar months; `to` defaults to `from`): the lists behind the dashboard's movement chart.
  event: blankAsUndefined(z.enum(CUSTOMER_EVENTS)),
  from: blankAsUndefined(monthSchema),
  to: blankAsUndefined(monthSchema),
  sort: z.enum(CUSTOMER_SORTS).optional().default('newest'),
  cursor: z.string().max(300).optional(),
  limit: pageLimitSchema,
});
export type CustomerListInput = z.output<typeof customerListSchema>;

export const updateCustomerSchema = z.object({
  customerId: z.string().uuid('validation.invalid'),
  name: customerNameSchema,
  phone: phoneSchema,
  email: z
    .string()
    .trim()
    .toLowerCase()
    .email('validation.email')
    .optional()
    .or(z.literal('').transform(() => null)),
  address: addressSchema,
  area: optionalText(80),
});
