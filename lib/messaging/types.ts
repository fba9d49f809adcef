/**
 * How a WhatsApp message leaves: one interface, three transports. Baileys (the default, a
 * linked device held by the worker), the WhatsApp Cloud API, and an HTTP gateway in the
 * style of Fonnte. Nothing is "sent" unless the transport acknowledged it.
 */
import type { TransportKind } from '@/db/enums';

export { TRANSPORTS, type TransportKind } from '@/db/enums';

export type SendResult = {
  /** The transport's id for the message (receipts refer to it), when it gives one. */
  messageId: string | null;
};

export class TransportError extends Error {
  constructor(
    public readonly code:
      | 'not_connected'
      | 'unauthorized'
      | 'rejected'
      | 'invalid_number'
      | 'timeout'
      | 'unreachable'
      | 'bad_response',
    message: string,
    /** Worth trying again later (or through another session). */
    public readonly retryable: boolean,
  ) {
    super(message);
  }
}

export interface MessageTransport {
  kind: TransportKind;
  /** `to` is normalised 62…; resolves only when the transport acknowledged the message. */
  sendText(to: string, text: string): Promise<SendResult>;
}

/**
 * A tenant's HTTP-gateway address refused (not public): stored as this bare code in the
 * message's and the session's error and shown translated (messaging.*.errors); the address
 * it resolved to goes to the worker's log only.
 */
export const GATEWAY_NOT_PUBLIC = 'gateway_not_public';
