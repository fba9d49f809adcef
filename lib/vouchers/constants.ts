/** Shared by schema, logic and client components (no database imports here). */
import { BATCH_STATUSES } from '@/db/enums';

export {
  BATCH_STATUSES,
  type BatchStatus,
  PASSWORD_MODES,
  type PasswordMode,
  VOUCHER_CHARSETS,
  VOUCHER_DELIVERIES,
  VOUCHER_STATUSES,
  type VoucherCharset,
  type VoucherDelivery,
  type VoucherStatus,
} from '@/db/enums';

/** As the pages show it: a delivery job that gave up makes the batch `failed` (retry possible). */
export const BATCH_DISPLAY_STATUSES = [...BATCH_STATUSES, 'failed'] as const;
export type BatchDisplayStatus = (typeof BATCH_DISPLAY_STATUSES)[number];

export const CODE_LENGTH_MIN = 4;
export const CODE_LENGTH_MAX = 16;
export const BATCH_MAX = 100_000;
