import { AppError } from '@/lib/server/errors';
import { GatewayError } from './types';

/**
 * A gateway call that failed, as the operator should read it: bad keys, no answer, or the
 * gateway's own refusal message (which never holds our secrets).
 */
export function gatewayFailure(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof GatewayError) {
    if (error.code === 'unauthorized') return new AppError('gateway_unauthorized');
    if (error.code === 'timeout' || error.code === 'unreachable')
      return new AppError('gateway_unreachable', { detail: error.message });
    return new AppError('gateway_rejected', { detail: error.message.slice(0, 200) });
  }
  throw error;
}
