import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { subscriptions, workOrders, workOrderTechnicians } from '@/db/schema';
import { AppError } from '@/lib/server/errors';
import { type Ctx, defineOperation } from '@/lib/server/operation';
import { installedEquipment, myBag, workOrderStockMoves } from './field-stock';
import { lockDeviceMac } from './mac-lock';

const workOrderRef = z.object({ workOrderId: z.string().uuid('validation.invalid') });
const subscriptionRef = z.object({ subscriptionId: z.string().uuid('validation.invalid') });

/** The work order, in the caller's organization (and, for a technician, one they are on). */
async function assertWorkOrder(db: Db, ctx: Ctx, workOrderId: string) {
  const [wo] = await db
    .select({ id: workOrders.id })
    .from(workOrders)
    .where(and(eq(workOrders.id, workOrderId), eq(workOrders.organizationId, ctx.orgId)));
  if (!wo) throw new AppError('not_found');
  if (ctx.role !== 'technician') return;
  const [mine] = await db
    .select({ userId: workOrderTechnicians.userId })
    .from(workOrderTechnicians)
    .where(and(eq(workOrderTechnicians.workOrderId, workOrderId), eq(workOrderTechnicians.userId, ctx.userId)));
  if (!mine) throw new AppError('not_found');
}

async function assertSubscription(db: Db, orgId: string, subscriptionId: string) {
  const [sub] = await db
    .select({ id: subscriptions.id })
    .from(subscriptions)
    .where(and(eq(subscriptions.id, subscriptionId), eq(subscriptions.organizationId, orgId)));
  if (!sub) throw new AppError('not_found');
}

/** The signed-in technician's bag, for the phone (cached with the work orders). */
export const myBagOp = defineOperation({
  name: 'inventory.field.myBag',
  permission: 'workorders.field',
  input: z.object({}),
  run: (ctx) => myBag(ctx.db, { orgId: ctx.orgId, userId: ctx.userId }),
});

/** The stock moves made on a work order (its office page). */
export const workOrderStockMovesOp = defineOperation({
  name: 'inventory.field.workOrderMoves',
  permission: 'workorders.view',
  input: workOrderRef,
  run: async (ctx, input) => {
    await assertWorkOrder(ctx.db, ctx, input.workOrderId);
    return workOrderStockMoves(ctx.db, { orgId: ctx.orgId, workOrderId: input.workOrderId });
  },
});

/** The equipment installed for a subscription (the customer page). */
export const installedEquipmentOp = defineOperation({
  name: 'inventory.field.installed',
  permission: 'customers.view',
  input: subscriptionRef,
  run: async (ctx, input) => {
    await assertSubscription(ctx.db, ctx.orgId, input.subscriptionId);
    return installedEquipment(ctx.db, { orgId: ctx.orgId, subscriptionId: input.subscriptionId });
  },
});

/** "Kunci MAC": the PPPoE caller-id lock set to the installed device's MAC. */
export const lockDeviceMacOp = defineOperation({
  name: 'inventory.field.lockMac',
  permission: 'customers.manage',
  // The MAC the user saw and confirmed: a swap in between is refused, not locked blind.
  input: subscriptionRef.extend({ mac: z.string().trim().max(17).optional() }),
  run: (ctx, input) =>
    lockDeviceMac(ctx.db, { ...ctx.actor, subscriptionId: input.subscriptionId, mac: input.mac || undefined }),
});
