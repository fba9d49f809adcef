import * as account from './account/operations';
import * as audit from './audit/operations';
import * as billing from './billing/operations';
import * as bulk from './bulk/operations';
import * as customers from './customers/operations';
import * as dashboard from './dashboard/operations';
import * as exports from './exports/operations';
import * as infrastructureMap from './infrastructure/map-operations';
import * as infrastructure from './infrastructure/operations';
import * as jobs from './jobs/operations';
import * as messaging from './messaging/operations';
import * as network from './network/operations';
import * as organizations from './organizations/operations';
import * as outages from './outages/operations';
import * as payments from './payments/operations';
import * as plans from './plans/operations';
import * as resellers from './resellers/operations';
import * as search from './search/operations';
import type { Operation } from './server/operation';
import * as tickets from './tickets/operations';
import * as users from './users/operations';
import * as vouchers from './vouchers/operations';
import * as wallet from './wallet/operations';
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
  ]
    .flatMap((mod) => Object.values(mod))
    .map((op) => [op.name, op]),
);
