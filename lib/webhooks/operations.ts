import { z } from 'zod';
import { defineOperation } from '@/lib/server/operation';
import { getDelivery, listDeliveries, replayDelivery, resendFailedWhileOff, sendTestEvent } from './deliveries';
import {
  deleteEndpoint,
  getEndpoint,
  listEndpoints,
  revealSecret,
  rotateSecret,
  saveEndpoint,
  setEndpointEnabled,
} from './endpoints';
import { deliveriesSchema, deliveryIdSchema, endpointIdSchema, endpointSchema, setEnabledSchema } from './schemas';

export const listEndpointsOp = defineOperation({
  name: 'webhooks.list',
  permission: 'webhooks.manage',
  input: z.object({}),
  run: (ctx) => listEndpoints(ctx.db, { orgId: ctx.orgId }),
});

export const getEndpointOp = defineOperation({
  name: 'webhooks.get',
  permission: 'webhooks.manage',
  input: endpointIdSchema,
  run: (ctx, input) => getEndpoint(ctx.db, { orgId: ctx.orgId, ...input }),
});

export const saveEndpointOp = defineOperation({
  name: 'webhooks.save',
  permission: 'webhooks.manage',
  input: endpointSchema,
  run: (ctx, input) => saveEndpoint(ctx.db, { ...ctx.actor, input }),
});

export const setEndpointEnabledOp = defineOperation({
  name: 'webhooks.setEnabled',
  permission: 'webhooks.manage',
  input: setEnabledSchema,
  run: (ctx, input) => setEndpointEnabled(ctx.db, { ...ctx.actor, ...input }),
});

export const deleteEndpointOp = defineOperation({
  name: 'webhooks.delete',
  permission: 'webhooks.manage',
  input: endpointIdSchema,
  run: (ctx, input) => deleteEndpoint(ctx.db, { ...ctx.actor, ...input }),
});

/** The signing secret, shown on request (audited). */
export const revealSecretOp = defineOperation({
  name: 'webhooks.revealSecret',
  permission: 'webhooks.manage',
  input: endpointIdSchema,
  run: (ctx, input) => revealSecret(ctx.db, { ...ctx.actor, ...input }),
});

export const rotateSecretOp = defineOperation({
  name: 'webhooks.rotateSecret',
  permission: 'webhooks.manage',
  input: endpointIdSchema,
  run: (ctx, input) => rotateSecret(ctx.db, { ...ctx.actor, ...input }),
});

export const sendTestEventOp = defineOperation({
  name: 'webhooks.sendTest',
  permission: 'webhooks.manage',
  input: endpointIdSchema,
  run: (ctx, input) => sendTestEvent(ctx.db, { ...ctx.actor, ...input }),
});

export const listDeliveriesOp = defineOperation({
  name: 'webhooks.deliveries',
  permission: 'webhooks.manage',
  input: deliveriesSchema,
  run: (ctx, input) => listDeliveries(ctx.db, { orgId: ctx.orgId, ...input }),
});

export const getDeliveryOp = defineOperation({
  name: 'webhooks.delivery',
  permission: 'webhooks.manage',
  input: deliveryIdSchema,
  run: (ctx, input) => getDelivery(ctx.db, { orgId: ctx.orgId, ...input }),
});

export const replayDeliveryOp = defineOperation({
  name: 'webhooks.replay',
  permission: 'webhooks.manage',
  input: deliveryIdSchema,
  run: (ctx, input) => replayDelivery(ctx.db, { ...ctx.actor, ...input }),
});

/** The deliveries missed while the endpoint was off, sent again once it is on (audited). */
export const resendFailedOp = defineOperation({
  name: 'webhooks.resendFailed',
  permission: 'webhooks.manage',
  input: endpointIdSchema,
  run: (ctx, input) => resendFailedWhileOff(ctx.db, { ...ctx.actor, ...input }),
});
