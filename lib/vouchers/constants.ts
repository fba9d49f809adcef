/** Shared by schema, logic and client components (no database imports here). */

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
/** As the pages show it: a delivery job that gave up makes the batch `failed` (retry possible). */
export const BATCH_DISPLAY_STATUSES = [...BATCH_STATUSES, 'failed'] as const;
export type BatchDisplayStatus = (typeof BATCH_DISPLAY_STATUSES)[number];

/**
 * unused: never logged in; active: first login seen, validity running; used: time or data
 * quota spent; expired: validity over; disabled: withdrawn by the operator.
 */
export const VOUCHER_STATUSES = ['unused', 'active', 'used', 'expired', 'disabled'] as const;
export type VoucherStatus = (typeof VOUCHER_STATUSES)[number];

export const CODE_LENGTH_MIN = 4;
export const CODE_LENGTH_MAX = 16;
export const BATCH_MAX = 100_000;

/** The comment on a router's hotspot user that marks it as a voucher of one batch. */
export const VOUCHER_COMMENT_PREFIX = 'jaring:';
export const voucherComment = (batchId: string) => `${VOUCHER_COMMENT_PREFIX}${batchId}`;
/** A router entry that a voucher delivery made: customer sync and import leave it alone. */
export const isVoucherEntry = (comment: string | null | undefined) => !!comment?.startsWith(VOUCHER_COMMENT_PREFIX);
