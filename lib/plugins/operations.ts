import { z } from 'zod';
import { EVENT_TYPES } from '@/lib/events/catalog';
import { defineOperation } from '@/lib/server/operation';
import { pluginCatalogue } from './catalogue';
import { savePluginInstall, setPluginEnabled } from './installs';

const pluginId = z.string().trim().min(1, 'validation.required').max(214, 'validation.tooLong');
/** A form's checkbox ("on"), a JSON boolean, or the words. */
const flag = z.preprocess((v) => v === true || v === 'on' || v === 'true', z.boolean());

/** The Plugin page: built-ins with their health, and the third-party plugins with this organization's settings. */
export const pluginCatalogueOp = defineOperation({
  name: 'plugins.catalogue',
  permission: 'plugins.manage',
  input: z.object({}),
  run: (ctx) => pluginCatalogue(ctx.db, { orgId: ctx.orgId }),
});

export const savePluginOp = defineOperation({
  name: 'plugins.save',
  permission: 'plugins.manage',
  input: z.object({
    pluginId,
    enabled: flag,
    eventTypes: z.array(z.enum(EVENT_TYPES, 'validation.invalid')).max(EVENT_TYPES.length).default([]),
    config: z.record(z.string().max(100), z.string().max(4000, 'validation.tooLong')).default({}),
  }),
  run: (ctx, input) => savePluginInstall(ctx.db, { ...ctx.actor, input }),
});

export const setPluginEnabledOp = defineOperation({
  name: 'plugins.setEnabled',
  permission: 'plugins.manage',
  input: z.object({ pluginId, enabled: flag }),
  run: (ctx, input) => setPluginEnabled(ctx.db, { ...ctx.actor, ...input }),
});
