import { getDb } from '@/db/client';
import { handleApiRequest } from '@/lib/api/handler';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ path: string[] }> };

/**
 * The REST API (docs/features/api.md): every route of lib/api/resources.ts runs one operation
 * as the bearer key's maker, narrowed to the key's scopes; tests/integration/api.test.ts and
 * api-isolation.test.ts walk the whole table.
 */
async function handle(request: Request, context: Context): Promise<Response> {
  return handleApiRequest(getDb(), request, (await context.params).path);
}

export { handle as DELETE, handle as GET, handle as PATCH, handle as POST, handle as PUT };
