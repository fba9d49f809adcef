import { z } from 'zod';
import { blankAsUndefined, calendarDay } from '@/lib/server/form-input';
import { defineOperation } from '@/lib/server/operation';
import { createApiKey, listApiKeyCalls, listApiKeys, revokeApiKey, STATUS_CLASSES } from './keys-manage';
import { scopePreset, scopesByArea } from './keys-scopes';

/** Settings → API: the keys, and what the member may give a new one (their own permissions). */
export const listApiKeysOp = defineOperation({
  name: 'apiKeys.list',
  permission: 'api.manage',
  input: z.object({}),
  run: async (ctx) => ({
    keys: await listApiKeys(ctx.db, { orgId: ctx.orgId }),
    areas: scopesByArea(ctx.role),
    presets: { read: scopePreset(ctx.role, 'read'), full: scopePreset(ctx.role, 'full') },
  }),
});

const createApiKeyInput = z.object({
  name: z.string().trim().min(2, 'validation.apiKeyName').max(80, 'validation.apiKeyName'),
  scopes: z
    .array(z.string().max(60, 'validation.invalid'), 'validation.apiKeyScopesNone')
    .min(1, 'validation.apiKeyScopesNone')
    .max(100, 'validation.invalid')
    .transform((s) => [...new Set(s)]),
  expiresOn: blankAsUndefined(calendarDay('validation.apiKeyExpiry')),
  rateLimitPerMinute: blankAsUndefined(
    z.coerce
      .number('validation.apiKeyRateLimit')
      .int('validation.apiKeyRateLimit')
      .min(10, 'validation.apiKeyRateLimit')
      .max(6000, 'validation.apiKeyRateLimit'),
  ).transform((v) => v ?? 600),
});

/** Makes a key; the answer holds the token, the only time it is ever shown. */
export const createApiKeyOp = defineOperation({
  name: 'apiKeys.create',
  permission: 'api.manage',
  input: createApiKeyInput,
  run: (ctx, input) => createApiKey(ctx.db, { ...ctx.actor, role: ctx.role, input }),
});

export const revokeApiKeyOp = defineOperation({
  name: 'apiKeys.revoke',
  permission: 'api.manage',
  input: z.object({ apiKeyId: z.string().uuid('validation.invalid') }),
  run: (ctx, input) => revokeApiKey(ctx.db, { ...ctx.actor, apiKeyId: input.apiKeyId }),
});

/** A key's call log (90 days kept), filtered by status class. */
export const apiKeyCallsOp = defineOperation({
  name: 'apiKeys.calls',
  permission: 'api.manage',
  input: z.object({
    apiKeyId: z.string().uuid('validation.invalid'),
    status: blankAsUndefined(z.enum(STATUS_CLASSES, 'validation.invalid')),
    cursor: z.string().max(200).optional(),
  }),
  run: (ctx, input) => listApiKeyCalls(ctx.db, { orgId: ctx.orgId, ...input }),
});
