import { z } from 'zod';
import { defineOperation } from '@/lib/server/operation';
import { signalDashboard } from './queries';
import { onuSignalHistorySchema, signalThresholdsSchema, subscriptionSignalSchema } from './schemas';
import { latestSignal, signalHistory } from './store';
import { getSignalThresholds, setSignalThresholds } from './thresholds';

/** The customer page's redaman card: the subscription's ONU as last polled and its week. */
export const subscriptionSignalOp = defineOperation({
  name: 'signal.subscription',
  permission: 'devices.view',
  input: subscriptionSignalSchema,
  run: async (ctx, input) => {
    const latest = await latestSignal(ctx.db, { orgId: ctx.orgId, subscriptionId: input.subscriptionId });
    if (!latest) return null;
    const [history, thresholds] = await Promise.all([
      signalHistory(ctx.db, { orgId: ctx.orgId, onuId: latest.onuId, days: 7 }),
      getSignalThresholds(ctx.db, { orgId: ctx.orgId }),
    ]);
    return { latest, history, thresholds };
  },
});

/** An ONU's RX power, hour by hour (the chart on the ONU page). */
export const onuSignalHistoryOp = defineOperation({
  name: 'signal.onuHistory',
  permission: 'devices.view',
  input: onuSignalHistorySchema,
  run: async (ctx, input) => ({
    points: await signalHistory(ctx.db, { orgId: ctx.orgId, onuId: input.onuId, days: input.days }),
    thresholds: await getSignalThresholds(ctx.db, { orgId: ctx.orgId }),
  }),
});

export const signalThresholdsOp = defineOperation({
  name: 'signal.thresholds',
  permission: 'organization.settings',
  input: z.object({}),
  run: (ctx) => getSignalThresholds(ctx.db, { orgId: ctx.orgId }),
});

export const setSignalThresholdsOp = defineOperation({
  name: 'signal.setThresholds',
  permission: 'organization.settings',
  input: signalThresholdsSchema,
  run: (ctx, input) => setSignalThresholds(ctx.db, { ...ctx.actor, input }),
});

export const signalDashboardOp = defineOperation({
  name: 'signal.dashboard',
  permission: 'olts.view',
  input: z.object({}),
  run: (ctx) => signalDashboard(ctx.db, { orgId: ctx.orgId }),
});
