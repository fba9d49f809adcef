import { CallbackError } from '../types';

/** Small readers for gateway JSON answers, shared by the gateway modules. */
export type Json = Record<string, unknown>;

export const isJson = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A non-empty string field, else undefined. */
export const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** HTTP Basic with the key as user name and an empty password (Midtrans, Xendit). */
export const basicAuth = (key: string) => `Basic ${Buffer.from(`${key}:`).toString('base64')}`;

export const joinUrl = (base: string, path: string) => `${base.replace(/\/+$/, '')}${path}`;

/** A callback body that must be a JSON object; anything else is a malformed callback. */
export function callbackJson(rawBody: string, who: string): Json {
  let body: unknown;
  try {
    body = JSON.parse(rawBody);
  } catch {
    throw new CallbackError('malformed', `${who}: body is not JSON`);
  }
  if (!isJson(body)) throw new CallbackError('malformed', `${who}: body is not a JSON object`);
  return body;
}

/** The callback's order id (our merchant order id), read before anything is verified. */
export function callbackOrderId(body: Json, field: string, who: string): string {
  const value = body[field];
  if (typeof value !== 'string' || value === '') throw new CallbackError('malformed', `${who}: ${field} missing`);
  return value;
}
