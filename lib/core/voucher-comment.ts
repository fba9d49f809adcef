/** The comment on a router's hotspot user that marks it as a voucher of one batch. */
export const VOUCHER_COMMENT_PREFIX = 'jaring:';
export const voucherComment = (batchId: string) => `${VOUCHER_COMMENT_PREFIX}${batchId}`;
/** A router entry that a voucher delivery made: customer sync and import leave it alone. */
export const isVoucherEntry = (comment: string | null | undefined) => !!comment?.startsWith(VOUCHER_COMMENT_PREFIX);
