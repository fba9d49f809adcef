import type { GatewayName } from '@/lib/payments/types';

/** A callback exactly as the gateway would send it to /api/payments/<gateway>/callback. */
export type FakeCallback = { headers: Record<string, string>; body: string };

/**
 * A gateway stand-in on loopback: an HTTP server that answers the API calls the module
 * makes as the gateway's documentation shows (auth checked, signatures checked, errors in
 * the gateway's own shape), keeps the transactions it created, and builds the callbacks
 * the gateway would send for them.
 */
export interface GatewayFake {
  name: GatewayName;
  /** The API root to put in GatewayConfig.baseUrl (http://127.0.0.1:<port>[/prefix]). */
  url: string;
  /** Credentials the fake accepts, keyed as the module's credentialFields. */
  credentials: Record<string, string>;
  /** Transactions created through the fake, by our order id. */
  orders: Map<
    string,
    { reference: string; amount: number; method: string; status: string; raw: Record<string, unknown> }
  >;
  /**
   * The callback for an order the fake knows: `paid`, `expired` or `failed`. `amount`
   * overrides the amount in the body (signed consistently, as a real gateway would sign a
   * different amount); `forge` signs with a wrong key.
   */
  callback(
    orderId: string,
    outcome: 'paid' | 'expired' | 'failed',
    opts?: { amount?: number; forge?: boolean; currency?: string },
  ): FakeCallback;
  /** The callback for an order id the fake never created, correctly signed. */
  callbackForUnknown(orderId: string, amount: number): FakeCallback;
  /** A callback whose body does not parse (bad JSON / missing fields for form bodies). */
  malformed(): FakeCallback;
  /** Marks an order paid/expired on the fake's side so checkStatus reports it. */
  setStatus(orderId: string, outcome: 'paid' | 'expired' | 'failed' | 'refunded'): void;
  /** Requests the fake received: method, path, headers, body text. */
  requests: { method: string; path: string; headers: Record<string, string | string[] | undefined>; body: string }[];
  close(): Promise<void>;
}
