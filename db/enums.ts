/**
 * The fixed values of text columns and the shapes of jsonb columns: the vocabulary the schema
 * stores. Pure (no imports), so db/schema, lib and client components all read it from here;
 * each domain's constants file re-exports its own part.
 */

// ---- Customers, leads and subscriptions -------------------------------------

export const SUBSCRIPTION_STATUSES = ['pending', 'active', 'isolated', 'suspended', 'terminated'] as const;
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number];

export const LEAD_STATUSES = ['new', 'converted', 'rejected'] as const;
export type LeadStatus = (typeof LEAD_STATUSES)[number];

export const SERVICE_TYPES = ['pppoe', 'hotspot', 'static'] as const;
export type ServiceType = (typeof SERVICE_TYPES)[number];

export const BILLING_TYPES = ['prepaid', 'postpaid'] as const;
export type BillingType = (typeof BILLING_TYPES)[number];

// ---- Routers and sessions ---------------------------------------------------

/** How a router enforces customers: PPP secrets / hotspot users over the API, or RADIUS. */
export const ROUTER_MODES = ['api', 'radius'] as const;
export type RouterMode = (typeof ROUTER_MODES)[number];

export const ROUTER_STATUSES = ['unknown', 'online', 'offline'] as const;
export type RouterStatus = (typeof ROUTER_STATUSES)[number];

export const SESSION_KINDS = ['pppoe', 'hotspot'] as const;
export type SessionKind = (typeof SESSION_KINDS)[number];

/** What "Test connection" and the status monitor read off a router. */
export type RouterSnapshot = {
  identity: string;
  version: string;
  board: string;
  architecture?: string;
  uptime: string;
  cpuLoad: number;
  freeMemory: number;
  totalMemory: number;
  pppActive: number;
  hotspotActive: number;
  interfaces: {
    name: string;
    type: string;
    running: boolean;
    rxByte: number;
    txByte: number;
    rxBps?: number;
    txBps?: number;
  }[];
  checkedAt: string;
};

// ---- Infrastructure (ODPs, sites, cables) -----------------------------------

/** Infrastructure on the map besides ODPs: points of presence, OLTs, ODC cabinets and poles. */
export const SITE_KINDS = ['pop', 'olt', 'odc', 'pole'] as const;
export type SiteKind = (typeof SITE_KINDS)[number];

export const CABLE_TYPES = ['feeder', 'distribution', 'drop', 'backbone'] as const;
export type CableType = (typeof CABLE_TYPES)[number];

export const SPLITTER_RATIOS = ['1:2', '1:4', '1:8', '1:16', '1:32'] as const;
export type SplitterRatio = (typeof SPLITTER_RATIOS)[number];

/** A cable's route as Leaflet draws it: [latitude, longitude] pairs, at least two. */
export type CablePath = [number, number][];

// ---- Resellers --------------------------------------------------------------

/**
 * credited: in the reseller's wallet. reversed: taken back after a refund reopened the
 * invoice. reversal_pending: taken back, but the wallet could not cover it yet (the wallet
 * never goes negative); settled from the next commission or top-up.
 */
export const COMMISSION_STATUSES = ['credited', 'reversed', 'reversal_pending'] as const;
export type CommissionStatus = (typeof COMMISSION_STATUSES)[number];

// ---- Vouchers ---------------------------------------------------------------

/**
 * Code alphabets. Look-alikes are left out wherever letters and digits could be confused:
 * 0/O/o and 1/l/I. A digits-only code keeps 0 and 1 (with no letters on the card there is
 * nothing to mistake them for). 5/S, 2/Z and 8/B stay: they are distinct in the card font,
 * and dropping them would shorten every code's entropy for little gain.
 */
export const VOUCHER_CHARSETS = ['numeric', 'upper', 'lower', 'upper_numeric', 'lower_numeric', 'mixed'] as const;
export type VoucherCharset = (typeof VOUCHER_CHARSETS)[number];

/** `same`: the code is both username and password; `separate`: a second random password. */
export const PASSWORD_MODES = ['same', 'separate'] as const;
export type PasswordMode = (typeof PASSWORD_MODES)[number];

/** Where a batch's vouchers live: hotspot users on one router (API), or RADIUS rows. */
export const VOUCHER_DELIVERIES = ['router', 'radius'] as const;
export type VoucherDelivery = (typeof VOUCHER_DELIVERIES)[number];

/** queued -> delivering -> delivered, or partial when some entries were refused. */
export const BATCH_STATUSES = ['queued', 'delivering', 'delivered', 'partial'] as const;
export type BatchStatus = (typeof BATCH_STATUSES)[number];

