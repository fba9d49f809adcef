import { PHOTO_MAX_BYTES } from '@/lib/infrastructure/photo-files';
import { readBodyCapped } from '@/lib/server/body';

/** A step is a few hundred bytes of JSON (a note at most 2,000 characters). */
export const FIELD_ACTION_MAX_BYTES = 16 * 1024;

/**
 * An image the phone posts as the raw body (photo or signature), read no further than the
 * photo limit: null when larger (413). Its type is what the phone says; the server checks the
 * bytes themselves before storing.
 */
export async function uploadedImage(request: Request, name: string) {
  const bytes = await readBodyCapped(request, PHOTO_MAX_BYTES);
  if (!bytes) return null;
  const type = (request.headers.get('content-type') ?? 'application/octet-stream').split(';')[0]!.trim();
  return { file: new File([new Uint8Array(bytes)], name, { type }), query: new URL(request.url).searchParams };
}
