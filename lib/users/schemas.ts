import { z } from 'zod';
import { ASSIGNABLE_ROLES } from '@/lib/auth/permissions';
import { emailSchema, nameSchema, passwordSchema } from '@/lib/organizations/schemas';

export const roleSchema = z.enum(ASSIGNABLE_ROLES, 'validation.role');
export const inviteSchema = z.object({ email: emailSchema, role: roleSchema });
export const invitationTokenSchema = z.object({ token: z.string().min(20, 'validation.invalid') });
export const acceptInvitationSchema = invitationTokenSchema.extend({
  name: nameSchema,
  password: passwordSchema,
});
export const changeRoleSchema = z.object({ membershipId: z.string().uuid('validation.invalid'), role: roleSchema });
export const setMemberActiveSchema = z.object({
  membershipId: z.string().uuid('validation.invalid'),
  active: z.boolean('validation.invalid'),
});
export const invitationIdSchema = z.object({ invitationId: z.string().uuid('validation.invalid') });
export const listSchema = z.object({
  q: z.string().trim().max(100).optional(),
  cursor: z.string().max(200).optional(),
});