/**
 * unused: never logged in; active: first login seen, validity running; used: time or data
 * quota spent; expired: validity over; disabled: withdrawn by the operator.
 */
export const VOUCHER_STATUSES = ['unused', 'active', 'used', 'expired', 'disabled'] as const;
export type VoucherStatus = (typeof VOUCHER_STATUSES)[number];

// ---- Reseller wallet --------------------------------------------------------

/** What moved a reseller's wallet. Credits: topup, commission, refund; debits: purchase; adjustment either way. */
export const WALLET_ENTRY_KINDS = ['topup', 'purchase', 'commission', 'adjustment', 'refund'] as const;
export type WalletEntryKind = (typeof WALLET_ENTRY_KINDS)[number];

/** How a top-up arrives: a transfer finance checks by hand, or a payment gateway. */
export const TOPUP_CHANNELS = ['manual', 'gateway'] as const;
export type TopupChannel = (typeof TOPUP_CHANNELS)[number];

export const TOPUP_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type TopupStatus = (typeof TOPUP_STATUSES)[number];

// ---- Jobs and periodic tasks ------------------------------------------------

export const JOB_STATES = ['queued', 'running', 'retrying', 'done', 'failed'] as const;
export type JobState = (typeof JOB_STATES)[number];

/**
 * The worker's periodic passes, each run per organization; their last outcome per
 * organization is kept in `organization_task_status` (labels: `taskStatus.tasks.<task>`).
 */
export const PERIODIC_TASKS = [
  'billing',
  'isolation',
  'invoice_messages',
  'reminders',
  'network',
  'router_sync',
  'vouchers',
  'payments',
  'support',
  'outages',
  'low_stock',
  'events',
  // Not a pass: outgoing webhooks, where an endpoint cut off after failing deliveries is told.
  'webhooks',
] as const;
export type PeriodicTask = (typeof PERIODIC_TASKS)[number];

/** Why a pass failed, as a code the screens translate (`taskStatus.errors.<code>`); never a stack. */
export const TASK_ERRORS = [
  'invoice_number_format',
  'database',
  'router',
  'gateway',
  'unexpected',
  'webhook_endpoint_disabled',
] as const;
export type TaskError = (typeof TASK_ERRORS)[number];

// ---- WhatsApp ---------------------------------------------------------------

export const TRANSPORTS = ['baileys', 'cloud_api', 'http_gateway'] as const;
export type TransportKind = (typeof TRANSPORTS)[number];

// ---- Payment gateways -------------------------------------------------------

export const GATEWAYS = ['midtrans', 'xendit', 'tripay', 'duitku'] as const;
export type GatewayName = (typeof GATEWAYS)[number];

export type GatewayMode = 'sandbox' | 'production';

/**
 * Our side's normalised view of a gateway transaction's state. `partially_refunded`: part of
 * the money went back (Midtrans partial refund/chargeback); it is held for finance to review.
 */
export type GatewayStatus = 'pending' | 'paid' | 'expired' | 'failed' | 'refunded' | 'partially_refunded';

/** What the customer needs to pay: a page to go to, or a number / QR to use. */
export type PaymentInstructions = {
  redirectUrl?: string;
  vaNumber?: string;
  bank?: string;
  qrString?: string;
  /** A QR picture the gateway hosts (GoPay has no QR string), for customers on a computer. */
  qrImageUrl?: string;
  /** Retail outlet payment code, Mandiri bill key. */
  payCode?: string;
  /** Mandiri bill's company code. */
  billerCode?: string;
  deeplinkUrl?: string;
};

// ---- Support (tickets) ------------------------------------------------------

export const TICKET_CATEGORIES = ['no_internet', 'slow', 'billing', 'relocation', 'other'] as const;
export type TicketCategory = (typeof TICKET_CATEGORIES)[number];

export const TICKET_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type TicketPriority = (typeof TICKET_PRIORITIES)[number];

