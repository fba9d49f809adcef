import type { z } from 'zod';
import * as account from './account/operations';
import * as apiKeys from './api/key-operations';
import * as audit from './audit/operations';
import * as backups from './backups/operations';
import * as billing from './billing/operations';
import * as bulk from './bulk/operations';
import * as customers from './customers/operations';
import * as dashboard from './dashboard/operations';
import * as exports from './exports/operations';
import * as acs from './fibre/acs/operations';
import * as fibreActivation from './fibre/activation/operations';
import * as oltCli from './fibre/olt/operations';
import * as fibreRecords from './fibre/record-operations';
import * as signal from './fibre/signal/operations';
import * as inbox from './inbox/operations';
import * as infrastructureMap from './infrastructure/map-operations';
import * as infrastructure from './infrastructure/operations';
import * as inventoryCatalogue from './inventory/catalogue-operations';
import * as inventoryCounts from './inventory/count-operations';
import * as inventoryField from './inventory/field-operations';
import * as inventoryMoves from './inventory/move-operations';
import * as inventoryPurchases from './inventory/purchase-operations';
import * as inventoryReports from './inventory/report-operations';
import * as jobs from './jobs/operations';
import * as messaging from './messaging/operations';
import * as routerConfig from './network/config-backups/operations';
import * as network from './network/operations';
import * as orgTransfer from './org-transfer/operations';
import * as organizations from './organizations/operations';
import * as outages from './outages/operations';
import * as payments from './payments/operations';
import * as plans from './plans/operations';
import * as plugins from './plugins/operations';
import * as portalBilling from './portal/billing-operations';
import * as portalModem from './portal/modem-operations';
import type { PortalOperation } from './portal/operation';
import * as portalCoreOps from './portal/operations';
import * as portalSettings from './portal/settings-operations';
import * as portalSupport from './portal/support-operations';
import * as requests from './requests/operations';
import * as requestsPortal from './requests/portal-operations';
import * as resellers from './resellers/operations';
import * as search from './search/operations';
import type { Operation } from './server/operation';
import * as tickets from './tickets/operations';
import * as usagePortal from './usage/portal-operations';
import * as users from './users/operations';
import * as vouchers from './vouchers/operations';
import * as wallet from './wallet/operations';
import * as webhooks from './webhooks/operations';
import * as workorders from './workorders/operations';
import * as workOrderSpk from './workorders/spk-operations';

/** Every operation a signed-in member can run, by name: the tenant and permission tests walk this list. */
// biome-ignore lint/suspicious/noExplicitAny: a heterogeneous list of operations
export const OPERATIONS: Record<string, Operation<any, unknown>> = Object.fromEntries(
  [
    account,
    audit,
    billing,
    bulk,
    customers,
    dashboard,
    exports,
    infrastructure,
    infrastructureMap,
    inventoryField,
    inventoryMoves,
    inventoryCounts,
    inventoryReports,
    inventoryCatalogue,
    inventoryPurchases,
    jobs,
    messaging,
    network,
    organizations,
    outages,
    payments,
    plans,
    resellers,
    search,
    tickets,
    users,
    vouchers,
    wallet,
    workorders,
    workOrderSpk,
    fibreRecords,
    oltCli,
    acs,
    signal,
    fibreActivation,
    inbox,
    portalSettings,
    requests,
    webhooks,
    apiKeys,
    plugins,
    routerConfig,
    backups,
    orgTransfer,
  ]
    .flatMap((mod) => Object.values(mod))
    .map((op) => [op.name, op]),
);

/**
 * Every operation a signed-in portal customer can run, by name: the tenant test walks this
 * list with one organization's customer against another's records. Each portal module adds
 * its `portal-operations.ts` here.
 */
const PORTAL_MODULES: Record<string, unknown>[] = [
  portalCoreOps,
  portalBilling,
  portalSupport,
  portalModem,
  requestsPortal,
  usagePortal,
];
// biome-ignore lint/suspicious/noExplicitAny: a heterogeneous list of operations
export const PORTAL_OPERATIONS: Record<string, PortalOperation<any, unknown>> = Object.fromEntries(
  PORTAL_MODULES.flatMap((mod) => Object.values(mod) as PortalOperation<z.ZodType, unknown>[]).map((op) => [
    op.name,
    op,
  ]),
);
