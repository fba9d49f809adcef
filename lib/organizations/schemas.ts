import { z } from 'zod';

export const slugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(3, 'validation.slug')
  .max(40, 'validation.slug')
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'validation.slug');

export const emailSchema = z.string().trim().toLowerCase().email('validation.email');
export const passwordSchema = z.string().min(8, 'validation.password').max(200, 'validation.password');
export const nameSchema = z.string().trim().min(2, 'validation.name').max(120, 'validation.name');

export const signupSchema = z.object({
  organizationName: nameSchema,
  slug: slugSchema,
  adminName: nameSchema,
  email: emailSchema,
  password: passwordSchema,
});
export type SignupInput = z.output<typeof signupSchema>;

/** An http(s) address with a host and nothing that could break out of a link or a QR. */
function isWebUrl(v: string) {
  if (/[\s"<>]/.test(v)) return false;
  try {
    const url = new URL(v);
    return (
      (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '' && !url.username && !url.password
    );
  } catch {
    return false;
  }
}

/**
 * The hotspot's login page (printed with its QR on voucher cards). Absent = leave as is,
 * blank = none, else an http or https URL.
 */
export const hotspotLoginUrlSchema = z
  .string()
  .trim()
  .max(200, 'validation.tooLong')
  .refine((v) => v === '' || isWebUrl(v), 'validation.loginUrl')
  .optional()
  .transform((v) => (v === undefined ? undefined : v || null));

const TIMEZONES = ['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura'] as const;
export const organizationSettingsSchema = z.object({
  name: nameSchema,
  timezone: z.enum(TIMEZONES, 'validation.invalid'),
  coverageRadiusM: z.coerce
    .number('validation.invalid')
    .int('validation.invalid')
    .min(10, 'validation.invalid')
    .max(5000, 'validation.invalid'),
  hotspotLoginUrl: hotspotLoginUrlSchema,
  // A checkbox after a hidden "off": "on" when ticked; absent (older callers) keeps the setting.
  requireTwoFactor: z
    .enum(['on', 'off'], 'validation.invalid')
    .optional()
    .transform((v) => (v === undefined ? undefined : v === 'on')),
});
export { TIMEZONES };
