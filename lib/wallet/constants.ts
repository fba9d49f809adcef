export {
  TOPUP_CHANNELS,
  TOPUP_STATUSES,
  type TopupChannel,
  type TopupStatus,
  WALLET_ENTRY_KINDS,
  type WalletEntryKind,
} from '@/db/enums';

/** Limits on one top-up, integer rupiah (a gateway refuses less than ~10,000 anyway). */
export const TOPUP_MIN = 10_000;
export const TOPUP_MAX = 100_000_000;

/** Most vouchers one purchase may make (a reseller's stock for a while, not a bench run). */
export const PURCHASE_MAX = 1_000;
