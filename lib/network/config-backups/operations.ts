import { z } from 'zod';
import { defineOperation } from '@/lib/server/operation';
import { pageLimitSchema } from '@/lib/server/pagination';
import {
  acceptRouterHostKey,
  configBackupSettingsSchema,
  requestConfigBackup,
  saveConfigBackupSettings,
} from './mutations';
import { configBackupStatus, diffConfigVersions, getConfigVersion, listConfigVersions } from './queries';

const id = z.string().uuid('validation.invalid');
const routerRef = z.object({ routerId: id });

/** The router page's Configuration section: settings, last run, host keys, a run in progress. */
export const configBackupStatusOp = defineOperation({
  name: 'routerConfig.status',
  permission: 'routers.view',
  input: routerRef,
  run: (ctx, input) => configBackupStatus(ctx.db, { orgId: ctx.orgId, ...input }),
});

export const listConfigVersionsOp = defineOperation({
  name: 'routerConfig.versions',
  permission: 'routers.view',
  input: routerRef.extend({ cursor: z.string().max(200).optional(), limit: pageLimitSchema }),
  run: (ctx, input) => listConfigVersions(ctx.db, { orgId: ctx.orgId, ...input }),
});

/** One version's text: the viewer and the `.rsc` download. */
export const getConfigVersionOp = defineOperation({
  name: 'routerConfig.version',
  permission: 'routers.view',
  input: routerRef.extend({ versionId: id }),
  run: (ctx, input) => getConfigVersion(ctx.db, { orgId: ctx.orgId, ...input }),
});

export const diffConfigVersionsOp = defineOperation({
  name: 'routerConfig.diff',
  permission: 'routers.view',
  input: routerRef.extend({ fromId: id, toId: id }),
  run: (ctx, input) => diffConfigVersions(ctx.db, { orgId: ctx.orgId, ...input }),
});

/** "Back up configuration now": queues the worker's job (or follows the one already waiting). */
export const runConfigBackupOp = defineOperation({
  name: 'routerConfig.run',
  permission: 'routers.manage',
  input: routerRef,
  run: (ctx, input) => requestConfigBackup(ctx.db, { ...ctx.actor, ...input }),
});

export const saveConfigBackupSettingsOp = defineOperation({
  name: 'routerConfig.saveSettings',
  permission: 'routers.manage',
  input: configBackupSettingsSchema.extend({ routerId: id }),
  run: (ctx, { routerId, ...input }) => saveConfigBackupSettings(ctx.db, { ...ctx.actor, routerId, input }),
});

/** Trust the host key the router presented instead of the known one (after checking it). */
export const acceptRouterHostKeyOp = defineOperation({
  name: 'routerConfig.acceptHostKey',
  permission: 'routers.manage',
  // The fingerprint the admin was shown and compared on the router: only that key is trusted.
  input: routerRef.extend({ fingerprint: z.string().trim().min(1, 'validation.required').max(200) }),
  run: (ctx, input) => acceptRouterHostKey(ctx.db, { ...ctx.actor, ...input }),
});
