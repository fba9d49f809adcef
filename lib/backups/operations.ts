import { z } from 'zod';
import { defineOperation } from '@/lib/server/operation';
import { backupHealth } from './alerts';
import { getRun, listRuns, requestBackupRun } from './runs';
import { backupSettingsSchema, listRunsSchema, runIdSchema, saveTargetSchema, targetIdSchema } from './schemas';
import { updateBackupSettings } from './settings';
import { getBackupOverview } from './status';
import { removeTarget, requestTargetCheck, saveTarget } from './targets';

// Platform backups: the whole database and files, the platform owner's alone (super admin).
// The web app only records and queues; the worker makes the archive and talks to the stores.

export const backupOverviewOp = defineOperation({
  name: 'backups.overview',
  permission: 'platform.backups',
  input: z.object({}),
  run: (ctx) => getBackupOverview(ctx.db),
});

/** The dashboard card: is the last good backup more than a day old? */
export const backupHealthOp = defineOperation({
  name: 'backups.health',
  permission: 'platform.backups',
  input: z.object({}),
  run: (ctx) => backupHealth(ctx.db),
});

export const saveBackupSettingsOp = defineOperation({
  name: 'backups.saveSettings',
  permission: 'platform.backups',
  input: backupSettingsSchema,
  run: (ctx, input) => updateBackupSettings(ctx.db, { ...ctx.actor, input }),
});

export const saveBackupTargetOp = defineOperation({
  name: 'backups.saveTarget',
  permission: 'platform.backups',
  input: saveTargetSchema,
  run: (ctx, input) => saveTarget(ctx.db, { ...ctx.actor, input }),
});

export const removeBackupTargetOp = defineOperation({
  name: 'backups.removeTarget',
  permission: 'platform.backups',
  input: targetIdSchema,
  run: (ctx, input) => removeTarget(ctx.db, { ...ctx.actor, targetId: input.targetId }),
});

export const checkBackupTargetOp = defineOperation({
  name: 'backups.checkTarget',
  permission: 'platform.backups',
  input: targetIdSchema,
  run: (ctx, input) => requestTargetCheck(ctx.db, { ...ctx.actor, targetId: input.targetId }),
});

export const runBackupNowOp = defineOperation({
  name: 'backups.runNow',
  permission: 'platform.backups',
  input: z.object({}),
  run: (ctx) => requestBackupRun(ctx.db, ctx.actor),
});

export const listBackupRunsOp = defineOperation({
  name: 'backups.listRuns',
  permission: 'platform.backups',
  input: listRunsSchema,
  run: (ctx, input) => listRuns(ctx.db, input),
});

/** One run with its manifest and where its file went (each target's copy). */
export const getBackupRunOp = defineOperation({
  name: 'backups.getRun',
  permission: 'platform.backups',
  input: runIdSchema,
  run: (ctx, input) => getRun(ctx.db, input),
});
