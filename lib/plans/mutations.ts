import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { plans } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { renamePlanGroup, writePlanGroups } from '@/lib/network/radius/provision';
import { AppError } from '@/lib/server/errors';
import type { Actor } from '@/lib/server/operation';
import type { PlanInput } from './schemas';

function toColumns(input: PlanInput) {
  return {
    name: input.name,
    downloadKbps: Math.round(input.downloadMbps * 1024),
    uploadKbps: Math.round(input.uploadMbps * 1024),
    burst: input.burst,
    priceRupiah: input.priceRupiah,
    taxable: input.taxable,
    serviceType: input.serviceType,
    billingType: input.billingType,
    routerProfile: input.routerProfile,
    radiusGroup: input.radiusGroup,
    framedPool: input.framedPool,
    sessionTimeoutMinutes: input.sessionTimeoutMinutes,
  };
}

/** `isolir@<slug>` is the isolation group: a plan's RADIUS group may not take that name. */
function assertGroupAllowed(input: PlanInput) {
  if ((input.radiusGroup?.trim() || input.name.trim()).toLowerCase() === 'isolir')
    throw new AppError('plan_group_reserved');
}

async function assertNameFree(db: Db, orgId: string, name: string, exceptId?: string) {
  const [clash] = await db
    .select({ id: plans.id })
    .from(plans)
    .where(and(eq(plans.organizationId, orgId), sql`lower(${plans.name}) = lower(${name})`));
  if (clash && clash.id !== exceptId) throw new AppError('plan_name_taken');
}

export async function createPlan(db: Db, p: Actor & { input: PlanInput }) {
  return db.transaction(async (tx) => {
    assertGroupAllowed(p.input);
    await assertNameFree(tx, p.orgId, p.input.name);
    const [plan] = await tx
      .insert(plans)
      .values({ organizationId: p.orgId, ...toColumns(p.input) })
      .returning();
    // The plan's RADIUS group is ready before any customer is put on it.
    await writePlanGroups(tx, { orgId: p.orgId, planIds: [plan!.id] });
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      action: 'plan.created',
      entityType: 'plan',
      entityId: plan!.id,
      data: { name: plan!.name, price: plan!.priceRupiah },
    });
    return plan!;
  });
}

export async function updatePlan(db: Db, p: Actor & { planId: string; input: PlanInput }) {
  return db.transaction(async (tx) => {
    assertGroupAllowed(p.input);
    await assertNameFree(tx, p.orgId, p.input.name, p.planId);
    const [before] = await tx
      .select()
      .from(plans)
      .where(and(eq(plans.id, p.planId), eq(plans.organizationId, p.orgId)));
    const [plan] = await tx
      .update(plans)
      .set({ ...toColumns(p.input), updatedAt: sql`now()` })
      .where(and(eq(plans.id, p.planId), eq(plans.organizationId, p.orgId)))
      .returning();
    if (!plan) throw new AppError('not_found');
    // RADIUS: new speeds apply at the next login (or a CoA); a renamed group keeps its members.
    await renamePlanGroup(tx, { orgId: p.orgId, before: before!, after: plan });
    await writePlanGroups(tx, { orgId: p.orgId, planIds: [plan.id] });
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      action: 'plan.updated',
      entityType: 'plan',
      entityId: plan.id,
      data: toColumns(p.input),
    });
    return plan;
  });
}

/** Plans are never deleted (subscriptions and invoices point at them); they are retired. */
export async function setPlanActive(db: Db, p: Actor & { planId: string; active: boolean }) {
  return db.transaction(async (tx) => {
    const [plan] = await tx
      .update(plans)
      .set({ active: p.active, updatedAt: sql`now()` })
      .where(and(eq(plans.id, p.planId), eq(plans.organizationId, p.orgId)))
      .returning();
    if (!plan) throw new AppError('not_found');
    await recordAudit(tx, {
      orgId: p.orgId,
      actorUserId: p.actorUserId,
      ip: p.ip,
      action: p.active ? 'plan.reactivated' : 'plan.retired',
      entityType: 'plan',
      entityId: plan.id,
    });
    return plan;
  });
}
