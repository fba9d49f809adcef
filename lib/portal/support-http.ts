import 'server-only';
import { getLocale } from 'next-intl/server';
import { toLocale } from '@/lib/i18n/config';
import { payloadTooLarge, readBodyCapped } from '@/lib/server/body';
import { failure } from '@/lib/server/operation';
import type { PortalCtx } from './operation';
import { getPortalCtx } from './request';

/**
 * A portal upload (a transfer slip, a problem's photo): the visitor from the portal cookie,
 * then the body read as a stream and cut at `limit` (413 past it, whatever Content-Length
 * claims), then parsed as a form. Anything else answers what the screen should say.
 */
export async function portalUpload(
  request: Request,
  slug: string,
  limit: number,
): Promise<{ ctx: PortalCtx; form: FormData } | Response> {
  const ctx = await getPortalCtx(slug);
  if (!ctx) {
    await request.body?.cancel().catch(() => {});
    return Response.json(failure(toLocale(await getLocale()), 'unauthenticated'), { status: 401 });
  }
  const bytes = await readBodyCapped(request, limit);
  if (!bytes) return payloadTooLarge();
  try {
    const form = await new Request(request.url, {
      method: 'POST',
      headers: { 'content-type': request.headers.get('content-type') ?? '' },
      body: bytes as Uint8Array<ArrayBuffer>,
    }).formData();
    return { ctx, form };
  } catch {
    return Response.json(failure(ctx.locale, 'validation'), { status: 422 });
  }
}

/** What a form field holds, files kept, text trimmed by the operation's schema. */
export function formFields(form: FormData, names: string[]): Record<string, FormDataEntryValue | undefined> {
  return Object.fromEntries(names.map((n) => [n, form.get(n) ?? undefined]));
}
