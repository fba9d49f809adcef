import { openApiDocument } from '@/lib/api/openapi';

/** The API's OpenAPI 3.1 description, public like the docs page built from it (/api/docs). */
export function GET() {
  return Response.json(openApiDocument(), { headers: { 'cache-control': 'public, max-age=300' } });
}
