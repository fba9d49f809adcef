import {
  Activity,
  BadgePercent,
  Banknote,
  BarChart3,
  Boxes,
  Building2,
  ClipboardCheck,
  ClipboardList,
  Contact,
  CreditCard,
  DatabaseBackup,
  FileBarChart,
  FileQuestion,
  HandCoins,
  Handshake,
  Headset,
  Inbox,
  LayoutDashboard,
  ListChecks,
  Map as MapIcon,
  MapPin,
  MessageCircle,
  Network,
  Package,
  PackageSearch,
  Puzzle,
  RadioTower,
  Receipt,
  Router,
  ScanLine,
  Settings,
  ShieldCheck,
  ShoppingCart,
  Smartphone,
  Ticket,
  Truck,
  UserCog,
  UserPlus,
  Users,
  Wallet,
  Warehouse,
  Wrench,
} from 'lucide-react';
import { can, type Permission, type Role } from '@/lib/auth/permissions';

export const NAV_ICONS = {
  dashboard: LayoutDashboard,
  customers: Contact,
  billing: Receipt,
  payments: CreditCard,
  receivedPayments: Banknote,
  reports: BarChart3,
  whatsapp: MessageCircle,
  leads: UserPlus,
  tickets: Headset,
  inbox: Inbox,
  requests: FileQuestion,
  plans: Package,
  vouchers: Ticket,
  resellerVouchers: Ticket,
  map: MapIcon,
  outages: RadioTower,
  network: MapPin,
  routers: Router,
  olts: Network,
  sessions: Activity,
  users: Users,
  jobs: ListChecks,
  audit: ClipboardList,
  roles: ShieldCheck,
  settings: Settings,
  organizations: Building2,
  platformUsers: UserCog,
  wallet: Wallet,
  walletTopups: HandCoins,
  resellerPortal: BadgePercent,
  resellers: Handshake,
  workOrders: Wrench,
  fieldApp: Smartphone,
  inventoryStock: Boxes,
  inventoryTransfer: ScanLine,
  inventoryUnits: PackageSearch,
  inventoryItems: Package,
  inventoryPurchases: ShoppingCart,
  inventoryLocations: Warehouse,
  inventorySuppliers: Truck,
  inventoryCounts: ClipboardCheck,
  inventoryReports: FileBarChart,
  plugins: Puzzle,
  backups: DatabaseBackup,
};

/** The menu's sections, in order; an item without a group (the dashboard) heads the menu. */
export const NAV_GROUPS = ['customers', 'finance', 'network', 'inventory', 'settings', 'platform'] as const;
export type NavGroup = (typeof NAV_GROUPS)[number];

export type NavItem = { href: string; key: keyof typeof NAV_ICONS; group?: NavGroup };

type NavEntry = NavItem & { permission: Permission; resellerOnly?: boolean };

