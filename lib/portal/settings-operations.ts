import { z } from 'zod';
import { defineOperation } from '@/lib/server/operation';
import { getPortalSettings, portalSettingsSchema, savePortalSettings } from './settings';

/** Settings → Customer portal: admin only, like the organization's own settings. */
export const portalSettingsOp = defineOperation({
  name: 'portal.settings',
  permission: 'organization.settings',
  input: z.object({}),
  run: (ctx) => getPortalSettings(ctx.db, { orgId: ctx.orgId }),
});

export const savePortalSettingsOp = defineOperation({
  name: 'portal.saveSettings',
  permission: 'organization.settings',
  input: portalSettingsSchema,
  run: (ctx, input) => savePortalSettings(ctx.db, { ...ctx.actor, input }),
});
