import { z } from 'zod';
import { listTaskProblems } from '@/lib/jobs/task-status';
import { AppError } from '@/lib/server/errors';
import { defineOperation } from '@/lib/server/operation';
import { createOrganizationWithAdmin, setOrganizationStatus, updateOrganizationSettings } from './mutations';
import { getOrganization, listAllOrganizations } from './queries';
import { organizationSettingsSchema, signupSchema } from './schemas';

export const getOrganizationSettingsOp = defineOperation({
  name: 'organization.get',
  permission: 'organization.settings',
  input: z.object({}),
  run: async (ctx) => {
    const org = await getOrganization(ctx.db, ctx.orgId);
    if (!org) throw new AppError('not_found');
    return org;
  },
});

export const updateOrganizationSettingsOp = defineOperation({
  name: 'organization.update',
  permission: 'organization.settings',
  input: organizationSettingsSchema,
  run: (ctx, input) => updateOrganizationSettings(ctx.db, { ...ctx.actor, ...input }),
});

// Platform operations: super admins act across organizations by design.
export const listAllOrganizationsOp = defineOperation({
  name: 'platform.listOrganizations',
  permission: 'platform.organizations',
  input: z.object({ q: z.string().trim().max(100).optional(), cursor: z.string().max(200).optional() }),
  run: (ctx, input) => listAllOrganizations(ctx.db, input),
});

/** Periodic passes failing now, in every organization. */
export const platformTaskProblemsOp = defineOperation({
  name: 'platform.taskProblems',
  permission: 'platform.organizations',
  input: z.object({}),
  run: (ctx) => listTaskProblems(ctx.db),
});

export const createOrganizationOp = defineOperation({
  name: 'platform.createOrganization',
  permission: 'platform.organizations',
  input: signupSchema,
  run: async (ctx, input) => {
    const { organization } = await createOrganizationWithAdmin(ctx.db, {
      ...input,
      actorUserId: ctx.userId,
      ip: ctx.ip,
    });
    return { organizationId: organization.id };
  },
});

export const setOrganizationStatusOp = defineOperation({
  name: 'platform.setOrganizationStatus',
  permission: 'platform.organizations',
  input: z.object({ organizationId: z.string().uuid('validation.invalid'), status: z.enum(['active', 'suspended']) }),
  run: (ctx, input) =>
    setOrganizationStatus(ctx.db, {
      orgId: input.organizationId,
      status: input.status,
      actorUserId: ctx.userId,
      ip: ctx.ip,
    }),
});
