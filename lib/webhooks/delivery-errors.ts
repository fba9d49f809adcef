/**
 * Why an attempt failed, as a code the log translates (`webhooks.errors.<code>`); never the
 * raw error text (a socket code, a resolver's answer about the platform's network).
 */
export const DELIVERY_ERRORS = [
  'http_status',
  'timeout',
  'unreachable',
  'redirect',
  'too_large',
  'address_refused',
  'endpoint_disabled',
] as const;
export type DeliveryError = (typeof DELIVERY_ERRORS)[number];
