/** What moved a reseller's wallet. Credits: topup, commission, refund; debits: purchase; adjustment either way. */
export const WALLET_ENTRY_KINDS = ['topup', 'purchase', 'commission', 'adjustment', 'refund'] as const;
export type WalletEntryKind = (typeof WALLET_ENTRY_KINDS)[number];

/** How a top-up arrives: a transfer finance checks by hand, or a payment gateway. */
export const TOPUP_CHANNELS = ['manual', 'gateway'] as const;
export type TopupChannel = (typeof TOPUP_CHANNELS)[number];

export const TOPUP_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type TopupStatus = (typeof TOPUP_STATUSES)[number];

/** Limits on one top-up, integer rupiah (a gateway refuses less than ~10,000 anyway). */
export const TOPUP_MIN = 10_000;
export const TOPUP_MAX = 100_000_000;

/** Most vouchers one purchase may make (a reseller's stock for a while, not a bench run). */
export const PURCHASE_MAX = 1_000;
