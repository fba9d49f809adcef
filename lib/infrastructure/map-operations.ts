import { z } from 'zod';
import { type Ctx, ctxCan, defineOperation } from '@/lib/server/operation';
import { mapWorkOrders, technicianPositions } from '@/lib/workorders/map';
import { seesOnlyOwnWorkOrders } from '@/lib/workorders/spk';
import { latitudeSchema, longitudeSchema } from './coordinates';
import { coverageAt } from './coverage';
import { EXPORT_FORMATS, exportNetwork } from './geo-io';
import { geoImportSchema, importGeoFile, previewGeoImport } from './geo-io-import';
import { mapFeatures, mapFeaturesSchema } from './map';
import { infraCenter } from './map-extent';
import { mapSearchSchema, searchMap } from './map-search';

/** Infrastructure is odps.view; customers on the map also need customers.view (warehouse has not). */
const seesCustomers = (ctx: Ctx) => ctxCan(ctx, 'customers.view');

/** Where the map opens: the middle of the organization's infrastructure (null: none yet). */
export const mapCenterOp = defineOperation({
  name: 'map.center',
  permission: 'odps.view',
  input: z.object({}),
  run: (ctx) => infraCenter(ctx.db, { orgId: ctx.orgId }),
});

export const mapFeaturesOp = defineOperation({
  name: 'map.features',
  permission: 'odps.view',
  input: mapFeaturesSchema,
  run: (ctx, input) => mapFeatures(ctx.db, { orgId: ctx.orgId, ...input, includeCustomers: seesCustomers(ctx) }),
});

export const mapSearchOp = defineOperation({
  name: 'map.search',
  permission: 'odps.view',
  input: mapSearchSchema,
  run: async (ctx, input) => ({
    items: await searchMap(ctx.db, { orgId: ctx.orgId, q: input.q, includeCustomers: seesCustomers(ctx) }),
  }),
});

export const mapCoverageOp = defineOperation({
  name: 'map.coverage',
  permission: 'odps.view',
  input: z.object({ lat: latitudeSchema, lng: longitudeSchema }),
  run: (ctx, input) => coverageAt(ctx.db, { orgId: ctx.orgId, point: { latitude: input.lat, longitude: input.lng } }),
});

export const exportNetworkOp = defineOperation({
  name: 'network.export',
  permission: 'odps.view',
  input: z.object({ format: z.enum(EXPORT_FORMATS, 'validation.exportFormat') }),
  run: (ctx, input) => exportNetwork(ctx.db, { orgId: ctx.orgId, format: input.format }),
});

export const previewNetworkImportOp = defineOperation({
  name: 'network.importPreview',
  permission: 'odps.manage',
  input: geoImportSchema,
  run: (ctx, input) => previewGeoImport(ctx.db, { orgId: ctx.orgId, locale: ctx.locale, ...input }),
});

export const importNetworkOp = defineOperation({
  name: 'network.import',
  permission: 'odps.manage',
  input: geoImportSchema,
  run: (ctx, input) => importGeoFile(ctx.db, { ...ctx.actor, locale: ctx.locale, ...input }),
});

/**
 * Work-order pins (today's and upcoming) for whoever sees work orders: a technician only their
 * own. Those who dispatch (workorders.manage) also get each technician's last reported position.
 */
export const mapWorkOrdersOp = defineOperation({
  name: 'map.workOrders',
  permission: 'workorders.view',
  input: z.object({}),
  run: async (ctx) => {
    const [workOrders, technicians] = await Promise.all([
      mapWorkOrders(ctx.db, { orgId: ctx.orgId, onlyUserId: seesOnlyOwnWorkOrders(ctx.role) ? ctx.userId : null }),
      ctxCan(ctx, 'workorders.manage') ? technicianPositions(ctx.db, { orgId: ctx.orgId }) : null,
    ]);
    return { ...workOrders, technicians };
  },
});
