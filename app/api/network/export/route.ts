import { exportNetworkOp } from '@/lib/infrastructure/map-operations';
import { runAction, toResponse } from '@/lib/server/action';

export const dynamic = 'force-dynamic';

/** Every site, ODP and cable as a download: ?format=geojson (default) or ?format=kml (Google Earth). */
export async function GET(request: Request) {
  const format = new URL(request.url).searchParams.get('format') ?? 'geojson';
  const result = await runAction(exportNetworkOp, { format });
  if (!result.ok) return toResponse(result);
  return new Response(result.data.body, {
    headers: {
      'content-type': result.data.contentType,
      'content-disposition': `attachment; filename="${result.data.filename}"`,
      'cache-control': 'no-store',
      // A KML is XML: never let a browser sniff it into something it renders or runs.
      'x-content-type-options': 'nosniff',
    },
  });
}
