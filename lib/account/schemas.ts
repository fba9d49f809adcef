import { z } from 'zod';
import { normalizePhone } from '@/lib/core/phone';
import { emailSchema, passwordSchema } from '@/lib/organizations/schemas';

export const changePasswordSchema = z.object({
  currentPassword: z.string().min(1, 'validation.required').max(200, 'validation.password'),
  newPassword: passwordSchema,
});

/** Blank clears the number; anything else must be an Indonesian mobile number. */
export const profileSchema = z.object({
  phone: z
    .string()
    .trim()
    .max(30, 'validation.phone')
    .transform((v) => (v === '' ? null : (normalizePhone(v) ?? false)))
    .refine((v) => v !== false, 'validation.phone'),
});

export const codeSchema = z.object({ code: z.string().trim().min(6, 'validation.otp').max(20, 'validation.otp') });
export const disableTwoFactorSchema = z.object({
  password: z.string().min(1, 'validation.required').max(200, 'validation.password'),
});
export const emptySchema = z.object({});

export const issueResetSchema = z.object({ membershipId: z.string().uuid('validation.invalid') });
export const resetWithTokenSchema = z.object({
  token: z.string().min(20, 'validation.invalid').max(100, 'validation.invalid'),
  password: passwordSchema,
});
export const requestResetCodeSchema = z.object({ email: emailSchema });
export const resetWithCodeSchema = z.object({
  email: emailSchema,
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, 'validation.resetCode'),
  password: passwordSchema,
});

export const platformUsersSchema = z.object({
  q: z.string().trim().max(100).optional(),
  cursor: z.string().max(200).optional(),
});
export const setUserActiveSchema = z.object({
  userId: z.string().uuid('validation.invalid'),
  active: z.boolean('validation.invalid'),
});
