/** Small readers for gateway JSON answers, shared by the gateway modules. */
export type Json = Record<string, unknown>;

export const isJson = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A non-empty string field, else undefined. */
export const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** HTTP Basic with the key as user name and an empty password (Midtrans, Xendit). */
export const basicAuth = (key: string) => `Basic ${Buffer.from(`${key}:`).toString('base64')}`;

export const joinUrl = (base: string, path: string) => `${base.replace(/\/+$/, '')}${path}`;
