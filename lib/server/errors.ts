/** An expected failure, shown to the operator in their language (key under `errors.`). */
export class AppError extends Error {
  constructor(
    public readonly code: ErrorCode,
    public readonly params: Record<string, string | number> = {},
    /** Message keys (`validation.required`) by field, shown next to the fields. */
    public readonly fieldErrors?: Record<string, string>,
  ) {
    super(code);
  }
}

export type ErrorCode =
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'validation'
  | 'email_taken'
  | 'slug_taken'
  | 'already_member'
  | 'invitation_invalid'
  | 'signup_disabled'
  | 'last_admin'
  | 'self_change'
  | 'job_not_retryable'
  | 'organization_suspended'
  | 'plan_name_taken'
  | 'plan_unavailable'
  | 'odp_code_taken'
  | 'infra_code_taken'
  | 'odp_in_use'
  | 'odc_in_use'
  | 'odp_ports_in_use'
  | 'odp_port_taken'
  | 'odp_port_range'
  | 'odp_full'
  | 'lead_not_open'
  | 'no_coverage'
  | 'username_taken'
  | 'invalid_transition'
  | 'search_too_short'
  | 'payment_not_pending'
  | 'router_name_taken'
  | 'router_in_use'
  | 'router_unavailable'
  | 'import_done'
  | 'radius_secret_required'
  | 'nas_address_taken'
  | 'plan_group_reserved'
  | 'payment_not_refundable'
  | 'refund_unsupported'
  | 'gateway_not_configured'
  | 'gateway_unauthorized'
  | 'gateway_unreachable'
  | 'gateway_rejected'
  | 'gateway_no_methods'
  | 'gateway_no_test'
  | 'invoice_not_payable'
  | 'method_unavailable'
  | 'too_many_attempts'
  | 'payment_not_in_review'
  | 'review_amount_unknown'
  | 'payment_unavailable'
  | 'refund_invoice_carried'
  | 'broadcast_state'
  | 'session_transport'
  | 'template_invalid';
