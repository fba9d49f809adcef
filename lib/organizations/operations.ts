import { z } from 'zod';
import { listTaskProblems } from '@/lib/jobs/task-status';
import { AppError } from '@/lib/server/errors';
import { ctxCan, defineOperation } from '@/lib/server/operation';
import { getSetupChecklist, setSetupDismissed } from '@/lib/setup/checklist';
import { getOrganizationLogo, logoUploadSchema, removeOrganizationLogo, uploadOrganizationLogo } from './logo';
import { createOrganizationWithAdmin, setOrganizationStatus, updateOrganizationSettings } from './mutations';
import { getSettingsOverview } from './overview';
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

/** The first-run checklist, ticked from the organization's own rows. */
export const setupChecklistOp = defineOperation({
  name: 'organization.setupChecklist',
  permission: 'organization.settings',
  input: z.object({}),
  run: (ctx) => getSetupChecklist(ctx.db, { orgId: ctx.orgId }),
});

export const dismissSetupOp = defineOperation({
  name: 'organization.dismissSetup',
  permission: 'organization.settings',
  input: z.object({ dismissed: z.boolean().optional().default(true) }),
  run: (ctx, input) => setSetupDismissed(ctx.db, { ...ctx.actor, dismissed: input.dismissed }),
});

export const uploadOrganizationLogoOp = defineOperation({
  name: 'organization.uploadLogo',
  permission: 'organization.settings',
  input: logoUploadSchema,
  run: (ctx, input) => uploadOrganizationLogo(ctx.db, { ...ctx.actor, logo: input.logo }),
});

export const removeOrganizationLogoOp = defineOperation({
  name: 'organization.removeLogo',
  permission: 'organization.settings',
  input: z.object({}),
  run: (ctx) => removeOrganizationLogo(ctx.db, ctx.actor),
});

/** Every member sees the logo in the header, so reading it needs only the dashboard. */
export const organizationLogoOp = defineOperation({
  name: 'organization.logo',
  permission: 'dashboard.view',
  input: z.object({}),
  run: (ctx) => getOrganizationLogo(ctx.db, { orgId: ctx.orgId }),
});

/** The settings hub: each section the member may open, with its one line of state. */
export const settingsOverviewOp = defineOperation({
  name: 'organization.settingsOverview',
  permission: 'roles.view',
  input: z.object({}),
  run: (ctx) => getSettingsOverview(ctx.db, { orgId: ctx.orgId, may: (p) => ctxCan(ctx, p) }),
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
