import { NextRequest } from 'next/server';

/**
 * What a public endpoint (payment callbacks, WhatsApp webhooks) reads of a request body at
 * most. Anyone on the internet can call them, so the body is read as a stream and reading
 * stops at the limit: neither a false Content-Length nor a chunked body without one can make
 * the web process hold more than this in memory.
 */
export const PUBLIC_BODY_MAX_BYTES = 256 * 1024;

/** The body's bytes, or null when it is larger than `limit` (answer with `payloadTooLarge()`). */
export async function readBodyCapped(request: Request, limit = PUBLIC_BODY_MAX_BYTES): Promise<Uint8Array | null> {
  const declared = request.headers.get('content-length');
  if (declared !== null && !(Number(declared) <= limit)) {
    await request.body?.cancel().catch(() => {});
    return null;
  }
  return readStreamCapped(request.body, limit);
}

/** A stream's bytes read until `limit` and no further (then null, the stream cancelled). */
export async function readStreamCapped(
  stream: ReadableStream<Uint8Array> | null,
  limit: number,
): Promise<Uint8Array | null> {
  if (!stream) return new Uint8Array(0);
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    body.set(chunk, at);
    at += chunk.byteLength;
  }
  return body;
}

/**
 * For a body that is read by someone else (Next's server actions on public pages): only a
 * declared Content-Length within `limit` may pass; a chunked body, whose size nobody knows
 * before reading it, may not. Browsers always declare the length of a form they post.
 */
export function declaredBodyWithin(headers: Headers, limit = PUBLIC_BODY_MAX_BYTES): boolean {
  const declared = headers.get('content-length');
  if (declared === null) return !headers.has('transfer-encoding');
  return /^\d+$/.test(declared.trim()) && Number(declared) <= limit;
}

export function payloadTooLarge() {
  return Response.json({ error: 'too_large' }, { status: 413 });
}

/** The body as text, decoded as sent (a BOM kept): gateways sign the raw bytes. */
export function bodyText(bytes: Uint8Array) {
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
}

/**
 * A route handler that reads bodies it does not cap itself (next-auth): the body is read
 * capped first (413 when larger), then handed on in a rebuilt request with the same URL,
 * method and headers.
 */
export function withCappedBody<C>(handler: (request: NextRequest, context: C) => Promise<Response>, limit: number) {
  return async (request: Request, context: C): Promise<Response> => {
    const body = await readBodyCapped(request, limit);
    if (!body) return payloadTooLarge();
    const headers = new Headers(request.headers);
    headers.delete('transfer-encoding');
    headers.set('content-length', String(body.byteLength));
    return handler(
      new NextRequest(request.url, {
        method: request.method,
        headers,
        body: body.byteLength ? (body as Uint8Array<ArrayBuffer>) : undefined,
      }),
      context,
    );
  };
}
