/**
 * The one role -> permission map. Every page, server action, route handler and job checks
 * against it; the roles page renders it read-only.
 */
export const ROLES = [
  'super_admin',
  'admin',
  'finance',
  'noc',
  'sales',
  'warehouse',
  'technician',
  'hr',
  'operator',
  'reseller',
] as const;
export type Role = (typeof ROLES)[number];

/** Roles an organization admin may give; super admin is a platform flag on the user. */
export const ASSIGNABLE_ROLES = ROLES.filter((r): r is Exclude<Role, 'super_admin'> => r !== 'super_admin');
export type AssignableRole = (typeof ASSIGNABLE_ROLES)[number];

const STAFF: readonly Role[] = ROLES.filter((r) => r !== 'reseller');

export const PERMISSIONS = {
  'dashboard.view': ROLES,
  'roles.view': STAFF,
  'organization.settings': ['super_admin', 'admin'],
  // Taking the whole organization's data away (one ZIP): the organization's admins. Importing
  // one on this install makes a new organization, a platform act (platform.organizations).
  'organization.export': ['super_admin', 'admin'],
  'users.view': ['super_admin', 'admin', 'hr'],
  'users.manage': ['super_admin', 'admin'],
  'audit.view': ['super_admin', 'admin'],
  'jobs.view': ['super_admin', 'admin', 'noc', 'finance', 'operator'],
  'jobs.run': ['super_admin', 'admin', 'noc'],
  'jobs.retry': ['super_admin', 'admin', 'noc'],
  'plans.view': ['super_admin', 'admin', 'finance', 'noc', 'sales', 'operator', 'reseller'],
  'plans.manage': ['super_admin', 'admin'],
  'odps.view': ['super_admin', 'admin', 'noc', 'sales', 'technician', 'warehouse'],
  'odps.manage': ['super_admin', 'admin', 'noc'],
  'leads.view': ['super_admin', 'admin', 'sales', 'reseller'],
  'leads.create': ['super_admin', 'admin', 'sales', 'reseller'],
  'leads.verify': ['super_admin', 'admin'],
  // A reseller sees and edits only the customers attributed to them (lib/customers).
  'customers.view': ['super_admin', 'admin', 'finance', 'noc', 'sales', 'technician', 'operator', 'reseller'],
  'customers.manage': ['super_admin', 'admin', 'sales'],
  'customers.import': ['super_admin', 'admin'],
  'subscriptions.transition': ['super_admin', 'admin', 'noc'],
  'routers.view': ['super_admin', 'admin', 'noc', 'technician'],
  'routers.manage': ['super_admin', 'admin', 'noc'],
  'routers.sync': ['super_admin', 'admin', 'noc'],
  // Bringing a router's existing PPP secrets / hotspot users in as customers is NOC work.
  'routers.import': ['super_admin', 'admin', 'noc'],
  'sessions.view': ['super_admin', 'admin', 'noc', 'technician'],
  'sessions.kick': ['super_admin', 'admin', 'noc'],
  'billing.view': ['super_admin', 'admin', 'finance', 'operator'],
  'billing.run': ['super_admin', 'admin', 'finance'],
  'billing.settings': ['super_admin', 'admin'],
  'payments.record': ['super_admin', 'admin', 'finance', 'operator'],
  'payments.approve': ['super_admin', 'admin', 'finance'],
  'payments.refund': ['super_admin', 'admin', 'finance'],
  'payments.gateways': ['super_admin', 'admin'],
  'messaging.view': ['super_admin', 'admin', 'noc', 'sales', 'finance', 'operator'],
  'messaging.manage': ['super_admin', 'admin'],
  'messaging.broadcast': ['super_admin', 'admin', 'noc', 'sales'],
  'reports.view': ['super_admin', 'admin', 'finance'],
  // Hotspot vouchers: NOC runs the hotspot and makes batches; counter staff and finance
  // see, print and report them. Resellers will get their own (their batches only).
  'vouchers.view': ['super_admin', 'admin', 'noc', 'finance', 'operator'],
  'vouchers.manage': ['super_admin', 'admin', 'noc'],
  // A reseller's own wallet (balance, top-ups, buying vouchers); finance approves top-ups
  // and makes adjustments. Staff never spend from a wallet, so view is the reseller's alone.
  'wallet.view': ['super_admin', 'reseller'],
  'wallet.manage': ['super_admin', 'admin', 'finance'],
  // The reseller portal: a reseller's own customers, invoices and commissions (lib/resellers).
  // Staff see resellers and their commissions; only admins set a reseller's commission rate.
  // (A super admin holds every permission; in the portal they see an empty reseller view.)
  'resellers.portal': ['super_admin', 'reseller'],
  'resellers.view': ['super_admin', 'admin', 'finance'],
  'resellers.manage': ['super_admin', 'admin'],
  // Helpdesk: NOC and CS (sales) work tickets; technicians see and note the ones they are on;
  // counter staff take complaints. SLA targets and working hours are an admin's setting.
  'tickets.view': ['super_admin', 'admin', 'noc', 'sales', 'technician', 'operator', 'finance'],
  'tickets.manage': ['super_admin', 'admin', 'noc', 'sales', 'operator', 'finance'],
  'tickets.settings': ['super_admin', 'admin'],
  // Work orders (SPK): the office creates, schedules and assigns; technicians do the visit
  // from the phone app (only on work orders they are assigned to, checked in lib/workorders).
  'workorders.view': ['super_admin', 'admin', 'noc', 'sales', 'technician', 'warehouse'],
  'workorders.manage': ['super_admin', 'admin', 'noc', 'sales'],
  'workorders.field': ['super_admin', 'admin', 'noc', 'technician'],
  'workorders.settings': ['super_admin', 'admin'],
  // Outages: NOC marks and confirms them; crediting downtime on invoices is money (finance).
  // Finance reads outages to credit their downtime (outages.credit).
  'outages.view': ['super_admin', 'admin', 'noc', 'sales', 'operator', 'technician', 'finance'],
  'outages.manage': ['super_admin', 'admin', 'noc'],
  'outages.credit': ['super_admin', 'admin', 'finance'],
  // Inventory: the warehouse keeps the catalogue, receives, moves and counts stock; technicians
  // see stock (their bag above all) and move it only through a work order (workorders.field);
  // finance reads the valuation. An opname's adjustment is posted only by an admin's approval.
  'inventory.view': ['super_admin', 'admin', 'warehouse', 'noc', 'technician', 'finance'],
  'inventory.manage': ['super_admin', 'admin', 'warehouse'],
  'inventory.move': ['super_admin', 'admin', 'warehouse'],
  'inventory.count': ['super_admin', 'admin', 'warehouse'],
  'inventory.approve': ['super_admin', 'admin'],
  // Fibre: NOC keeps the OLTs and registers, reboots and removes ONUs; technicians read OLTs,
  // ONUs and signal levels (and activate an installation through their work order). Modems
  // over TR-069: CS (sales) and NOC read them and change WiFi / PPPoE / reboot; a factory
  // reset wipes the customer's settings and is NOC's alone. The GenieACS connection is an
  // admin's setting (organization.settings).
  'olts.view': ['super_admin', 'admin', 'noc', 'technician'],
  'olts.manage': ['super_admin', 'admin', 'noc'],
  'onus.provision': ['super_admin', 'admin', 'noc'],
  'devices.view': ['super_admin', 'admin', 'noc', 'sales', 'technician'],
  'devices.manage': ['super_admin', 'admin', 'noc', 'sales'],
  'devices.reset': ['super_admin', 'admin', 'noc'],
  // The customer's channel: CS (sales), NOC and the counter answer WhatsApp conversations the
  // assistant could not; admins keep the quick replies and the assistant's settings. Requests
  // from the portal (plan change, pause, move, stop) are CS's to decide, with NOC and admins.
  'inbox.view': ['super_admin', 'admin', 'noc', 'sales', 'operator'],
  'inbox.reply': ['super_admin', 'admin', 'noc', 'sales', 'operator'],
  'inbox.manage': ['super_admin', 'admin'],
  'requests.view': ['super_admin', 'admin', 'noc', 'sales', 'finance', 'operator'],
  'requests.decide': ['super_admin', 'admin', 'noc', 'sales'],
  // Connecting other systems: API keys, outgoing webhooks and plugins are an admin's to set up.
  'api.manage': ['super_admin', 'admin'],
  'webhooks.manage': ['super_admin', 'admin'],
  'plugins.manage': ['super_admin', 'admin'],
  'platform.organizations': ['super_admin'],
  // Platform backups (the whole database and files): the platform owner's alone.
  'platform.backups': ['super_admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;
export const PERMISSION_NAMES = Object.keys(PERMISSIONS) as Permission[];

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
