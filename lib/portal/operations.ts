import { z } from 'zod';
import { portalHome } from './home';
import { portalHasModem } from './nav';
import { definePortalOperation } from './operation';
import { portalPasswordState, setPortalPassword } from './passwords';

/**
 * The portal's own pages (portal-core): home and the account's password. Scope is always
 * `ctx.customerIds` in `ctx.orgId`; an id outside them is not_found.
 */
export const portalHomeOp = definePortalOperation({
  name: 'portal.home',
  input: z.object({}),
  run: (ctx) => portalHome(ctx.db, { orgId: ctx.orgId, customerIds: ctx.customerIds }),
});

export const portalAccountOp = definePortalOperation({
  name: 'portal.account',
  input: z.object({}),
  run: async (ctx) => ({
    phone: ctx.phone,
    byPassword: ctx.phone === null,
    customers: await portalPasswordState(ctx.db, { orgId: ctx.orgId, customerIds: ctx.customerIds }),
  }),
});

export const setPortalPasswordOp = definePortalOperation({
  name: 'portal.setPassword',
  input: z
    .object({
      customerId: z.string().uuid('validation.invalid'),
      password: z.string().min(8, 'validation.password').max(200, 'validation.tooLong'),
      confirm: z.string().max(200, 'validation.tooLong'),
      currentPassword: z.string().max(200, 'validation.tooLong').optional(),
    })
    .refine((v) => v.password === v.confirm, { path: ['confirm'], message: 'validation.passwordMismatch' }),
  run: (ctx, input) => setPortalPassword(ctx, input),
});

/** The "more" page: which entries apply to this visitor (the modem only with a managed one). */
export const portalMoreOp = definePortalOperation({
  name: 'portal.more',
  input: z.object({}),
  run: async (ctx) => ({ modem: await portalHasModem(ctx.db, { orgId: ctx.orgId, customerIds: ctx.customerIds }) }),
});
