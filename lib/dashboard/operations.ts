import { z } from 'zod';
import type { Permission } from '@/lib/auth/permissions';
import { type Ctx, ctxCan, defineOperation } from '@/lib/server/operation';
import { seesOnlyOwnWorkOrders } from '@/lib/workorders/spk';
import { cachedDashboard } from './cache';
import { fieldDashboard, peopleDashboard, workOrdersDashboard } from './field';
import { financeDashboard } from './finance';
import { nocDashboard } from './noc';
import { salesDashboard } from './sales';
import { dashboardSummary } from './summary';
import { warehouseDashboard } from './warehouse';

/** Each section cached briefly per organization and role (lib/dashboard/cache.ts). */
function section<T>(name: string, permission: Permission, load: (ctx: Ctx) => Promise<T>) {
  return defineOperation({
    name: `dashboard.${name}`,
    permission,
    input: z.object({}),
    run: (ctx) => cachedDashboard(`${name}:${ctx.orgId}:${ctx.role}`, () => load(ctx)),
  });
}

// Not cached: the activity feed, job counts and failing passes are what the member just did or
// just fixed, and they are cheap (a few indexed counts).
export const dashboardOp = defineOperation({
  name: 'dashboard.get',
  permission: 'dashboard.view',
  input: z.object({}),
  run: (ctx) => dashboardSummary(ctx.db, { orgId: ctx.orgId, may: (p) => ctxCan(ctx, p) }),
});

/** Money: MRR, billed and collected, collection rate, aging, movement, revenue mix, vouchers. */
export const dashboardFinanceOp = section('finance', 'billing.view', (ctx) =>
  financeDashboard(ctx.db, { orgId: ctx.orgId }),
);

/** Routers, who is online against who should be, failed jobs. */
export const dashboardNetworkOp = section('network', 'routers.view', (ctx) =>
  nocDashboard(ctx.db, { orgId: ctx.orgId }),
);

// Organization-wide lead figures are for those who manage customers (sales, admins); a
// reseller, who may see leads, sees only their own in the portal.
export const dashboardSalesOp = section('sales', 'customers.manage', (ctx) =>
  salesDashboard(ctx.db, { orgId: ctx.orgId }),
);

/** ODPs and ports for the field roles. */
export const dashboardFieldOp = section('field', 'odps.view', (ctx) => fieldDashboard(ctx.db, { orgId: ctx.orgId }));

/** Members by role for HR. */
export const dashboardPeopleOp = section('people', 'users.view', (ctx) =>
  peopleDashboard(ctx.db, { orgId: ctx.orgId }),
);

/**
 * Work orders today, upcoming and done this week; a technician's are their own, so their
 * figures are cached per member rather than per role.
 */
export const dashboardWorkOrdersOp = defineOperation({
  name: 'dashboard.workOrders',
  permission: 'workorders.view',
  input: z.object({}),
  run: (ctx) => {
    const own = seesOnlyOwnWorkOrders(ctx.role);
    const key = `workOrders:${ctx.orgId}:${own ? `user:${ctx.userId}` : ctx.role}`;
    return cachedDashboard(key, () =>
      workOrdersDashboard(ctx.db, {
        orgId: ctx.orgId,
        onlyUserId: own ? ctx.userId : null,
        // The warehouse prepares equipment: its list is today's installations.
        listType: ctx.role === 'warehouse' ? 'installation' : undefined,
      }),
    );
  },
});

/** Stock value, low stock, units in bags, counts to approve, purchase orders expected. */
export const dashboardWarehouseOp = section('warehouse', 'inventory.view', (ctx) =>
  warehouseDashboard(ctx.db, { orgId: ctx.orgId }),
);
