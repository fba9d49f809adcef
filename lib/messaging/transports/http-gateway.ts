/**
 * An HTTP WhatsApp gateway in the style of Fonnte (https://docs.fonnte.com/api-send-message/):
 * the gateway holds a linked device, we POST a form with the device token as the bare
 * `Authorization` header (no "Bearer"). It answers `{status: true, id: ["…"], detail,
 * process, target}` once the message is in its queue, and `{status: false, reason}` when
 * it refuses. Its documentation shows refusals as bodies, not HTTP statuses, so apart
 * from 401/403, 429 and 5xx (a proxy or an outage in front of it) the body decides.
 */
import { type GatewayResponse, gatewayRequest } from '@/lib/payments/http';
import {
  InvalidAddressError,
  NotPublicAddressError,
  type Resolver,
  resolvePublicUrl,
} from '@/lib/server/public-address';
import { GATEWAY_NOT_PUBLIC, type MessageTransport, TransportError } from '../types';
import { noAnswerError } from './errors';

export const FONNTE_SEND_URL = 'https://api.fonnte.com/send';

export type HttpGatewayConfig = {
  url?: string;
  token: string;
  timeoutMs?: number;
  /** Allow a gateway on a private address (the ISP's LAN; tests). Off: such a URL is refused. */
  allowPrivate?: boolean;
  /** For tests: a resolver standing in for DNS. */
  resolve?: Resolver;
};

type Answer = { status?: unknown; id?: unknown; reason?: unknown; detail?: unknown };

export function createHttpGatewayTransport(config: HttpGatewayConfig): MessageTransport {
  const url = config.url || FONNTE_SEND_URL;
  return {
    kind: 'http_gateway',
    async sendText(to, text) {
      let res: GatewayResponse;
      // The URL is the tenant's: resolved and checked before each send, and the request goes
      // to the address that was checked (a name that resolves elsewhere the second time, DNS
      // rebinding, does not get a second lookup).
      const connectTo = config.allowPrivate
        ? undefined
        : await resolvePublicUrl(url, { resolve: config.resolve }).catch((error: Error) => {
            // The tenant sees only that it is refused (the session's last error): what its name
            // resolves to would map the platform's internal DNS. The operator's log has it.
            if (!(error instanceof NotPublicAddressError || error instanceof InvalidAddressError)) throw error;
            console.warn(`[whatsapp] HTTP gateway address refused: ${error.message}`);
            throw new TransportError('unauthorized', GATEWAY_NOT_PUBLIC, false);
          });
      try {
        // Not idempotent: the gateway has no idempotency key, so one attempt only. countryCode
        // 62 only rewrites a leading 0; our numbers already start with 62.
        res = await gatewayRequest({
          method: 'POST',
          url,
          headers: { authorization: config.token },
          form: { target: to, message: text, countryCode: '62' },
          idempotent: false,
          timeoutMs: config.timeoutMs,
          connectTo: connectTo && { address: connectTo.address, family: connectTo.family },
        });
      } catch (error) {
        throw noAnswerError(error, 'WhatsApp gateway');
      }
      const body = (typeof res.body === 'object' && res.body !== null ? res.body : {}) as Answer;
      if (res.status >= 200 && res.status < 300 && body.status === true) {
        const id = Array.isArray(body.id) ? body.id[0] : body.id;
        if ((typeof id === 'string' && id) || typeof id === 'number') return { messageId: String(id) };
        throw new TransportError(
          'bad_response',
          `WhatsApp gateway accepted the message without an id (${res.text.slice(0, 200)})`,
          true,
        );
      }
      throw gatewayRefusal(res, body);
    },
  };
}

/**
 * Fonnte's documented refusals: "token invalid", "target invalid", "input invalid",
 * "insufficient quota", and a device that is not connected (it refuses rather than queues
 * unless connectOnly=false). Quota and device problems are worth another session.
 */
function gatewayRefusal(res: GatewayResponse, body: Answer): TransportError {
  const reason =
    [body.reason, body.detail].find((s): s is string => typeof s === 'string' && s !== '') ?? res.text.slice(0, 200);
  const message = `WhatsApp gateway HTTP ${res.status}: ${reason || 'no reason given'}`;
  if (res.status === 401 || res.status === 403) return new TransportError('unauthorized', message, false);
  if (res.status === 429 || res.status >= 500) return new TransportError('rejected', message, true);
  if (body.status !== false) {
    // Neither an acknowledgement nor a refusal: a proxy's page, a changed API.
    return res.status >= 200 && res.status < 300
      ? new TransportError('bad_response', message, true)
      : new TransportError('rejected', message, false);
  }
  // "invalid device" is how Fonnte's device endpoints name a wrong token.
  if (/token|invalid device|unauthori[sz]ed/i.test(reason)) return new TransportError('unauthorized', message, false);
  if (/target|not registered|number/i.test(reason)) return new TransportError('invalid_number', message, false);
  // The gateway's phone is offline or its quota is used up: this session cannot send now,
  // the next one by priority should (the dispatcher sets it aside for a while).
  if (/disconnect|device|quota/i.test(reason)) return new TransportError('not_connected', message, true);
  if (/limit|too many|try again|later/i.test(reason)) return new TransportError('rejected', message, true);
  return new TransportError('rejected', message, false);
}