/** open -> in_progress -> waiting (for the customer) -> resolved -> closed; reopen goes back to open. */
export const TICKET_STATUSES = ['open', 'in_progress', 'waiting', 'resolved', 'closed'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

/** Where a ticket came from: staff, the public form on the invoice page, the portal, WhatsApp, an outage. */
export const TICKET_SOURCES = ['staff', 'public_form', 'portal', 'whatsapp', 'outage'] as const;
export type TicketSource = (typeof TICKET_SOURCES)[number];

/** complaint: one customer's problem; incident: the one ticket an outage opens. */
export const TICKET_KINDS = ['complaint', 'incident'] as const;
export type TicketKind = (typeof TICKET_KINDS)[number];

/** note: staff only; reply: sent to the customer (WhatsApp); customer: the customer wrote; event: status/assignment sentence. */
export const TICKET_MESSAGE_KINDS = ['note', 'reply', 'customer', 'event'] as const;
export type TicketMessageKind = (typeof TICKET_MESSAGE_KINDS)[number];

/**
 * A team a ticket can be assigned to: the staff of one role that may work tickets
 * (tickets.manage). Technicians are not one: they work a ticket through its repair work order.
 */
export const TICKET_TEAMS = ['noc', 'sales', 'finance', 'operator'] as const;
export type TicketTeam = (typeof TICKET_TEAMS)[number];

/** The organization's working hours for SLA timers, in its time zone. days: 0 = Sunday … 6 = Saturday. */
export type WorkingHours = { days: number[]; start: string; end: string };

// ---- Work orders (SPK) ------------------------------------------------------

export const WORK_ORDER_TYPES = ['installation', 'repair', 'dismantle', 'relocation', 'survey'] as const;
export type WorkOrderType = (typeof WORK_ORDER_TYPES)[number];

/**
 * open: not scheduled yet; scheduled: date and window set; on_the_way: the technician left;
 * in_progress: checked in at the site; done: finished; cancelled.
 */
export const WORK_ORDER_STATUSES = ['open', 'scheduled', 'on_the_way', 'in_progress', 'done', 'cancelled'] as const;
export type WorkOrderStatus = (typeof WORK_ORDER_STATUSES)[number];

/** One checklist line as a work order keeps it (copied from the organization's template). */
export type ChecklistItem = { id: string; label: string; done: boolean; doneAt?: string | null };

/** What finishing an installation recorded. */
export type InstallationResult = {
  installedOn: string;
  odpId: string | null;
  odpPort: number | null;
  serialNumber: string;
  macAddress: string | null;
};

export const WORK_ORDER_EVENT_KINDS = [
  'created',
  'scheduled',
  'assigned',
  'on_the_way',
  'check_in',
  'check_out',
  'checklist',
  'photo',
  'signature',
  'note',
  'finished',
  'cancelled',
] as const;
export type WorkOrderEventKind = (typeof WORK_ORDER_EVENT_KINDS)[number];

// ---- Outages ----------------------------------------------------------------

/** What can be down: a router, an OLT/POP/ODC site, an ODP (or one of its ports), a cable. */
export const OUTAGE_ELEMENT_TYPES = ['router', 'olt', 'pop', 'odc', 'odp', 'odp_port', 'cable', 'pon_port'] as const;
export type OutageElementType = (typeof OUTAGE_ELEMENT_TYPES)[number];

/** proposed: detected, waiting for NOC to confirm; open: confirmed/marked down; resolved; dismissed (a false alarm). */
export const OUTAGE_STATUSES = ['proposed', 'open', 'resolved', 'dismissed'] as const;
export type OutageStatus = (typeof OUTAGE_STATUSES)[number];

export const OUTAGE_SOURCES = ['manual', 'detected'] as const;
export type OutageSource = (typeof OUTAGE_SOURCES)[number];

// ---- Inventory --------------------------------------------------------------

/** What an item is: the catalogue's categories (labels in messages `inventory.category.*`). */
export const INVENTORY_CATEGORIES = [
  'ont',
  'router',
  'access_point',
  'cable',
  'splitter',
  'connector',
  'adaptor',
  'tool',
  'other',
] as const;
export type InventoryCategory = (typeof INVENTORY_CATEGORIES)[number];

/** The unit an item is counted in: pieces, metres (drop cable), rolls, boxes, packs. */
export const INVENTORY_UNITS = ['pcs', 'm', 'roll', 'box', 'pack'] as const;
export type InventoryUnit = (typeof INVENTORY_UNITS)[number];

/** serial: every unit has its own serial number (and history); bulk: counted by quantity. */
export const INVENTORY_TRACKING = ['serial', 'bulk'] as const;
export type InventoryTracking = (typeof INVENTORY_TRACKING)[number];

/**
 * Where stock is. warehouse / shelf (a shelf sits in a warehouse) / bag (one per technician)
 * hold stock the ISP owns and can use; customer (one per subscription) holds what is installed;
 * faulty (faulty / RMA) and written_off are one per organization.
 */
export const STOCK_LOCATION_KINDS = ['warehouse', 'shelf', 'bag', 'customer', 'faulty', 'written_off'] as const;
export type StockLocationKind = (typeof STOCK_LOCATION_KINDS)[number];
/** Locations whose stock is on hand (counted against minimum stock, valued in stock reports). */
export const ON_HAND_LOCATION_KINDS = ['warehouse', 'shelf', 'bag'] as const satisfies readonly StockLocationKind[];

/**
 * One row of the ledger. receive (a purchase order), import (CSV of existing stock), transfer
 * (between own locations), install (bag -> customer), return (back to a warehouse or bag),
 * swap_in / swap_out (a unit replaced at the customer), faulty, write_off, adjust (stock opname).
 */
export const STOCK_MOVE_KINDS = [
  'receive',
  'import',
  'transfer',
  'install',
  'return',
  'swap_in',
  'swap_out',
  'faulty',
  'write_off',
  'adjust',
] as const;
export type StockMoveKind = (typeof STOCK_MOVE_KINDS)[number];

export const PURCHASE_ORDER_STATUSES = ['draft', 'ordered', 'partial', 'received', 'cancelled'] as const;
export type PurchaseOrderStatus = (typeof PURCHASE_ORDER_STATUSES)[number];

/** counting -> submitted -> approved (adjustments posted) or rejected; cancelled while counting. */
export const STOCK_COUNT_STATUSES = ['counting', 'submitted', 'approved', 'rejected', 'cancelled'] as const;
export type StockCountStatus = (typeof STOCK_COUNT_STATUSES)[number];

// ---- Fibre: OLTs, ONUs, TR-069 ----------------------------------------------

export const OLT_VENDORS = ['zte', 'huawei'] as const;
export type OltVendor = (typeof OLT_VENDORS)[number];

/** How the worker reaches the OLT's command line. */
export const OLT_TRANSPORTS = ['telnet', 'ssh'] as const;
export type OltTransport = (typeof OLT_TRANSPORTS)[number];

export const SNMP_VERSIONS = ['2c', '3'] as const;
export type SnmpVersion = (typeof SNMP_VERSIONS)[number];

export const OLT_STATUSES = ['unknown', 'online', 'offline'] as const;
export type OltStatus = (typeof OLT_STATUSES)[number];

/** An ONU as the OLT reports it (ZTE phase state, Huawei run state + last down cause). */
export const ONU_STATES = ['working', 'los', 'dying_gasp', 'offline', 'unknown'] as const;
export type OnuState = (typeof ONU_STATES)[number];

/** Received optical power against the organization's thresholds (warning −25, critical −27 dBm). */
export const SIGNAL_LEVELS = ['ok', 'warning', 'critical'] as const;
export type SignalLevel = (typeof SIGNAL_LEVELS)[number];

/**
 * An ONU registration template per OLT: the command text with {placeholders} (lib/fibre
 * renders and previews it) and the values that differ per ISP (profiles, VLAN, ONU type).
 */
export type OltTemplate = { commands: string; values: Record<string, string> };

/** TR-069 data model root of a device: InternetGatewayDevice (TR-098) or Device (TR-181). */
export const ACS_DATA_MODELS = ['tr098', 'tr181'] as const;
export type AcsDataModel = (typeof ACS_DATA_MODELS)[number];

export const ACS_TASK_KINDS = ['refresh', 'wifi', 'pppoe', 'reboot', 'factory_reset'] as const;
export type AcsTaskKind = (typeof ACS_TASK_KINDS)[number];

/** sending: job queued; queued: GenieACS answered 202 (waits for the modem's next inform); done; fault; failed (unreachable ACS, refused). */
export const ACS_TASK_STATUSES = ['sending', 'queued', 'done', 'fault', 'failed'] as const;
export type AcsTaskStatus = (typeof ACS_TASK_STATUSES)[number];

/** Zero-touch activation of an installation, in order (lib/fibre/activation). */
export const ACTIVATION_STEPS = [
  'register_onu',
  'check_signal',
  'configure_modem',
  'activate_service',
  'move_stock',
  'send_welcome',
] as const;
export type ActivationStep = (typeof ACTIVATION_STEPS)[number];

export const ACTIVATION_STATUSES = ['running', 'failed', 'done', 'cancelled'] as const;
export type ActivationStatus = (typeof ACTIVATION_STATUSES)[number];

export const ACTIVATION_STEP_STATUSES = ['pending', 'running', 'done', 'failed', 'skipped'] as const;
export type ActivationStepStatus = (typeof ACTIVATION_STEP_STATUSES)[number];

/** One step's record on an activation: what it did (e.g. the reading) or what failed. */
export type ActivationStepRecord = {
  step: ActivationStep;
  status: ActivationStepStatus;
  at: string | null;
  /** An error code (messages `errors.*`) and its values when the step failed. */
  error?: { code: string; values?: Record<string, string | number> } | null;
  detail?: Record<string, string | number | boolean | null> | null;
};

/**
 * What a customer asks staff for from the portal (or WhatsApp): a plan change (with the
 * prorata quote shown when asked), a pause (*cuti*) for some days, a move to a new address,
 * stopping the service. Staff approve or reject; approving carries it out.
 */
export const SERVICE_REQUEST_KINDS = ['plan_change', 'pause', 'move', 'stop'] as const;
export type ServiceRequestKind = (typeof SERVICE_REQUEST_KINDS)[number];

export const SERVICE_REQUEST_STATUSES = ['pending', 'approved', 'rejected', 'cancelled'] as const;
export type ServiceRequestStatus = (typeof SERVICE_REQUEST_STATUSES)[number];

/** Where a customer's request or conversation came in. */
export const CUSTOMER_CHANNELS = ['portal', 'whatsapp'] as const;
export type CustomerChannel = (typeof CUSTOMER_CHANNELS)[number];

/** A WhatsApp conversation in the staff inbox: open until staff close it; a new message reopens it. */
export const CONVERSATION_STATUSES = ['open', 'closed'] as const;
export type ConversationStatus = (typeof CONVERSATION_STATUSES)[number];

/**
 * Who wrote a line of a conversation: the customer (inbound), the assistant (an automatic
 * answer to a command), or a staff member replying from the inbox.
 */
export const CONVERSATION_AUTHORS = ['customer', 'assistant', 'staff'] as const;
export type ConversationAuthor = (typeof CONVERSATION_AUTHORS)[number];

// ---- Router configuration history (lib/network/config-backups) ---------------

/** What asked for a configuration backup: the daily pass or someone on the router page. */
export const ROUTER_CONFIG_TRIGGERS = ['schedule', 'manual'] as const;
export type RouterConfigTrigger = (typeof ROUTER_CONFIG_TRIGGERS)[number];

/** How the last run ended: a new version, the same configuration again, or a failure. */
export const ROUTER_CONFIG_RUN_STATUSES = ['stored', 'unchanged', 'failed'] as const;
export type RouterConfigRunStatus = (typeof ROUTER_CONFIG_RUN_STATUSES)[number];

/**
 * Why a run failed, in words the router page explains (messages `routerConfig.errors.<kind>`):
 * SSH off or wrong port (`refused`), no answer, no route, wrong login, the router's host key
 * is not the one trusted, the router refused `/export`, the connection dropped, an address
 * the platform does not connect to.
 */
export const ROUTER_CONFIG_ERROR_KINDS = [
  'refused',
  'timeout',
  'unreachable',
  'auth',
  'host_key_changed',
  'command',
  'closed',
  'not_allowed',
  'too_large',
  'unknown',
] as const;
export type RouterConfigErrorKind = (typeof ROUTER_CONFIG_ERROR_KINDS)[number];
/**
 * Platform backups (lib/backups). A run is queued, running, then succeeded (every enabled
 * target holds the file), partial (some do), failed (none does); `retrying` between attempts.
 */
export const BACKUP_RUN_STATUSES = ['queued', 'running', 'retrying', 'succeeded', 'partial', 'failed'] as const;
export type BackupRunStatus = (typeof BACKUP_RUN_STATUSES)[number];

/** What started a backup: the daily schedule, *Cadangkan sekarang*, or `npm run backup`. */
export const BACKUP_TRIGGERS = ['schedule', 'manual', 'cli'] as const;
export type BackupTrigger = (typeof BACKUP_TRIGGERS)[number];

/** One run's file on one target: waiting, there, or not (its error says why). */
export const BACKUP_COPY_STATUSES = ['pending', 'stored', 'failed'] as const;
export type BackupCopyStatus = (typeof BACKUP_COPY_STATUSES)[number];

/** Where a run is, for the page's progress line. */
export const BACKUP_STEPS = ['dump', 'files', 'encrypt', 'upload', 'retention'] as const;
export type BackupStep = (typeof BACKUP_STEPS)[number];

/** Kinds of backup target (lib/backups/types.ts BackupStoreKind). */
export const BACKUP_TARGET_KINDS = ['local', 'sftp', 's3'] as const;
export type BackupTargetKind = (typeof BACKUP_TARGET_KINDS)[number];
