/** Shared by schema, logic and client components (no database imports here). */
export const SUBSCRIPTION_STATUSES = ['pending', 'active', 'isolated', 'suspended', 'terminated'] as const;
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number];

export const LEAD_STATUSES = ['new', 'converted', 'rejected'] as const;
export type LeadStatus = (typeof LEAD_STATUSES)[number];

export const SERVICE_TYPES = ['pppoe', 'hotspot', 'static'] as const;
export type ServiceType = (typeof SERVICE_TYPES)[number];

export const BILLING_TYPES = ['prepaid', 'postpaid'] as const;
export type BillingType = (typeof BILLING_TYPES)[number];

/**
 * The subscription lifecycle. pending = waiting for installation; isolated = unpaid, on the
 * restricted profile; suspended = stopped on request or by NOC; terminated = final.
 */
export const TRANSITIONS: Record<SubscriptionStatus, readonly SubscriptionStatus[]> = {
  pending: ['active', 'terminated'],
  active: ['isolated', 'suspended', 'terminated'],
  isolated: ['active', 'suspended', 'terminated'],
  suspended: ['active', 'terminated'],
  terminated: [],
};

export function canTransition(from: SubscriptionStatus, to: SubscriptionStatus) {
  return TRANSITIONS[from].includes(to);
}

export function formatCustomerNumber(n: number) {
  return `C-${String(n).padStart(6, '0')}`;
}

/**
 * Reasons the system writes into a subscription's status history: stored as codes and
 * translated when shown (`historyReasons.<code>`). Staff's own reasons are free text.
 */
export const HISTORY_REASONS = ['imported', 'imported_from_router', 'lead_verified', 'unpaid_invoice', 'paid'] as const;
export type HistoryReason = (typeof HISTORY_REASONS)[number];

// Rows written before the codes existed, in English.
const LEGACY_REASONS: [RegExp, HistoryReason][] = [
  [/^imported from router /, 'imported_from_router'],
  [/^lead verified$/, 'lead_verified'],
  [/^unpaid invoice$/, 'unpaid_invoice'],
];

/** The message key of a stored history reason, or null when it is staff's own text. */
export function historyReasonKey(reason: string | null): string | null {
  if (!reason) return null;
  if ((HISTORY_REASONS as readonly string[]).includes(reason)) return `historyReasons.${reason}`;
  const legacy = LEGACY_REASONS.find(([re]) => re.test(reason));
  return legacy ? `historyReasons.${legacy[1]}` : null;
}
