import { GatewayError } from '@/lib/payments/types';
import { TransportError } from '../types';

/**
 * A send that got no answer from an HTTP transport: retryable, though a timeout may mean the
 * message was taken and the answer lost; a retry can then send it twice, which we prefer to
 * dropping an invoice notice.
 */
export function noAnswerError(error: unknown, what: string): TransportError {
  if (error instanceof GatewayError && (error.code === 'timeout' || error.code === 'unreachable')) {
    return new TransportError(error.code, `${what}: ${error.message}`, true);
  }
  return new TransportError('bad_response', `${what}: ${(error as Error)?.message ?? String(error)}`, true);
}
