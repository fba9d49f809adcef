import { z } from 'zod';
import { blankAsUndefined, optionalId } from '@/lib/server/form-input';
import { defineOperation } from '@/lib/server/operation';
import { pageLimitSchema } from '@/lib/server/pagination';
import { SESSION_KINDS } from './constants';
import { radiusOnline } from './radius/accounting';
import { confirmImport, confirmImportSchema, getImportPreview } from './router-import';
import {
  requestProfilePush,
  requestRouterCheck,
  requestRouterImport,
  requestRouterSync,
  requestSessionKick,
  routerJobs,
} from './router-jobs';
import { deleteRouter, getRouter, listRouters, routerChoices, routerSchema, saveRouter } from './routers';
import { listSessions } from './sessions';

const routerRef = z.object({ routerId: z.string().uuid('validation.invalid') });

export const listRoutersOp = defineOperation({
  name: 'routers.list',
  permission: 'routers.view',
  input: z.object({
    q: z.string().trim().max(100).optional(),
    page: z.coerce.number().int().min(1).max(10_000).optional(),
    pageSize: pageLimitSchema,
  }),
  run: (ctx, input) => listRouters(ctx.db, { orgId: ctx.orgId, ...input }),
});

/** Every router by name, with its status and mode: the header's router switcher. */
export const routerChoicesOp = defineOperation({
  name: 'routers.choices',
  permission: 'routers.view',
  input: z.object({}),
  run: (ctx) => routerChoices(ctx.db, { orgId: ctx.orgId }),
});

export const getRouterOp = defineOperation({
  name: 'routers.get',
  permission: 'routers.view',
  input: routerRef,
  run: async (ctx, input) => {
    const [router, jobs] = await Promise.all([
      getRouter(ctx.db, { orgId: ctx.orgId, ...input }),
      routerJobs(ctx.db, { orgId: ctx.orgId, ...input }),
    ]);
    return { router, jobs };
  },
});

export const saveRouterOp = defineOperation({
  name: 'routers.save',
  permission: 'routers.manage',
  input: routerSchema.extend({ routerId: optionalId }).superRefine((v, issue) => {
    if (!v.routerId && !v.password)
      issue.addIssue({ code: 'custom', path: ['password'], message: 'validation.required' });
  }),
  run: (ctx, { routerId, ...input }) => saveRouter(ctx.db, { ...ctx.actor, routerId, input }),
});

export const deleteRouterOp = defineOperation({
  name: 'routers.delete',
  permission: 'routers.manage',
  input: routerRef,
  run: (ctx, input) => deleteRouter(ctx.db, { ...ctx.actor, ...input }),
});

export const checkRouterOp = defineOperation({
  name: 'routers.check',
  permission: 'routers.manage',
  input: routerRef,
  run: (ctx, input) => requestRouterCheck(ctx.db, { ...ctx.actor, ...input }),
});

export const syncRouterOp = defineOperation({
  name: 'routers.sync',
  permission: 'routers.sync',
  input: routerRef.extend({ subscriptionId: optionalId, removeExtra: z.boolean().default(false) }),
  run: (ctx, input) => requestRouterSync(ctx.db, { ...ctx.actor, ...input }),
});

export const pushProfilesOp = defineOperation({
  name: 'routers.pushProfiles',
  permission: 'routers.sync',
  input: routerRef,
  run: (ctx, input) => requestProfilePush(ctx.db, { ...ctx.actor, ...input }),
});

export const startRouterImportOp = defineOperation({
  name: 'routers.importStart',
  permission: 'routers.import',
  input: routerRef,
  run: (ctx, input) => requestRouterImport(ctx.db, { ...ctx.actor, ...input }),
});

export const routerImportPreviewOp = defineOperation({
  name: 'routers.importPreview',
  permission: 'routers.import',
  input: z.object({ importId: z.string().uuid('validation.invalid') }),
  run: (ctx, input) => getImportPreview(ctx.db, { orgId: ctx.orgId, ...input }),
});

export const confirmRouterImportOp = defineOperation({
  name: 'routers.importConfirm',
  permission: 'routers.import',
  input: confirmImportSchema,
  run: (ctx, input) => confirmImport(ctx.db, { ...ctx.actor, input }),
});

export const listSessionsOp = defineOperation({
  name: 'sessions.list',
  permission: 'sessions.view',
  input: z.object({
    routerId: optionalId,
    kind: blankAsUndefined(z.enum(SESSION_KINDS)),
    q: z.string().trim().max(100).optional(),
    page: z.coerce.number().int().min(1).max(10_000).optional(),
  }),
  run: (ctx, input) => listSessions(ctx.db, { orgId: ctx.orgId, ...input }),
});

/** The sessions page's router filter (and whether a RADIUS-mode router makes the RADIUS tab worth showing). */
export const sessionRoutersOp = defineOperation({
  name: 'sessions.routers',
  permission: 'sessions.view',
  input: z.object({}),
  run: (ctx) => routerChoices(ctx.db, { orgId: ctx.orgId }),
});

/** Who is online through RADIUS now (open accounting sessions). */
export const radiusOnlineOp = defineOperation({
  name: 'sessions.radiusOnline',
  permission: 'sessions.view',
  input: z.object({
    q: z.string().trim().max(100).optional(),
    page: z.coerce.number().int().min(1).max(10_000).optional(),
  }),
  run: (ctx, input) => radiusOnline(ctx.db, { orgId: ctx.orgId, ...input }),
});

export const kickSessionOp = defineOperation({
  name: 'sessions.kick',
  permission: 'sessions.kick',
  input: z.object({ sessionId: z.string().uuid('validation.invalid') }),
  run: (ctx, input) => requestSessionKick(ctx.db, { ...ctx.actor, ...input }),
});
