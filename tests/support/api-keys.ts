import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { apiKeys } from '@/db/schema';
import * as apiKeyOps from '@/lib/api/key-operations';
import { insertApiKey } from '@/lib/api/keys';
import { recordApiCall } from '@/lib/api/metering';
import type { Result } from '@/lib/server/operation';

type Run = (op: never, input: unknown) => Promise<Result<unknown>>;
type Sides = { db: Database; run: Run; a: { orgId: string; userId: string }; b: { orgId: string; userId: string } };

/** An organization's API key named after it, with one call in its log. */
export async function makeApiKeyWorld(db: Database, orgId: string, userId: string, label: string) {
  const { key, token } = await insertApiKey(db, {
    orgId,
    name: `Kunci ${label}`,
    scopes: ['customers.view'],
    createdBy: userId,
    makerRole: 'admin',
  });
  await recordApiCall(db, {
    orgId,
    apiKeyId: key.id,
    method: 'GET',
    path: `/api/v1/customers?label=${label}`,
    operation: 'customers.list',
    status: 200,
    durationMs: 12,
    ip: '198.51.100.1',
  });
  return { key, token };
}

/** B's key: A's admin neither sees it, revokes it, nor reads its calls; A's new key is A's. */
export function apiKeyIsolationCases(sides: () => Sides): Record<string, () => Promise<void>> {
  let world: ReturnType<typeof makeApiKeyWorld> | undefined;
  const bWorld = () => (world ??= makeApiKeyWorld(sides().db, sides().b.orgId, sides().b.userId, 'B-only'));
  const run = (op: unknown, input: unknown) => sides().run(op as never, input);
  const notFound = (r: Result<unknown>) => {
    assert.equal(r.ok, false);
    assert.equal(!r.ok && r.code, 'not_found');
  };
  const bKeys = async () =>
    sides().db.select().from(apiKeys).where(eq(apiKeys.organizationId, sides().b.orgId)).orderBy(apiKeys.id);
  return {
    'apiKeys.list': async () => {
      const b = await bWorld();
      const r = await run(apiKeyOps.listApiKeysOp, {});
      assert.ok(r.ok);
      const text = JSON.stringify(r.data);
      assert.ok(!text.includes('B-only') && !text.includes(b.key.prefix) && !text.includes(b.key.id));
    },
    'apiKeys.create': async () => {
      await bWorld();
      const before = await bKeys();
      const r = await run(apiKeyOps.createApiKeyOp, { name: 'Kunci A', scopes: ['customers.view'] });
      assert.ok(r.ok);
      assert.deepEqual(await bKeys(), before);
      const [made] = await sides()
        .db.select()
        .from(apiKeys)
        .where(eq(apiKeys.id, (r.data as { id: string }).id));
      assert.equal(made!.organizationId, sides().a.orgId);
    },
    'apiKeys.revoke': async () => {
      const b = await bWorld();
      notFound(await run(apiKeyOps.revokeApiKeyOp, { apiKeyId: b.key.id }));
      const [after] = await sides().db.select().from(apiKeys).where(eq(apiKeys.id, b.key.id));
      assert.equal(after!.revokedAt, null);
    },
    'apiKeys.calls': async () => {
      const b = await bWorld();
      notFound(await run(apiKeyOps.apiKeyCallsOp, { apiKeyId: b.key.id }));
    },
  };
}

/** Inputs every role tries (only admins and super admins hold api.manage). */
export async function apiKeyMatrixInputs(
  db: Database,
  orgId: string,
  userId: string,
): Promise<Record<string, unknown>> {
  const { key } = await makeApiKeyWorld(db, orgId, userId, 'M');
  return {
    'apiKeys.list': {},
    'apiKeys.create': { name: 'Kunci matriks', scopes: ['customers.view'] },
    'apiKeys.revoke': { apiKeyId: key.id },
    'apiKeys.calls': { apiKeyId: key.id, status: '2xx' },
  };
}
