import { getDb } from '@/db/client';
import { portalOrgBySlug } from '@/lib/portal/orgs';
import { readOrgFile, uploadedFileHeaders } from '@/lib/server/files';

/**
 * The organization's logo for its portal (header and the installed app's icon): public like
 * the portal's sign-in page and the invoice page that show it too. 404 when there is none.
 */
export async function GET(_req: Request, { params }: { params: Promise<{ slug: string }> }) {
  const org = await portalOrgBySlug(getDb(), (await params).slug);
  const file = org?.logoPath ? await readOrgFile(org.logoPath) : null;
  if (!file) return Response.json({ ok: false, code: 'not_found' }, { status: 404 });
  const headers = uploadedFileHeaders(file, 'logo');
  if (!headers['content-type']?.startsWith('image/'))
    return Response.json({ ok: false, code: 'not_found' }, { status: 404 });
  return new Response(new Uint8Array(file), { headers: { ...headers, 'cache-control': 'public, max-age=3600' } });
}
