/** Shared by schema, logic and client components (no database imports here). */
import type { SubscriptionStatus } from '@/db/enums';

export {
  BILLING_TYPES,
  type BillingType,
  LEAD_STATUSES,
  type LeadStatus,
  SERVICE_TYPES,
  type ServiceType,
  SUBSCRIPTION_STATUSES,
  type SubscriptionStatus,
} from '@/db/enums';

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

export { formatCustomerNumber } from '@/lib/core/customer-number';

/**
 * Reasons the system writes into a subscription's status history: stored as codes and
 * translated when shown (`historyReasons.<code>`). Staff's own reasons are free text.
 */
export const HISTORY_REASONS = [
  'imported',
  'imported_from_router',
  'lead_verified',
  'unpaid_invoice',
  'paid',
  'installed',
] as const;
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
