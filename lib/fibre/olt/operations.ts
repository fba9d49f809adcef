import { z } from 'zod';
import { defineOperation } from '@/lib/server/operation';
import {
  getOltTemplate,
  previewRegistration,
  requestOltCheck,
  requestOltScan,
  requestOnuJob,
  requestOnuRegistration,
  subscriptionChoices,
  unconfiguredOnus,
  updateOltTemplate,
} from './requests';
import { CLI_WORD, VALUE_KEY } from './templates';

/**
 * The OLT command line as the app reaches it: reads of the last scan and the template,
 * and requests the worker carries out on the OLT's queue. Registering, rebooting and
 * removing ONUs is `onus.provision`; checking the OLT and editing its template is
 * `olts.manage`.
 */
const id = z.string().uuid('validation.invalid');
const oltRef = z.object({ oltId: id });
const onuRef = z.object({ onuId: id });

const values = z
  .record(
    z.string().max(32).regex(VALUE_KEY, 'validation.templateValueName'),
    z.string().trim().max(64).regex(CLI_WORD, 'validation.cliWord'),
  )
  .refine((v) => Object.keys(v).length <= 32, 'validation.invalid');

const registration = oltRef.extend({
  ponPortId: id,
  serial: z.string().trim().min(1, 'validation.required').max(32),
  name: z.string().trim().max(64).optional(),
  subscriptionId: z
    .union([id, z.literal('')])
    .optional()
    .transform((v) => v || null),
  values: values.optional(),
});

export const unconfiguredOnusOp = defineOperation({
  name: 'olts.unconfigured',
  permission: 'olts.view',
  input: oltRef,
  run: (ctx, input) => unconfiguredOnus(ctx.db, { orgId: ctx.orgId, ...input }),
});

export const scanOltOp = defineOperation({
  name: 'olts.scan',
  permission: 'onus.provision',
  input: oltRef,
  run: (ctx, input) => requestOltScan(ctx.db, { ...ctx.actor, ...input }),
});

export const checkOltOp = defineOperation({
  name: 'olts.check',
  permission: 'olts.manage',
  input: oltRef,
  run: (ctx, input) => requestOltCheck(ctx.db, { ...ctx.actor, ...input }),
});

export const previewRegistrationOp = defineOperation({
  name: 'onus.previewRegistration',
  permission: 'onus.provision',
  input: registration,
  run: (ctx, input) => previewRegistration(ctx.db, { orgId: ctx.orgId, ...input }),
});

export const registerOnuOp = defineOperation({
  name: 'onus.register',
  permission: 'onus.provision',
  input: registration,
  run: (ctx, input) => requestOnuRegistration(ctx.db, { ...ctx.actor, ...input }),
});

export const removeOnuOp = defineOperation({
  name: 'onus.remove',
  permission: 'onus.provision',
  // The screen confirms first; the operation insists on it too.
  input: onuRef.extend({ confirm: z.literal(true, { message: 'validation.confirmRequired' }) }),
  run: (ctx, input) => requestOnuJob(ctx.db, { ...ctx.actor, onuId: input.onuId, kind: 'remove' }),
});

export const rebootOnuOp = defineOperation({
  name: 'onus.reboot',
  permission: 'onus.provision',
  input: onuRef,
  run: (ctx, input) => requestOnuJob(ctx.db, { ...ctx.actor, ...input, kind: 'reboot' }),
});

export const refreshOnuOp = defineOperation({
  name: 'onus.refresh',
  permission: 'olts.view',
  input: onuRef,
  run: (ctx, input) => requestOnuJob(ctx.db, { ...ctx.actor, ...input, kind: 'optics' }),
});

export const oltTemplateOp = defineOperation({
  name: 'olts.template',
  permission: 'olts.view',
  input: oltRef,
  run: (ctx, input) => getOltTemplate(ctx.db, { orgId: ctx.orgId, ...input }),
});

export const updateOltTemplateOp = defineOperation({
  name: 'olts.updateTemplate',
  permission: 'olts.manage',
  input: oltRef.extend({
    template: z.object({
      commands: z.string().max(4000),
      values: z
        .record(z.string().max(32), z.string().max(64))
        .refine((v) => Object.keys(v).length <= 32, 'validation.invalid'),
    }),
  }),
  run: (ctx, input) => updateOltTemplate(ctx.db, { ...ctx.actor, ...input }),
});

export const onuSubscriptionChoicesOp = defineOperation({
  name: 'onus.subscriptionChoices',
  permission: 'onus.provision',
  input: z.object({ q: z.string().trim().min(2, 'validation.searchTooShort').max(100) }),
  run: (ctx, input) => subscriptionChoices(ctx.db, { orgId: ctx.orgId, q: input.q }),
});