/** Every page in the menu, by group (NAV_GROUPS orders the groups). */
const NAV: NavEntry[] = [
  { href: '/', key: 'dashboard', permission: 'dashboard.view' },
  { href: '/customers', key: 'customers', group: 'customers', permission: 'customers.view' },
  { href: '/leads', key: 'leads', group: 'customers', permission: 'leads.view' },
  { href: '/tickets', key: 'tickets', group: 'customers', permission: 'tickets.view' },
  { href: '/inbox', key: 'inbox', group: 'customers', permission: 'inbox.view' },
  { href: '/requests', key: 'requests', group: 'customers', permission: 'requests.view' },
  { href: '/plans', key: 'plans', group: 'customers', permission: 'plans.view' },
  { href: '/whatsapp', key: 'whatsapp', group: 'customers', permission: 'messaging.view' },
  { href: '/reseller', key: 'resellerPortal', group: 'finance', permission: 'resellers.portal', resellerOnly: true },
  { href: '/wallet', key: 'wallet', group: 'finance', permission: 'wallet.view', resellerOnly: true },
  {
    href: '/wallet/vouchers',
    key: 'resellerVouchers',
    group: 'finance',
    permission: 'wallet.view',
    resellerOnly: true,
  },
  { href: '/billing', key: 'billing', group: 'finance', permission: 'billing.view' },
  { href: '/billing/payments', key: 'receivedPayments', group: 'finance', permission: 'billing.view' },
  { href: '/payments', key: 'payments', group: 'finance', permission: 'billing.view' },
  { href: '/vouchers', key: 'vouchers', group: 'finance', permission: 'vouchers.view' },
  { href: '/resellers', key: 'resellers', group: 'finance', permission: 'resellers.view' },
  { href: '/resellers/topups', key: 'walletTopups', group: 'finance', permission: 'wallet.manage' },
  { href: '/reports', key: 'reports', group: 'finance', permission: 'reports.view' },
  { href: '/work-orders', key: 'workOrders', group: 'network', permission: 'workorders.view' },
  { href: '/tech', key: 'fieldApp', group: 'network', permission: 'workorders.field' },
  { href: '/map', key: 'map', group: 'network', permission: 'odps.view' },
  { href: '/network', key: 'network', group: 'network', permission: 'odps.view' },
  { href: '/outages', key: 'outages', group: 'network', permission: 'outages.view' },
  { href: '/routers', key: 'routers', group: 'network', permission: 'routers.view' },
  { href: '/olts', key: 'olts', group: 'network', permission: 'olts.view' },
  { href: '/sessions', key: 'sessions', group: 'network', permission: 'sessions.view' },
  { href: '/inventory', key: 'inventoryStock', group: 'inventory', permission: 'inventory.view' },
  { href: '/inventory/transfer', key: 'inventoryTransfer', group: 'inventory', permission: 'inventory.move' },
  { href: '/inventory/units', key: 'inventoryUnits', group: 'inventory', permission: 'inventory.view' },
  { href: '/inventory/items', key: 'inventoryItems', group: 'inventory', permission: 'inventory.view' },
  {
    href: '/inventory/purchase-orders',
    key: 'inventoryPurchases',
    group: 'inventory',
    permission: 'inventory.manage',
  },
  { href: '/inventory/locations', key: 'inventoryLocations', group: 'inventory', permission: 'inventory.view' },
  { href: '/inventory/suppliers', key: 'inventorySuppliers', group: 'inventory', permission: 'inventory.manage' },
  { href: '/inventory/counts', key: 'inventoryCounts', group: 'inventory', permission: 'inventory.count' },
  { href: '/inventory/reports', key: 'inventoryReports', group: 'inventory', permission: 'inventory.view' },
  { href: '/settings', key: 'settings', group: 'settings', permission: 'organization.settings' },
  { href: '/settings/roles', key: 'roles', group: 'settings', permission: 'roles.view' },
  { href: '/users', key: 'users', group: 'settings', permission: 'users.view' },
  { href: '/jobs', key: 'jobs', group: 'settings', permission: 'jobs.view' },
  { href: '/audit', key: 'audit', group: 'settings', permission: 'audit.view' },
  { href: '/plugins', key: 'plugins', group: 'settings', permission: 'plugins.manage' },
  { href: '/admin/organizations', key: 'organizations', group: 'platform', permission: 'platform.organizations' },
  { href: '/admin/users', key: 'platformUsers', group: 'platform', permission: 'platform.organizations' },
  { href: '/admin/backups', key: 'backups', group: 'platform', permission: 'platform.backups' },
];

/**
 * The phone bottom bar: each role's three most used pages, then "Menu". A reseller buys
 * vouchers on the wallet page ("Dompet"); their "Voucher" opens the codes they hold, to copy or share one.
 */
const BOTTOM: Record<Role, (NavItem & { permission: Permission })[]> = (() => {
  const nav = (href: string) => NAV.find((n) => n.href === href)!;
  const home = nav('/');
  const desk = [home, nav('/customers'), nav('/billing')];
  return {
    super_admin: desk,
    admin: desk,
    operator: desk,
    finance: [home, nav('/billing'), nav('/payments')],
    noc: [home, nav('/routers'), nav('/map')],
    sales: [home, nav('/leads'), nav('/customers')],
    // The technician's day is in their app (/tech): one tap from the bar.
    technician: [home, nav('/tech'), nav('/map')],
    // The warehouse scans stock in and out all day.
    warehouse: [home, nav('/inventory/transfer'), nav('/inventory')],
    hr: [home, nav('/users'), nav('/settings/roles')],
    reseller: [nav('/reseller'), nav('/wallet'), nav('/wallet/vouchers')],
  };
})();

/**
 * What a role's navigation holds: the menu (sidebar and phone sheet) and the phone bottom bar.
 * A reseller's own pages (portal, wallet) mean nothing to staff, super admin included.
 */
export function navigationFor(role: Role): { items: NavItem[]; bottom: NavItem[] } {
  const items = NAV.filter((n) => can(role, n.permission) && (!n.resellerOnly || role === 'reseller')).map(
    ({ href, key, group }) => ({ href, key, group }),
  );
  const bottom = BOTTOM[role].filter((n) => can(role, n.permission)).map(({ href, key }) => ({ href, key }));
  return { items, bottom };
}
