import { getDb } from '@/db/client';
import { portalManifest } from '@/lib/portal/manifest';
import { portalOrgBySlug } from '@/lib/portal/orgs';

/** The installable portal: one web app manifest per organization (name, colour, icons). */
export async function GET(_req: Request, { params }: { params: Promise<{ slug: string }> }) {
  const org = await portalOrgBySlug(getDb(), (await params).slug);
  if (!org) return Response.json({ ok: false, code: 'not_found' }, { status: 404 });
  return new Response(JSON.stringify(portalManifest(org)), {
    headers: { 'content-type': 'application/manifest+json', 'cache-control': 'public, max-age=300' },
  });
}
