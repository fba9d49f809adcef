/**
 * The one interface every payment gateway module implements. A module knows its gateway's
 * wire format and signatures and nothing about our database: the core (lib/payments)
 * finds the organization and transaction, decrypts the credentials, stores what happened
 * and settles invoices.
 */
import type { GatewayMode, GatewayName, GatewayStatus, PaymentInstructions } from '@/db/enums';

export { GATEWAYS, type GatewayMode, type GatewayName, type GatewayStatus, type PaymentInstructions } from '@/db/enums';

/** What the public invoice page groups methods by. */
export type MethodKind = 'qris' | 'va' | 'ewallet' | 'retail';

export type GatewayMethod = {
  /** The gateway's own code where it has one (Tripay `BRIVA`, DuitKu `BC`), else ours. */
  code: string;
  kind: MethodKind;
  /** Shown as is (brand names need no translation): "BCA Virtual Account", "QRIS". */
  label: string;
};

export type CredentialField = {
  key: string;
  /** Secret fields are encrypted at rest and shown masked; others (merchant code) in clear. */
  secret: boolean;
  /** Message key under `payments.credentials.` for the field's label. */
  labelKey: string;
  /** Not needed to take payments (Midtrans merchant id). */
  optional?: boolean;
};

export type GatewayConfig = {
  mode: GatewayMode;
  /** Decrypted, keyed by `credentialFields[].key`. */
  credentials: Record<string, string>;
  /** The API root for this mode (or the test/override URL from the environment). */
  baseUrl: string;
  /** Per-attempt limit for calls to the gateway; http.ts's default when unset. */
  timeoutMs?: number;
};

export type CreatePaymentInput = {
  /** Our merchant order id: unique across all organizations, [A-Z0-9-], at most 40 chars. */
  orderId: string;
  /** Integer rupiah to charge through the gateway (invoice part + customer-paid fee). */
  amount: number;
  method: string;
  description: string;
  customer: { name: string; email: string | null; phone: string | null };
  /** Lines whose price × quantity add up to `amount` (some gateways require them). */
  items: { name: string; price: number; quantity: number }[];
  callbackUrl: string;
  returnUrl: string;
  expiresAt: Date;
};

export type CreatePaymentResult = {
  /** The gateway's own transaction id/reference. */
  reference: string | null;
  status: GatewayStatus;
  instructions: PaymentInstructions;
  expiresAt: Date | null;
  /** The response body, kept on the transaction (must hold no secret). */
  raw: unknown;
};

export type StatusResult = {
  status: GatewayStatus;
  /** Integer rupiah as the gateway reports it for the order, null if it does not say. */
  amount: number | null;
  currency: string;
  reference: string | null;
  paidAt: Date | null;
  raw: unknown;
};

export type CallbackRequest = {
  rawBody: string;
  headers: Headers;
};

/** A verified callback, normalised. */
export type CallbackVerdict = {
  orderId: string;
  status: GatewayStatus;
  /** Integer rupiah the callback says was paid for the order (fees the gateway added removed). */
  amount: number;
  currency: string;
  reference: string | null;
  paidAt: Date | null;
  /** The gateway's own status word, for the history ("settlement", "PAID", "00"). */
  gatewayStatus: string;
};

/** How a callback failed; the core maps it to the HTTP status and logs it. */
export class CallbackError extends Error {
  constructor(
    public readonly reason: 'malformed' | 'signature',
    message: string,
  ) {
    super(message);
  }
}

/** An outbound call the gateway refused or that did not complete. */
export class GatewayError extends Error {
  constructor(
    public readonly code: 'timeout' | 'unreachable' | 'unauthorized' | 'rejected' | 'bad_response',
    message: string,
    public readonly httpStatus: number | null = null,
    public readonly body: unknown = null,
  ) {
    super(message);
  }
}

export interface PaymentGateway {
  name: GatewayName;
  label: string;
  credentialFields: readonly CredentialField[];
  /** Default API roots; tests and proxies override them through the environment. */
  baseUrls: Record<GatewayMode, string>;
  methods: readonly GatewayMethod[];
  /**
   * Reads the order id from a callback without any secret, so the core can find the
   * organization whose keys verify it. Throws CallbackError('malformed').
   */
  parseCallbackOrderId(req: CallbackRequest): string;
  /** Verifies the signature exactly as the gateway documents it (constant-time) and normalises. */
  handleCallback(config: GatewayConfig, req: CallbackRequest): CallbackVerdict;
  /**
   * The callback's signature does not cover its status, so a captured callback could be
   * replayed with another status: its status is believed only when the gateway's status API
   * says the same. DuitKu signs merchant code, amount and order id (`'paid'`: a captured
   * failed callback must not become paid); Midtrans signs order id, status code and amount
   * (`'all'`: a captured settlement must not become a refund either).
   */
  confirmCallbacks?: 'paid' | 'all';
  /** What the gateway expects back from a callback we accepted (Tripay wants `{"success":true}`). */
  callbackAck(): { status: number; body: unknown };
  createPayment(config: GatewayConfig, input: CreatePaymentInput): Promise<CreatePaymentResult>;
  checkStatus(config: GatewayConfig, tx: { orderId: string; reference: string | null }): Promise<StatusResult>;
  refund?(
    config: GatewayConfig,
    tx: { orderId: string; reference: string | null; amount: number; reason: string },
  ): Promise<{ reference: string | null; raw: unknown }>;
  /**
   * A key that belongs to the other mode (a test key in production would let play money
   * pay real invoices; a live key in sandbox would take real money that pays nothing):
   * the credential field at fault, or null. Only gateways whose keys say their mode.
   */
  keyModeProblem?(mode: GatewayMode, credentials: Record<string, string>): string | null;
  /** Calls the gateway with the keys (read-only) to tell the operator whether they work. */
  validateSettings?(config: GatewayConfig): Promise<{ ok: true; detail: string } | { ok: false; reason: string }>;
}
