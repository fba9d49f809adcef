/**
 * The HTTP transports (Cloud API, Fonnte-style gateway) built from a session's stored
 * configuration. Baileys lives in the worker, which holds its socket.
 */
import { type MessageTransport, TransportError } from '../types';
import { createCloudApiTransport } from './cloud-api';
import { createHttpGatewayTransport } from './http-gateway';

export type HttpTransportKind = 'cloud_api' | 'http_gateway';

export type TransportConfigField = {
  key: string;
  /** Secret fields are encrypted at rest and shown masked. */
  secret: boolean;
  optional?: boolean;
};

export const TRANSPORT_CONFIG_FIELDS: Record<HttpTransportKind, TransportConfigField[]> = {
  cloud_api: [
    { key: 'phoneNumberId', secret: false },
    { key: 'accessToken', secret: true },
    // Only needed to accept delivery/read receipts on the webhook (signature, subscription check).
    { key: 'appSecret', secret: true, optional: true },
    { key: 'verifyToken', secret: true, optional: true },
  ],
  http_gateway: [
    { key: 'url', secret: false, optional: true },
    { key: 'token', secret: true },
  ],
};

/**
 * `config` is decrypted and keyed as TRANSPORT_CONFIG_FIELDS. `opts.baseUrl` points the
 * transport elsewhere (a stand-in in tests): the Graph API root for cloud_api, the full
 * send URL for http_gateway. A missing required field fails like a refused credential, so
 * the queue marks the message failed and tries the next session instead of retrying.
 */
export function createHttpTransport(
  kind: HttpTransportKind,
  config: Record<string, string>,
  opts: { baseUrl?: string; timeoutMs?: number; allowPrivate?: boolean } = {},
): MessageTransport {
  for (const field of TRANSPORT_CONFIG_FIELDS[kind]) {
    if (!field.optional && !config[field.key])
      throw new TransportError('unauthorized', `${kind}: ${field.key} is not set`, false);
  }
  if (kind === 'cloud_api') {
    return createCloudApiTransport({
      baseUrl: opts.baseUrl,
      phoneNumberId: config.phoneNumberId,
      accessToken: config.accessToken,
      timeoutMs: opts.timeoutMs,
    });
  }
  return createHttpGatewayTransport({
    url: opts.baseUrl ?? config.url,
    token: config.token,
    timeoutMs: opts.timeoutMs,
    allowPrivate: opts.allowPrivate,
  });
}
