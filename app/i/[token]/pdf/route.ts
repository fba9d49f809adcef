import { getDb } from '@/db/client';
import { cachedInvoicePdf } from '@/lib/billing/pdf';
import { publicInvoice } from '@/lib/billing/public-invoice';
import { env } from '@/lib/env';

/** Public: the invoice PDF behind the unguessable link (no login, no other lookup). */
export async function GET(_request: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const data = await publicInvoice(getDb(), token);
  if (!data) return new Response('Faktur tidak ditemukan', { status: 404 });
  const pdf = await cachedInvoicePdf(env().FILES_DIR, data);
  return new Response(new Uint8Array(pdf), {
    headers: {
      'content-type': 'application/pdf',
      'content-disposition': `inline; filename="${data.invoice.number.replace(/[^\w-]+/g, '-')}.pdf"`,
      'cache-control': 'private, no-store',
    },
  });
}
